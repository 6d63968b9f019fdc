using DasOps.TestLab;
using System.Diagnostics;
using System.Security.Cryptography;

namespace DasOps.NodeEmulator.Tests.Sp;

/// <summary>
/// A throw-away MariaDB (the machine's own mariadbd 10.11, the server the lab runs) on 127.0.0.120:3306 with its data
/// in a temp directory, for the managers' RDBMS coordination. It is private to this test class, so it neither needs nor
/// touches the lab (no namespaces, no lab lock). Root administers it over its socket with the mariadb client, and the
/// managers connect as a password user over TCP, as on a lab host.
/// </summary>
public sealed class PrivateMariaDb : IDisposable
{
    public const string Host = "127.0.0.120";
    public const string Database = "spcluster";
    public const string User = "sp";
    private readonly string _dir;

    public PrivateMariaDb()
    {
        _dir = Path.Combine(Path.GetTempPath(), "dasops-emulator-tests", "mariadb-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        Directory.CreateDirectory(Path.Combine(_dir, "tmp"));
        Run("chown", "-R", "mysql:mysql", _dir);
        Run("mariadb-install-db", "--no-defaults", "--user=mysql", "--datadir=" + Path.Combine(_dir, "data"),
            "--auth-root-authentication-method=socket", "--skip-test-db");
        var psi = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "/usr/sbin/mariadbd", "--no-defaults", "--user=mysql", "--datadir=" + Path.Combine(_dir, "data"),
                     "--tmpdir=" + Path.Combine(_dir, "tmp"), "--socket=" + Socket, "--pid-file=" + Path.Combine(_dir, "mysqld.pid"),
                     "--bind-address=" + Host, "--port=3306", "--skip-name-resolve", "--log-error=" + Path.Combine(_dir, "err.log") })
            psi.ArgumentList.Add(arg);
        using (Process.Start(psi)!)
        {
            // mariadbd does not daemonize; it runs on in its own session until Dispose shuts it down
        }
        LabNode.Wait(() => File.Exists(Socket) && TryAdmin("SELECT 1"), TimeSpan.FromSeconds(60), "private mariadbd did not come up; see " + _dir);
        Password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        Admin($"CREATE DATABASE {Database}; CREATE USER '{User}'@'%' IDENTIFIED BY '{Password}'; GRANT ALL ON {Database}.* TO '{User}'@'%';");
    }

    public string Password { get; }

    public string JdbcUrl => $"jdbc:mysql://{Host}:3306/{Database}?useSSL=false";

    private string Socket => Path.Combine(_dir, "mysqld.sock");

    /// <summary>Root runs SQL over the socket (qualify tables with the database); returns the tab-separated rows.</summary>
    public string Admin(string sql)
    {
        var (code, output) = Exec("mariadb", "--no-defaults", "--socket=" + Socket, "--batch", "--skip-column-names", "-e", sql);
        Assert.True(code == 0, $"mariadb -e failed: {output}");
        return output;
    }

    private bool TryAdmin(string sql) => Exec("mariadb", "--no-defaults", "--socket=" + Socket, "-e", sql).ExitCode == 0;

    private static void Run(string file, params string[] args)
    {
        var (code, output) = Exec(file, args);
        Assert.True(code == 0, $"{file} failed: {output}");
    }

    private static (int ExitCode, string Output) Exec(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file);
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);
        var result = ProgramRun.Run(psi);
        return (result.ExitCode, result.Output);
    }

    public void Dispose()
    {
        TryAdmin("SHUTDOWN");
        var pidFile = Path.Combine(_dir, "mysqld.pid");
        LabNode.Wait(() => !File.Exists(pidFile), TimeSpan.FromSeconds(30), "private mariadbd did not shut down");
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // kept for inspection; the emulator tests prune old temp homes
        }
    }
}

/// <summary>A fact that needs the machine's MariaDB server binaries and root (to run mariadbd as mysql); skipped, saying why, otherwise.</summary>
public sealed class MariaDbFactAttribute : FactAttribute
{
    public MariaDbFactAttribute()
    {
        if (!File.Exists("/usr/sbin/mariadbd") || !File.Exists("/usr/bin/mariadb-install-db"))
            Skip = "no MariaDB server on this machine (/usr/sbin/mariadbd, mariadb-install-db): the RDBMS coordination tests need one";
        else if (Environment.UserName != "root")
            Skip = "the private MariaDB runs mariadbd as the mysql user, which needs root";
    }
}

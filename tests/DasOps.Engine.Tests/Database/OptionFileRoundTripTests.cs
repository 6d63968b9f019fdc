using System.Diagnostics;
using System.IO;
using DasOps.Engine.Database;
using Xunit;

namespace DasOps.Engine.Tests.Database;

/// <summary>
/// The option file read back by the MariaDB client's own parser (my_print_defaults, from mariadb-client, which
/// tests/install-deps.sh installs): every hostile password comes back exactly.
/// </summary>
public class OptionFileRoundTripTests
{
    [Theory]
    [InlineData("a\" #c")]
    [InlineData("ab\"")]
    [InlineData("\\\"")]
    [InlineData("<&\"'$;]]>")]
    [InlineData("x\\ny")]
    [InlineData(" lead and trail ")]
    public void The_client_reads_back_exactly_the_password_written(string password)
    {
        var file = Path.Combine(Path.GetTempPath(), "dasops-cnf-" + System.Guid.NewGuid().ToString("N") + ".cnf");
        try
        {
            File.WriteAllText(file, MysqlOptionFile.Client("db", 3306, "root", password));
            var start = new ProcessStartInfo("my_print_defaults") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("--defaults-extra-file=" + file);
            start.ArgumentList.Add("client");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("--password=" + password + "\n", output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

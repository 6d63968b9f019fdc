using System.Text.RegularExpressions;

namespace DasOps.NodeEmulator.Tests.Sp;

/// <summary>
/// A throw-away SP 4.4.0 home copied from tests/fixtures/sp-4.4.0 (the stock launchers and deployment.yaml files),
/// with the emulator installed by install-into-home.sh. Edits are plain text edits of the stock lines, as an operator
/// would make them, so every comment and every other key of the stock file stays as shipped.
/// </summary>
internal sealed class SpHome
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "dasops-emulator-tests");

    public SpHome(string name)
    {
        Directory.CreateDirectory(Root);
        Dir = Path.Combine(Root, $"sp-{name}-{Guid.NewGuid():N}"[..(name.Length + 12)]);
        var fixture = FixtureDir();
        foreach (var dir in Directory.GetDirectories(fixture, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(Dir, Path.GetRelativePath(fixture, dir)));
        foreach (var file in Directory.GetFiles(fixture, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Dir, Path.GetRelativePath(fixture, file));
            System.IO.File.Copy(file, target, overwrite: true);
        }
    }

    public string Dir { get; }

    public string File(string relative) => Path.Combine(Dir, relative);

    public string Yaml(string runtime) => File($"conf/{runtime}/deployment.yaml");

    /// <summary>Runs the installer the lab uses, with the emulator build output as DASOPS_EMULATOR_DIR.</summary>
    public string Install() => EmulatorInstaller.Install(Dir);

    /// <summary>Replaces the one line matching <paramref name="pattern"/> (multiline regex); fails when it matches none.</summary>
    public void Replace(string runtime, string pattern, string replacement, int count = 1)
    {
        var text = System.IO.File.ReadAllText(Yaml(runtime));
        var regex = new Regex(pattern, RegexOptions.Multiline);
        Assert.True(regex.IsMatch(text), $"{pattern} not found in conf/{runtime}/deployment.yaml");
        System.IO.File.WriteAllText(Yaml(runtime), regex.Replace(text, replacement, count));
    }

    public void Append(string runtime, string yaml) => System.IO.File.AppendAllText(Yaml(runtime), yaml);

    /// <summary>A unique wso2.carbon id and every listener on this node's own address (stock: wso2-sp, 0.0.0.0).</summary>
    public void Identify(string runtime, string id, string host)
    {
        Replace(runtime, "^  id: wso2-sp$", $"  id: {id}");
        Replace(runtime, "host: \"0\\.0\\.0\\.0\"", $"host: \"{host}\"", -1);
    }

    /// <summary>A manager advertising its own address, with the lab's short heartbeats.</summary>
    public void ConfigureManager(string id, string host, int minResourceCount = 1, int heartbeatInterval = 500)
    {
        Identify("manager", id, host);
        Replace("manager", "^    host: localhost$", $"    host: {host}");
        Replace("manager", "^  heartbeatInterval: 2000$", $"  heartbeatInterval: {heartbeatInterval}");
        Replace("manager", "^  minResourceCount: 1$", $"  minResourceCount: {minResourceCount}");
    }

    /// <summary>A worker's distributed deployment.config, shaped like the stock commented sample.</summary>
    public void ConfigureWorker(string id, string host, string httpsInterfaceHost, bool receiver, params string[] managers)
    {
        Identify("worker", id, host);
        Append("worker", "deployment.config:\n  type: distributed\n" +
                         $"  isReceiverNode: {(receiver ? "true" : "false")}\n" +
                         $"  httpsInterface: {{host: {httpsInterfaceHost}, port: 9443, username: admin, password: admin}}\n" +
                         "  leaderRetryInterval: 500\n  resourceManagers:\n" +
                         string.Concat(managers.Select(m => $"    - {{host: {m}, port: 9543, username: admin, password: admin}}\n")));
    }

    /// <summary>cluster.config enabled: true (the stock line is the first after "cluster.config:").</summary>
    public void EnableClustering() => Replace("manager", "^cluster\\.config:\\n  enabled: false$", "cluster.config:\n  enabled: true");

    private static string FixtureDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "sp-4.4.0");
            if (System.IO.File.Exists(Path.Combine(candidate, "conf", "manager", "deployment.yaml")))
                return candidate;
        }
        throw new InvalidOperationException("tests/fixtures/sp-4.4.0 not found above " + AppContext.BaseDirectory);
    }
}

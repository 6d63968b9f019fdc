namespace DasOps.NodeEmulator;

/// <summary>
/// Entry point, run in the foreground by the lab launcher (bin/wso2server.sh) as "dotnet DasOps.NodeEmulator.dll [args]".
/// CARBON_HOME comes from the environment (the launcher exports it), else -Dcarbon.home, else the working directory.
/// Exit codes: 0 after a SIGTERM shutdown, 1 when the node refuses its configuration.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var props = SystemProperties.Parse(args);
        var home = Environment.GetEnvironmentVariable("CARBON_HOME") is { Length: > 0 } env
            ? env
            : props.Get("carbon.home") ?? Directory.GetCurrentDirectory();
        return new Node(Path.GetFullPath(home), props).Run();
    }
}

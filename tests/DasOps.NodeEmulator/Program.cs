using DasOps.NodeEmulator.Sp;
using DasOps.NodeEmulator.Sp.Tools;

namespace DasOps.NodeEmulator;

/// <summary>
/// Entry point, run in the foreground by the lab launcher as "dotnet DasOps.NodeEmulator.dll [args]": DAS's
/// bin/wso2server.sh, or SP's wso2/&lt;runtime&gt;/bin/carbon.sh, which passes -Dwso2.runtime and -Dwso2.runtime.path.
/// CARBON_HOME comes from the environment (the launcher exports it), else -Dcarbon.home, else the working directory.
/// Exit codes: 0 after a SIGTERM shutdown, 1 when the node refuses its configuration.
/// The lab's JDK 1.8 stand-in runs it as "... -Dwso2.carbon.tool=X org.wso2.carbon.tools.CarbonToolExecutor args":
/// the -D flags before the main class pick the Carbon tool, the arguments after it are the tool's.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var tool = Array.IndexOf(args, CarbonToolExecutor.MainClass);
        if (tool >= 0)
            return CarbonToolExecutor.Run(SystemProperties.Parse(args[..tool]), args[(tool + 1)..]);
        var props = SystemProperties.Parse(args);
        var home = Environment.GetEnvironmentVariable("CARBON_HOME") is { Length: > 0 } env
            ? env
            : props.Get("carbon.home") ?? Directory.GetCurrentDirectory();
        home = Path.GetFullPath(home);
        if (props.Get("wso2.runtime") is { Length: > 0 } runtime)
            return new SpNode(home, runtime, Path.GetFullPath(props.Get("wso2.runtime.path") ?? Path.Combine(home, "wso2", runtime))).Run();
        return new Node(home, props).Run();
    }
}

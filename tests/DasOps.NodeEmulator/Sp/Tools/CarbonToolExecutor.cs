namespace DasOps.NodeEmulator.Sp.Tools;

/// <summary>
/// org.wso2.carbon.tools.CarbonToolExecutor, as the lab's JDK 1.8 stand-in (jdk1.8.0-emulated/bin/java) runs it:
/// the tool named by -Dwso2.carbon.tool gets the program arguments. Only "jar-to-bundle-converter" is emulated; like
/// the real executor, an unknown or missing tool name does nothing. An exception the tool does not catch ends the
/// JVM with "Exception in thread "main" ..." on stderr and exit code 1; otherwise the exit code is 0.
/// </summary>
internal static class CarbonToolExecutor
{
    public const string MainClass = "org.wso2.carbon.tools.CarbonToolExecutor";

    public static int Run(SystemProperties props, IReadOnlyList<string> toolArgs)
    {
        var stderr = Console.Error;
        try
        {
            if (props.Get("wso2.carbon.tool") == "jar-to-bundle-converter")
                new JarToBundleTool(new JulConsole(stderr)).Execute(toolArgs);
            return 0;
        }
        catch (UncaughtByTool e)
        {
            stderr.Write("Exception in thread \"main\" " + e.PrintedStackTrace());
            stderr.Flush();
            return 1;
        }
    }
}

using System.Text;

namespace DasOps.NodeEmulator.Sp.Tools;

/// <summary>
/// A Java exception the emulated tool raises, printed the way Throwable.printStackTrace prints it: "class: message",
/// then one "\tat" line per frame. The frames name the tool's methods without line numbers (the emulator does not know
/// them), which is how the JVM prints a frame of a class compiled without line numbers.
/// </summary>
internal class JavaThrowable(string javaClass, string message, params string[] frames) : Exception(message)
{
    public string JavaClass { get; } = javaClass;

    public string PrintedStackTrace()
    {
        var text = new StringBuilder().Append(JavaClass).Append(": ").Append(Message).Append('\n');
        foreach (var frame in frames.Concat(ToolFrames.Executor))
            text.Append("\tat ").Append(frame).Append('\n');
        return text.ToString();
    }
}

/// <summary>
/// What BundleGeneratorTool.execute catches and logs at SEVERE (CarbonToolException, IOException); the run goes on
/// to exit 0, as the Java tool does.
/// </summary>
internal sealed class CaughtByTool(string javaClass, string message, params string[] frames)
    : JavaThrowable(javaClass, message, frames)
{
    public static CaughtByTool CarbonTool(string message, string frame) =>
        new("org.wso2.carbon.tools.exception.CarbonToolException", message, frame, ToolFrames.Execute);

    public static CaughtByTool Io(string message, string frame) =>
        new("java.io.IOException", message, frame, ToolFrames.Execute);
}

/// <summary>
/// An unchecked exception or error nothing in the tool catches: the JVM prints "Exception in thread "main" ..." and
/// exits 1 (e.g. JDK 8 zipfs's ZipError for a file that is not a zip).
/// </summary>
internal sealed class UncaughtByTool(string javaClass, string message, params string[] frames)
    : JavaThrowable(javaClass, message, frames);

/// <summary>The Carbon tool frames below the converter, outermost last.</summary>
internal static class ToolFrames
{
    public const string ConvertFromJarToBundle = "org.wso2.carbon.tools.converter.utils.BundleGeneratorUtils.convertFromJarToBundle(BundleGeneratorUtils.java)";
    public const string ListPackages = "org.wso2.carbon.tools.converter.utils.BundleGeneratorUtils.listPackages(BundleGeneratorUtils.java)";
    public const string CreateBundle = "org.wso2.carbon.tools.converter.utils.BundleGeneratorUtils.createBundle(BundleGeneratorUtils.java)";
    public const string Execute = "org.wso2.carbon.tools.converter.BundleGeneratorTool.execute(BundleGeneratorTool.java)";

    public static readonly string[] Executor =
    [
        "org.wso2.carbon.tools.CarbonToolExecutor.executeTool(CarbonToolExecutor.java)",
        "org.wso2.carbon.tools.CarbonToolExecutor.lambda$main$0(CarbonToolExecutor.java)",
        "java.util.Optional.ifPresent(Optional.java:159)",
        "org.wso2.carbon.tools.CarbonToolExecutor.main(CarbonToolExecutor.java)",
    ];
}

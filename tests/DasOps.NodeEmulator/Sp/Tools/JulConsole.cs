using System.Globalization;
using System.Text;

namespace DasOps.NodeEmulator.Sp.Tools;

/// <summary>
/// java.util.logging as the Carbon tools leave it: the root ConsoleHandler on stderr at INFO, with SimpleFormatter's
/// default format "%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp %2$s%n%4$s: %5$s%6$s%n", where %2$s is "class method"
/// and %6$s is a newline plus the throwable's stack trace. FINE and lower never reach the console, so they are not emulated.
/// </summary>
internal sealed class JulConsole(TextWriter stderr)
{
    public void Info(string source, string message) => Write(source, "INFO", message, null);

    public void Warning(string source, string message) => Write(source, "WARNING", message, null);

    public void Severe(string source, string message, JavaThrowable thrown) => Write(source, "SEVERE", message, thrown);

    private void Write(string source, string level, string message, JavaThrowable? thrown)
    {
        var time = DateTime.Now.ToString("MMM dd, yyyy h:mm:ss tt", CultureInfo.InvariantCulture);
        var record = new StringBuilder().Append(time).Append(' ').Append(source).Append('\n')
            .Append(level).Append(": ").Append(message);
        if (thrown != null)
            record.Append('\n').Append(thrown.PrintedStackTrace());
        record.Append('\n');
        stderr.Write(record.ToString());
        stderr.Flush();
    }
}

using System.Globalization;
using System.Text;

namespace DasOps.NodeEmulator;

/// <summary>
/// Appends to $CARBON_HOME/repository/logs/wso2carbon.log in the DAS log4j file pattern
/// <c>TID: [%T] [%S] [%d] %P%5p {%c} - %x %m {%c}%n</c> (tenant -1234, empty %S/%P/%x), one flush per line
/// so that tail-based probes see lines at once. Also echoes the console pattern to stdout, which the
/// launcher discards in start mode exactly like the real script.
/// </summary>
internal sealed class CarbonLog : IDisposable
{
    private readonly object _gate = new();
    private readonly StreamWriter _file;

    public CarbonLog(string carbonHome)
    {
        var dir = Path.Combine(carbonHome, "repository", "logs");
        Directory.CreateDirectory(dir);
        var stream = new FileStream(Path.Combine(dir, "wso2carbon.log"), FileMode.Append, FileAccess.Write,
            FileShare.ReadWrite | FileShare.Delete);
        _file = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
    }

    public void Info(string logger, string message) => Write("INFO", logger, message, null);

    public void Warn(string logger, string message) => Write("WARN", logger, message, null);

    /// <param name="throwable">Optional stack-trace-like text that log4j prints on the following lines.</param>
    public void Error(string logger, string message, string? throwable = null) => Write("ERROR", logger, message, throwable);

    private void Write(string level, string logger, string message, string? throwable)
    {
        var ts = DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture);
        // %5p right-aligns the level, so INFO/WARN get two spaces after "]" and ERROR one.
        var fileLine = $"TID: [-1234] [] [{ts}] {level,5} {{{logger}}} -  {message} {{{logger}}}";
        var consoleLine = $"[{ts}] {level,5} {{{logger}}} -  {message}";
        lock (_gate)
        {
            try
            {
                _file.WriteLine(fileLine);
                if (throwable != null)
                    _file.WriteLine(throwable);
                Console.Out.WriteLine(consoleLine);
                if (throwable != null)
                    Console.Out.WriteLine(throwable);
            }
            catch (IOException)
            {
                // A full disk or closed stdout must not take the node down; a real log4j appender is lenient too.
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
            _file.Dispose();
    }
}

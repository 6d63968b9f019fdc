using System.Globalization;
using System.Text;

namespace DasOps.NodeEmulator.Sp;

/// <summary>
/// Appends to &lt;SP_HOME&gt;/wso2/&lt;runtime&gt;/logs/carbon.log in the stock log4j2 pattern <c>[%d] %5p {%c} - %m%ex%n</c>
/// (%d is log4j2's default yyyy-MM-dd HH:mm:ss,SSS), one flush per line so that probes tailing it see lines at once.
/// The console appender uses the same pattern; the launcher discards stdout in start mode as the real one does.
/// </summary>
internal sealed class SpLog : IDisposable
{
    private readonly object _gate = new();
    private readonly StreamWriter _file;

    public SpLog(string runtimeHome)
    {
        var dir = Path.Combine(runtimeHome, "logs");
        Directory.CreateDirectory(dir);
        var stream = new FileStream(Path.Combine(dir, "carbon.log"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _file = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
    }

    public void Info(string logger, string message) => Write("INFO", logger, message, null);

    public void Warn(string logger, string message) => Write("WARN", logger, message, null);

    public void Error(string logger, string message, string? throwable = null) => Write("ERROR", logger, message, throwable);

    private void Write(string level, string logger, string message, string? throwable)
    {
        var ts = DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture);
        var line = $"[{ts}] {level,5} {{{logger}}} - {message}";
        lock (_gate)
        {
            try
            {
                _file.WriteLine(line);
                if (throwable != null)
                    _file.WriteLine(throwable);
                Console.Out.WriteLine(line);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // a full disk, a closed stdout or a late line after shutdown must not take the node down
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
            _file.Dispose();
    }
}

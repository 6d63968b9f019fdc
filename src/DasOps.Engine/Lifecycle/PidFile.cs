using System.Globalization;
using System.Text;

namespace DasOps.Engine.Lifecycle;

/// <summary>
/// wso2carbon.pid as the JVM writes it: the pid, a newline, then NUL padding to 100 bytes. Nothing removes it on
/// shutdown, so a pid from the file proves nothing until the process is checked.
/// </summary>
public static class PidFile
{
    public const string RelativePath = "wso2carbon.pid";

    public static int? Parse(byte[] content)
    {
        var text = Encoding.ASCII.GetString(content).Trim('\0', ' ', '\n', '\r', '\t');
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : (int?)null;
    }
}

using System.Text;

namespace DasOps.NodeEmulator;

/// <summary>
/// Writes $CARBON_HOME/wso2carbon.pid the way kernel Main.writePID does: the output of "echo $PPID"
/// read into a byte[100] and written whole, i.e. digits, "\n", NUL padding to exactly 100 bytes.
/// Nothing deletes it on shutdown, so a stale file stays, as on a real node.
/// </summary>
internal static class PidFile
{
    public const int Size = 100;

    public static void Write(string carbonHome, int pid)
    {
        var bytes = new byte[Size];
        var digits = Encoding.ASCII.GetBytes(pid.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
        Array.Copy(digits, bytes, Math.Min(digits.Length, Size));
        File.WriteAllBytes(Path.Combine(carbonHome, "wso2carbon.pid"), bytes);
    }
}

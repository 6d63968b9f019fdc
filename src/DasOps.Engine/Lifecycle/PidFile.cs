using System.Globalization;
using System.Text;

namespace DasOps.Engine.Lifecycle;

/// <summary>
/// A pid file as the products write it: the pid, then maybe a newline and NUL padding (DAS's wso2carbon.pid is padded
/// to 100 bytes). Where it lives is the product's (<see cref="Products.IProductLauncher.PidFileOf"/>). Nothing removes
/// it on shutdown, so a pid from the file proves nothing until the process is checked.
/// </summary>
public static class PidFile
{
    public static int? Parse(byte[] content)
    {
        var text = Encoding.ASCII.GetString(content).Trim('\0', ' ', '\n', '\r', '\t');
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : (int?)null;
    }
}

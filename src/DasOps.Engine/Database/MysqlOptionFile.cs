using System.Globalization;
using System.Text;

namespace DasOps.Engine.Database;

/// <summary>
/// A [client] option file for --defaults-extra-file: the only place a password reaches the mysql client.
/// Values are double-quoted, with backslashes and double quotes escaped, which the option-file parser turns back:
/// an unescaped quote ends the value early when a '#' follows it (a" #c would be read as a).
/// </summary>
public static class MysqlOptionFile
{
    public static string Client(string host, int port, string user, string password)
    {
        var sb = new StringBuilder();
        sb.Append("[client]\n");
        sb.Append("host=").Append(Quote(host)).Append('\n');
        sb.Append("port=").Append(port.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("protocol=TCP\n");
        sb.Append("user=").Append(Quote(user)).Append('\n');
        sb.Append("password=").Append(Quote(password)).Append('\n');
        return sb.ToString();
    }

    private static string Quote(string value)
    {
        if (value.IndexOf('\n') >= 0 || value.IndexOf('\r') >= 0)
            throw new System.ArgumentException("an option-file value cannot span lines.", nameof(value));
        return "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}

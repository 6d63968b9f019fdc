using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DasOps.Engine.Remote;

/// <summary>POSIX shell quoting: ssh hands the remote shell one string, so every argument is quoted on its way.</summary>
public static class ShellQuoting
{
    public static string Quote(string value)
    {
        if (value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || "@%+=:,./_-".IndexOf(c) >= 0)) return value;
        return "'" + value.Replace("'", "'\\''") + "'";
    }

    public static string Join(IEnumerable<string> arguments)
    {
        var sb = new StringBuilder();
        foreach (var argument in arguments)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(Quote(argument));
        }
        return sb.ToString();
    }
}

using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace DasOps.Engine.Remote;

/// <summary>
/// Puts an argument vector on a ProcessStartInfo without ever building a shell string. .NET Core has
/// ProcessStartInfo.ArgumentList (netstandard2.0 does not expose it, so it is reached by reflection);
/// on .NET Framework the vector is escaped with the rules CommandLineToArgvW parses back.
/// </summary>
internal static class ProcessArguments
{
    private static readonly PropertyInfo? ArgumentList = typeof(ProcessStartInfo).GetProperty("ArgumentList");

    public static void Set(ProcessStartInfo psi, IEnumerable<string> arguments)
    {
        if (ArgumentList?.GetValue(psi) is Collection<string> list)
        {
            foreach (var argument in arguments) list.Add(argument);
            return;
        }
        var sb = new StringBuilder();
        foreach (var argument in arguments)
        {
            if (sb.Length > 0) sb.Append(' ');
            AppendEscaped(sb, argument);
        }
        psi.Arguments = sb.ToString();
    }

    private static void AppendEscaped(StringBuilder sb, string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '\n', '\v', '"' }) < 0)
        {
            sb.Append(argument);
            return;
        }
        sb.Append('"');
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\') { backslashes++; continue; }
            if (c == '"') { sb.Append('\\', backslashes * 2 + 1).Append('"'); }
            else { sb.Append('\\', backslashes).Append(c); }
            backslashes = 0;
        }
        sb.Append('\\', backslashes * 2).Append('"');
    }
}

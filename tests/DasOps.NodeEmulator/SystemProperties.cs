namespace DasOps.NodeEmulator;

/// <summary>
/// Program arguments of the form -Dk=v (or -Dk, meaning true) become "system properties", as
/// Main.processCmdLineArgs does in the Carbon kernel. Later arguments win, so the launcher can pass
/// its NODE_PARAMS first and the user's -D flags after them. Anything else is ignored, like Bootstrap does.
/// </summary>
internal sealed class SystemProperties
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static SystemProperties Parse(IEnumerable<string> args)
    {
        var props = new SystemProperties();
        foreach (var arg in args)
        {
            if (!arg.StartsWith("-D", StringComparison.Ordinal) || arg.Length <= 2)
                continue;
            var body = arg[2..];
            var eq = body.IndexOf('=');
            if (eq == 0)
                continue;
            if (eq < 0)
                props._values[body] = "true";
            else
                props._values[body[..eq]] = body[(eq + 1)..];
        }
        return props;
    }

    public string? Get(string key) => _values.TryGetValue(key, out var v) ? v : null;

    /// <summary>Java Boolean.parseBoolean semantics: only "true" (any case) is true.</summary>
    public bool IsTrue(string key) => Get(key) is { } v && v.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
}

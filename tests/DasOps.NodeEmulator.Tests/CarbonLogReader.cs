namespace DasOps.NodeEmulator.Tests;

/// <summary>
/// A runtime's carbon log as the tests read it (a DAS node's wso2carbon.log, an SP runtime's carbon.log): opened for
/// shared reading, since the emulator is still writing it, and readable from a mark on, so a test looks only at the
/// lines its own action caused.
/// </summary>
internal sealed class CarbonLogReader
{
    private readonly string _shownAs;

    /// <param name="path">The log file; it may not exist yet.</param>
    /// <param name="shownAs">How a wait that times out names this log, e.g. "log of 127.0.0.11".</param>
    public CarbonLogReader(string path, string shownAs)
    {
        Path = path;
        _shownAs = shownAs;
    }

    public string Path { get; }

    /// <summary>The whole log so far; empty before the runtime wrote its first line.</summary>
    public string Text()
    {
        if (!File.Exists(Path))
            return "";
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Current log length, to look only at lines written after this point.</summary>
    public int Mark() => Text().Length;

    /// <summary>What was written after the mark; the whole log if it shrank below the mark (started afresh).</summary>
    public string Since(int mark)
    {
        var log = Text();
        return mark <= log.Length ? log[mark..] : log;
    }

    public void WaitFor(string text, TimeSpan timeout, int since = 0) =>
        LabNode.Wait(() => Since(since).Contains(text, StringComparison.Ordinal), timeout,
            $"{_shownAs} never showed: {text}\n--- log ---\n{Since(since)}");
}

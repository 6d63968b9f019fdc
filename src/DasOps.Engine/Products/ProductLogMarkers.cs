using System.Text.RegularExpressions;

namespace DasOps.Engine.Products;

/// <summary>The log lines lifecycle interprets for any product; each product fills them with its own text.</summary>
public sealed class ProductLogMarkers
{
    public ProductLogMarkers(string bootLine, Regex started, Regex error, string grepPattern)
    {
        BootLine = bootLine;
        Started = started;
        Error = error;
        GrepPattern = grepPattern;
    }

    /// <summary>The first line of every boot; what follows belongs to the current run.</summary>
    public string BootLine { get; }

    /// <summary>The line written once the server is up.</summary>
    public Regex Started { get; }

    public Regex Error { get; }

    /// <summary>An extended regular expression for grep -E: the lines worth fetching from a node's log.</summary>
    public string GrepPattern { get; }
}

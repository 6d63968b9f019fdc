using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DasOps.Engine.Diagnostics;

namespace DasOps.Cli.Commands;

/// <summary>
/// One line per node. On a terminal the lines are redrawn in place as nodes move along; otherwise (a pipe, a log)
/// a plain line is printed as each node finishes. Warnings go to stderr. --what-if answers every ShouldProcess no.
/// </summary>
internal sealed class ConsoleProgress : IOperationReporter
{
    private readonly TextWriter _out;
    private readonly TextWriter _error;
    private readonly bool _redraw;
    private readonly bool _whatIf;
    private readonly List<string> _nodes;
    private readonly Dictionary<string, string> _status = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    private readonly int _width;
    private readonly object _gate = new object();
    private bool _drawn;

    public ConsoleProgress(IEnumerable<string> nodes, bool whatIf, bool quiet = false)
    {
        _out = Console.Out;
        _error = Console.Error;
        _nodes = nodes.ToList();
        _width = _nodes.Count == 0 ? 0 : _nodes.Max(n => n.Length);
        _whatIf = whatIf;
        Quiet = quiet;
        _redraw = !quiet && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";
    }

    /// <summary>Print nothing per node (plan prints its own report).</summary>
    public bool Quiet { get; }

    public void Progress(string activity, string status, int percent) { }

    public void NodeProgress(string node, string status, int percent, bool completed = false)
    {
        if (Quiet) return;
        lock (_gate)
        {
            _status[node] = status;
            if (_redraw) Redraw();
            else if (completed) _out.WriteLine(Line(node));
        }
    }

    public void Verbose(string message) { }

    public void Warning(string message)
    {
        lock (_gate) _error.WriteLine("warning: " + message);
    }

    public bool ShouldProcess(string target, string action) => !_whatIf;

    private string Line(string node) => $"{node.PadRight(_width)}  {(_status.TryGetValue(node, out var s) ? s : "waiting")}";

    private void Redraw()
    {
        if (_drawn) _out.Write($"\u001b[{_nodes.Count}A");
        foreach (var node in _nodes)
        {
            var line = Line(node);
            var columns = Math.Max(20, SafeWindowWidth() - 1);
            _out.Write("\r\u001b[2K" + (line.Length > columns ? line.Substring(0, columns) : line) + "\n");
        }
        _out.Flush();
        _drawn = true;
    }

    private static int SafeWindowWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 120;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}

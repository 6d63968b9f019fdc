using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace DasOps.Engine.Lifecycle;

/// <summary>One probe of a node: its process, log lines since an offset, listening ports and symlink, as read in one round trip.</summary>
public sealed class NodeRuntime
{
    private static readonly Regex MembersBlock = new Regex(@"Members \[(?<count>\d+)\] \{");

    public NodeRuntime(int? pid, bool alive, long logSize, IReadOnlyList<string> lines, IReadOnlyCollection<int> listening, string? symlinkTarget, string? home)
    {
        Pid = pid;
        Alive = alive;
        LogSize = logSize;
        Lines = lines;
        Listening = listening;
        SymlinkTarget = symlinkTarget;
        Home = home;
    }

    public int? Pid { get; }

    /// <summary>
    /// The pid file's process exists, is not a zombie, and is this home's server (its command line carries
    /// -Dcarbon.home=HOME): the pid file outlives the server and its pid may be reused by anything.
    /// </summary>
    public bool Alive { get; }

    public long LogSize { get; }

    /// <summary>Log lines DasOps interprets, from the requested offset (or from the last boot when read whole).</summary>
    public IReadOnlyList<string> Lines { get; }

    public IReadOnlyCollection<int> Listening { get; }
    public string? SymlinkTarget { get; }
    public string? Home { get; }

    /// <summary>The lines of the current (newest) boot: from the last "Starting WSO2 Carbon...".</summary>
    public IReadOnlyList<string> CurrentBoot
    {
        get
        {
            var last = -1;
            for (var i = 0; i < Lines.Count; i++) if (Lines[i].Contains(LogMarkers.BootLine)) last = i;
            return last < 0 ? Lines : Lines.Skip(last).ToList();
        }
    }

    public bool Started => CurrentBoot.Any(l => LogMarkers.Started.IsMatch(l));

    /// <summary>Active, Passive, Backup, or null when this boot has not taken a CEP HA role.</summary>
    public string? CepState
    {
        get
        {
            string? state = null;
            foreach (var line in CurrentBoot)
            {
                if (LogMarkers.CepActive.IsMatch(line)) state = "Active";
                else if (LogMarkers.CepPassive.IsMatch(line)) state = "Passive";
                else if (LogMarkers.CepBackup.IsMatch(line)) state = "Backup";
            }
            return state;
        }
    }

    /// <summary>Hazelcast's newest "Members [N]" count in this boot.</summary>
    public int? MemberCount
    {
        get
        {
            int? count = null;
            foreach (var line in CurrentBoot)
            {
                var m = MembersBlock.Match(line);
                if (m.Success) count = int.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture);
            }
            return count;
        }
    }

    public IReadOnlyList<string> Errors => CurrentBoot.Where(l => LogMarkers.Error.IsMatch(l)).ToList();

    /// <summary>Parses the probe script's sections.</summary>
    public static NodeRuntime Parse(string output)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("@@", StringComparison.Ordinal)) { sections[line.Substring(2)] = current = new List<string>(); continue; }
            current?.Add(line);
        }
        List<string> Section(string name) => sections.TryGetValue(name, out var s) ? s.Where(l => l.Length > 0).ToList() : new List<string>();
        if (!sections.ContainsKey("end")) throw new FormatException("the node probe did not finish; its output was cut short.");

        var pidText = Section("pid").FirstOrDefault();
        int? pid = int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : (int?)null;
        long.TryParse(Section("logsize").FirstOrDefault()?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size);
        var listening = new HashSet<int>();
        foreach (var address in Section("listen"))
        {
            var colon = address.LastIndexOf(':');
            if (colon > 0 && int.TryParse(address.Substring(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port)) listening.Add(port);
        }
        return new NodeRuntime(pid, Section("alive").FirstOrDefault() == "yes", size, Section("log"), listening,
            Section("link").FirstOrDefault(), Section("home").FirstOrDefault());
    }
}

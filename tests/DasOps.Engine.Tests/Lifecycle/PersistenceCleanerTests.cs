using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Publishing;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;
using DasOps.Engine.Tests.Publishing;
using Xunit;

namespace DasOps.Engine.Tests.Lifecycle;

/// <summary>
/// Which CEP snapshots go (the decision, on listings), and the clean-up end to end: on real directories through the
/// local shell, and against a scripted shell that shows exactly which commands reach a node.
/// </summary>
public sealed class PersistenceCleanerTests : IDisposable
{
    private const string Root = "/srv/das/cep_persistence";

    private readonly string _dir = Directory.CreateTempSubdirectory("dasops-persist").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static (string, long) F(string relative, long size = 10) => (Root + "/" + relative, size);

    private static IEnumerable<string> Names(IEnumerable<PersistenceFile> files) => files.Select(f => f.Path.Substring(Root.Length + 1)).OrderBy(p => p, StringComparer.Ordinal);

    // ---- the decision -------------------------------------------------------------------------------------------

    [Fact]
    public void Keeps_the_two_newest_snapshots_of_a_plan_and_deletes_the_rest()
    {
        var s = PersistenceCleaner.Select(Root, new[]
        {
            F("-1234/Plan/1493101044948_Plan"), F("-1234/Plan/1493101944948_Plan"), F("-1234/Plan/1493100144948_Plan"),
            F("-1234/Plan/1493102844948_Plan"), F("-1234/Plan/1493099244948_Plan"),
        });
        Assert.Equal(new[] { "-1234/Plan/1493101944948_Plan", "-1234/Plan/1493102844948_Plan" }, Names(s.Keep));
        Assert.Equal(new[] { "-1234/Plan/1493099244948_Plan", "-1234/Plan/1493100144948_Plan", "-1234/Plan/1493101044948_Plan" }, Names(s.Delete));
        Assert.Empty(s.Ignored);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Fewer_than_three_snapshots_of_a_plan_are_all_kept(int count)
    {
        var files = Enumerable.Range(1, count).Select(i => F($"-1234/P/{i}00_P")).ToList();
        var s = PersistenceCleaner.Select(Root, files);
        Assert.Equal(count, s.Keep.Count);
        Assert.Empty(s.Delete);
    }

    [Fact]
    public void Three_snapshots_lose_exactly_the_oldest()
    {
        var s = PersistenceCleaner.Select(Root, new[] { F("-1234/P/300_P"), F("-1234/P/100_P"), F("-1234/P/200_P") });
        Assert.Equal(new[] { "-1234/P/100_P" }, Names(s.Delete));
    }

    [Fact]
    public void Timestamps_compare_as_numbers_not_as_text()
    {
        // As text "999" > "1000" and "99999999999999999999" (beyond a long) < "2"; as numbers neither is.
        var s = PersistenceCleaner.Select(Root, new[] { F("-1234/P/999_P"), F("-1234/P/1000_P"), F("-1234/P/99999999999999999999_P"), F("-1234/P/2_P") });
        Assert.Equal(new[] { "-1234/P/1000_P", "-1234/P/99999999999999999999_P" }, Names(s.Keep));
        Assert.Equal(new[] { "-1234/P/2_P", "-1234/P/999_P" }, Names(s.Delete));
    }

    [Fact]
    public void A_tie_at_the_boundary_keeps_every_file_as_new_as_the_second_newest()
    {
        var s = PersistenceCleaner.Select(Root, new[] { F("-1234/P/300_P"), F("-1234/P/200_P"), F("-1234/P/0200_P"), F("-1234/P/100_P") });
        Assert.Equal(new[] { "-1234/P/0200_P", "-1234/P/200_P", "-1234/P/300_P" }, Names(s.Keep));
        Assert.Equal(new[] { "-1234/P/100_P" }, Names(s.Delete));
    }

    [Fact]
    public void A_tie_for_the_newest_keeps_the_tied_files_and_deletes_what_is_older()
    {
        var s = PersistenceCleaner.Select(Root, new[] { F("-1234/P/300_P"), F("-1234/P/0300_P"), F("-1234/P/00300_P"), F("-1234/P/200_P") });
        Assert.Equal(new[] { "-1234/P/00300_P", "-1234/P/0300_P", "-1234/P/300_P" }, Names(s.Keep));
        Assert.Equal(new[] { "-1234/P/200_P" }, Names(s.Delete));
    }

    [Fact]
    public void Names_that_are_not_TIMESTAMP_underscore_PLAN_are_ignored_however_old()
    {
        var odd = new[]
        {
            "-1234/P/abc_P", "-1234/P/12a_P", "-1234/P/_P", "-1234/P/123P", "-1234/P/123_", "-1234/P/-5_P", "-1234/P/ 5_P",
            "-1234/P/5_Other", "-1234/P/5_P.bak", "-1234/P/5_p", "-1234/P/5_P\n", "-1234/P/٣_P", "-1234/P/README",
        };
        var s = PersistenceCleaner.Select(Root, odd.Select(o => F(o)).Concat(new[] { F("-1234/P/900_P"), F("-1234/P/800_P"), F("-1234/P/700_P") }));
        Assert.Equal(odd.Select(o => Root + "/" + o).OrderBy(p => p, StringComparer.Ordinal), s.Ignored.OrderBy(p => p, StringComparer.Ordinal));
        Assert.Equal(new[] { "-1234/P/700_P" }, Names(s.Delete));
    }

    [Fact]
    public void Plans_with_underscores_and_digits_in_their_names_match_their_own_directory()
    {
        var s = PersistenceCleaner.Select(Root, new[]
        {
            F("-1234/My_Plan_2/1_My_Plan_2"), F("-1234/My_Plan_2/2_My_Plan_2"), F("-1234/My_Plan_2/3_My_Plan_2"),
            F("-1234/12_x/5_12_x"), F("-1234/12_x/6_12_x"), F("-1234/12_x/7_12_x"),
        });
        Assert.Equal(new[] { "-1234/12_x/5_12_x", "-1234/My_Plan_2/1_My_Plan_2" }, Names(s.Delete));
    }

    [Fact]
    public void Every_plan_of_every_tenant_is_decided_on_its_own()
    {
        var s = PersistenceCleaner.Select(Root, new[]
        {
            // Same plan name in two tenants: two groups.
            F("-1234/Alerts/1_Alerts"), F("-1234/Alerts/2_Alerts"), F("-1234/Alerts/3_Alerts"),
            F("1/Alerts/4_Alerts"), F("1/Alerts/5_Alerts"),
            // Another plan with only old files: its own two newest stay.
            F("-1234/Stats/10_Stats"), F("-1234/Stats/20_Stats"), F("-1234/Stats/30_Stats"), F("-1234/Stats/40_Stats"),
            F("7/Stats/1_Stats"),
        });
        Assert.Equal(new[] { "-1234/Alerts/1_Alerts", "-1234/Stats/10_Stats", "-1234/Stats/20_Stats" }, Names(s.Delete));
        Assert.Equal(7, s.Keep.Count);
        var alerts = s.Delete.Single(f => f.Plan == "Alerts");
        Assert.Equal(("-1234", "Alerts", "1"), (alerts.Tenant, alerts.Plan, alerts.Timestamp));
    }

    [Theory]
    [InlineData("/srv/das/cep_persistence/-1234/1_P")]                    // too shallow
    [InlineData("/srv/das/cep_persistence/-1234/P/x/1_P")]                // too deep
    [InlineData("/srv/das/cep_persistence/-1234/../P/1_P")]               // climbs out
    [InlineData("/srv/das/cep_persistence/./P/1_P")]
    [InlineData("/srv/das/cep_persistence/-1234//1_")]
    [InlineData("/srv/das/cep_persistence2/-1234/P/1_P")]                 // a sibling that shares the prefix
    [InlineData("/srv/other/-1234/P/1_P")]
    [InlineData("cep_persistence/-1234/P/1_P")]
    public void Paths_that_are_not_three_plain_segments_under_the_root_are_never_selected(string path)
    {
        var files = new[] { (path, 1L), F("-1234/P/7_P"), F("-1234/P/8_P"), F("-1234/P/9_P") };
        var s = PersistenceCleaner.Select(Root, files);
        Assert.Contains(path, s.Ignored);
        Assert.DoesNotContain(s.Delete, f => f.Path == path);
        Assert.DoesNotContain(s.Keep, f => f.Path == path);
    }

    [Fact]
    public void A_path_that_was_not_valid_utf8_is_ignored()
    {
        var listing = Bytes("10\t" + Root + "/-1234/P/1_P\0", "10\t" + Root + "/-1234/P/2_P\0", "10\t" + Root + "/-1234/P/3_P\0");
        var bad = Encoding.UTF8.GetBytes("10\t" + Root + "/-1234/P/0_P").Concat(new byte[] { 0xFF, 0xFE, 0 }).ToArray();
        var parsed = PersistenceCleaner.ParseListing(listing.Concat(bad).ToArray());
        Assert.Equal(4, parsed.Count);
        var s = PersistenceCleaner.Select(Root, parsed);
        Assert.Single(s.Ignored);
        Assert.Equal(new[] { "-1234/P/1_P" }, Names(s.Delete));
    }

    [Fact]
    public void The_listing_parser_keeps_tabs_newlines_and_quotes_in_names_and_reads_sizes()
    {
        var parsed = PersistenceCleaner.ParseListing(Bytes("123\t/r/a/b/1_b\0", "0\t/r/a b/c\td/2_c\td\0", "7\t/r/x/y\n'$(z)'/3_y\n'$(z)'\0", "junk-without-tab\0"));
        Assert.Equal(new[] { ("/r/a/b/1_b", 123L), ("/r/a b/c\td/2_c\td", 0L), ("/r/x/y\n'$(z)'/3_y\n'$(z)'", 7L) }, parsed);
    }

    [Theory]
    [InlineData("1", "2", -1)]
    [InlineData("10", "9", 1)]
    [InlineData("007", "7", 0)]
    [InlineData("000", "0", 0)]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567891", -1)]
    public void Timestamps_compare_by_value(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(PersistenceCleaner.TimestampComparer.Instance.Compare(a, b)));

    [Fact]
    public void The_root_is_the_home_s_cep_persistence()
    {
        var spec = Spec(("n1", "/opt/wso2das/"), ("n2", "/"));
        Assert.Equal("/opt/wso2das/cep_persistence", PersistenceCleaner.RootOf(spec, spec.Nodes[0]));
        Assert.Equal("/cep_persistence", PersistenceCleaner.RootOf(spec, spec.Nodes[1]));
    }

    // ---- end to end on real directories -------------------------------------------------------------------------

    [Fact]
    public async Task Deletes_old_snapshots_on_disk_and_reports_per_node()
    {
        var home = Path.Combine(_dir, "n1 'quoted' $HOME;x");
        var p = Path.Combine(home, "cep_persistence");
        Write(p, "-1234/Alerts/100_Alerts", 5); Write(p, "-1234/Alerts/200_Alerts", 6); Write(p, "-1234/Alerts/300_Alerts", 7); Write(p, "-1234/Alerts/400_Alerts", 8);
        Write(p, "-1234/Odd Name\n-x/1_Odd Name\n-x", 11); Write(p, "-1234/Odd Name\n-x/2_Odd Name\n-x", 12); Write(p, "-1234/Odd Name\n-x/3_Odd Name\n-x", 13);
        Write(p, "1/Alerts/1_Alerts", 1);
        Write(p, "-1234/Alerts/notes.txt", 99);
        Write(p, "-1234/Alerts/0_Other", 99);
        var emptyHome = Path.Combine(_dir, "n2");
        Directory.CreateDirectory(emptyHome);
        var spec = Spec(("n1", home), ("n2", emptyHome));
        var reporter = new RecordingReporter();

        var results = await new PersistenceCleaner(spec, n => new LocalShell(n.Name), reporter).ClearAsync(spec.Nodes, CancellationToken.None);

        var n1 = results.Single(r => r.Node == "n1");
        Assert.Equal(PersistenceStatus.Cleaned, n1.Status);
        Assert.Equal(new[] { "-1234/Alerts/100_Alerts", "-1234/Alerts/200_Alerts", "-1234/Odd Name\n-x/1_Odd Name\n-x" },
            n1.Deleted.Select(f => f.Path.Substring(p.Length + 1)).OrderBy(x => x, StringComparer.Ordinal));
        Assert.Equal(5 + 6 + 11, n1.BytesFreed);
        Assert.Equal(5, n1.Kept);
        Assert.Equal(2, n1.Ignored);
        Assert.False(File.Exists(Path.Combine(p, "-1234/Alerts/100_Alerts")));
        Assert.False(File.Exists(Path.Combine(p, "-1234/Odd Name\n-x/1_Odd Name\n-x")));
        foreach (var kept in new[] { "-1234/Alerts/300_Alerts", "-1234/Alerts/400_Alerts", "-1234/Odd Name\n-x/3_Odd Name\n-x", "1/Alerts/1_Alerts", "-1234/Alerts/notes.txt", "-1234/Alerts/0_Other" })
            Assert.True(File.Exists(Path.Combine(p, kept)), kept);

        var n2 = results.Single(r => r.Node == "n2");
        Assert.Equal(PersistenceStatus.Unchanged, n2.Status);
        Assert.Equal(0, n2.Kept);

        Assert.Contains(reporter.Messages, m => m.StartsWith("should-process n1: delete 3 CEP snapshot file(s) (22 bytes) under " + p, StringComparison.Ordinal));
        Assert.DoesNotContain(reporter.Messages, m => m.StartsWith("should-process n2", StringComparison.Ordinal));
        Assert.Contains("node n1: deleted 3 file(s), 22 bytes freed, kept 5", reporter.Messages);

        var again = await new PersistenceCleaner(spec, n => new LocalShell(n.Name)).ClearAsync(spec.Nodes, CancellationToken.None);
        Assert.All(again, r => Assert.Equal(PersistenceStatus.Unchanged, r.Status));
    }

    [Fact]
    public async Task With_what_if_nothing_is_deleted_and_the_selection_is_reported()
    {
        var home = Path.Combine(_dir, "n1");
        var p = Path.Combine(home, "cep_persistence");
        foreach (var t in new[] { 1, 2, 3, 4 }) Write(p, $"-1234/P/{t}_P", t);
        var spec = Spec(("n1", home));
        var reporter = new RecordingReporter { Answer = (_, _) => false };

        var result = (await new PersistenceCleaner(spec, n => new LocalShell(n.Name), reporter).ClearAsync(spec.Nodes, CancellationToken.None)).Single();

        Assert.Equal(PersistenceStatus.Skipped, result.Status);
        Assert.Equal(new[] { "1_P", "2_P" }, result.Selected.Select(f => Path.GetFileName(f.Path)).OrderBy(x => x, StringComparer.Ordinal));
        Assert.Empty(result.Deleted);
        Assert.Equal(0, result.BytesFreed);
        Assert.Equal(3, result.BytesSelected);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(p, "-1234", "P")).Length);
        Assert.Equal("would delete 2 file(s) (3 bytes), keep 2", result.Summary);
    }

    [Fact]
    public async Task Links_below_the_root_are_not_followed_and_a_linked_root_is()
    {
        var outside = Path.Combine(_dir, "outside");
        foreach (var t in new[] { 1, 2, 3 }) Write(outside, $"P/{t}_P", 1);
        var disk = Path.Combine(_dir, "bigdisk");
        foreach (var t in new[] { 1, 2, 3 }) Write(disk, $"-1234/Q/{t}_Q", 1);
        var home = Path.Combine(_dir, "n1");
        Directory.CreateDirectory(home);
        File.CreateSymbolicLink(Path.Combine(home, "cep_persistence"), disk);
        Directory.CreateSymbolicLink(Path.Combine(disk, "5"), outside);                     // a tenant that is a link
        File.CreateSymbolicLink(Path.Combine(disk, "-1234", "Q", "0_Q"), Path.Combine(outside, "P", "1_P"));  // a snapshot name that is a link
        var spec = Spec(("n1", home));

        var result = (await new PersistenceCleaner(spec, n => new LocalShell(n.Name)).ClearAsync(spec.Nodes, CancellationToken.None)).Single();

        Assert.Equal(PersistenceStatus.Cleaned, result.Status);
        Assert.Equal(new[] { Path.Combine(home, "cep_persistence", "-1234", "Q", "1_Q") }, result.Deleted.Select(f => f.Path));
        Assert.False(File.Exists(Path.Combine(disk, "-1234", "Q", "1_Q")));
        Assert.Equal(3, Directory.GetFiles(Path.Combine(outside, "P")).Length);
    }

    [Fact]
    public async Task A_root_that_is_a_file_fails_that_node_and_not_the_others()
    {
        var bad = Path.Combine(_dir, "bad");
        Directory.CreateDirectory(bad);
        File.WriteAllText(Path.Combine(bad, "cep_persistence"), "not a directory");
        var good = Path.Combine(_dir, "good");
        foreach (var t in new[] { 1, 2, 3 }) Write(Path.Combine(good, "cep_persistence"), $"-1234/P/{t}_P", 1);
        var spec = Spec(("bad", bad), ("good", good));

        var results = await new PersistenceCleaner(spec, n => new LocalShell(n.Name)) { Parallelism = 1 }.ClearAsync(spec.Nodes, CancellationToken.None);

        var failed = results.Single(r => r.Node == "bad");
        Assert.Equal(PersistenceStatus.Failed, failed.Status);
        Assert.Equal(NodeFailure.CommandFailed, failed.Failure);
        Assert.Contains("is not a directory", failed.Error);
        Assert.StartsWith("node bad: ", failed.Error);
        Assert.Equal(PersistenceStatus.Cleaned, results.Single(r => r.Node == "good").Status);
    }

    // ---- what reaches the node ----------------------------------------------------------------------------------

    [Fact]
    public async Task One_fixed_list_script_with_the_root_as_an_argument_then_one_delete_with_exactly_the_selected_paths()
    {
        var spec = Spec(("n1", "/srv/das"));
        var shell = new ScriptedShell("n1", Listing("-1234/P/1_P", "-1234/P/2_P", "-1234/P/3_P", "-1234/P/4_P", "-1234/P/x_P"));

        var result = (await new PersistenceCleaner(spec, _ => shell).ClearAsync(spec.Nodes, CancellationToken.None)).Single();

        Assert.Equal(PersistenceStatus.Cleaned, result.Status);
        Assert.Equal(2, shell.Commands.Count);
        var list = shell.Commands[0];
        Assert.Equal(new[] { "sh", "-c", PersistenceCleaner.ListScript, "sh", Root }, list.Arguments);
        Assert.DoesNotContain("/srv", PersistenceCleaner.ListScript);
        var delete = shell.Commands[1];
        Assert.Equal(new[] { "xargs", "-0", "rm", "-f", "--" }, delete.Arguments);
        Assert.Equal(Root + "/-1234/P/1_P\0" + Root + "/-1234/P/2_P\0", Encoding.UTF8.GetString(delete.StandardInput!));
    }

    [Fact]
    public async Task Nothing_to_delete_runs_only_the_listing()
    {
        var spec = Spec(("n1", "/srv/das"));
        var shell = new ScriptedShell("n1", Listing("-1234/P/1_P", "-1234/P/2_P", "9/P/1_P"));
        var reporter = new RecordingReporter();
        var result = (await new PersistenceCleaner(spec, _ => shell, reporter).ClearAsync(spec.Nodes, CancellationToken.None)).Single();
        Assert.Equal(PersistenceStatus.Unchanged, result.Status);
        Assert.Single(shell.Commands);
        Assert.DoesNotContain(reporter.Messages, m => m.StartsWith("should-process", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_delete_lists_again_and_reports_what_is_really_gone()
    {
        var spec = Spec(("n1", "/srv/das"));
        var shell = new ScriptedShell("n1", Listing("-1234/P/1_P", "-1234/P/2_P", "-1234/P/3_P", "-1234/P/4_P"))
        {
            DeleteResult = new CommandResult(123, Array.Empty<byte>(), "rm: cannot remove '/srv/das/cep_persistence/-1234/P/2_P': Read-only file system\n"),
            SecondListing = Listing("-1234/P/2_P", "-1234/P/3_P", "-1234/P/4_P"),
        };

        var result = (await new PersistenceCleaner(spec, _ => shell).ClearAsync(spec.Nodes, CancellationToken.None)).Single();

        Assert.Equal(PersistenceStatus.Failed, result.Status);
        Assert.Equal(NodeFailure.CommandFailed, result.Failure);
        Assert.Equal(new[] { Root + "/-1234/P/1_P" }, result.Deleted.Select(f => f.Path));
        Assert.Equal(2, result.Selected.Count);
        Assert.Equal("node n1: deleting persistence files failed (exit 123): rm: cannot remove '/srv/das/cep_persistence/-1234/P/2_P': Read-only file system", result.Error);
        Assert.Equal(3, shell.Commands.Count);
    }

    [Fact]
    public async Task An_unreachable_node_is_a_failure_of_its_kind()
    {
        var spec = Spec(("n1", "/srv/das"));
        var shell = new ScriptedShell("n1", new CommandResult(255, Array.Empty<byte>(), "ssh: connect to host 10.77.0.11 port 22: Connection refused", unreachable: true));
        var result = (await new PersistenceCleaner(spec, _ => shell).ClearAsync(spec.Nodes, CancellationToken.None)).Single();
        Assert.Equal(PersistenceStatus.Failed, result.Status);
        Assert.Equal(NodeFailure.Unreachable, result.Failure);
        Assert.Contains("Connection refused", result.Error);
        Assert.Empty(result.Deleted);
    }

    [Fact]
    public async Task Cancelling_before_a_node_starts_marks_it_cancelled()
    {
        var spec = Spec(("n1", "/srv/das"));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var shell = new ScriptedShell("n1", Listing("-1234/P/1_P"));
        var result = (await new PersistenceCleaner(spec, _ => shell).ClearAsync(spec.Nodes, cancel.Token)).Single();
        Assert.Equal(PersistenceStatus.Failed, result.Status);
        Assert.Equal(NodeFailure.Cancelled, result.Failure);
        Assert.Empty(shell.Commands);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static ClusterSpec Spec(params (string Name, string Home)[] nodes)
    {
        var yaml = new StringBuilder("name: local\nproduct: IsAnalytics\npattern: MinimumHa\ndatabase:\n  host: 10.77.0.10\nnodes:\n");
        var ip = 11;
        foreach (var (name, home) in nodes)
            yaml.Append($"  - {{ name: {name}, host: 10.77.0.{ip++}, home: \"{home.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")}\" }}\n");
        return SpecLoader.Load(yaml.ToString(), "local.yaml");
    }

    private static void Write(string root, string relative, int size)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[size]);
    }

    private static byte[] Bytes(params string[] records) => Encoding.UTF8.GetBytes(string.Concat(records));

    private static CommandResult Listing(params string[] relative) =>
        new CommandResult(0, Bytes(relative.Select(r => "10\t" + Root + "/" + r + "\0").ToArray()), "");

    /// <summary>Answers the list script with a listing (a second listing after a delete), and the delete with a chosen result.</summary>
    private sealed class ScriptedShell : IRemoteShell
    {
        private readonly CommandResult _listing;

        public ScriptedShell(string node, CommandResult listing)
        {
            Node = node;
            _listing = listing;
        }

        public string Node { get; }
        public List<RemoteCommand> Commands { get; } = new List<RemoteCommand>();
        public CommandResult DeleteResult { get; set; } = new CommandResult(0, Array.Empty<byte>(), "");
        public CommandResult? SecondListing { get; set; }

        public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Commands.Add(command);
            if (command.Arguments[0] == "xargs") return Task.FromResult(DeleteResult);
            var listings = Commands.Count(c => c.Arguments[0] == "sh");
            return Task.FromResult(listings > 1 && SecondListing != null ? SecondListing : _listing);
        }

        public void Dispose() { }
    }
}

using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DasOps.Engine.Planning;
using DasOps.Engine.Publishing;
using Xunit;

namespace DasOps.Engine.Tests.Publishing;

/// <summary>Permissions never loosen: a file keeps its stricter mode, password files are 0600, and the plan shows every mode change.</summary>
public class PermissionTests
{
    private const string Axis2 = "repository/conf/axis2/axis2.xml";
    private const string UserMgt = "repository/conf/user-mgt.xml";
    private const string Carbon = "repository/conf/carbon.xml";
    private const string MasterDatasources = "repository/conf/datasources/master-datasources.xml";

    [Theory]
    [InlineData(0x1A4, 0x180, 0x180)]   // 0644 planned, 0600 now -> 0600
    [InlineData(0x1ED, 0x1C0, 0x1C0)]   // 0755 planned, 0700 now -> 0700
    [InlineData(0x1ED, 0x1A4, 0x1E4)]   // 0755 planned, 0644 now -> 0744: the script stays runnable by its owner
    [InlineData(0x180, 0x1A0, 0x180)]   // 0600 planned, 0640 now -> 0600
    [InlineData(0x1A4, 0x1B6, 0x1A4)]   // 0644 planned, 0666 now -> 0644
    public void The_mode_written_is_never_looser_than_the_plan_or_the_file(int planned, int current, int expected)
    {
        Assert.Equal(expected, Modes.NeverLooser(planned, current));
        Assert.Equal(planned, Modes.NeverLooser(planned, null));
    }

    [Fact]
    public async Task A_file_made_0600_by_hand_stays_0600_and_password_files_are_0600()
    {
        using var cluster = new LocalCluster();
        File.SetUnixFileMode(cluster.PathOf("n1", Axis2), (UnixFileMode)0x180);

        var first = (await cluster.ApplyAsync()).Single(r => r.Node == "n1");
        Assert.Equal(PublishStatus.Changed, first.Status);
        Assert.True(first.Files.Single(f => f.Path == Axis2).Written);
        Assert.Equal(0x180, LocalCluster.ModeOf(cluster.PathOf("n1", Axis2)));
        Assert.Equal(0x180, LocalCluster.ModeOf(cluster.PathOf("n1", UserMgt)));
        Assert.Equal(0x180, LocalCluster.ModeOf(cluster.PathOf("n1", Carbon)));

        // The plan showed the mode changes along with the content changes.
        var text = PublishText.Plan(new[] { first }, false);
        Assert.Contains("mode 0644 -> 0600", text);

        Assert.All(await cluster.ApplyAsync(), r => Assert.Equal(PublishStatus.Unchanged, r.Status));
    }

    [Fact]
    public async Task A_password_file_stricter_than_0600_is_left_alone_and_the_run_converges()
    {
        using var cluster = new LocalCluster();
        await cluster.ApplyAsync();
        File.SetUnixFileMode(cluster.PathOf("n1", MasterDatasources), (UnixFileMode)0x100);   // 0400

        Assert.All(await cluster.ApplyAsync(), r => Assert.Equal(PublishStatus.Unchanged, r.Status));
        Assert.Equal(0x100, LocalCluster.ModeOf(cluster.PathOf("n1", MasterDatasources)));
    }
}

using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DasOps.Engine.Publishing;
using DasOps.TestLab;
using Xunit;

namespace DasOps.Engine.Tests.Publishing;

/// <summary>
/// The product runs as the home's owner, so what apply writes as root belongs to that owner: a replaced file keeps
/// the owner it had, a new file and any directory apply has to create take the home's owner.
/// </summary>
public class WrittenOwnershipTests
{
    private const string Datasources = "repository/conf/datasources/master-datasources.xml";

    [Fact]
    public async Task Replaced_files_keep_their_owner_and_new_files_and_directories_take_the_homes()
    {
        using var cluster = new LocalCluster(withDriver: true);
        var home = cluster.PathOf("n1", "");
        FileOwner.Set(home, "4242:4343", recursive: true);
        var carbon = cluster.PathOf("n1", "repository/conf/carbon.xml");
        FileOwner.Set(carbon, "4545:4646");
        // The driver jar goes into repository/components/lib, which this home lacks: apply makes it.
        Directory.Delete(cluster.PathOf("n1", "repository/components"), recursive: true);

        var result = (await cluster.ApplyAsync(new PublishOptions { Nodes = new[] { "n1" } })).Single();

        Assert.True(result.Status == PublishStatus.Changed, result.ToString());
        Assert.Equal("4545:4646", FileOwner.Of(carbon));
        Assert.Equal("4242:4343", FileOwner.Of(cluster.PathOf("n1", Datasources)));
        Assert.Equal("4242:4343", FileOwner.Of(cluster.PathOf("n1", "repository/components")));
        Assert.Equal("4242:4343", FileOwner.Of(cluster.PathOf("n1", "repository/components/lib")));
        Assert.Equal("4242:4343", FileOwner.Of(cluster.PathOf("n1", "repository/components/lib/mysql-connector-java-5.1.49.jar")));
    }
}

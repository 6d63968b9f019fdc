using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DasOps.Engine.Publishing;
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
        Run("chown", "-R", "4242:4343", home);
        var carbon = cluster.PathOf("n1", "repository/conf/carbon.xml");
        Run("chown", "4545:4646", carbon);
        // The driver jar goes into repository/components/lib, which this home lacks: apply makes it.
        Directory.Delete(cluster.PathOf("n1", "repository/components"), recursive: true);

        var result = (await cluster.ApplyAsync(new PublishOptions { Nodes = new[] { "n1" } })).Single();

        Assert.True(result.Status == PublishStatus.Changed, result.ToString());
        Assert.Equal("4545:4646", Owner(carbon));
        Assert.Equal("4242:4343", Owner(cluster.PathOf("n1", Datasources)));
        Assert.Equal("4242:4343", Owner(cluster.PathOf("n1", "repository/components")));
        Assert.Equal("4242:4343", Owner(cluster.PathOf("n1", "repository/components/lib")));
        Assert.Equal("4242:4343", Owner(cluster.PathOf("n1", "repository/components/lib/mysql-connector-java-5.1.49.jar")));
    }

    private static string Owner(string path) => Run("stat", "-c", "%u:%g", path).Trim();

    private static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return output;
    }
}

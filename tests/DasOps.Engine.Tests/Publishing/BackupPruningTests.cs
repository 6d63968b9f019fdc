using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DasOps.Engine.Publishing;
using DasOps.Engine.Spec;
using Xunit;

namespace DasOps.Engine.Tests.Publishing;

/// <summary>
/// Backups are pruned to the newest keepBackups switched ones after each switch (old ones hold old passwords), through
/// the same node scripts ssh runs; only DasOps-shaped backup names are ever removed.
/// </summary>
public class BackupPruningTests
{
    private const string Datasources = "repository/conf/datasources/master-datasources.xml";

    [Fact]
    public async Task Only_the_newest_backups_stay_and_nothing_else_under_backups_is_touched()
    {
        using var cluster = new LocalCluster();
        var spec = cluster.Spec;
        spec.KeepBackups = 2;
        var backups = cluster.PathOf("n1", ".dasops/backups");

        var ids = new System.Collections.Generic.List<string>();
        for (var i = 0; i < 4; i++)
        {
            // Drift made by hand, which each apply repairs with a new backup.
            var file = cluster.PathOf("n1", Datasources);
            File.WriteAllText(file, File.ReadAllText(file).Replace("<username>wso2das</username>", $"<username>edit{i}</username>"));
            var result = (await cluster.ApplyAsync(new PublishOptions { Nodes = new[] { "n1" } }, spec: spec)).Single();
            Assert.Equal(PublishStatus.Changed, result.Status);
            ids.Add(result.BackupId!);
            if (i == 0)
            {
                // Things in the backups directory that DasOps did not make must survive pruning.
                Directory.CreateDirectory(Path.Combine(backups, "keep-me"));
                Directory.CreateDirectory(Path.Combine(backups, "19990101T000000.000Z-notes"));
            }
        }

        var left = Directory.GetDirectories(backups).Select(Path.GetFileName).OrderBy(n => n).ToList();
        Assert.Equal(new[] { "19990101T000000.000Z-notes" }.Concat(ids.Skip(2)).Concat(new[] { "keep-me" }).OrderBy(n => n), left);

        // The newest backup is still what a restore puts back.
        var restored = (await new ConfigurationRestorer(spec, new LocalShells()).RestoreAsync(new PublishOptions { Nodes = new[] { "n1" } }, default)).Single();
        Assert.Equal(ids[3], restored.RestoredFrom);
        Assert.Contains("<username>edit3</username>", File.ReadAllText(cluster.PathOf("n1", Datasources)));
    }

    [Fact]
    public void The_default_keeps_five_and_the_spec_can_say_otherwise()
    {
        Assert.Equal(5, new ClusterSpec().KeepBackupsOrDefault);
        var head = "name: c\nproduct: Das\npattern: MinimumHa\ndatabase: {host: 10.0.0.10}\nnodes:\n  - {name: n1, host: 10.0.0.11}\n  - {name: n2, host: 10.0.0.12}\n";
        Assert.Equal(3, SpecLoader.Load(head + "keepBackups: 3\n", "c.yaml").KeepBackupsOrDefault);
        var error = Assert.Single(SpecLoader.LoadAndValidate(head + "keepBackups: 0\n", "c.yaml", out _));
        Assert.Equal("KeepBackupsOutOfRange", error.Code);
    }
}

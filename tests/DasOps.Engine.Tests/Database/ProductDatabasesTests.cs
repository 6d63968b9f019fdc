using System.IO;
using System.Linq;
using DasOps.Engine.Database;
using DasOps.Engine.Spec;
using DasOps.Engine.Tests.Support;
using Xunit;

namespace DasOps.Engine.Tests.Database;

/// <summary>Which databases `db init` creates depends on the product: SP has its own two and no carbon schema to load.</summary>
public class ProductDatabasesTests
{
    [Fact]
    public void A_stream_processor_cluster_gets_its_cluster_and_management_databases_and_no_carbon_schema()
    {
        var spec = SpecLoader.LoadFile(Path.Combine(RepoPaths.Root, "examples", "sp-distributed.yaml"));

        var databases = DatabaseInitializer.DatabasesOf(spec);

        Assert.Equal(new[] { "WSO2_CLUSTER_DB", "SP_MGT_DB" }, databases.Select(d => d.Name));
        Assert.All(databases, d => Assert.False(d.Carbon, d.Name + " would get the carbon schema"));
    }

    [Fact]
    public void A_das_cluster_keeps_its_four_databases_with_the_carbon_schema_in_userdb_and_regdb()
    {
        var spec = SpecLoader.LoadFile(Directory.GetFiles(Path.Combine(RepoPaths.Root, "examples"), "*.yaml")
            .First(f => SpecLoader.LoadFile(f).Product == Product.Das));

        var databases = DatabaseInitializer.DatabasesOf(spec);

        Assert.Equal(4, databases.Count);
        Assert.Equal(new[] { spec.Database.Names.UserDb, spec.Database.Names.RegDb }, databases.Where(d => d.Carbon).Select(d => d.Name));
    }
}

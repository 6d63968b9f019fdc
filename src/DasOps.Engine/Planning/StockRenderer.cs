using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DasOps.Engine.IO;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;

namespace DasOps.Engine.Planning;

/// <summary>
/// `dasops render`: edits an unzipped product home's files for every node and writes them to OUT/&lt;node&gt;/&lt;path&gt;,
/// without any node. Lets an operator review exactly what DasOps would write.
/// </summary>
public static class StockRenderer
{
    public static IReadOnlyList<NodePlan> Render(ClusterSpec spec, ClusterSecrets secrets, string stockHome, string outputDirectory)
    {
        if (!Directory.Exists(stockHome)) throw new DirectoryNotFoundException($"product home {stockHome} does not exist.");
        // Relative to the spec file, as apply reads it.
        var jars = Library.LibraryJars.Read(spec);

        CurrentFile Read(string relative)
        {
            var path = Path.Combine(stockHome, relative.Replace('/', Path.DirectorySeparatorChar));
            return File.Exists(path) ? CurrentFile.WithContent(relative, File.ReadAllBytes(path)) : CurrentFile.Missing(relative);
        }

        // Plan every node before writing anything, so one bad node leaves the output directory untouched.
        var plans = Products.ProductCatalog.For(spec).Topology.ManagedNodes.Select(n => ConfigurationPlanner.PlanNode(spec, n, secrets, Read, jars)).ToList();
        foreach (var plan in plans)
        {
            // Bundles exist only once a node's own converter has made them, and their record is the node's state (as is
            // a bundle made for a jar no longer named, which a live node would lose).
            foreach (var file in plan.Files.Where(f => f.ConvertFrom == null && !f.Removes && f.Path != Library.BundleRecord.Path))
            {
                var target = Path.Combine(outputDirectory, plan.Node, file.Path.Replace('/', Path.DirectorySeparatorChar));
                Atomic.WriteAllBytes(target, file.Desired, file.Mode);
            }
        }
        return plans;
    }
}

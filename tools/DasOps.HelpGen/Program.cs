using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DasOps.HelpGen;

/// <summary>
/// dotnet DasOps.HelpGen.dll build  --assembly DasOps.dll --references FILE --docs DIR --out DasOps.dll-Help.xml
///     checks every page against the compiled cmdlets and writes MAML; any problem fails (exit 1).
/// dotnet DasOps.HelpGen.dll update --assembly DasOps.dll --references FILE --docs DIR
///     rewrites the generated parts of every page (and creates pages for new cmdlets) from the compiled cmdlets.
/// FILE lists the assemblies DasOps.dll was compiled against, one path a line (netstandard, System.Management.Automation, ...).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || (args[0] != "build" && args[0] != "update"))
        {
            Console.Error.WriteLine("usage: DasOps.HelpGen build|update --assembly DLL --references FILE --docs DIR [--out FILE]");
            return 2;
        }
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
        foreach (var required in new[] { "--assembly", "--references", "--docs" }.Concat(args[0] == "build" ? new[] { "--out" } : Array.Empty<string>()))
        {
            if (!options.ContainsKey(required))
            {
                Console.Error.WriteLine($"error HELP000: {required} is required.");
                return 2;
            }
        }

        var references = File.ReadAllLines(options["--references"]).Select(l => l.Trim()).Where(l => l.Length > 0);
        var cmdlets = CmdletMetadata.Read(Path.GetFullPath(options["--assembly"]), references);
        var docs = Path.GetFullPath(options["--docs"]);
        Directory.CreateDirectory(docs);

        if (args[0] == "update")
        {
            foreach (var cmdlet in cmdlets)
            {
                var file = Path.Combine(docs, cmdlet.Name + ".md");
                var page = File.Exists(file) ? MarkdownHelp.Parse(file) : null;
                File.WriteAllText(file, DocUpdater.Render(cmdlet, page));
                Console.WriteLine($"{(page == null ? "created" : "updated")} {file}");
            }
            return 0;
        }

        var problems = new List<HelpProblem>();
        var pages = new List<(CmdletInfo, MarkdownHelp)>();
        foreach (var cmdlet in cmdlets)
        {
            var file = Path.Combine(docs, cmdlet.Name + ".md");
            if (!File.Exists(file))
            {
                problems.Add(new HelpProblem(file, 1, "HELP013", $"{cmdlet.Name} has no help page (run HelpGen update to create one)."));
                continue;
            }
            var page = MarkdownHelp.Parse(file);
            problems.AddRange(HelpChecker.Check(cmdlet, page));
            pages.Add((cmdlet, page));
        }
        foreach (var orphan in Directory.EnumerateFiles(docs, "*.md").Where(f => cmdlets.All(c => c.Name + ".md" != Path.GetFileName(f))))
        {
            problems.Add(new HelpProblem(orphan, 1, "HELP014", $"{Path.GetFileName(orphan)} documents no cmdlet of the module."));
        }
        foreach (var problem in problems) Console.Error.WriteLine(problem);
        if (problems.Count > 0) return 1;

        var output = Path.GetFullPath(options["--out"]);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllText(output, MamlWriter.Write(pages));
        Console.WriteLine($"DasOps.HelpGen: {pages.Count} cmdlets -> {output}");
        return 0;
    }
}

using System.CommandLine;
using DasOps.Cli.Commands;

namespace DasOps.Cli;

/// <summary>`dasops`: the shell front end over the same engine operations as the DasOps PowerShell module.</summary>
public static class Program
{
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("DasOps: provision and verify WSO2 DAS 3.x and IS Analytics 5.x clusters over SSH.");
        root.Subcommands.Add(NewCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(ApplyCommand.Create());
        root.Subcommands.Add(RestoreCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(LifecycleCommands.Start());
        root.Subcommands.Add(LifecycleCommands.Stop());
        root.Subcommands.Add(LifecycleCommands.Restart());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(TestHaCommand.Create());
        root.Subcommands.Add(AppCommand.Create());
        root.Subcommands.Add(PersistenceCommand.Create());
        return root;
    }
}

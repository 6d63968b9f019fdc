using System;
using System.CommandLine;

namespace DasOps.Cli.Commands;

/// <summary>`dasops validate SPEC`: every error at once, each at file:line:column.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var spec = SpecInput.Argument();
        var command = new Command("validate", "Check a cluster spec without touching any node.") { spec };
        command.SetAction(result =>
        {
            var path = result.GetValue(spec)!;
            var loaded = SpecInput.Load(path, Console.Error);
            if (loaded == null) return ExitCodes.InvalidInput;
            Console.Out.WriteLine($"{path}: valid ({loaded.Product} {loaded.Pattern}, {loaded.Nodes.Count} nodes).");
            return ExitCodes.Success;
        });
        return command;
    }
}

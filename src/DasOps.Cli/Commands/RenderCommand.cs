using System;
using System.CommandLine;
using System.IO;
using DasOps.Engine.Config;
using DasOps.Engine.Planning;
using DasOps.Engine.Secrets;

namespace DasOps.Cli.Commands;

/// <summary>`dasops render SPEC --stock DIR --out DIR`: every managed file of every node, edited, plus the plan.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var spec = SpecInput.Argument();
        var stock = new Option<string>("--stock") { Description = "An unzipped product home to take the files from.", Required = true };
        var output = new Option<string>("--out") { Description = "Directory to write OUT/<node>/<path> into.", Required = true };
        var noDiff = new Option<bool>("--no-diff") { Description = "Print the per-file summary only." };
        var command = new Command("render", "Write every node's edited configuration files to a directory, and print the plan.") { spec, stock, output, noDiff };
        command.SetAction(result =>
        {
            var loaded = SpecInput.Load(result.GetValue(spec)!, Console.Error);
            if (loaded == null) return ExitCodes.InvalidInput;
            try
            {
                var secrets = ClusterSecrets.Resolve(loaded, ClusterSecrets.NeededToRender(loaded));
                var plans = StockRenderer.Render(loaded, secrets, result.GetValue(stock)!, result.GetValue(output)!);
                Console.Out.Write(PlanText.Format(plans, withDiffs: !result.GetValue(noDiff)));
                return ExitCodes.Success;
            }
            catch (Exception e) when (ExitCodes.IsInvalidInput(e))
            {
                Console.Error.WriteLine("error: " + e.Message);
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }
}

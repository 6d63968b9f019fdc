using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using DasOps.Engine.Ha;

namespace DasOps.Cli.Commands;

/// <summary>`dasops test-ha SPEC [--failover]`: one line per check; exit 0 only when every check passed.</summary>
internal static class TestHaCommand
{
    public static Command Create()
    {
        var spec = SpecInput.Argument();
        var failover = new Option<bool>("--failover") { Description = "Also stop the active node, measure the takeover, restart it and check it rejoins." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for a takeover or a restart.", DefaultValueFactory = _ => 120 };
        var remote = new RemoteOptions();
        var command = new Command("test-ha", "Check the running cluster's HA; with --failover, prove it by failing over.") { spec, failover, timeout };
        remote.AddTo(command, nodes: false);
        command.SetAction(result => RemoteOptions.Run(cancellationToken =>
        {
            var loaded = SpecInput.Load(result.GetValue(spec)!, Console.Error);
            if (loaded == null) return ExitCodes.InvalidInput;
            using var connections = remote.Connect(result, loaded);
            var test = new HaTest(loaded, connections.ShellFor) { Failover = result.GetValue(failover), Timeout = TimeSpan.FromSeconds(result.GetValue(timeout)) };
            var checks = test.RunAsync(cancellationToken).GetAwaiter().GetResult();
            Print(checks);
            var failed = checks.Count(c => c.Result == CheckResult.Fail);
            Console.Out.WriteLine($"\n{checks.Count(c => c.Result == CheckResult.Pass)} passed, {checks.Count(c => c.Result == CheckResult.Warn)} warnings, {failed} failed");
            return failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
        }));
        return command;
    }

    private static void Print(IEnumerable<HaCheck> checks)
    {
        Console.Out.WriteLine($"{"NODE",-10} {"CHECK",-16} {"RESULT",-4} {"TIME",7}  DETAIL");
        foreach (var c in checks) Console.Out.WriteLine(c.ToString());
    }
}

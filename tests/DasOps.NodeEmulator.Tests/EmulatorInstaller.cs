using DasOps.TestLab;
using System.Diagnostics;

namespace DasOps.NodeEmulator.Tests;

/// <summary>
/// Installs the emulator into a product home (DAS or SP) the way the lab does: install-into-home.sh from the build
/// output, which also serves as DASOPS_EMULATOR_DIR.
/// </summary>
internal static class EmulatorInstaller
{
    /// <summary>Fails the test with the installer's output when it fails; returns that output otherwise.</summary>
    public static string Install(string home)
    {
        var psi = new ProcessStartInfo("sh");
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "install-into-home.sh"));
        psi.ArgumentList.Add(home);
        psi.Environment["DASOPS_EMULATOR_DIR"] = AppContext.BaseDirectory;
        var result = ProgramRun.Run(psi);
        Assert.True(result.ExitCode == 0, "install-into-home.sh failed: " + result.Output);
        return result.Output;
    }
}

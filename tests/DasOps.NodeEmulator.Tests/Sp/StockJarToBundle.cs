using System.Diagnostics;
using DasOps.TestLab;

namespace DasOps.NodeEmulator.Tests.Sp;

/// <summary>
/// An SP home from tests/fixtures/sp-4.4.0 with the emulator installed, whose STOCK bin/jartobundle.sh is run through
/// /bin/sh as an operator would: from a working directory of the test's own, with JAVA_HOME and PATH as given and no
/// CARBON_HOME or JAVACMD inherited from the test run.
/// </summary>
internal sealed class StockJarToBundle
{
    public StockJarToBundle(string name)
    {
        Home = new SpHome(name);
        Home.Install();
        WorkDir = Home.Dir + "-work";
        Directory.CreateDirectory(WorkDir);
    }

    public SpHome Home { get; }

    /// <summary>A directory outside the home, where the script is run from.</summary>
    public string WorkDir { get; }

    /// <summary>The stand-in the installer put beside the emulator binaries (this test project's output).</summary>
    public static string StandInJavaHome => Path.Combine(AppContext.BaseDirectory, "jdk1.8.0-emulated");

    public string Work(string relative) => Path.Combine(WorkDir, relative);

    /// <summary>The script with JAVA_HOME = the stand-in and PATH starting with its bin, like a JDK 8 node.</summary>
    public ProgramResult Run(params string[] args) => RunWith(StandInJavaHome, WorkDir, args);

    /// <summary>javaHome null: no JAVA_HOME at all; PATH still starts with the stand-in's bin, so "java" resolves.</summary>
    public ProgramResult RunWith(string? javaHome, string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory };
        psi.ArgumentList.Add(Home.File("bin/jartobundle.sh"));
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);
        psi.Environment.Remove("CARBON_HOME");
        psi.Environment.Remove("JAVACMD");
        psi.Environment.Remove("JAVA_HOME");
        if (javaHome != null)
            psi.Environment["JAVA_HOME"] = javaHome;
        psi.Environment["PATH"] = Path.Combine(StandInJavaHome, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        return ProgramRun.Run(psi, TimeSpan.FromSeconds(60), "jartobundle.sh");
    }

    /// <summary>Runs the stand-in java directly (not through the script).</summary>
    public static ProgramResult Java(params string[] args)
    {
        var psi = new ProcessStartInfo(Path.Combine(StandInJavaHome, "bin", "java"));
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);
        return ProgramRun.Run(psi);
    }
}

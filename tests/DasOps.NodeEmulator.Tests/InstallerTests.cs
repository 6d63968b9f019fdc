namespace DasOps.NodeEmulator.Tests;

/// <summary>install-into-home.sh keeps DasOps's managed block and the launcher honours an exported CARBON_HOME.</summary>
public sealed class InstallerTests
{
    private const string Anchor = "# Only set CARBON_HOME if not already set";

    [Fact]
    public void KeepsManagedBlockBeforeTheAnchor_AndTheExportedCarbonHomeIsUsed()
    {
        using var node = new LabNode("redhat", "127.0.0.12");
        node.Home.SetLocalMemberHost(node.Host);
        var link = node.Home.Dir + "-symlink";
        File.CreateSymbolicLink(link, node.Home.Dir);
        var block = $"# BEGIN DasOps managed\nexport CARBON_HOME={link}\n# END DasOps managed\n";
        node.Home.Write("bin/wso2server.sh", "#!/bin/sh\nPRGDIR=`dirname \"$0\"`\n" + block + Anchor + "\necho stock script\n");

        node.Home.Install();
        node.Home.Install(); // idempotent: still exactly one block
        var script = File.ReadAllText(node.Home.File("bin/wso2server.sh"));
        Assert.Equal(1, CountOf(script, "# BEGIN DasOps managed"));
        Assert.True(script.IndexOf(block, StringComparison.Ordinal) >= 0, script);
        Assert.Equal(script.IndexOf(Anchor, StringComparison.Ordinal), script.IndexOf(block, StringComparison.Ordinal) + block.Length);
        Assert.Contains("[ -z \"$CARBON_HOME\" ] && CARBON_HOME=`cd \"$PRGDIR/..\" ; pwd`", script);
        Assert.True(File.Exists(node.Home.File("bin/load-spark-env-vars.sh")));

        node.Start();
        node.WaitForLog("WSO2 Carbon started in", TimeSpan.FromSeconds(15));
        Assert.Contains($"Carbon Home      : {link} ", node.Log());
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
            count++;
        return count;
    }
}

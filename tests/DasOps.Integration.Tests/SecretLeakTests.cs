using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml;
using DasOps.Engine.Publishing;
using DasOps.Engine.Spec;
using DasOps.Integration.Tests.Lab;
using Xunit;

namespace DasOps.Integration.Tests;

[Collection(LabCollection.Name)]
public class SecretLeakTests
{
    private readonly LabFixture _lab;

    public SecretLeakTests(LabFixture lab) => _lab = lab;

    [Theory]
    [MemberData(nameof(Transports.Both), MemberType = typeof(Transports))]
    public async Task A_password_with_xml_and_shell_metacharacters_lands_exactly_in_the_xml_and_in_no_process_list_log_or_output(Transport transport)
    {
        _lab.Reset();
        using var cluster = new LabCluster(_lab, transport);
        var env = new Dictionary<string, string> { ["DASOPS_DB_PASSWORD"] = LabCluster.Password };
        using var root = ProcessSampler.InRootNamespace();
        using var inNode = ProcessSampler.InNode("node1");
        root.WaitForSamples(2);
        inNode.WaitForSamples(2);

        var plan = DasopsCli.Run(env, "plan", cluster.SpecPath);
        var apply = DasopsCli.Run(env, "apply", cluster.SpecPath);
        // and the engine API, with its reporter, changing the files again (another database user)
        var reporter = new LabReporter();
        var again = await cluster.ApplyAsync(reporter, spec: cluster.SpecWith("user_b"));
        var sampledRoot = root.Samples;
        var sampledNode = inNode.Samples;
        var rootText = root.Text;
        var nodeText = inNode.Text;

        Assert.True(plan.ExitCode == 3, plan.ToString());
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.All(again, r => Assert.Equal(PublishStatus.Changed, r.Status));
        Assert.Contains("********", plan.StandardOutput);

        // 1. exactly right in the XML, as System.Xml reads it back from every host
        foreach (var node in LabFixture.NodeNames)
        {
            var master = Load(_lab.HostPath(node, "repository/conf/datasources/master-datasources.xml"));
            foreach (var name in new[] { "WSO2UM_DB", "WSO2REG_DB" })
                Assert.Equal(LabCluster.Password, master.SelectSingleNode($"//datasource[name='{name}']//password")!.InnerText);
            var analytics = Load(_lab.HostPath(node, "repository/conf/datasources/analytics-datasources.xml"));
            foreach (var name in new[] { "WSO2_ANALYTICS_EVENT_STORE_DB", "WSO2_ANALYTICS_PROCESSED_DATA_STORE_DB" })
                Assert.Equal(LabCluster.Password, analytics.SelectSingleNode($"//datasource[name='{name}']//password")!.InnerText);
        }

        // 2. in no process list: the samplers ran throughout and saw DasOps's ssh commands, never the password
        Assert.True(sampledRoot >= 10 && sampledNode >= 10, $"only {sampledRoot} / {sampledNode} samples");
        Assert.Contains("dasops.dll apply", rootText);
        if (transport == Transport.OpenSsh)
        {
            Assert.Contains("ControlMaster=auto", rootText);
            Assert.Contains("ControlMaster=auto", nodeText);
        }
        else
        {
            // in process: no ssh program ran, and the node saw DasOps's scripts arrive over the channels
            Assert.DoesNotContain("ControlMaster", rootText);
            Assert.Contains("sh -c", nodeText);
        }
        LabCluster.AssertNoPassword(rootText, "a process list of the root namespace");
        LabCluster.AssertNoPassword(nodeText, "a process list inside node1");

        // 3. in no log or output
        foreach (var (what, text) in new[] { ("plan stdout", plan.StandardOutput), ("plan stderr", plan.StandardError), ("apply stdout", apply.StandardOutput), ("apply stderr", apply.StandardError) })
            LabCluster.AssertNoPassword(text, what);
        LabCluster.AssertNoPassword(string.Join("\n", reporter.Messages), "the reporter's messages");
        LabCluster.AssertNoPassword(string.Join("\n", again.Select(r => r.Summary + string.Concat(r.Files.Select(f => f.Diff)))), "the results");
        foreach (var node in LabFixture.NodeNames)
        {
            LabCluster.AssertNoPassword(File.ReadAllText(Path.Combine(_lab.LabDir, "hosts", node, "sshd.log")), $"{node}'s sshd log");
            var dasops = Path.Combine(_lab.HomeOf(node), ".dasops");
            LabCluster.AssertNoPassword(File.ReadAllText(Path.Combine(dasops, "lock")), $"{node}'s lock file");
            foreach (var manifest in Directory.GetFiles(Path.Combine(dasops, "backups"), "manifest", SearchOption.AllDirectories))
                LabCluster.AssertNoPassword(File.ReadAllText(manifest), manifest);
        }
    }

    [Fact]
    public void The_ssh_password_is_in_no_process_list_output_or_log_and_a_wrong_one_is_not_echoed()
    {
        _lab.Reset();
        _lab.Auth("node1", "password");
        using var cluster = new LabCluster(_lab, Transport.SshNet);
        var key = Path.Combine(cluster.Directory, "id_unauthorized");
        using (var keygen = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ssh-keygen", new[] { "-q", "-t", "ed25519", "-N", "", "-f", key }) { RedirectStandardError = true })!)
            keygen.WaitForExit();
        var specPath = Path.Combine(cluster.Directory, "password.yaml");
        File.WriteAllText(specPath, File.ReadAllText(cluster.SpecPath).Replace($"sshKey: {_lab.SshKey}", $"sshKey: {key}\n  sshPasswordEnv: DASOPS_TEST_SSH_PASSWORD"));
        var password = _lab.SshPassword;
        var wrong = "Wr0ng" + password;
        using var root = ProcessSampler.InRootNamespace();
        using var inNode = ProcessSampler.InNode("node1");
        root.WaitForSamples(2);
        inNode.WaitForSamples(2);

        var env = new Dictionary<string, string> { ["DASOPS_DB_PASSWORD"] = LabCluster.Password, ["DASOPS_TEST_SSH_PASSWORD"] = password };
        var apply = DasopsCli.Run(env, "apply", specPath, "--node", "node1");
        var stdin = DasopsCli.RunWithInput(env, password + "\n", "status", specPath, "--node", "node1", "--ssh-password-stdin");
        env["DASOPS_TEST_SSH_PASSWORD"] = wrong;
        var refused = DasopsCli.Run(env, "apply", specPath, "--node", "node1");
        var rootText = root.Text;
        var nodeText = inNode.Text;

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("Accepted password for root", File.ReadAllText(Path.Combine(_lab.LabDir, "hosts", "node1", "sshd.log")));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Permission denied", refused.StandardError + refused.StandardOutput);
        Assert.True(root.Samples >= 5 && inNode.Samples >= 5, $"only {root.Samples} / {inNode.Samples} samples");
        Assert.Contains("dasops.dll apply", rootText);
        foreach (var secret in new[] { password, wrong })
        {
            Assert.False(rootText.Contains(secret, StringComparison.Ordinal), "the ssh password appears in a process list of the root namespace");
            Assert.False(nodeText.Contains(secret, StringComparison.Ordinal), "the ssh password appears in a process list inside node1");
            foreach (var (what, text) in new[] { ("apply", apply.ToString()), ("status", stdin.ToString()), ("refused apply", refused.ToString()),
                         ("node1's sshd log", File.ReadAllText(Path.Combine(_lab.LabDir, "hosts", "node1", "sshd.log"))) })
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"the ssh password appears in {what}");
        }
    }

    private static XmlDocument Load(string path)
    {
        var doc = new XmlDocument();
        doc.Load(path);
        return doc;
    }
}

using System.Collections.Generic;
using System.IO;
using System.Linq;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;
using Xunit;

namespace DasOps.Engine.Tests.Spec;

public class TransportSpecTests
{
    private const string Nodes = "nodes:\n  - {name: n1, host: 10.0.0.11}\n  - {name: n2, host: 10.0.0.12, sshKey: /keys/n2}\n";

    private static List<string> Errors(string yaml) => SpecLoader.LoadAndValidate(yaml, "c.yaml", out _).Select(e => e.ToString()).ToList();

    [Fact]
    public void Transport_and_keys_are_read_and_written_back()
    {
        var spec = SpecLoader.Load("name: c\ntransport: OpenSSH\ndefaults: {sshKey: /keys/all, sshKeyPassphraseEnv: KEY_PASS}\n" + Nodes, "c.yaml");
        Assert.Equal(Transport.OpenSsh, spec.Transport);
        Assert.Equal("/keys/all", spec.SshKeyOf(spec.Nodes[0]));
        Assert.Equal("/keys/n2", spec.SshKeyOf(spec.Nodes[1]));
        Assert.Equal("KEY_PASS", spec.Defaults.SshKeyPassphraseEnv);
        var again = SpecLoader.Load(SpecWriter.ToYaml(spec), "again.yaml");
        Assert.Equal(Transport.OpenSsh, again.Transport);
        Assert.Equal("/keys/n2", again.Nodes[1].SshKey);
        Assert.Equal("KEY_PASS", again.Defaults.SshKeyPassphraseEnv);
    }

    [Fact]
    public void A_wrong_transport_and_sshConfig_with_sshnet_are_errors_at_their_position()
    {
        Assert.Equal(new[] { "c.yaml:2:12: error InvalidValue: 'transport' must be one of SshNet, OpenSsh, not 'putty'." },
            Errors("name: c\ntransport: putty\ndatabase: {host: 10.0.0.10}\n" + Nodes));
        var errors = Errors("name: c\ntransport: sshnet\nsshConfig: ~/.ssh/config\ndatabase: {host: 10.0.0.10}\n" + Nodes);
        Assert.Single(errors);
        Assert.StartsWith("c.yaml:3:12: error OpenSshOnly: sshConfig is an OpenSSH client config and the SshNet transport reads none", errors[0]);
    }

    [Fact]
    public void Settings_refuse_an_ssh_config_for_sshnet_and_a_missing_key_and_pick_the_transport()
    {
        var spec = SpecLoader.Load("name: c\nsshConfig: /etc/ssh/ssh_config\n" + Nodes.Replace("sshKey: /keys/n2", "sshKey: /no/such/key"), "c.yaml");
        var refused = Assert.Throws<InputException>(() => SshSettings.For(spec, transport: Transport.SshNet, acceptNewHostKeys: true));
        Assert.Equal(InputErrorKind.ParameterInvalid, refused.Kind);
        Assert.Contains("c.yaml:2:12: sshConfig is an OpenSSH client config", refused.Message);
        Assert.Equal(InputErrorKind.ParameterInvalid,
            Assert.Throws<InputException>(() => SshSettings.For(new ClusterSpec(), sshConfig: "/x", transport: Transport.SshNet)).Kind);

        spec.SshConfig = null;
        var missing = Assert.Throws<InputException>(() => SshSettings.For(spec, transport: Transport.SshNet, acceptNewHostKeys: true));
        Assert.Equal(InputErrorKind.FileNotFound, missing.Kind);
        Assert.Contains("/no/such/key", missing.Message);

        var key = Path.GetTempFileName();
        try
        {
            var options = SshSettings.For(spec, transport: Transport.SshNet, acceptNewHostKeys: true, sshKey: key);
            Assert.Equal(Transport.SshNet, options.Transport);
            Assert.Equal(key, options.KeyFiles["n2"]);
            Assert.Equal(key, options.KeyFiles["n1"]);
            var openSsh = SshSettings.For(spec, transport: Transport.OpenSsh, sshKey: key);
            Assert.Equal(Transport.OpenSsh, openSsh.Transport);
            var args = DasOps.Engine.Remote.OpenSsh.OpenSshArguments.Run(openSsh, new SshTarget("n2", "10.0.0.12", null, null), "/tmp/d/%C", "true");
            Assert.Contains("-i " + key + " -o IdentitiesOnly=yes", string.Join(" ", args));
        }
        finally
        {
            File.Delete(key);
        }
    }
}

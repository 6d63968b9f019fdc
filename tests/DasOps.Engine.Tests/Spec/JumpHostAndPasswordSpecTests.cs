using System;
using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;
using Xunit;

namespace DasOps.Engine.Tests.Spec;

public class JumpHostAndPasswordSpecTests
{
    private const string Nodes = "database: {host: 10.0.0.10}\nnodes:\n  - {name: n1, host: 10.0.0.11}\n  - {name: n2, host: 10.0.0.12, jumpHost: none}\n  - {name: n3, host: 10.0.0.13, jumpHost: 'ops@[fd00::1]:2222'}\n";

    // Three nodes show default, none and an own jump host; the minimum-HA node count is not what these tests are about.
    private static List<string> Errors(string yaml) =>
        SpecLoader.LoadAndValidate(yaml, "c.yaml", out _).Where(e => e.Code != "NodeCountMismatch").Select(e => e.ToString()).ToList();

    [Fact]
    public void Jump_hosts_and_the_password_variable_are_read_per_node_and_written_back()
    {
        var spec = SpecLoader.Load("name: c\ndefaults: {jumpHost: bastion.example.com, sshPasswordEnv: SSH_PW}\n" + Nodes, "c.yaml");
        Assert.DoesNotContain(SpecValidator.Validate(spec), e => e.Code != "NodeCountMismatch");
        Assert.Equal(new JumpHost(null, "bastion.example.com", 22), spec.JumpHostOf(spec.Nodes[0]));
        Assert.Null(spec.JumpHostOf(spec.Nodes[1]));
        Assert.Equal(new JumpHost("ops", "fd00::1", 2222), spec.JumpHostOf(spec.Nodes[2]));
        Assert.Equal("ops@[fd00::1]:2222", spec.JumpHostOf(spec.Nodes[2])!.ToProxyJump("root"));
        Assert.Equal("root@bastion.example.com:22", spec.JumpHostOf(spec.Nodes[0])!.ToProxyJump("root"));

        var again = SpecLoader.Load(SpecWriter.ToYaml(spec), "again.yaml");
        Assert.Equal("SSH_PW", again.Defaults.SshPasswordEnv);
        Assert.Equal("bastion.example.com", again.Defaults.JumpHost);
        Assert.Equal("none", again.Nodes[1].JumpHost);
        Assert.Equal(spec.JumpHostOf(spec.Nodes[2]), again.JumpHostOf(again.Nodes[2]));
    }

    [Theory]
    [InlineData("root@", "'' is not a host name")]
    [InlineData("@host", "'' is not a login name")]
    [InlineData("bad user@host", "'bad user' is not a login name")]
    [InlineData("host:0", "'0' is not a TCP port")]
    [InlineData("host:22:33", "is not a TCP port")]
    [InlineData("[fd00::1", "no ']'")]
    public void A_bad_jump_host_is_an_error_at_its_position(string value, string problem)
    {
        var errors = Errors($"name: c\ndefaults:\n  jumpHost: '{value}'\n" + Nodes);
        var error = Assert.Single(errors);
        Assert.StartsWith($"c.yaml:3:13: error InvalidJumpHost: defaults.jumpHost '{value}': ", error);
        Assert.Contains(problem, error);
    }

    [Fact]
    public void A_bad_node_jump_host_and_password_variable_are_errors_at_their_positions()
    {
        var errors = Errors("name: c\ndefaults: {sshPasswordEnv: 'my password'}\n" + Nodes.Replace("jumpHost: none", "jumpHost: 'a b'"));
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("c.yaml:2:28: error InvalidEnvironmentVariableName: sshPasswordEnv 'my password'", errors[0]);
        Assert.StartsWith("c.yaml:6:43: error InvalidJumpHost: node 'n2': jumpHost 'a b':", errors[1]);
    }

    [Fact]
    public void A_password_comes_from_the_named_variable_unless_given_and_openssh_refuses_it()
    {
        var variable = "DASOPS_UT_PW_" + Guid.NewGuid().ToString("N").Substring(0, 6).ToUpperInvariant();
        var spec = SpecLoader.Load($"name: c\ndefaults: {{sshPasswordEnv: {variable}, jumpHost: 'jump@10.0.0.1'}}\n" + Nodes, "c.yaml");
        Environment.SetEnvironmentVariable(variable, "from-env");
        try
        {
            var options = SshSettings.For(spec, transport: Transport.SshNet, acceptNewHostKeys: true);
            Assert.Equal("from-env", options.Password);
            Assert.Contains(variable, options.ScrubbedEnvironment);
            Assert.Equal(new[] { "n1", "n3" }, options.JumpHosts.Keys.OrderBy(k => k));
            Assert.Equal("given", SshSettings.For(spec, transport: Transport.SshNet, acceptNewHostKeys: true, password: "given").Password);

            var refused = Assert.Throws<InputException>(() => SshSettings.For(spec, transport: Transport.OpenSsh));
            Assert.Equal(InputErrorKind.ParameterInvalid, refused.Kind);
            Assert.Contains("needs the SshNet transport", refused.Message);
            Assert.DoesNotContain("from-env", refused.Message);

            Assert.Throws<InputException>(() => SshSettings.For(spec, transport: Transport.SshNet, acceptNewHostKeys: true, loginUser: "not a user"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void The_openssh_transport_reaches_a_jump_host_through_a_proxy_command_checking_the_specs_known_hosts()
    {
        var spec = SpecLoader.Load("name: c\ndefaults: {jumpHost: 'jump@10.0.0.1:2200'}\n" + Nodes, "c.yaml");
        var options = SshSettings.For(spec, transport: Transport.OpenSsh, knownHosts: "/dev/null");
        var args = DasOps.Engine.Remote.OpenSsh.OpenSshArguments.Run(options, SshTarget.Of(spec, spec.Nodes[0]), "/tmp/d/%C", "true");
        var proxy = args.Single(a => a.StartsWith("ProxyCommand=", StringComparison.Ordinal));
        Assert.StartsWith("ProxyCommand=ssh -l jump -p 2200 -o BatchMode=yes", proxy);
        Assert.Contains("-o StrictHostKeyChecking=yes -o UserKnownHostsFile=/dev/null -o GlobalKnownHostsFile=/dev/null", proxy);
        Assert.EndsWith(" -W '[%h]:%p' -- 10.0.0.1", proxy);
        var direct = DasOps.Engine.Remote.OpenSsh.OpenSshArguments.Run(options, SshTarget.Of(spec, spec.Nodes[1]), "/tmp/d/%C", "true");
        Assert.DoesNotContain(direct, a => a.StartsWith("ProxyCommand=", StringComparison.Ordinal));
    }
}

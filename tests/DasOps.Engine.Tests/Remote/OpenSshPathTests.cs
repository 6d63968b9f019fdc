using DasOps.Engine.Diagnostics;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;
using Xunit;

namespace DasOps.Engine.Tests.Remote;

/// <summary>
/// Paths that ssh reads as config values (-o UserKnownHostsFile=..., -i) are refused when ssh would split or expand
/// them: with a space, accept-new once recorded every key into a stray file and pinning was lost.
/// </summary>
public class OpenSshPathTests
{
    [Theory]
    [InlineData("/tmp/with space/known_hosts")]
    [InlineData("/tmp/per%cent/known_hosts")]
    [InlineData("/tmp/quo\"te/known_hosts")]
    public void Openssh_refuses_a_known_hosts_path_it_would_split_or_expand(string path)
    {
        var spec = new ClusterSpec { KnownHosts = path };
        var refused = Assert.Throws<InputException>(() => SshSettings.For(spec, acceptNewHostKeys: true, transport: Transport.OpenSsh));
        Assert.Equal(InputErrorKind.ParameterInvalid, refused.Kind);
        Assert.Contains(path, refused.Message);
        // SSH.NET reads the file itself: the same path is fine there.
        Assert.Equal(path, SshSettings.For(spec, acceptNewHostKeys: true, transport: Transport.SshNet).KnownHostsFile);
    }
}

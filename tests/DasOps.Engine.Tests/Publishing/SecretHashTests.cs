using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Planning;
using DasOps.Engine.Publishing;
using DasOps.Engine.Remote;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;
using Xunit;

namespace DasOps.Engine.Tests.Publishing;

/// <summary>
/// Hashes that cannot be brute-forced: a password file's hash is shown and saved keyed, and no hash of it is ever on a
/// node's command line (where every user of the node sees it in ps).
/// </summary>
public class SecretHashTests
{
    private const string MasterDatasources = "repository/conf/datasources/master-datasources.xml";

    /// <summary>Local shells that remember the argv of every command they ran.</summary>
    private sealed class RecordingShells : IRemoteShellFactory
    {
        public ConcurrentBag<string> Arguments { get; } = new ConcurrentBag<string>();

        public IStreamingShell ShellFor(NodeSpec node) => new Recording(new LocalShell(node.Name), Arguments);

        public void Dispose() { }

        private sealed class Recording : IStreamingShell
        {
            private readonly LocalShell _inner;
            private readonly ConcurrentBag<string> _arguments;

            public Recording(LocalShell inner, ConcurrentBag<string> arguments)
            {
                _inner = inner;
                _arguments = arguments;
            }

            public string Node => _inner.Node;

            public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
            {
                foreach (var a in command.Arguments) _arguments.Add(a);
                return _inner.RunAsync(command, cancellationToken);
            }

            public RunningCommand Start(RemoteCommand command)
            {
                foreach (var a in command.Arguments) _arguments.Add(a);
                return _inner.Start(command);
            }

            public void Dispose() => _inner.Dispose();
        }
    }

    [Fact]
    public async Task A_password_files_hashes_are_keyed_in_results_and_never_on_a_command_line()
    {
        using var cluster = new LocalCluster();
        var shells = new RecordingShells();
        var results = await new ConfigurationPublisher(cluster.Spec, LocalCluster.Secrets, shells).ApplyAsync(new PublishOptions(), CancellationToken.None);

        var secret = results.SelectMany(r => r.Files).First(f => f.Path == MasterDatasources);
        var sha256 = Hashing.Sha256(File.ReadAllBytes(cluster.PathOf(secret.Node, MasterDatasources)));
        Assert.StartsWith(SecretFileHash.Prefix, secret.DesiredHash);
        Assert.NotEqual(sha256, secret.DesiredHash);
        // The plan text shows 12-character prefixes: not even that of the plain sha256.
        Assert.DoesNotContain(sha256.Substring(0, 12), PublishText.Plan(results, withDiffs: true));
        Assert.DoesNotContain(shells.Arguments, a => a.Contains(sha256));

        // The repair backs up the drifted file; restore sends that backup's hash, and on stdin too.
        var file = cluster.PathOf("n1", MasterDatasources);
        File.WriteAllText(file, File.ReadAllText(file).Replace("<username>wso2das</username>", "<username>drift</username>"));
        var drifted = Hashing.Sha256(File.ReadAllBytes(file));
        await new ConfigurationPublisher(cluster.Spec, LocalCluster.Secrets, shells).ApplyAsync(new PublishOptions { Nodes = new[] { "n1" } }, CancellationToken.None);
        Assert.DoesNotContain(shells.Arguments, a => a.Contains(drifted));
        shells.Arguments.Clear();
        var restored = (await new ConfigurationRestorer(cluster.Spec, shells).RestoreAsync(new PublishOptions { Nodes = new[] { "n1" } }, CancellationToken.None)).Single();
        Assert.Equal(PublishStatus.Changed, restored.Status);
        Assert.Equal(drifted, Hashing.Sha256(File.ReadAllBytes(file)));
        Assert.NotEmpty(shells.Arguments);
        Assert.DoesNotContain(shells.Arguments, a => a.Contains(drifted));
        Assert.Equal(SecretFileHash.Of(drifted), restored.Files.Single(f => f.Path == MasterDatasources).DesiredHash);
    }

    [Fact]
    public void The_keyed_hash_is_stable_for_one_key_and_differs_from_the_sha256()
    {
        var sha = new string('a', 64);
        Assert.Equal(SecretFileHash.Of(sha), SecretFileHash.Of(sha));
        Assert.NotEqual(SecretFileHash.Of(sha), SecretFileHash.Of(new string('b', 64)));
        Assert.DoesNotContain(sha, SecretFileHash.Of(sha));
        Assert.Null(SecretFileHash.Of(null));
    }
}

using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Publishing;
using DasOps.Engine.Remote;
using DasOps.Engine.Spec;
using Xunit;

namespace DasOps.Engine.Tests.Lifecycle;

/// <summary>
/// status, start and stop touch every node at once only up to the same bound as apply and plan: a 24-node cluster
/// never has more than <see cref="PublishOptions.DefaultParallelism"/> node sessions running together.
/// </summary>
public sealed class BoundedParallelismTests
{
    private static ClusterSpec Spec(int nodes)
    {
        var roles = new[] { "Receiver", "Indexer", "Analyzer", "Dashboard" };
        var yaml = new StringBuilder("name: big\nproduct: Das\npattern: FullyDistributed\ndefaults: { home: /srv/das }\n"
            + "database: { host: 10.77.0.10, user: wso2das }\nspark: { masterCount: 2 }\nnodes:\n");
        for (var k = 1; k <= nodes; k++) yaml.Append($"  - {{ name: n{k}, host: 10.77.1.{k}, roles: [{roles[(k - 1) % 4]}] }}\n");
        return SpecLoader.Load(yaml.ToString(), "big.yaml");
    }

    [Fact]
    public async Task Status_of_24_nodes_probes_at_most_the_default_parallelism_at_once()
    {
        var spec = Spec(24);
        var counter = new ConcurrencyCounter();

        var statuses = await ClusterStatusReader.ReadAsync(spec, spec.Nodes, n => new CountingShell(n.Name, counter), CancellationToken.None);

        Assert.Equal(24, statuses.Count);
        Assert.All(statuses, s => Assert.Equal("unreachable", s.Process));
        Assert.Equal(24, counter.Calls);
        Assert.InRange(counter.Peak, 2, PublishOptions.DefaultParallelism);
    }

    [Fact]
    public async Task Stop_of_24_nodes_works_on_at_most_the_default_parallelism_at_once()
    {
        var spec = Spec(24);
        var counter = new ConcurrencyCounter();
        var lifecycle = new ClusterLifecycle(spec, n => new CountingShell(n.Name, counter));

        var results = await lifecycle.StopAsync(spec.Nodes, CancellationToken.None);

        Assert.Equal(24, results.Count);
        Assert.True(counter.Calls >= 24);
        Assert.InRange(counter.Peak, 2, PublishOptions.DefaultParallelism);
    }

    private sealed class ConcurrencyCounter
    {
        private int _running;
        private int _peak;
        private int _calls;
        public int Peak => _peak;
        public int Calls => _calls;

        public async Task<CommandResult> Run()
        {
            Interlocked.Increment(ref _calls);
            var now = Interlocked.Increment(ref _running);
            int seen;
            while (now > (seen = _peak) && Interlocked.CompareExchange(ref _peak, now, seen) != seen) { }
            await Task.Delay(30);
            Interlocked.Decrement(ref _running);
            return new CommandResult(255, new byte[0], "ssh: connect to host: Connection refused", unreachable: true);
        }
    }

    /// <summary>A node that is never reachable, slowly: each command holds its slot for a moment, then fails.</summary>
    private sealed class CountingShell : IRemoteShell
    {
        private readonly ConcurrencyCounter _counter;
        public CountingShell(string node, ConcurrencyCounter counter) { Node = node; _counter = counter; }
        public string Node { get; }
        public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken) => _counter.Run();
        public void Dispose() { }
    }
}

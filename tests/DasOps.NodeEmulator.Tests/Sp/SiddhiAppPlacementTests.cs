using DasOps.NodeEmulator.Sp;

namespace DasOps.NodeEmulator.Tests.Sp;

/// <summary>
/// SiddhiAppPlacement without a manager process: receiver groups on receiver workers only, the rest on resource
/// workers only, the app held back while either kind is short, and a lost worker's children moved within its kind.
/// </summary>
public sealed class SiddhiAppPlacementTests
{
    private static readonly ExecutionGroup Passthrough = new("passthrough-1", 1, ["from passthroughIn select * insert into In"], Receiver: true);
    private static readonly ExecutionGroup Filter = new("group-1", 2, ["from In[temp > 40] select * insert into Out"]);
    private static readonly ExecutionGroup[] Groups = [Passthrough, Filter];

    private static ResourceNode Node(string id, bool receiver) => new(id, new SpInterface("127.0.0.1", 9443, "admin", "admin"), receiver);

    private static Dictionary<string, string> Where(PlacementPlan plan) => plan.Children.ToDictionary(c => c.Child, c => c.Node.Id);

    [Fact]
    public void ReceiverGroupOnTheReceiver_OtherGroupsRoundRobinOnResourceWorkers()
    {
        var pool = new[] { Node("wkr-2", false), Node("rcv-1", true), Node("wkr-1", false) };

        var plan = SiddhiAppPlacement.Plan("app", Groups, new Dictionary<string, string>(), pool, minResourceCount: 2);

        Assert.Null(plan.Shortfall);
        Assert.Equal(new Dictionary<string, string>
        {
            ["app-passthrough-1-1"] = "rcv-1",
            ["app-group-1-1"] = "wkr-1",
            ["app-group-1-2"] = "wkr-2",
        }, Where(plan));
    }

    [Fact]
    public void NoReceiver_HoldsTheAppBack_UntilOneJoins()
    {
        var resources = new List<ResourceNode> { Node("wkr-1", false), Node("wkr-2", false) };

        var waiting = SiddhiAppPlacement.Plan("app", Groups, new Dictionary<string, string>(), resources, 1);
        Assert.Empty(waiting.Children);
        Assert.Equal(new PlacementShortfall("app-passthrough-1-1", Passthrough, 1, 0), waiting.Shortfall);

        resources.Add(Node("rcv-1", true));
        var deployed = SiddhiAppPlacement.Plan("app", Groups, new Dictionary<string, string>(), resources, 1);
        Assert.Null(deployed.Shortfall);
        Assert.Equal("rcv-1", Where(deployed)["app-passthrough-1-1"]);
    }

    [Fact]
    public void MinResourceCount_CountsResourceWorkersOnly()
    {
        var pool = new[] { Node("wkr-1", false), Node("rcv-1", true), Node("rcv-2", true) };

        var plan = SiddhiAppPlacement.Plan("app", Groups, new Dictionary<string, string>(), pool, minResourceCount: 2);

        Assert.Equal(new PlacementShortfall("app-group-1-1", Filter, 2, 1), plan.Shortfall);
        // A group without a source never lands on a receiver, however many there are.
        var lone = SiddhiAppPlacement.Plan("app", [Filter], new Dictionary<string, string>(), [Node("rcv-1", true)], 1);
        Assert.Equal(new PlacementShortfall("app-group-1-1", Filter, 1, 0), lone.Shortfall);
    }

    [Fact]
    public void ReceiverGroupParallelism_NeedsAsManyReceivers()
    {
        ExecutionGroup wide = Passthrough with { Parallel = 2 };
        var one = new[] { Node("wkr-1", false), Node("rcv-1", true) };
        Assert.Equal(new PlacementShortfall("app-passthrough-1-1", wide, 2, 1),
            SiddhiAppPlacement.Plan("app", [wide, Filter], new Dictionary<string, string>(), one, 1).Shortfall);

        var two = one.Append(Node("rcv-2", true));
        var plan = SiddhiAppPlacement.Plan("app", [wide, Filter], new Dictionary<string, string>(), two, 1);
        Assert.Equal(["rcv-1", "rcv-2"], plan.Children.Where(c => c.Group.Receiver).Select(c => c.Node.Id).ToArray());
    }

    [Fact]
    public void LostReceiver_MovesItsGroupToTheOtherReceiver_OrTheAppWaits()
    {
        var before = new Dictionary<string, string>
        {
            ["app-passthrough-1-1"] = "rcv-1",
            ["app-group-1-1"] = "wkr-2",
            ["app-group-1-2"] = "wkr-1",
        };
        var (rcv1, rcv2, wkr1, wkr2) = (Node("rcv-1", true), Node("rcv-2", true), Node("wkr-1", false), Node("wkr-2", false));
        Assert.Equal(before, Where(SiddhiAppPlacement.Plan("app", Groups, before, [rcv1, rcv2, wkr1, wkr2], 1)));

        // rcv-1 left (the manager drops its children from the placement): the group moves to rcv-2, the rest stay.
        var afterLoss = before.Where(p => p.Value != "rcv-1").ToDictionary();
        var moved = Where(SiddhiAppPlacement.Plan("app", Groups, afterLoss, [rcv2, wkr1, wkr2], 1));
        Assert.Equal("rcv-2", moved["app-passthrough-1-1"]);
        Assert.Equal("wkr-2", moved["app-group-1-1"]);
        Assert.Equal("wkr-1", moved["app-group-1-2"]);

        // The last receiver gone: the app waits.
        Assert.NotNull(SiddhiAppPlacement.Plan("app", Groups, afterLoss, [wkr1, wkr2], 1).Shortfall);
    }
}

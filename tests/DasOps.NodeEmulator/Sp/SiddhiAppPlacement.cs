namespace DasOps.NodeEmulator.Sp;

/// <summary>One child app and the worker it goes to.</summary>
internal sealed record PlacedChild(string Child, ExecutionGroup Group, ResourceNode Node);

/// <summary>
/// Why an app must wait: the first child no worker could take, how many workers of its kind (receiver or resource)
/// the allocation needs and how many are registered.
/// </summary>
internal sealed record PlacementShortfall(string Child, ExecutionGroup Group, int Needed, int Available);

/// <summary>Every child placed, or the shortfall that holds the app back (then nothing is placed).</summary>
internal sealed record PlacementPlan(IReadOnlyList<PlacedChild> Children, PlacementShortfall? Shortfall);

/// <summary>
/// Where the children of a distributed app go, as DeploymentManagerImpl.deploy picks nodes (carbon-analytics
/// v2.1.22): a receiver group's children round robin over the receiver workers (isReceiverNode: true), which must
/// number at least the group's parallelism; every other child round robin over the resource workers, which must
/// number at least minResourceCount (receivers do not count). Both need at least one worker. A child keeps a worker
/// of the right kind that is still registered (pushed again, 409 means it runs). Workers are taken in id order and
/// each app starts at the first (the real iterators run on across apps: emulator simplification).
/// </summary>
internal static class SiddhiAppPlacement
{
    public static PlacementPlan Plan(string appName, IReadOnlyList<ExecutionGroup> groups,
        IReadOnlyDictionary<string, string> current, IEnumerable<ResourceNode> pool, int minResourceCount)
    {
        var nodes = pool.OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
        var receivers = nodes.Where(n => n.IsReceiver).ToList();
        var resources = nodes.Where(n => !n.IsReceiver).ToList();
        int nextReceiver = 0, nextResource = 0;
        var placed = new List<PlacedChild>();
        foreach (var group in groups)
        {
            var kind = group.Receiver ? receivers : resources;
            var needed = Math.Max(1, group.Receiver ? group.Parallel : minResourceCount);
            for (var i = 1; i <= group.Parallel; i++)
            {
                var child = $"{appName}-{group.Name}-{i}";
                if (kind.Count < needed)
                    return new PlacementPlan([], new PlacementShortfall(child, group, needed, kind.Count));
                var node = current.TryGetValue(child, out var id) && kind.FirstOrDefault(n => n.Id == id) is { } kept
                    ? kept
                    : group.Receiver ? receivers[nextReceiver++ % receivers.Count] : resources[nextResource++ % resources.Count];
                placed.Add(new PlacedChild(child, group, node));
            }
        }
        return new PlacementPlan(placed, null);
    }
}

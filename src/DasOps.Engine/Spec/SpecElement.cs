using System.Collections.Generic;

namespace DasOps.Engine.Spec;

/// <summary>
/// Base of every spec object: remembers where each of its keys was written so validation can point at it.
/// Specs built in code have no locations; their errors name the cluster instead.
/// </summary>
public abstract class SpecElement
{
    private readonly Dictionary<string, SpecLocation> _locations = new Dictionary<string, SpecLocation>();

    internal SpecLocation Location { get; set; }

    internal void SetLocation(string key, SpecLocation location) => _locations[key] = location;

    internal bool HasLocation(string key) => _locations.ContainsKey(key);

    internal SpecLocation LocationOf(string key) =>
        _locations.TryGetValue(key, out var location) ? location : Location;
}

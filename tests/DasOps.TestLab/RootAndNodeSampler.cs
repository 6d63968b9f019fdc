using System;

namespace DasOps.TestLab;

/// <summary>
/// The process lists of this machine (the root namespace) and of one lab node, sampled together: both samplers have
/// taken a first sample when the constructor returns, so whatever runs next is covered from its start.
/// </summary>
public sealed class RootAndNodeSampler : IDisposable
{
    public RootAndNodeSampler(string node)
    {
        Root = ProcessSampler.InRootNamespace();
        try
        {
            Node = ProcessSampler.InNode(node);
            Root.WaitForSamples(1);
            Node.WaitForSamples(1);
        }
        catch
        {
            // a sampler left running would outlive the test and keep sampling the lab
            Node?.Dispose();
            Root.Dispose();
            throw;
        }
    }

    public ProcessSampler Root { get; }

    public ProcessSampler Node { get; }

    /// <summary>The samples both lists have at least. It and the texts stay readable after Dispose.</summary>
    public int Samples => Math.Min(Root.Samples, Node.Samples);

    public void Dispose()
    {
        Node.Dispose();
        Root.Dispose();
    }
}

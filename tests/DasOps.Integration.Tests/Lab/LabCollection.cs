using Xunit;

namespace DasOps.Integration.Tests.Lab;

/// <summary>Every lab test shares the one lab and runs one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<LabFixture>
{
    public const string Name = "lab";
}

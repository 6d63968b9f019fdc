using System.Collections.Generic;
using DasOps.Engine.Spec;

namespace DasOps.Integration.Tests.Lab;

/// <summary>Every transport-level test runs once per transport: one suite, the same results from both.</summary>
public static class Transports
{
    public static IEnumerable<object[]> Both => new[] { new object[] { Transport.OpenSsh }, new object[] { Transport.SshNet } };
}

using System;
using System.Diagnostics;
using System.Reflection;

namespace DasOps.Engine.Remote;

/// <summary>
/// Kills a process and its descendants: a child left behind (sleep, tar) would hold the output pipes open and keep a
/// reader waiting. .NET Core 3+ has Process.Kill(bool); netstandard2.0 does not expose it, so it is reached by
/// reflection, falling back to killing the process alone.
/// </summary>
internal static class ProcessTree
{
    private static readonly MethodInfo? KillTree = typeof(Process).GetMethod("Kill", new[] { typeof(bool) });

    public static void Kill(Process process)
    {
        try
        {
            if (process.HasExited) return;
            if (KillTree != null) KillTree.Invoke(process, new object[] { true });
            else process.Kill();
        }
        catch (Exception e) when (e is InvalidOperationException || e is TargetInvocationException || e is System.ComponentModel.Win32Exception)
        {
            // it ended on its own meanwhile
        }
    }
}

using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace DasOps.Internal;

/// <summary>
/// Tab completion of -Node from the cluster given as -Cluster (a variable or any expression PowerShell can evaluate
/// safely while completing): node names that start with what was typed, in spec order, quoted where they need it.
/// </summary>
internal sealed class NodeNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (!(Unwrap(fakeBoundParameters?["Cluster"]) is DasCluster cluster)) return Enumerable.Empty<CompletionResult>();
        var typed = (wordToComplete ?? "").Trim('\'', '"');
        var pattern = WildcardPattern.Get(typed + "*", WildcardOptions.IgnoreCase);
        return cluster.Nodes
            .Where(n => pattern.IsMatch(n.Name))
            .Select(n => new CompletionResult(Quote(n.Name), n.Name, CompletionResultType.ParameterValue, $"{n.Name} ({n.Host}, {n.Role})"))
            .ToList();
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    // Node names are validated identifiers today; quoting keeps completion safe should that ever loosen.
    private static string Quote(string name) =>
        name.All(c => char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.') ? name : "'" + name.Replace("'", "''") + "'";
}

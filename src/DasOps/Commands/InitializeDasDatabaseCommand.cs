using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DasOps.Engine.Database;
using DasOps.Engine.Secrets;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// Initialize-DasDatabase: creates the cluster's databases (character set from the spec), its user on every node
/// host with grants, and the carbon schema from the product's own dbscripts in userdb and regdb, each only when
/// missing, like <c>dasops db init</c>. Never drops or alters what exists. ConfirmImpact High: it asks unless
/// -Confirm:$false. -WhatIf reads the server and shows the SQL that would run, passwords masked.
/// </summary>
[Cmdlet(VerbsData.Initialize, "DasDatabase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = NodeSet)]
[OutputType(typeof(DasDatabaseResult))]
[OutputType(typeof(DasDatabaseAccountResult))]
[OutputType(typeof(DasCluster))]
public sealed class InitializeDasDatabaseCommand : DasRemoteCmdlet
{
    private const string NodeSet = "Node";
    private const string LocalSet = "Local";

    /// <summary>The node the connection goes through (it holds the product's dbscripts; the server sees its address); the cluster's first node when not given.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = NodeSet)]
    [Alias("NodeName")]
    [ArgumentCompleter(typeof(NodeNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Node { get; set; }

    /// <summary>Connect from this machine instead of through a node; needs -ScriptDirectory.</summary>
    [Parameter(ParameterSetName = LocalSet)]
    public SwitchParameter Local { get; set; }

    /// <summary>The product's dbscripts directory on the node (or on this machine with -Local); HOME/dbscripts by default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ScriptDirectory { get; set; }

    /// <summary>The password the cluster's database user gets; the user name is the spec's.</summary>
    [Parameter]
    [Credential]
    public PSCredential? DatabaseCredential { get; set; }

    /// <summary>The password of the administrator that creates databases and users; the user name is the spec's adminUser.</summary>
    [Parameter]
    [Credential]
    public PSCredential? DatabaseAdminCredential { get; set; }

    /// <summary>Output the cluster, when every database and account is complete, instead of the results.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Each cluster is initialized as it arrives: -Node names the node the connection goes through, not a set of nodes to merge.</summary>
    protected override void ProcessRecord() => Guarded(Cluster, () => ProcessCluster(Cluster, null));

    private protected override void ProcessCluster(DasCluster cluster, IReadOnlyList<string>? nodes)
    {
        var spec = cluster.Spec;
        var secrets = ResolveSecrets(spec, SecretNeeds.DatabasePassword | SecretNeeds.DatabaseAdminPassword, DatabaseCredential, DatabaseAdminCredential, null);
        if (Node != null && spec.FindNode(Node) == null)
        {
            WriteError(DasErrors.NodeNotFound(spec, Node));
            return;
        }
        var scripts = ScriptDirectory;
        if (Local && scripts != null && (scripts = ResolveFileSystemPath(scripts)) == null) return;
        using var connections = Local ? null : Connect(spec);
        if (!Local && connections == null) return;
        var (shell, directory) = DatabaseTarget.Choose(spec, connections, Node, Local, scripts);
        var whatIf = WhatIfRequested;
        var outcome = RunOperation(Format(Strings.ActivityDatabase, spec.Name), secrets, (reporter, token) =>
            new DatabaseInitializer(spec, secrets, shell, directory, reporter) { WhatIf = whatIf }.RunAsync(token));

        var server = $"{spec.Database.Host}:{spec.Database.Port}";
        WriteVerbose(Format(Strings.VerboseDatabaseServer, outcome.Server, outcome.RanOn, outcome.Script ?? "-"));
        foreach (var statement in outcome.MaskedSql.Select(sql => SecretMasker.Apply(sql, secrets.Values)))
        {
            if (whatIf) WriteWhatIf(Format(Strings.WhatIfSql, server, statement));
            else WriteVerbose(Format(Strings.VerboseSql, server, statement));
        }
        // What became of each database and account, also under -PassThru, where the result objects are not written.
        foreach (var database in outcome.Databases.Select(d => new DasDatabaseResult(outcome, d)))
            WriteVerbose(Format(Strings.VerboseDatabaseResult, database.Name, database.Action, database.CharacterSet ?? "-",
                database.Schema?.ToString() ?? "-", database.Tables));
        foreach (var account in outcome.Accounts.Select(a => new DasDatabaseAccountResult(outcome, a)))
            WriteVerbose(Format(Strings.VerboseAccountResult, account.Account, account.User, account.Grants));
        if (!outcome.Succeeded) WriteError(DasErrors.DatabaseIncomplete(server, Problems(outcome)));
        if (PassThru)
        {
            // An incomplete database keeps the cluster from the next step of the pipeline: the error says why.
            if (outcome.Succeeded) WriteObject(cluster);
            return;
        }
        foreach (var database in outcome.Databases) WriteObject(new DasDatabaseResult(outcome, database));
        foreach (var account in outcome.Accounts) WriteObject(new DasDatabaseAccountResult(outcome, account));
    }

    /// <summary>What keeps the databases from being complete, one clause per database or account, as the engine words it.</summary>
    private static string Problems(DatabaseInitResult outcome) =>
        string.Join("; ", outcome.Databases
            .Where(d => d.Database == DatabaseAction.Failed || d.Schema == DatabaseAction.Partial || d.Schema == DatabaseAction.Failed)
            .Select(d => $"{d.Name}: database {d.Database}, schema {d.Schema}" + (d.Detail.Length > 0 ? $" ({d.Detail})" : ""))
            .Concat(outcome.Accounts
                .Where(a => a.User == DatabaseAction.Failed || a.Grants == DatabaseAction.Failed)
                .Select(a => $"{a.Account}: user {a.User}, grants {a.Grants}" + (a.Detail.Length > 0 ? $" ({a.Detail})" : ""))));
}

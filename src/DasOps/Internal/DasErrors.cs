using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DasOps.Engine.Config;
using DasOps.Engine.Database;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Lifecycle;
using DasOps.Engine.Products.Sp;
using DasOps.Engine.Publishing;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;

namespace DasOps.Internal;

/// <summary>
/// The stable error ids of the module. Scripts and runbooks match on them
/// (<c>$_.FullyQualifiedErrorId -like 'DasNodeNotFound,*'</c>), so they never change once shipped.
/// </summary>
internal static class DasErrorIds
{
    public const string SpecInvalid = "DasSpecInvalid";                 // InvalidData
    public const string SpecNotFound = "DasSpecNotFound";               // ObjectNotFound
    public const string PathNotFileSystem = "DasPathNotFileSystem";     // InvalidArgument
    public const string ParameterInvalid = "DasParameterInvalid";       // InvalidArgument
    public const string FileExists = "DasFileExists";                   // ResourceExists
    public const string FileWriteFailed = "DasFileWriteFailed";         // WriteError
    public const string SecretMissing = "DasSecretMissing";             // InvalidArgument
    public const string ConfigurationEdit = "DasConfigurationEdit";     // InvalidData
    public const string NodeNotFound = "DasNodeNotFound";               // ObjectNotFound
    public const string DatabaseError = "DasDatabaseError";             // InvalidResult
    public const string DatabaseAccessDenied = "DasDatabaseAccessDenied"; // AuthenticationError
    public const string FileNotFound = "DasFileNotFound";               // ObjectNotFound
    public const string NodeUnreachable = "DasNodeUnreachable";         // ConnectionError
    public const string HostKeyRejected = "DasHostKeyRejected";         // SecurityError
    public const string NodeAuthFailed = "DasNodeAuthFailed";           // AuthenticationError
    public const string NodeLocked = "DasNodeLocked";                   // ResourceBusy
    public const string ChangeRefused = "DasChangeRefused";             // InvalidOperation
    public const string NodeCommandFailed = "DasNodeCommandFailed";     // InvalidResult
    public const string OperationCancelled = "DasOperationCancelled";   // OperationStopped
    public const string NodeActionFailed = "DasNodeActionFailed";       // InvalidResult
    public const string HaNotReady = "DasHaNotReady";                   // InvalidOperation
    public const string PlanInvalid = "DasPlanInvalid";                 // InvalidData
    public const string PlanNotSaved = "DasPlanNotSaved";               // InvalidOperation
    public const string NoActiveManager = "DasNoActiveManager";         // ResourceUnavailable
    public const string SiddhiAppNotListed = "DasSiddhiAppNotListed";   // InvalidResult
    public const string EndpointUnreachable = "DasEndpointUnreachable"; // ConnectionError
    public const string JavaUnavailable = "DasJavaUnavailable";         // NotInstalled

    // Reserved for when the engine tells them apart: DasOperationTimeout (OperationTimeout).
}

/// <summary>Turns engine exceptions and module conditions into complete ErrorRecords (id, category, target, advice).</summary>
internal static class DasErrors
{
    private static string Format(string template, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, template, args);

    /// <summary>One record per spec error, each naming file:line:column; the exception carries only that error.</summary>
    public static IEnumerable<ErrorRecord> SpecInvalid(IEnumerable<SpecError> errors, object? target) =>
        errors.Select(e => Record(new SpecException(new[] { e }), DasErrorIds.SpecInvalid, ErrorCategory.InvalidData, target, Strings.RecommendedFixSpec));

    /// <summary>
    /// Errors about a spec built in memory carry no file; they are given <paramref name="source"/> (the cluster's
    /// file, or the engine's "&lt;new&gt;") so no message starts with an empty location.
    /// </summary>
    public static IReadOnlyList<SpecError> Located(IEnumerable<SpecError> errors, string source) =>
        errors.Select(e => string.IsNullOrEmpty(e.Location.File) ? new SpecError(new SpecLocation(source, 0, 0), e.Code, e.Message) : e).ToList();

    /// <summary>The records for an engine exception a cmdlet cannot recover from; unknown exceptions are not swallowed.</summary>
    public static IReadOnlyList<ErrorRecord> FromException(Exception exception, object? target)
    {
        switch (exception)
        {
            case SpecException spec:
                return SpecInvalid(spec.Errors, target).ToList();
            case InputException input:
                return new[] { FromInput(input, target) };
            case DatabaseException database when database.AccessDenied:
                return new[] { Record(database, DasErrorIds.DatabaseAccessDenied, ErrorCategory.AuthenticationError, (object?)database.Database ?? target, Strings.RecommendedSecret) };
            case DatabaseException database:
                return new[] { Record(database, DasErrorIds.DatabaseError, ErrorCategory.InvalidResult, (object?)database.Database ?? target, null) };
            case ConfigEditException edit:
                return new[] { Record(edit, DasErrorIds.ConfigurationEdit, ErrorCategory.InvalidData, (object?)edit.Node ?? target, null) };
            case NodeOperationException node:
                return new[] { NodeFailed(node.Node, node.Failure, node.Message) };
            case NodeUnreachableException unreachable:
                return new[] { Record(unreachable, DasErrorIds.NodeUnreachable, ErrorCategory.ConnectionError, unreachable.Node, Strings.RecommendedUnreachable) };
            case NoActiveManagerException leaderless:
                return new[] { Record(leaderless, DasErrorIds.NoActiveManager, ErrorCategory.ResourceUnavailable, target, Strings.RecommendedNoActiveManager) };
            case LifecycleException lifecycle:
                return new[] { Record(lifecycle, DasErrorIds.NodeCommandFailed, ErrorCategory.InvalidResult, lifecycle.Node, null) };
            case IOException io:
                return new[] { Record(io, DasErrorIds.FileWriteFailed, ErrorCategory.WriteError, target, null) };
            case UnauthorizedAccessException denied:
                return new[] { Record(denied, DasErrorIds.FileWriteFailed, ErrorCategory.PermissionDenied, target, null) };
            default:
                return Array.Empty<ErrorRecord>();
        }
    }

    /// <summary>Bad input, by its kind: the one list the CLI maps to exit code 2.</summary>
    public static ErrorRecord FromInput(InputException input, object? target)
    {
        var (id, category, advice) = input.Kind switch
        {
            InputErrorKind.NodeNotFound => (DasErrorIds.NodeNotFound, ErrorCategory.ObjectNotFound, Strings.RecommendedNode),
            InputErrorKind.SecretMissing => (DasErrorIds.SecretMissing, ErrorCategory.InvalidArgument, Strings.RecommendedSecret),
            InputErrorKind.FileNotFound => (DasErrorIds.FileNotFound, ErrorCategory.ObjectNotFound, (string?)null),
            InputErrorKind.PlanInvalid => (DasErrorIds.PlanInvalid,
                input.InnerException is FileNotFoundException || input.InnerException is DirectoryNotFoundException ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidData, (string?)null),
            _ => (DasErrorIds.ParameterInvalid, ErrorCategory.InvalidArgument, (string?)null),
        };
        return Record(input, id, category, (object?)input.Target ?? target, advice);
    }

    /// <summary>
    /// A node that failed in a multi-node operation, by why it failed. The message is the engine's (it names the node
    /// and is already masked); the target is the node's name.
    /// </summary>
    public static ErrorRecord NodeFailed(string node, NodeFailure failure, string message)
    {
        var (id, category, advice) = failure switch
        {
            NodeFailure.Unreachable => (DasErrorIds.NodeUnreachable, ErrorCategory.ConnectionError, Strings.RecommendedUnreachable),
            NodeFailure.HostKeyRejected => (DasErrorIds.HostKeyRejected, ErrorCategory.SecurityError, Strings.RecommendedHostKey),
            NodeFailure.AuthenticationFailed => (DasErrorIds.NodeAuthFailed, ErrorCategory.AuthenticationError, Strings.RecommendedAuth),
            NodeFailure.Locked => (DasErrorIds.NodeLocked, ErrorCategory.ResourceBusy, Strings.RecommendedLocked),
            NodeFailure.Refused => (DasErrorIds.ChangeRefused, ErrorCategory.InvalidOperation, null),
            NodeFailure.JavaUnavailable => (DasErrorIds.JavaUnavailable, ErrorCategory.NotInstalled, Strings.RecommendedJava),
            NodeFailure.Configuration => (DasErrorIds.ConfigurationEdit, ErrorCategory.InvalidData, Strings.RecommendedFixSpec),
            NodeFailure.Cancelled => (DasErrorIds.OperationCancelled, ErrorCategory.OperationStopped, null),
            _ => (DasErrorIds.NodeCommandFailed, ErrorCategory.InvalidResult, null),
        };
        return Record(new InvalidOperationException(message), id, category, node, advice);
    }

    /// <summary>A node Start-, Stop- or Restart-DasNode could not bring to the state asked for.</summary>
    public static ErrorRecord NodeActionFailed(string action, string node, string detail) =>
        Record(new InvalidOperationException(Format(Strings.NodeActionFailed, action, node, detail)), DasErrorIds.NodeActionFailed, ErrorCategory.InvalidResult, node, null);

    public static ErrorRecord NodeUnreachable(string node, string detail) =>
        Record(new InvalidOperationException(Format(Strings.NodeUnreachable, node, detail)), DasErrorIds.NodeUnreachable, ErrorCategory.ConnectionError, node,
            Strings.RecommendedUnreachable);

    /// <summary>A node could not open a connection to an endpoint it needs; the target is the result (node, peer, address).</summary>
    public static ErrorRecord EndpointUnreachable(object target, string message) =>
        Record(new InvalidOperationException(message), DasErrorIds.EndpointUnreachable, ErrorCategory.ConnectionError, target, Strings.RecommendedEndpointUnreachable);

    public static ErrorRecord HaNotReady(string cluster, int failedChecks) =>
        Record(new InvalidOperationException(Format(Strings.HaNotReady, cluster, failedChecks)), DasErrorIds.HaNotReady, ErrorCategory.InvalidOperation, cluster,
            Strings.RecommendedHaNotReady);

    /// <summary>An app the manager accepted but did not list within the settle time (the CLI exits 1 on it too).</summary>
    public static ErrorRecord SiddhiAppNotListed(string app, string manager) =>
        Record(new InvalidOperationException(Format(Strings.SiddhiAppNotListed, app, manager)), DasErrorIds.SiddhiAppNotListed, ErrorCategory.InvalidResult, app, null);

    public static ErrorRecord DatabaseIncomplete(string server, string detail) =>
        Record(new InvalidOperationException(Format(Strings.DatabaseIncomplete, server, detail)), DasErrorIds.DatabaseError, ErrorCategory.InvalidResult, server, null);

    public static ErrorRecord PlanNotSaved(string path, Exception exception) =>
        Record(new InvalidOperationException(Format(Strings.PlanNotSaved, path, exception.Message), exception), DasErrorIds.PlanNotSaved,
            ErrorCategory.InvalidOperation, path, null);

    public static ErrorRecord WaitRequired() =>
        Record(new PSArgumentException(Strings.WaitRequired), DasErrorIds.ParameterInvalid, ErrorCategory.InvalidArgument, "Wait", null);

    public static ErrorRecord NodeNotFound(ClusterSpec spec, string node) =>
        Record(new ItemNotFoundException(Format(Strings.NodeNotFound, spec.Name, node, string.Join(", ", spec.Nodes.Select(n => n.Name)))),
            DasErrorIds.NodeNotFound, ErrorCategory.ObjectNotFound, node, Strings.RecommendedNode);

    public static ErrorRecord SpecNotFound(string path) =>
        Record(new ItemNotFoundException(Format(Strings.SpecNotFound, path)), DasErrorIds.SpecNotFound, ErrorCategory.ObjectNotFound, path, null);

    public static ErrorRecord NoFileMatches(string pattern) =>
        Record(new ItemNotFoundException(Format(Strings.NoFileMatches, pattern)), DasErrorIds.SpecNotFound, ErrorCategory.ObjectNotFound, pattern, null);

    public static ErrorRecord PathNotFileSystem(string path) =>
        Record(new PSArgumentException(Format(Strings.PathNotFileSystem, path)), DasErrorIds.PathNotFileSystem, ErrorCategory.InvalidArgument, path, null);

    public static ErrorRecord FileExists(string path) =>
        Record(new IOException(Format(Strings.FileExists, path)), DasErrorIds.FileExists, ErrorCategory.ResourceExists, path, Strings.RecommendedForce);

    public static ErrorRecord FileWriteFailed(string path, Exception exception) =>
        Record(new IOException(Format(Strings.FileWriteFailed, path, exception.Message), exception), DasErrorIds.FileWriteFailed,
            exception is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError, path, null);

    public static ErrorRecord SpecNotWritten(ClusterSpec spec, int errorCount, string path) =>
        Record(new InvalidDataException(Format(Strings.SpecNotWritten, spec.Name, errorCount, path)), DasErrorIds.SpecInvalid, ErrorCategory.InvalidData, path, Strings.RecommendedFixSpec);

    private static ErrorRecord Record(Exception exception, string id, ErrorCategory category, object? target, string? recommendedAction)
    {
        var record = new ErrorRecord(exception, id, category, target);
        if (recommendedAction != null) record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = recommendedAction };
        return record;
    }
}

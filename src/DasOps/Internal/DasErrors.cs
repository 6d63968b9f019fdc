using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DasOps.Engine.Config;
using DasOps.Engine.Database;
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

    // Mapped as the engine's remote and lifecycle operations gain their typed exceptions:
    // DasNodeUnreachable (ConnectionError), DasHostKeyRejected (SecurityError), DasNodeAuthFailed (AuthenticationError),
    // DasNodeLocked (ResourceBusy), DasOperationTimeout (OperationTimeout).
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
            case SecretMissingException secret:
                return new[] { Record(secret, DasErrorIds.SecretMissing, ErrorCategory.InvalidArgument, target, Strings.RecommendedSecret) };
            case DatabaseException database when database.AccessDenied:
                return new[] { Record(database, DasErrorIds.DatabaseAccessDenied, ErrorCategory.AuthenticationError, (object?)database.Database ?? target, Strings.RecommendedSecret) };
            case DatabaseException database:
                return new[] { Record(database, DasErrorIds.DatabaseError, ErrorCategory.InvalidResult, (object?)database.Database ?? target, null) };
            case ConfigEditException edit:
                return new[] { Record(edit, DasErrorIds.ConfigurationEdit, ErrorCategory.InvalidData, (object?)edit.Node ?? target, null) };
            case ArgumentException argument:
                return new[] { Record(argument, DasErrorIds.ParameterInvalid, ErrorCategory.InvalidArgument, target, null) };
            case IOException io:
                return new[] { Record(io, DasErrorIds.FileWriteFailed, ErrorCategory.WriteError, target, null) };
            case UnauthorizedAccessException denied:
                return new[] { Record(denied, DasErrorIds.FileWriteFailed, ErrorCategory.PermissionDenied, target, null) };
            default:
                return Array.Empty<ErrorRecord>();
        }
    }

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

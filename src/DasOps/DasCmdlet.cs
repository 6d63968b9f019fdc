using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DasOps.Engine.Diagnostics;
using DasOps.Engine.Remote;
using DasOps.Engine.Secrets;
using DasOps.Engine.Spec;
using DasOps.Internal;

namespace DasOps.Commands;

/// <summary>
/// What every DasOps cmdlet shares: cancellation (Ctrl+C cancels the engine's token), the engine reporter
/// (progress, verbose, warnings, ShouldProcess), error records with stable ids, spec paths, and secrets from
/// PSCredential parameters or the environment. Members that name engine types are <c>private protected</c>:
/// PowerShell must be able to read this public type before the engine can be loaded.
/// </summary>
public abstract class DasCmdlet : PSCmdlet, IDisposable
{
    private CancellationTokenSource? _cancellation;
    private readonly List<CmdletReporter> _reporters = new List<CmdletReporter>();
    private readonly List<string> _maskedSecrets = new List<string>();

    /// <summary>A secret that is not one of the cluster's (the ssh password): masked in everything the operations report too.</summary>
    private protected void MaskSecret(string secret)
    {
        if (!_maskedSecrets.Contains(secret)) _maskedSecrets.Add(secret);
    }

    /// <summary>Cancelled when the user presses Ctrl+C (StopProcessing) or the pipeline is stopped.</summary>
    private protected CancellationToken CancellationToken => (_cancellation ??= new CancellationTokenSource()).Token;

    protected override void BeginProcessing()
    {
        _cancellation ??= new CancellationTokenSource();
    }

    protected override void EndProcessing()
    {
        foreach (var reporter in _reporters) reporter.Complete();
        _reporters.Clear();
    }

    protected override void StopProcessing()
    {
        try
        {
            _cancellation?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the call already ended; nothing to cancel
        }
    }

    public void Dispose()
    {
        _cancellation?.Dispose();
        _cancellation = null;
        GC.SuppressFinalize(this);
    }

    private protected static string Format(string template, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, template, args);

    /// <summary>
    /// Runs one engine operation: the engine gets a reporter and the cancellation token, works on any threads it
    /// likes, and everything it reports reaches PowerShell on the pipeline thread.
    /// </summary>
    private protected T RunOperation<T>(string activity, ClusterSecrets? secrets, Func<IOperationReporter, CancellationToken, Task<T>> operation)
    {
        var dispatcher = new PipelineDispatcher();
        var reporter = new CmdletReporter(this, dispatcher, activity, (secrets?.Values ?? Enumerable.Empty<string>()).Concat(_maskedSecrets).ToList());
        _reporters.Add(reporter);
        var token = CancellationToken;
        try
        {
            return dispatcher.Run(() => operation(reporter, token));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Ctrl+C: PowerShell is stopping the pipeline; this is how a cmdlet says it stopped.
            throw new PipelineStoppedException();
        }
    }

    /// <summary>
    /// True when the call runs under -WhatIf (or $WhatIfPreference): operations that can show in advance what they
    /// would do (SQL, diffs, files to delete) are then run in their read-only mode and report it.
    /// </summary>
    private protected bool WhatIfRequested =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound)
            ? LanguagePrimitives.IsTrue(bound)
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>
    /// One line of the what-if report, shown as PowerShell shows what -WhatIf skips ("What if: ..."). Called only under
    /// <see cref="WhatIfRequested"/>, where ShouldProcess writes its description and returns false without prompting.
    /// </summary>
    private protected void WriteWhatIf(string description)
    {
        ShouldProcess(description, description, Strings.WhatIfCaption);
    }

    private protected void WriteErrors(IEnumerable<ErrorRecord> records)
    {
        foreach (var record in records) WriteError(record);
    }

    /// <summary>Writes the records for a known engine exception and returns true; false leaves it to the caller.</summary>
    private protected bool TryWriteEngineError(Exception exception, object? target)
    {
        var records = DasErrors.FromException(exception, target);
        WriteErrors(records);
        return records.Count > 0;
    }

    /// <summary>
    /// Secrets for one run: a credential parameter wins; otherwise the environment variable the spec names.
    /// Never prompts, so runbooks and scheduled jobs cannot hang; a missing secret is a DasSecretMissing error.
    /// </summary>
    private protected static ClusterSecrets ResolveSecrets(ClusterSpec spec, SecretNeeds needs,
        PSCredential? database, PSCredential? databaseAdmin, PSCredential? svn)
    {
        var given = new ClusterSecrets
        {
            DatabasePassword = PasswordOf(database),
            DatabaseAdminPassword = PasswordOf(databaseAdmin),
            SvnPassword = PasswordOf(svn),
        };
        return ClusterSecrets.Resolve(spec, needs, given);
    }

    private static string? PasswordOf(PSCredential? credential) =>
        credential == null || credential == PSCredential.Empty ? null : credential.GetNetworkCredential().Password;

    /// <summary>
    /// Spec files named by -Path: wildcards expand (no match is an error), a literal path that does not exist is
    /// reported through <paramref name="missing"/>, and a path outside the file system is an error.
    /// </summary>
    private protected IEnumerable<string> ResolveSpecFiles(string path, Action<string> missing)
    {
        if (WildcardPattern.ContainsWildcardCharacters(path))
        {
            List<string> matches;
            ProviderInfo? provider;
            try
            {
                matches = GetResolvedProviderPathFromPSPath(path, out provider).ToList();
            }
            catch (ItemNotFoundException)
            {
                matches = new List<string>();
                provider = null;
            }
            if (provider != null && !IsFileSystem(provider))
            {
                WriteError(DasErrors.PathNotFileSystem(path));
                yield break;
            }
            if (matches.Count == 0)
            {
                // '[' and ']' are wildcard characters, but also legal in file names: a file of exactly that name wins.
                var literal = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var literalProvider, out _);
                if (IsFileSystem(literalProvider) && File.Exists(literal)) matches.Add(literal);
                else WriteError(DasErrors.NoFileMatches(path));
            }
            foreach (var match in matches) yield return match;
            yield break;
        }

        var file = ResolveFileSystemPath(path);
        if (file == null) yield break;
        if (File.Exists(file)) yield return file;
        else missing(file);
    }

    /// <summary>
    /// The run's connections over the chosen transport (dispose them when done), from the ssh parameters of a cmdlet
    /// that reaches nodes; null after an error when a named file is not a file system path.
    /// </summary>
    private protected IRemoteShellFactory? OpenConnections(ClusterSpec spec, string? transportName, string? sshKey, string? sshConfig, string? knownHostsFile,
        PSCredential? credential, bool acceptNewHostKey)
    {
        string? config = null, knownHosts = null, key = null;
        if (sshConfig != null && (config = ResolveFileSystemPath(sshConfig)) == null) return null;
        if (knownHostsFile != null && (knownHosts = ResolveFileSystemPath(knownHostsFile)) == null) return null;
        if (sshKey != null && (key = ResolveFileSystemPath(sshKey)) == null) return null;
        var transport = transportName == null ? (Engine.Spec.Transport?)null : (Engine.Spec.Transport)Enum.Parse(typeof(Engine.Spec.Transport), transportName, ignoreCase: true);
        string? password = null, user = null;
        if (credential != null && credential != PSCredential.Empty)
        {
            var login = credential.GetNetworkCredential();
            password = string.IsNullOrEmpty(login.Password) ? null : login.Password;
            user = string.IsNullOrEmpty(login.UserName) ? null : login.UserName;
        }
        var options = SshSettings.For(spec, config, knownHosts, acceptNewHostKey, transport, key, password, user);
        if (options.Password != null) MaskSecret(options.Password);
        return RemoteShells.Open(spec, options);
    }

    /// <summary>A path to write or read, resolved against the current location; null (after an error) outside the file system.</summary>
    private protected string? ResolveFileSystemPath(string path)
    {
        var resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
        if (IsFileSystem(provider)) return resolved;
        WriteError(DasErrors.PathNotFileSystem(path));
        return null;
    }

    private static bool IsFileSystem(ProviderInfo provider) =>
        string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads and validates a spec file; on any problem writes one DasSpecInvalid error per problem and returns null.</summary>
    private protected DasCluster? ReadCluster(string file)
    {
        var errors = LoadAndValidate(file, out var spec);
        if (errors.Count > 0 || spec == null)
        {
            WriteErrors(DasErrors.SpecInvalid(errors, file));
            return null;
        }
        WriteVerbose(Format(Strings.VerboseRead, file, spec.Product, spec.Pattern, spec.Nodes.Count));
        return new DasCluster(spec, file);
    }

    /// <summary>Every problem of a spec file, parse and validation alike, in file order.</summary>
    private protected static IReadOnlyList<SpecError> LoadAndValidate(string file, out ClusterSpec? spec) =>
        SpecLoader.LoadAndValidateFile(file, out spec);

    /// <summary>Writes a spec atomically; refuses to replace an existing file without <paramref name="force"/>.</summary>
    private protected bool TryWriteSpec(ClusterSpec spec, string file, bool force)
    {
        if (File.Exists(file) && !force)
        {
            WriteError(DasErrors.FileExists(file));
            return false;
        }
        try
        {
            SpecWriter.SaveFile(spec, file);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            WriteError(DasErrors.FileWriteFailed(file, e));
            return false;
        }
        WriteVerbose(Format(Strings.VerboseWrote, file, string.Join(", ", SecretVariables(spec))));
        return true;
    }

    private static IEnumerable<string> SecretVariables(ClusterSpec spec)
    {
        yield return spec.Database.PasswordEnv;
        yield return spec.Database.AdminPasswordEnv;
        if (spec.DepSync is { Enabled: true } dep) yield return dep.PasswordEnv;
    }
}

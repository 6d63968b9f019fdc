using System;
using System.Collections.Generic;
using System.Linq;
using DasOps.Engine.Spec;
using DasOps.Engine.Diagnostics;

namespace DasOps.Engine.Secrets;

/// <summary>What a run needs to know that must never be written to the spec, a log or a command line.</summary>
[Flags]
public enum SecretNeeds
{
    None = 0,
    DatabasePassword = 1,
    DatabaseAdminPassword = 2,
    SvnPassword = 4,
}

/// <summary>
/// The cluster's secrets, resolved from where the spec says they live (environment variables by default;
/// PowerShell passes PSCredential values). Knows every value so output can be masked.
/// </summary>
public sealed class ClusterSecrets
{
    public string? DatabasePassword { get; set; }
    public string? DatabaseAdminPassword { get; set; }
    public string? SvnPassword { get; set; }

    public IEnumerable<string> Values =>
        new[] { DatabasePassword, DatabaseAdminPassword, SvnPassword }.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!);

    /// <summary>Which secrets rendering this spec's files needs.</summary>
    public static SecretNeeds NeededToRender(ClusterSpec spec) =>
        SecretNeeds.DatabasePassword | (spec.DepSync is { Enabled: true } ? SecretNeeds.SvnPassword : SecretNeeds.None);

    /// <summary>
    /// Reads the secrets the spec names from the environment (or <paramref name="lookup"/>); values already set
    /// (e.g. from a PSCredential) win. Throws naming every missing variable, never a value.
    /// </summary>
    public static ClusterSecrets Resolve(ClusterSpec spec, SecretNeeds needs, ClusterSecrets? given = null, Func<string, string?>? lookup = null)
    {
        lookup ??= Environment.GetEnvironmentVariable;
        var secrets = new ClusterSecrets
        {
            DatabasePassword = given?.DatabasePassword,
            DatabaseAdminPassword = given?.DatabaseAdminPassword,
            SvnPassword = given?.SvnPassword,
        };
        var missing = new List<string>();
        string? Read(string env, string key)
        {
            var value = lookup(env);
            if (string.IsNullOrEmpty(value)) missing.Add($"{env} ({key})");
            return value;
        }
        if (needs.HasFlag(SecretNeeds.DatabasePassword) && string.IsNullOrEmpty(secrets.DatabasePassword))
            secrets.DatabasePassword = Read(spec.Database.PasswordEnv, "database.passwordEnv");
        if (needs.HasFlag(SecretNeeds.DatabaseAdminPassword) && string.IsNullOrEmpty(secrets.DatabaseAdminPassword))
            secrets.DatabaseAdminPassword = Read(spec.Database.AdminPasswordEnv, "database.adminPasswordEnv");
        if (needs.HasFlag(SecretNeeds.SvnPassword) && spec.DepSync != null && string.IsNullOrEmpty(secrets.SvnPassword))
            secrets.SvnPassword = Read(spec.DepSync.PasswordEnv, "depSync.passwordEnv");
        if (missing.Count > 0)
            throw new InputException(InputErrorKind.SecretMissing,
                $"secret not available: environment variable {string.Join(", ", missing)} is not set. " +
                "Set it (or pass a credential) before running; DasOps never reads secrets from the spec file.");
        return secrets;
    }
}

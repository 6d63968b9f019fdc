using System;
using System.Collections.Generic;

namespace DasOps.Engine.Publishing;

/// <summary>
/// HOME/.dasops/backups/ID/manifest, as <see cref="RemoteScripts.FindBackup"/> prints it after "backup ID":
/// "dasops-backup 1 ID", then "file SHA256 MODE PATH" or "absent - - PATH", tab-separated.
/// </summary>
internal static class BackupManifest
{
    public static (string Id, IReadOnlyList<BackupEntry> Entries) Parse(string output)
    {
        var lines = output.Replace("\r", "").Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 2 || !lines[0].StartsWith("backup ", StringComparison.Ordinal) || !lines[1].StartsWith("dasops-backup\t1", StringComparison.Ordinal))
            throw new FormatException("the backup's manifest is not one DasOps wrote.");
        var entries = new List<BackupEntry>();
        for (var i = 2; i < lines.Length; i++)
        {
            var fields = lines[i].Split(new[] { '\t' }, 4);
            if (fields.Length != 4 || (fields[0] != "file" && fields[0] != "absent"))
                throw new FormatException($"unexpected line in the backup's manifest: '{lines[i]}'.");
            var existed = fields[0] == "file";
            entries.Add(new BackupEntry(fields[3], existed, existed ? fields[1] : null, existed ? fields[2] : null));
        }
        return (lines[0].Substring(7), entries);
    }

    /// <summary>
    /// Ids are the UTC timestamps DasOps makes (<see cref="NodeWriter.NewBackupId"/>, 20250131T235959.123Z) and nothing
    /// else: any other name could climb out of the backups directory or name something DasOps did not make.
    /// </summary>
    public static bool IsValidId(string id) => IdShape.IsMatch(id);

    private static readonly System.Text.RegularExpressions.Regex IdShape =
        new System.Text.RegularExpressions.Regex(@"\A[0-9]{8}T[0-9]{6}\.[0-9]{3}Z\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}

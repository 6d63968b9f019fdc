using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace DasOps.Engine.Database;

/// <summary>
/// The product's own dbscripts/mysql*.sql: which tables it creates, so DasOps can tell an absent, complete or
/// partial schema. The script is not re-runnable (plain CREATE TABLE / CREATE INDEX), so it runs only on an empty database.
/// </summary>
public sealed class CarbonSchemaScript
{
    private static readonly Regex CreateTable = new Regex(@"^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?`?(?<name>\w+)`?",
        RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex Comments = new Regex(@"/\*.*?\*/|^\s*--[^\n]*$", RegexOptions.Singleline | RegexOptions.Multiline);

    public CarbonSchemaScript(string name, string text)
    {
        Name = name;
        Text = text;
        var uncommented = Comments.Replace(text, "");
        Tables = CreateTable.Matches(uncommented).Cast<Match>().Select(m => m.Groups["name"].Value.ToUpperInvariant())
            .Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();
        if (Tables.Count == 0) throw new DatabaseException($"{name} creates no tables; is it the carbon mysql script?");
    }

    public string Name { get; }
    public string Text { get; }
    public IReadOnlyList<string> Tables { get; }

    public SchemaState StateOf(IEnumerable<string> existingTables)
    {
        var existing = new HashSet<string>(existingTables.Select(t => t.ToUpperInvariant()), StringComparer.Ordinal);
        var present = Tables.Count(existing.Contains);
        if (present == 0) return SchemaState.Absent;
        return present == Tables.Count ? SchemaState.Complete : SchemaState.Partial;
    }

    public IReadOnlyList<string> MissingFrom(IEnumerable<string> existingTables)
    {
        var existing = new HashSet<string>(existingTables.Select(t => t.ToUpperInvariant()), StringComparer.Ordinal);
        return Tables.Where(t => !existing.Contains(t)).ToList();
    }
}

public enum SchemaState
{
    Absent,
    Complete,
    Partial,
}

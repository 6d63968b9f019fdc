using System.Collections.Generic;
using System.Text;

namespace DasOps.Engine.Database;

/// <summary>Statements sent in one client call, remembering which lines each occupies so an error can name it.</summary>
public sealed class SqlBatch
{
    private readonly List<(string Sql, string Description, string Masked)> _statements = new List<(string, string, string)>();

    /// <param name="masked">The statement as it may be shown; required when <paramref name="sql"/> holds a secret.</param>
    public SqlBatch Add(string sql, string description, string? masked = null)
    {
        _statements.Add((sql, description, masked ?? sql));
        return this;
    }

    public int Count => _statements.Count;

    public IEnumerable<(string Sql, string Description, string Masked)> Statements => _statements;

    /// <summary>The batch text (preamble first) and, per statement, the 1-based line it starts on.</summary>
    public (string Text, List<(int Line, string Masked, string Description)> Lines) Render()
    {
        var sb = new StringBuilder(SqlText.SessionPreamble).Append('\n');
        var line = 2;
        var lines = new List<(int, string, string)>();
        foreach (var (sql, description, masked) in _statements)
        {
            lines.Add((line, masked, description));
            sb.Append(sql).Append('\n');
            line += sql.Split('\n').Length;
        }
        return (sb.ToString(), lines);
    }
}

using System.Collections.Generic;

namespace DasOps.Engine.Database;

/// <summary>Statements DasOps writes, each with what it does and how it may be shown; values travel as parameters.</summary>
public sealed class SqlBatch
{
    private readonly List<SqlChange> _statements = new List<SqlChange>();

    /// <param name="parameters">Values the statement names as @name; the only place a secret may be.</param>
    public SqlBatch Add(string sql, string description, IReadOnlyDictionary<string, object>? parameters = null, string? masked = null)
    {
        _statements.Add(new SqlChange(sql, description, parameters, masked ?? sql));
        return this;
    }

    public int Count => _statements.Count;

    public IReadOnlyList<SqlChange> Statements => _statements;
}

/// <summary>One statement of a <see cref="SqlBatch"/>.</summary>
public sealed class SqlChange
{
    public SqlChange(string sql, string description, IReadOnlyDictionary<string, object>? parameters, string masked)
    {
        Sql = sql;
        Description = description;
        Parameters = parameters;
        Masked = masked;
    }

    public string Sql { get; }
    public string Description { get; }
    public IReadOnlyDictionary<string, object>? Parameters { get; }

    /// <summary>The statement as it may be shown: parameters that hold secrets appear as ********.</summary>
    public string Masked { get; }
}

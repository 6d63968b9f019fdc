using System.Collections.Generic;
using System.Linq;

namespace DasOps.Engine.Database;

public enum DatabaseAction
{
    Created,
    Unchanged,
    Partial,
    WouldCreate,
    Failed,
}

/// <summary>One of the cluster's databases after an init: whether it was created, its character set and its carbon schema.</summary>
public sealed class DatabaseReport
{
    public DatabaseReport(string name, string purpose, DatabaseAction database, string? characterSet, DatabaseAction? schema, int tables, string detail)
    {
        Name = name;
        Purpose = purpose;
        Database = database;
        CharacterSet = characterSet;
        Schema = schema;
        Tables = tables;
        Detail = detail;
    }

    public string Name { get; }

    /// <summary>userdb, regdb, eventStore or processedDataStore.</summary>
    public string Purpose { get; }

    public DatabaseAction Database { get; }
    public string? CharacterSet { get; }

    /// <summary>The carbon schema (userdb and regdb only); null for the analytics databases, which need no script.</summary>
    public DatabaseAction? Schema { get; }

    public int Tables { get; }
    public string Detail { get; }
}

/// <summary>The cluster's database account on one client host, and its grants.</summary>
public sealed class AccountReport
{
    public AccountReport(string account, DatabaseAction user, DatabaseAction grants, string detail)
    {
        Account = account;
        User = user;
        Grants = grants;
        Detail = detail;
    }

    public string Account { get; }
    public DatabaseAction User { get; }
    public DatabaseAction Grants { get; }
    public string Detail { get; }
}

public sealed class DatabaseInitResult
{
    public DatabaseInitResult(string server, string ranOn, string? script, IReadOnlyList<DatabaseReport> databases, IReadOnlyList<AccountReport> accounts, IReadOnlyList<string> maskedSql)
    {
        Server = server;
        RanOn = ranOn;
        Script = script;
        Databases = databases;
        Accounts = accounts;
        MaskedSql = maskedSql;
    }

    public string Server { get; }
    public string RanOn { get; }
    public string? Script { get; }
    public IReadOnlyList<DatabaseReport> Databases { get; }
    public IReadOnlyList<AccountReport> Accounts { get; }

    /// <summary>The changing statements, passwords masked (what -WhatIf prints).</summary>
    public IReadOnlyList<string> MaskedSql { get; }

    public bool Succeeded =>
        Databases.All(d => d.Database != DatabaseAction.Failed && d.Schema != DatabaseAction.Partial && d.Schema != DatabaseAction.Failed) &&
        Accounts.All(a => a.User != DatabaseAction.Failed && a.Grants != DatabaseAction.Failed);

    public bool Changed =>
        Databases.Any(d => d.Database == DatabaseAction.Created || d.Schema == DatabaseAction.Created) ||
        Accounts.Any(a => a.User == DatabaseAction.Created || a.Grants == DatabaseAction.Created);
}

using System;

namespace DasOps.Engine.Database;

/// <summary>A server or client error, with secrets masked, naming the database and the statement that failed.</summary>
public sealed class DatabaseException : Exception
{
    public DatabaseException(string message, string? database = null, string? statement = null, int? errorCode = null, bool accessDenied = false)
        : base(message)
    {
        Database = database;
        Statement = statement;
        ErrorCode = errorCode;
        AccessDenied = accessDenied;
    }

    public string? Database { get; }
    public string? Statement { get; }

    /// <summary>The server's error number (1045 access denied, 1050 table exists ...), when it gave one.</summary>
    public int? ErrorCode { get; }

    public bool AccessDenied { get; }
}

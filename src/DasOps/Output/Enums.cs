namespace DasOps;

// The module's own copies of the engine's enums. Cmdlet parameters and output properties use these, never the
// engine's: a value-type field of an engine type would make PowerShell load DasOps.Engine while it reads the
// module's exported types, before ModuleInitializer can resolve it. The surface tests check the names match.

/// <summary>The WSO2 product a cluster runs.</summary>
public enum DasProduct
{
    Das,
    IsAnalytics,
    StreamProcessor,
}

/// <summary>The deployment pattern of the cluster.</summary>
public enum DasPattern
{
    MinimumHa,
    FullyDistributed,

    /// <summary>Stream Processor 4.x fully distributed (seed 004): managers, workers and receiver workers.</summary>
    Distributed,
}

/// <summary>A role (profile) of a fully distributed DAS node.</summary>
public enum DasNodeRole
{
    Receiver,
    Indexer,
    Analyzer,
    Dashboard,
    Storm,
}

/// <summary>What applying the plan does to one file.</summary>
public enum DasChangeKind
{
    Unchanged,
    Modified,
    Created,
    Removed,
}

/// <summary>What Initialize-DasDatabase did (or, with -WhatIf, would do) to a database, its schema, a user or its grants.</summary>
public enum DasDatabaseAction
{
    Created,
    Unchanged,
    Partial,
    WouldCreate,
    Failed,
}

/// <summary>What Start-, Stop- or Restart-DasNode did to a node.</summary>
public enum DasNodeOutcome
{
    Started,
    AlreadyRunning,
    Stopped,
    AlreadyStopped,
    Killed,
    Failed,
    Skipped,
}

/// <summary>The verdict of one Test-DasHa check.</summary>
public enum DasCheckResult
{
    Pass,
    Warn,
    Fail,
}

/// <summary>How a node came out of Clear-DasPersistence.</summary>
public enum DasPersistenceStatus
{
    Cleaned,
    Unchanged,
    Skipped,
    Failed,
}

/// <summary>What Publish-DasSiddhiApp did (or, with -WhatIf, would do) with one Siddhi app.</summary>
public enum DasSiddhiAppAction
{
    Deployed,
    Replaced,
    Unchanged,
    WouldDeploy,
    WouldReplace,
}

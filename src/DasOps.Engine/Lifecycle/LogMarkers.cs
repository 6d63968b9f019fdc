using System.Text.RegularExpressions;

namespace DasOps.Engine.Lifecycle;

/// <summary>
/// The lines a DAS 3.2.0 / IS Analytics 5.5.0 node writes to repository/logs/wso2carbon.log that DasOps reads
/// (ground truth §a and §d). They are the product's, so a real node and the lab emulator answer the same.
/// </summary>
public static class LogMarkers
{
    public const string LogFile = "repository/logs/wso2carbon.log";

    /// <summary>CarbonCoreActivator's first line of every boot; what follows belongs to the current run.</summary>
    public const string BootLine = "Starting WSO2 Carbon...";

    /// <summary>Written when the server is up; ServerStatus is RUNNING just before it.</summary>
    public static readonly Regex Started = new Regex(@"WSO2 Carbon started in (?<seconds>\d+) sec");

    public static readonly Regex MemberJoined = new Regex(@"Member joined \[(?<uuid>[^\]]+)\]: /(?<address>\S+)");
    public static readonly Regex MemberLeft = new Regex(@"Member left \[(?<uuid>[^\]]+)\]: /(?<address>\S+)");
    public static readonly Regex Coordinator = new Regex(@"Elected this member \[(?<uuid>[^\]]+)\] as the Coordinator node");
    public static readonly Regex LocalMember = new Regex(@"Local member: \[(?<uuid>[^\]]+)\] - (?<address>\S+)");
    public static readonly Regex CepActive = new Regex(@"Became CEP HA Active Member");
    public static readonly Regex CepPassive = new Regex(@"Became CEP HA Passive Member");
    public static readonly Regex CepBackup = new Regex(@"Became CEP HA Backup Member");
    public static readonly Regex ShutdownStarted = new Regex(@"Shutdown hook triggered");
    public static readonly Regex Halted = new Regex(@"Halting JVM");
    public static readonly Regex Error = new Regex(@"\sERROR\s");

    /// <summary>Lines worth fetching from a node's log: everything the status and HA checks interpret.</summary>
    public const string GrepPattern =
        "Starting WSO2 Carbon\\.\\.\\.|WSO2 Carbon started in|Member joined|Member left|Members \\[[0-9]+\\] \\{|Elected this member|Local member:|" +
        "Became CEP HA|Shutdown hook triggered|Halting JVM|Cluster domain:| ERROR ";
}

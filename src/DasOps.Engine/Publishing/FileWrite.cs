using DasOps.Engine.Planning;

namespace DasOps.Engine.Publishing;

/// <summary>One file to write: its plan, and the owner it keeps (null for a new file: it takes the home's owner).</summary>
internal sealed class FileWrite
{
    public FileWrite(FilePlan plan, string? owner, int? currentMode)
    {
        Plan = plan;
        Owner = owner;
        CurrentMode = currentMode;
    }

    public FilePlan Plan { get; }
    public string? Owner { get; }
    public int? CurrentMode { get; }
    public string Path => Plan.Path;

    /// <summary>The mode written: the plan's, never looser than the file's current one.</summary>
    public int Mode => Modes.NeverLooser(Plan.Mode, CurrentMode);
}

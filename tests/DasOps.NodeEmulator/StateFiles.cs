using System.Text.Json;

namespace DasOps.NodeEmulator;

/// <summary>
/// Test aids that are NOT product files: repository/logs/dasops-emulator-members.txt (one "uuid host port" line per
/// member, oldest first) and repository/logs/dasops-emulator-state.json. Rewritten atomically only when they change.
/// DasOps's own probes must not read them; they use the log, the ports and the Spark /json like on real nodes.
/// </summary>
internal sealed class StateFiles(string carbonHome)
{
    private readonly string _dir = Path.Combine(carbonHome, "repository", "logs");
    private string? _lastMembers;
    private string? _lastState;

    public void Update(IReadOnlyList<MemberInfo> view, string? selfUuid, string sparkStatus, string cepState)
    {
        var members = string.Concat(view.Select(m => $"{m.Uuid} {m.Host} {m.Port}\n"));
        var coordinator = view.Count > 0 ? view[0].Uuid : null;
        var state = JsonSerializer.Serialize(new
        {
            pid = Environment.ProcessId,
            members = view.Select(m => new { uuid = m.Uuid, host = m.Host, port = m.Port }),
            coordinator,
            isCoordinator = coordinator != null && coordinator == selfUuid,
            sparkStatus,
            cepState,
        });
        if (members != _lastMembers)
        {
            WriteAtomically("dasops-emulator-members.txt", members);
            _lastMembers = members;
        }
        if (state != _lastState)
        {
            WriteAtomically("dasops-emulator-state.json", state);
            _lastState = state;
        }
    }

    private void WriteAtomically(string name, string content)
    {
        var target = Path.Combine(_dir, name);
        var temp = target + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, target, overwrite: true);
    }
}

namespace DasOps.TestLab;

/// <summary>
/// A file's numeric owner ("uid:gid"), read and set with stat and chown as root: numbers, because the users a test
/// hands files to (a lab host's wso2, a made-up 4242) need not have a name in this machine's passwd.
/// </summary>
public static class FileOwner
{
    public static string Of(string path) =>
        LabScript.RunProgram("stat", null, LabScript.DefaultTimeout, "-c", "%u:%g", path).Trim();

    public static void Set(string path, string owner, bool recursive = false) =>
        LabScript.RunProgram("chown", null, LabScript.DefaultTimeout, recursive ? ["-R", owner, path] : [owner, path]);
}

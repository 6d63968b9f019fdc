using DasOps.Engine.Lifecycle;

namespace DasOps.Engine.Publishing;

/// <summary>
/// The node scripts of the jar-to-bundle step (Stream Processor's lib takes only OSGi bundles). Like every node
/// script they are constants; values arrive as positional parameters, the jars on stdin. Exit 6 means "no usable
/// java", exit 3 "failed, reason on stderr".
/// </summary>
internal static class BundleScripts
{
    /// <summary>
    /// $1 home, $2 JDK ("" for the session's JAVA_HOME), $3 the converter (bin/jartobundle.sh), $4 run-as user ("" for
    /// the home's owner). Read-only: checks what the stock converter itself checks before it runs (JAVA_HOME set,
    /// $JAVA_HOME/bin/java executable, "1.8" in its -version), so a node that cannot convert is refused before anything
    /// on it is touched. The java runs as the product's user, as the converter will: a JDK in that user's home is that
    /// user's to rewrite, and root must not run it. Prints "JAVA home version".
    /// </summary>
    public const string CheckJava = RemoteScripts.HomeOrFail + JavaFunction + ServerScripts.RunAsFunctions + CanRunAsFunction + @"
server_home=$1 run_as=$4 tool=$3
[ -f ""$tool"" ] || { echo ""$home_dir/$tool does not exist: is this a Stream Processor 4.x home? DasOps needs the product's own converter to make OSGi bundles of jars"" >&2; exit 3; }
resolve_run_as && can_run_as || exit 3
find_java ""$2"" ""$tool"" || exit 6
printf 'JAVA %s %s\n' ""$JAVA_HOME"" ""$java_version""
";

    /// <summary>
    /// $1 home, $2 JDK ("" for the session's JAVA_HOME), $3 the converter, $4 run-as user ("" for the home's owner);
    /// stdin: per jar its file name, sha256 and bundle name (a line each), "--", then a tar of the jars. Unpacks them
    /// into a fresh private directory, checks their hashes, runs the product's converter on it as the product's user
    /// (never as root for a home root does not own: the owner can rewrite bin/), checks that each bundle came out as
    /// a regular file, and prints each as "B size sha256 name", its bytes and a newline, then CONVERTED. Nothing in
    /// the home is touched: the bundles reach lib later, through the ordinary staged switch.
    /// </summary>
    public const string Convert = RemoteScripts.HomeOrFail + JavaFunction + JarFunctions + ServerScripts.RunAsFunctions + CanRunAsFunction + @"
server_home=$1 java=$2 tool=$3 run_as=$4; shift 4
" + RemoteScripts.FieldsFromStdin + @"
[ -f ""$tool"" ] || { echo ""$home_dir/$tool does not exist: is this a Stream Processor 4.x home?"" >&2; exit 3; }
resolve_run_as && can_run_as || exit 3
find_java ""$java"" ""$tool"" || exit 6
# /tmp, not $TMPDIR: the product's user must reach it, and a root-only TMPDIR would hide the jars from the converter.
work=$(mktemp -d /tmp/dasops-jartobundle.XXXXXX) || { echo 'cannot make a temporary directory in /tmp' >&2; exit 3; }
trap 'rm -rf -- ""$work""' EXIT
trap 'exit 3' HUP INT TERM
mkdir ""$work/jars"" ""$work/bundles"" && (cd ""$work/jars"" && tar -x -m -f - --no-same-owner --no-same-permissions) ||
  { echo 'could not unpack the jars that were sent' >&2; exit 3; }
check_jars ""$@"" || exit 3
chmod 755 ""$work"" && chmod 644 ""$work""/jars/* && chown ""$uid"" ""$work/bundles"" || { echo ""cannot hand $work to $run_as"" >&2; exit 3; }
# The stock converter checks $JAVA_HOME but then runs the java first on PATH; both are this JDK. env(1) carries them
# through runuser, which may reset the environment.
( exec_as_run_as env JAVA_HOME=""$JAVA_HOME"" PATH=""$JAVA_HOME/bin:$PATH"" CARBON_HOME=""$home_dir"" sh ""$home_dir/$tool"" ""$work/jars"" ""$work/bundles"" ) \
  > ""$work/log"" 2>&1 < /dev/null
rc=$?
# Take the output directory back before reading it as root: a process the converter left behind must not be able to
# swap a bundle for a link to a file only root can read.
if [ ""$(id -u)"" = 0 ] && [ ""$uid"" != 0 ]; then chown 0:0 ""$work/bundles"" && chmod 700 ""$work/bundles"" || exit 3; fi
[ $rc = 0 ] || { echo ""$tool exited $rc; its last lines:"" >&2; tail -n 15 ""$work/log"" >&2; exit 3; }
emit_bundles ""$@"" || exit 3
echo CONVERTED
";

    /// <summary>check_jars / emit_bundles take the (name, sha256, bundle) triples; they run in the home with $work and $tool set.</summary>
    private const string JarFunctions = @"check_jars() {
  while [ $# -ge 3 ]; do
    h=$(sha256sum < ""$work/jars/$1"") && [ ""${h%% *}"" = ""$2"" ] || { echo ""$1: the jar that arrived does not match what was sent"" >&2; return 1; }
    shift 3
  done
}
emit_bundles() {
  while [ $# -ge 3 ]; do
    b=$work/bundles/$3
    if [ -L ""$b"" ] || [ ! -f ""$b"" ]; then echo ""$tool made no bundle $3 of $1; its last lines:"" >&2; tail -n 15 ""$work/log"" >&2; return 1; fi
    # Made by the converter: owned by the product's user, and no hard link to someone else's file.
    [ ""$(stat -c %u:%h -- ""$b"")"" = ""$uid:1"" ] || { echo ""$3 is not a file $tool made (owner or link count)"" >&2; return 1; }
    h=$(sha256sum < ""$b"") && printf 'B %s %s %s\n' ""$(stat -c %s -- ""$b"")"" ""${h%% *}"" ""$3"" && cat -- ""$b"" && echo || return 1
    shift 3
  done
}
";

    /// <summary>can_run_as: after resolve_run_as, the SSH user can run commands as that user (it is root, or that user).</summary>
    private const string CanRunAsFunction = @"can_run_as() {
  [ ""$(id -u)"" = 0 ] || [ ""$(id -u)"" = ""$uid"" ] ||
    { echo ""the SSH user $(id -un) is neither root nor the runAs user $run_as, so it cannot run the product's converter as $run_as; log in as $run_as or as root"" >&2; return 3; }
}
";

    /// <summary>
    /// find_java JDK TOOL (after resolve_run_as; the java runs as that user): sets and exports JAVA_HOME (JDK when given, else the session's) and java_version, or says on
    /// stderr why TOOL cannot run (the stock converter's own checks) and returns 1.
    /// </summary>
    private const string JavaFunction = @"find_java() {
  [ -z ""$1"" ] || JAVA_HOME=$1
  if [ -z ""${JAVA_HOME:-}"" ]; then
    echo ""JAVA_HOME is not set in the node's SSH session and the spec names no javaHome; $2 needs a JDK 1.8 (install one, and set javaHome in the spec)"" >&2; return 1
  fi
  if [ ! -x ""$JAVA_HOME/bin/java"" ]; then
    echo ""there is no java at $JAVA_HOME/bin/java; $2 needs a JDK 1.8 (install one, or correct javaHome in the spec)"" >&2; return 1
  fi
  v=$( (exec_as_run_as ""$JAVA_HOME/bin/java"" -version) 2>&1 )
  java_version=$(printf '%s\n' ""$v"" | head -n 1)
  if ! printf '%s\n' ""$v"" | grep -q ""1.[8]""; then
    echo ""$JAVA_HOME/bin/java is not a JDK 1.8 ($java_version); $2 runs only on JDK 1.8 (point javaHome in the spec at one)"" >&2; return 1
  fi
  export JAVA_HOME
}
";
}

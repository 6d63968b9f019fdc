namespace DasOps.Engine.Lifecycle;

/// <summary>
/// The fixed POSIX sh that tells this product home's server from any other process, and that starts and signals it.
/// A pid file outlives its server and pids are reused, so a pid counts only while /proc/PID/cmdline carries
/// -Dcarbon.home=HOME as one argument, as the JVM that bin/wso2server.sh execs does (the value may be the home, or
/// a link to it, e.g. the Spark link on RedHat nodes: both resolve to the same directory).
/// </summary>
internal static class ServerScripts
{
    /// <summary>is_server PID: true when PID is alive (not a zombie) and is the server of $server_home.</summary>
    public const string IsServerFunction = @"is_server() {
  [ -n ""$1"" ] && [ -r ""/proc/$1/stat"" ] || return 1
  case $(sed 's/^.*) //' ""/proc/$1/stat"" | cut -d' ' -f1) in Z|X|'') return 1 ;; esac
  want=$(readlink -f -- ""$server_home"") || return 1
  tr '\000' '\n' < ""/proc/$1/cmdline"" 2>/dev/null | sed -n 's/^-Dcarbon[.]home=//p' | {
    while IFS= read -r v; do [ -n ""$v"" ] && [ ""$(readlink -f -- ""$v"")"" = ""$want"" ] && exit 0; done
    exit 1
  }
}
";

    /// <summary>
    /// $1 home, $2 pid, $3 signal (TERM or KILL). Signals the pid only when it is this home's server; prints SIGNALLED,
    /// or NOT-SERVER (a reused pid or a dead one: nothing is signalled).
    /// </summary>
    public const string Signal = @"server_home=$1
" + IsServerFunction + @"
is_server ""$2"" || { echo NOT-SERVER; exit 0; }
kill -s ""$3"" ""$2"" && { echo SIGNALLED; exit 0; }
is_server ""$2"" || { echo NOT-SERVER; exit 0; }
exit 3
";

    /// <summary>
    /// $1 home, $2 run-as user ("" for the home's owner), $3 the pid file relative to the home, then the command (sh
    /// HOME/bin/wso2server.sh ... start for DAS).
    /// Runs it as that user: directly when the SSH user is that user, else through runuser (or setpriv) when the SSH
    /// user is root; any other SSH user fails (exit 3). Never runs it as root for a home that root does not own: the
    /// owner can rewrite bin/wso2server.sh. A pid file naming a process that is not this server is removed first, or
    /// the script would answer "Process is already running" for a reused pid.
    /// </summary>
    public const string Launch = @"server_home=$1 run_as=$2 pid_file=$3; shift 3
cd -- ""$server_home"" 2>/dev/null || { echo ""product home $server_home does not exist (or is not a directory)"" >&2; exit 3; }
" + IsServerFunction + RunAsFunctions + @"
resolve_run_as || exit 3
p=''
[ -f ""$pid_file"" ] && p=$(tr -d '\000' < ""$pid_file"" | head -n 1 | tr -cd '0-9')
if [ -n ""$p"" ] && ! is_server ""$p""; then rm -f -- ""$pid_file""; fi
exec_as_run_as ""$@""
";

    /// <summary>
    /// resolve_run_as (in the home, with $server_home and $run_as set; "" for the home's owner): sets run_as and uid, and
    /// refuses root for a home root does not own, since the owner can rewrite the product's scripts.
    /// exec_as_run_as CMD...: runs CMD as that user: directly when the SSH user is that user, else through runuser (or
    /// setpriv) when the SSH user is root; any other SSH user fails (exit 3).
    /// </summary>
    internal const string RunAsFunctions = @"resolve_run_as() {
  owner_uid=$(stat -c %u .) owner=$(stat -c %U .)
  if [ -z ""$run_as"" ]; then
    [ ""$owner"" != UNKNOWN ] || { echo ""$server_home belongs to uid $owner_uid, which has no user name on this node; set runAs in the spec"" >&2; return 3; }
    run_as=$owner
  fi
  uid=$(id -u -- ""$run_as"" 2>/dev/null) || { echo ""runAs user $run_as does not exist on this node"" >&2; return 3; }
  if [ ""$uid"" = 0 ] && [ ""$owner_uid"" != 0 ]; then
    echo ""$server_home belongs to $owner, who can rewrite the product's scripts in bin; DasOps will not run it as root (leave runAs unset, or set it to $owner)"" >&2; return 3
  fi
}
exec_as_run_as() {
  me=$(id -u)
  if [ ""$me"" = ""$uid"" ]; then exec ""$@""; fi
  [ ""$me"" = 0 ] || { echo ""the SSH user $(id -un) is neither root nor the runAs user $run_as, so it cannot run the product as $run_as; log in as $run_as or as root"" >&2; exit 3; }
  if command -v runuser >/dev/null 2>&1; then exec runuser -u ""$run_as"" -- ""$@""; fi
  if command -v setpriv >/dev/null 2>&1; then exec setpriv --reuid=""$uid"" --regid=""$(id -g -- ""$run_as"")"" --init-groups -- ""$@""; fi
  echo ""neither runuser nor setpriv (util-linux) is installed; DasOps needs one to run the product as $run_as"" >&2; exit 3
}
";
}

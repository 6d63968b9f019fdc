namespace DasOps.Engine.Publishing;

/// <summary>
/// The fixed POSIX sh scripts DasOps runs on a node (docs/publishing.md describes the protocol). They are constants:
/// every value (home, paths, hashes, ids) reaches them as a positional parameter, quoted by the shell layer, and
/// file contents (which hold secrets) only ever arrive on stdin. Exit 3 means "failed, reason on stderr"; a script
/// never exits 255, which is ssh's own code for an unreachable node.
/// </summary>
internal static class RemoteScripts
{
    /// <summary>
    /// $1 home, $2 holder text, $3 break (1/0). Holds a kernel lock (flock) on HOME/.dasops/lock for as long as the
    /// command lives, i.e. until the controller closes its stdin or the session dies: a crashed run, a lost link or a
    /// rebooted node can never leave a stale lock. Prints LOCKED, or HELD and the holder's text; BROKE first when
    /// --break-lock ended a holder.
    /// </summary>
    public const string LockHolder = HomeOrFail + StateDirFunctions + @"
umask 077
enter_state_dir || exit 3
command -v flock >/dev/null 2>&1 || { echo 'flock(1) (util-linux) is not installed; DasOps needs it to lock the node' >&2; exit 3; }
exec 9>>lock || exit 3
if ! flock -n 9; then
  holder=$(cat lock 2>/dev/null)
  if [ ""$3"" != 1 ]; then printf 'HELD %s\n' ""${holder:-(holder not recorded yet)}""; exit 0; fi
  pid=$(printf '%s\n' ""$holder"" | sed -n 's/.*holder-pid=\([0-9][0-9]*\).*/\1/p')
  [ -n ""$pid"" ] && kill ""$pid"" 2>/dev/null
  flock -w 10 9 || { printf 'HELD %s\n' ""${holder:-(holder not recorded yet)}""; exit 0; }
  printf 'BROKE %s\n' ""$holder""
fi
printf '%s holder-pid=%s\n' ""$2"" ""$$"" > lock
echo LOCKED
cat >/dev/null 9>&-
: > lock
";

    /// <summary>
    /// $1 home, $2 Spark link ("" for none), then C:path (content and hash) or H:path (hash only) per file.
    /// Prints "O uid:gid" of the home, "L missing|other|link TARGET", then per file one header line
    /// "C|H size mode uid:gid sha256 path" (C followed by exactly size bytes and a newline), or "M path" (missing),
    /// "S path" (a symbolic link), "X path" (not a regular file).
    /// </summary>
    public const string Read = HomeOrFail + @"
link=$2; shift 2
printf 'O %s\n' ""$(stat -c %u:%g .)""
if [ -n ""$link"" ]; then
  if [ -L ""$link"" ]; then printf 'L link %s\n' ""$(readlink -- ""$link"")""
  elif [ -e ""$link"" ]; then echo 'L other'
  else echo 'L missing'; fi
fi
for item in ""$@""; do
  kind=${item%%:*} p=${item#*:}
  if [ -L ""$p"" ]; then printf 'S %s\n' ""$p""
  elif [ ! -e ""$p"" ]; then printf 'M %s\n' ""$p""
  elif [ ! -f ""$p"" ]; then printf 'X %s\n' ""$p""
  else
    st=$(stat -c '%s %a %u:%g' -- ""$p"") && h=$(sha256sum < ""$p"") || { echo ""$p: cannot read it"" >&2; exit 3; }
    printf '%s %s %s %s\n' ""$kind"" ""$st"" ""${h%% *}"" ""$p""
    if [ ""$kind"" = C ]; then cat -- ""$p"" || exit 3; echo; fi
  fi
done
";

    /// <summary>
    /// $1 home, $2 backup id, $3 Spark link. stdin: per file, one line each, path, staged name, current sha256 ("-" if
    /// absent), desired sha256 ("-" for a file the switch removes: nothing is staged for it), mode (octal), owner
    /// (uid:gid, "-" for the home's), then a line "--", then a tar of the staged names. The fields travel on stdin because the hashes of password files must not be in any argv.
    /// Checks the targets are still what was planned, unpacks beside them (umask 077, so a secret is never
    /// readable by others), verifies every staged hash, sets mode and owner, backs up the current files, and
    /// prints STAGED. Any failure removes what it staged and leaves every target untouched.
    /// </summary>
    public const string StageApply = HomeOrFail + StateDirFunctions + BackupFunction + FlushFunction + @"
id=$2 link=$3; shift 3
" + FieldsFromStdin + @"
umask 077
( enter_state_dir && { [ -d backups ] || mkdir backups; } ) && state_dir_ok || exit 3
b=.dasops/backups/$id
homeowner=$(stat -c %u:%g .)
cleanup() {
  while [ $# -ge 6 ]; do rm -f -- ""$2""; shift 6; done
  [ -z ""${made_backup:-}"" ] || rm -rf -- ""$b""
}
check_current() {
  while [ $# -ge 6 ]; do
    if [ ""$3"" = - ]; then
      if [ -e ""$1"" ] || [ -L ""$1"" ]; then echo ""$1: appeared since it was read; run again"" >&2; return 1; fi
      d=$(dirname -- ""$1"")
      if [ ! -d ""$d"" ]; then
        # New directories belong to the home's owner, like the files that go in them (the product writes there).
        top=$d; while [ ! -d ""$(dirname -- ""$top"")"" ]; do top=$(dirname -- ""$top""); done
        (umask 022; mkdir -p -- ""$d"") && chown -R -- ""$homeowner"" ""$top"" || { echo ""$d: cannot create the directory"" >&2; return 1; }
      fi
    else
      h=$(sha256sum < ""$1"") || { echo ""$1: cannot read it"" >&2; return 1; }
      [ ""${h%% *}"" = ""$3"" ] || { echo ""$1: changed on the node since it was read; run again"" >&2; return 1; }
    fi
    rm -f -- ""$2""
    shift 6
  done
}
verify_staged() {
  while [ $# -ge 6 ]; do
    if [ ""$4"" = - ]; then shift 6; continue; fi
    [ -f ""$2"" ] || { echo ""$1: missing from the stream that was sent"" >&2; return 1; }
    h=$(sha256sum < ""$2"") || return 1
    [ ""${h%% *}"" = ""$4"" ] || { echo ""$1: the staged copy does not match the plan"" >&2; return 1; }
    chmod ""$5"" -- ""$2"" || { echo ""$1: chmod $5 failed"" >&2; return 1; }
    o=$6; [ ""$o"" != - ] || o=$homeowner
    [ ""$(stat -c %u:%g -- ""$2"")"" = ""$o"" ] || chown ""$o"" -- ""$2"" || { echo ""$1: chown $o failed"" >&2; return 1; }
    shift 6
  done
}
check_link() {
  [ -n ""$link"" ] || return 0
  if [ -e ""$link"" ] && [ ! -L ""$link"" ]; then
    echo ""$link: exists and is not a symbolic link; DasOps will not replace a real file or directory with the Spark link"" >&2; return 1
  fi
  p=$(dirname -- ""$link"")
  [ -d ""$p"" ] || { echo ""$link: its directory $p does not exist; create it first (DasOps does not create directories outside the product home)"" >&2; return 1; }
}
check_current ""$@"" || exit 3
tar -x -m -f - --no-same-owner --no-same-permissions || { echo 'could not unpack the files that were sent' >&2; cleanup ""$@""; exit 3; }
verify_staged ""$@"" || { cleanup ""$@""; exit 3; }
check_link || { cleanup ""$@""; exit 3; }
backup 6 ""$@"" || { cleanup ""$@""; exit 3; }
# The staged files and the backup copies reach the disk before any rename: after a power cut a node has its old files
# or its new ones, and the backup that can put the old ones back.
flush_staged 6 2 ""$@"" || { cleanup ""$@""; exit 3; }
echo STAGED
";

    /// <summary>
    /// $1 home, $2 backup id ("" for none), $3 Spark link, $4 backups to keep, then per change: put|del, path, staged
    /// name. The switch: marks the backup as switched, then renames each staged file over its target (rename within a
    /// directory is atomic) and sets the Spark link. Hangups are ignored so a dropped connection cannot stop it halfway.
    /// If a rename or the link fails, every file already renamed is put back from the backup (or removed, when it did
    /// not exist), the link is put back if this run changed it, and it exits 4 after printing ROLLED-BACK: the node is
    /// wholly old, never half. When even that fails it prints ROLLBACK-INCOMPLETE and exits 5 (and says which file).
    /// Run again with the same arguments after it died halfway (SIGKILL, power loss), it resumes: the backup is already
    /// marked switched, so a put whose staged file is gone counts as renamed, provided its target no longer holds the
    /// backed-up content. A switch lock (.dasops/switch.lock) keeps a resumed run from overlapping one still running.
    /// Then prunes: only the newest $4 switched backups stay, since old ones hold old passwords. Only names shaped like
    /// DasOps backup ids are removed, and nothing when .dasops or its backups directory is a link.
    /// </summary>
    public const string Commit = @"trap '' HUP INT TERM PIPE
" + HomeOrFail + StateDirFunctions + @"
state_dir_ok || exit 3
home=$1 id=$2 link=$3 keep=$4; shift 4
case $keep in ''|*[!0-9]*|0) keep=5 ;; esac
rc=0 b=.dasops/backups/$id done_paths='' old_link='' link_changed='' resume=''
[ ! -L ""$link"" ] || old_link=$(readlink -- ""$link"")
if [ -n ""$id"" ]; then
  { [ ! -L .dasops ] && exec 8>>.dasops/switch.lock && flock -w 60 8; } || { echo 'cannot take the switch lock .dasops/switch.lock' >&2; exit 3; }
  [ ! -e ""$b/switched"" ] || resume=1
  : > ""$b/switched"" || rc=3
fi
while [ ""$rc"" = 0 ] && [ $# -ge 3 ]; do
  case $1 in
    put)
      if [ -z ""$resume"" ] || [ -e ""$3"" ] || [ -L ""$3"" ]; then mv -f -- ""$3"" ""$2"" || { echo ""$2: rename failed"" >&2; rc=3; }
      elif { [ -f ""$b/$2"" ] && cmp -s -- ""$b/$2"" ""$2""; } || { [ ! -f ""$b/$2"" ] && [ ! -e ""$2"" ]; }; then
        echo ""$2: its staged copy is gone and it still holds its old content"" >&2; rc=3
      fi ;;
    del) rm -f -- ""$2"" || { echo ""$2: cannot remove it"" >&2; rc=3; } ;;
  esac
  [ ""$rc"" = 0 ] && done_paths=""$done_paths$2
""
  shift 3
done
if [ ""$rc"" = 0 ] && [ -n ""$link"" ]; then
  if [ -L ""$link"" ] && [ ""$old_link"" = ""$home"" ]; then :
  elif [ -e ""$link"" ] && [ ! -L ""$link"" ]; then echo ""$link: exists and is not a symbolic link; not replaced"" >&2; rc=3
  else
    link_changed=1
    ln -sfn -- ""$home"" ""$link"" || { echo ""$link: cannot create the symbolic link"" >&2; rc=3; }
  fi
fi
if [ ""$rc"" != 0 ] && [ -n ""$id"" ]; then
  # Put back what was switched: the backup holds each file as it was, or says it was absent. A link this run did
  # not touch stays as it is.
  if printf '%s' ""$done_paths"" | {
    ok=0
    while IFS= read -r p; do
      [ -n ""$p"" ] || continue
      if [ -f ""$b/$p"" ]; then cp -p -- ""$b/$p"" ""$p.dasops-rollback"" && mv -f -- ""$p.dasops-rollback"" ""$p""
      else rm -f -- ""$p""; fi || { echo ""$p: could not be put back from backup $id"" >&2; ok=1; }
    done
    exit $ok
  }; then back=ok; else back=incomplete; fi
  if [ -n ""$link_changed"" ]; then
    if [ -n ""$old_link"" ]; then ln -sfn -- ""$old_link"" ""$link"" || back=incomplete
    else rm -f -- ""$link"" || back=incomplete; fi
  fi
  if [ ""$back"" = ok ]; then rm -f -- ""$b/switched""; echo ROLLED-BACK; exit 4; fi
  echo ROLLBACK-INCOMPLETE
  exit 5
fi
# The renames are directory entries: flush the directories they changed (and the link's), not the whole machine.
printf '%s' ""$done_paths"" | while IFS= read -r p; do [ -z ""$p"" ] || sync -- ""$(dirname -- ""$p"")"" 2>/dev/null; done
[ -z ""$link_changed"" ] || sync -- ""$(dirname -- ""$link"")"" 2>/dev/null
if [ -n ""$id"" ] && [ ""$rc"" = 0 ] && [ ! -L .dasops ] && [ ! -L .dasops/backups ] && [ -d .dasops/backups ]; then
  n=0
  for d in $(ls -1 .dasops/backups | grep -E '^[0-9]{8}T[0-9]{6}[.][0-9]{3}Z$' | sort -r); do
    p=.dasops/backups/$d
    { [ -d ""$p"" ] && [ ! -L ""$p"" ] && [ -e ""$p/switched"" ]; } || continue
    n=$((n + 1))
    [ ""$n"" -le ""$keep"" ] || rm -rf -- ""$p""
  done
fi
exit $rc
";

    /// <summary>$1 home, $2 backup id ("" = the newest switched one). Prints "backup ID" and that backup's manifest.</summary>
    public const string FindBackup = HomeOrFail + StateDirFunctions + @"
state_dir_ok || exit 3
cd .dasops/backups 2>/dev/null || { echo ""no backups under $1/.dasops/backups"" >&2; exit 3; }
want=$2
if [ -z ""$want"" ]; then
  want=$(for d in *; do [ -f ""$d/switched"" ] && [ -f ""$d/manifest"" ] && printf '%s\n' ""$d""; done | sort | tail -n 1)
  [ -n ""$want"" ] || { echo ""no backup under $1/.dasops/backups"" >&2; exit 3; }
fi
if [ ! -f ""$want/manifest"" ] || [ ! -f ""$want/switched"" ]; then
  echo ""no backup $want under $1/.dasops/backups; there are: $(for d in *; do [ -f ""$d/switched"" ] && printf '%s ' ""$d""; done)"" >&2; exit 3
fi
printf 'backup %s\n' ""$want""
cat -- ""$want/manifest""
";

    /// <summary>
    /// $1 home, $2 backup to restore, $3 new backup id. stdin: per file, one line each, path, file|absent, staged name,
    /// sha256, then a line "--" (hashes never go in argv).
    /// Copies each backed-up file beside its target (cp -p keeps mode and owner) and checks it against the
    /// manifest; prints put/del/same per path, backs up the current files and prints STAGED (or NOTHING).
    /// </summary>
    public const string StageRestore = HomeOrFail + StateDirFunctions + BackupFunction + FlushFunction + @"
state_dir_ok || exit 3
src=$2 id=$3; shift 3
" + FieldsFromStdin + @"
umask 077
s=.dasops/backups/$src b=.dasops/backups/$id
cleanup() {
  while [ $# -ge 4 ]; do rm -f -- ""$3""; shift 4; done
  [ -z ""${made_backup:-}"" ] || rm -rf -- ""$b""
}
changes=0
decide() {
  while [ $# -ge 4 ]; do
    rm -f -- ""$3""
    if [ ""$2"" = absent ]; then
      if [ -e ""$1"" ]; then printf 'del\t%s\n' ""$1""; changes=1; else printf 'same\t%s\n' ""$1""; fi
    elif [ -f ""$1"" ] && [ ! -L ""$1"" ] && [ ""$(sha256sum < ""$1"")"" = ""$4  -"" ] &&
         [ ""$(stat -c '%a %u:%g' -- ""$1"")"" = ""$(stat -c '%a %u:%g' -- ""$s/$1"")"" ]; then
      printf 'same\t%s\n' ""$1""
    else
      [ -f ""$s/$1"" ] && [ ! -L ""$s/$1"" ] || { echo ""$1: its copy in backup $src is not a plain file; refusing to restore it"" >&2; return 1; }
      cp -p -- ""$s/$1"" ""$3"" || { echo ""$1: cannot copy it from backup $src"" >&2; return 1; }
      h=$(sha256sum < ""$3"")
      [ ""${h%% *}"" = ""$4"" ] || { echo ""$1: its copy in backup $src does not match that backup's manifest"" >&2; return 1; }
      printf 'put\t%s\n' ""$1""; changes=1
    fi
    shift 4
  done
}
decide ""$@"" || { cleanup ""$@""; exit 3; }
[ ""$changes"" = 1 ] || { echo NOTHING; exit 0; }
backup 4 ""$@"" || { cleanup ""$@""; exit 3; }
flush_staged 4 3 ""$@"" || { cleanup ""$@""; exit 3; }
echo STAGED
";

    /// <summary>
    /// Replaces the positional parameters with the lines stdin brings up to a line "--". read takes one byte at a time
    /// from a pipe, so whatever follows (a tar) is left for the next reader.
    /// </summary>
    internal const string FieldsFromStdin = @"set --
while IFS= read -r f; do [ ""$f"" = -- ] && break; set -- ""$@"" ""$f""; done
";

    internal const string HomeOrFail = @"cd -- ""$1"" 2>/dev/null || { echo ""product home $1 does not exist (or is not a directory)"" >&2; exit 3; }
home_dir=$1
";

    /// <summary>
    /// state_dir_ok: .dasops, .dasops/backups and .dasops/lock, where they exist, are not symbolic links and belong to
    /// root or the SSH user; otherwise the home's owner could point DasOps, running as root, at any file on the node.
    /// enter_state_dir: makes .dasops if needed, checks it, enters it (cd -P) and checks that it landed in HOME's own
    /// .dasops; then sets 0700 on "." so that chmod, and the lock opened relative to it, cannot act on a link's target
    /// even when the name is swapped for a link after the check.
    /// </summary>
    internal const string StateDirFunctions = @"state_dir_ok() {
  for p in .dasops .dasops/backups .dasops/lock; do
    if [ -L ""$p"" ]; then echo ""$home_dir/$p is a symbolic link; DasOps will not use it (remove it)"" >&2; return 1; fi
    [ -e ""$p"" ] || continue
    o=$(stat -c %u -- ""$p"") || return 1
    if [ ""$o"" != 0 ] && [ ""$o"" != ""$(id -u)"" ]; then
      echo ""$home_dir/$p is owned by uid $o, neither root nor the SSH user $(id -un); DasOps will not use it"" >&2; return 1
    fi
  done
}
enter_state_dir() {
  # mkdir (no -p) never goes through a link; it fails when a concurrent run has just made the directory.
  [ -e .dasops ] || [ -L .dasops ] || mkdir .dasops 2>/dev/null || [ -d .dasops ] ||
    { echo ""$home_dir/.dasops: cannot create the directory"" >&2; return 1; }
  state_dir_ok || return 1
  parent=$(stat -c %d:%i .) || return 1
  cd -P .dasops && [ ""$(stat -c %d:%i ..)"" = ""$parent"" ] && [ ! -L ../.dasops ] &&
    [ ""$(stat -c %d:%i ../.dasops)"" = ""$(stat -c %d:%i .)"" ] || { echo ""$home_dir/.dasops changed while DasOps checked it"" >&2; return 1; }
  chmod 700 . || return 1
  [ ! -L lock ] || { echo ""$home_dir/.dasops/lock is a symbolic link; DasOps will not use it (remove it)"" >&2; return 1; }
}
";

    /// <summary>
    /// backup STRIDE GROUPS...: copies every existing target (the first element of each group) into
    /// $b/PATH with cp -p and writes $b/manifest (kind, sha256, mode, path). Backups of runs that never
    /// switched (a node lost mid-run) are dropped first: only switched ones are restorable.
    /// </summary>
    /// <summary>
    /// flush_staged STRIDE FIELD groups...: fsyncs each staged file that exists (the FIELDth of each group) and its directory, and
    /// every file and directory of the new backup $b. Only these: a global sync would flush every dirty page on the
    /// machine (the database's, the logs'), which made staging several times slower than the copy itself. A coreutils
    /// older than 8.24 ignores the names and syncs everything, which is slower but just as safe.
    /// </summary>
    private const string FlushFunction = @"flush_staged() {
  stride=$1 field=$2; shift 2
  while [ $# -ge ""$stride"" ]; do
    eval ""f=\${$field}""
    # A group with nothing staged (a file removed, or one already right) has nothing to flush.
    if [ -e ""$f"" ]; then sync -- ""$f"" ""$(dirname -- ""$f"")"" || { echo ""$f: cannot flush it to disk"" >&2; return 1; }; fi
    shift ""$stride""
  done
  [ -d ""$b"" ] || return 0
  find ""$b"" -exec sync -- {} + && sync -- .dasops/backups || { echo ""$b: cannot flush the backup to disk"" >&2; return 1; }
}
";

    private const string BackupFunction = @"backup() {
  stride=$1; shift
  if [ ! -L .dasops ] && [ ! -L .dasops/backups ]; then
    for d in $(ls -1 .dasops/backups | grep -E '^[0-9]{8}T[0-9]{6}[.][0-9]{3}Z$'); do
      d=.dasops/backups/$d
      if [ -d ""$d"" ] && [ ! -L ""$d"" ] && [ ! -e ""$d/switched"" ]; then rm -rf -- ""$d""; fi
    done
  fi
  mkdir -- ""$b"" || { echo ""$b: cannot create the backup directory"" >&2; return 1; }
  made_backup=1
  {
    printf 'dasops-backup\t1\t%s\n' ""${b##*/}""
    while [ $# -ge ""$stride"" ]; do
      if [ -f ""$1"" ]; then
        h=$(sha256sum < ""$1"") && mkdir -p -- ""$b/$(dirname -- ""$1"")"" && cp -p -- ""$1"" ""$b/$1"" || { echo ""$1: cannot back it up"" >&2; return 1; }
        printf 'file\t%s\t%s\t%s\n' ""${h%% *}"" ""$(stat -c %a -- ""$1"")"" ""$1""
      else
        printf 'absent\t-\t-\t%s\n' ""$1""
      fi
      shift ""$stride""
    done
  } > ""$b/manifest.tmp"" && mv -- ""$b/manifest.tmp"" ""$b/manifest""
}
";
}

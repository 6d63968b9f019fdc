#!/usr/bin/env bash
# The SSH floor: the least any SSH-based tool must do for a job, done with plain ssh and no tool around it.
# Every host in parallel, each over one fresh connection (no ControlMaster), one command:
#
#   ssh-floor.sh SSH_CONFIG RENDERED HOME MODE ADDRESS:NODE...
#
#   write      stream RENDERED/NODE as one tar into HOME (a cold apply's bytes, with no check and no backup)
#   read       sha256sum every file of RENDERED/NODE in HOME (what a no-op must read)
#   one:PATH   read as above, then write RENDERED/NODE/PATH through a temporary file and a rename (mode 0600)
#   kex:ALG    handshake with key exchange ALG and run `true` (RENDERED and HOME are unused: give -)
set -euo pipefail
[ $# -ge 5 ] || { echo "usage: $0 SSH_CONFIG RENDERED HOME MODE ADDRESS:NODE..." >&2; exit 2; }
config=$1 rendered=$2 home=$3 mode=$4
shift 4
ssh_=(ssh -F "$config" -o ControlMaster=no -o ControlPath=none -o BatchMode=yes)

files_of() { (cd "$rendered/$1" && find . -type f -printf '%P\n' | LC_ALL=C sort | tr '\n' ' '); }

one_host() {    # address node
    local address=$1 node=$2
    case "$mode" in
        write) tar -C "$rendered/$node" -cf - . | "${ssh_[@]}" "$address" "tar --no-overwrite-dir -xf - -C $home" ;;
        read) "${ssh_[@]}" "$address" "cd $home && sha256sum -- $(files_of "$node") >/dev/null" < /dev/null ;;
        one:*)
            local path=${mode#one:}
            "${ssh_[@]}" "$address" "cd $home && sha256sum -- $(files_of "$node") >/dev/null && umask 077 && cat > $path.floor && mv $path.floor $path" \
                < "$rendered/$node/$path" ;;
        kex:*) "${ssh_[@]}" -o KexAlgorithms="${mode#kex:}" "$address" true < /dev/null ;;
        *) echo "unknown mode $mode" >&2; return 2 ;;
    esac
}

pids=()
for target in "$@"; do
    one_host "${target%%:*}" "${target#*:}" &
    pids+=($!)
done
rc=0
for p in "${pids[@]}"; do wait "$p" || rc=1; done
exit "$rc"

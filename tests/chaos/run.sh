#!/usr/bin/env bash
# Chaos run: random faults during `dasops apply`, `restore` and `start` on a 4-host lab, with checks after each one.
#
#   tests/chaos/run.sh [--injections N] [--seed S] [--results FILE] [--summary FILE.json] [--faults K,..] [--operations O,..]
#                      [--minutes M]
#
# Defaults: 200 injections, a random seed (printed), results written to tests/chaos/RESULTS.md only when N is 200
# or --results is given. Exit 0 only when every injection converged, none left a node half-written, and no temporary
# file or lock was left after the healing run. Root only (the lab). Takes the lab lock /run/dasops-lab-tests.lock for
# the whole run, unless DASOPS_LAB_LOCK_HELD=1 says the caller already holds it (tests/Pester/run.sh does).
# Environment: DASOPS_CHAOS_ARTIFACTS (build output, default /tmp/dasops-chaos-artifacts), DASOPS_LAB_DIR (lab.sh).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
lock=/run/dasops-lab-tests.lock
art=${DASOPS_CHAOS_ARTIFACTS:-/tmp/dasops-chaos-artifacts}

injections=200 seed= results= summary= extra=()
while [ $# -gt 0 ]; do
    case $1 in
        --injections) injections=${2:?}; shift 2 ;;
        --seed) seed=${2:?}; shift 2 ;;
        --results) results=${2:?}; shift 2 ;;
        --summary) summary=${2:?}; shift 2 ;;
        --faults|--operations|--minutes) extra+=("$1" "${2:?}"); shift 2 ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "chaos: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ $injections =~ ^[1-9][0-9]*$ ]] || { echo "chaos: --injections must be a positive number" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "chaos: run as root: the lab creates network namespaces" >&2; exit 2; }
if [ -z "$results" ] && [ "$injections" -eq 200 ]; then results=$here/RESULTS.md; fi

# The tool under test is the real CLI, built once; the lab hosts run the node emulator in place of the WSO2 server.
echo "chaos: building the dasops CLI and the node emulator into $art" >&2
dotnet build "$root/src/DasOps.Cli" -c Release --artifacts-path "$art" -nologo -v quiet >&2
dotnet publish "$root/tests/DasOps.NodeEmulator" -c Release -o "$art/emulator" -nologo -v quiet >&2
cli=$art/bin/DasOps.Cli/release/dasops.dll
[ -f "$cli" ] || { echo "chaos: the build did not produce $cli" >&2; exit 1; }

work=$(mktemp -d /tmp/dasops-chaos.XXXXXX)
args=(--injections "$injections" --cli "$cli" --emulator "$art/emulator" --work "$work")
[ -z "$seed" ] || args+=(--seed "$seed")
[ -z "$results" ] || args+=(--results "$results")
[ -z "$summary" ] || args+=(--summary "$summary")
args+=(${extra[@]+"${extra[@]}"})

# The driver brings the lab up; the lab always goes down again, and the work dir goes unless the run failed.
run_locked() {
    local rc=0
    python3 "$here/chaos.py" "${args[@]}" || rc=$?
    "$root/tests/lab/lab.sh" down >/dev/null 2>&1 || true
    if [ "$rc" -eq 0 ]; then rm -rf "$work"; else echo "chaos: logs and records kept in $work" >&2; fi
    return "$rc"
}
if [ "${DASOPS_LAB_LOCK_HELD:-}" = 1 ]; then
    run_locked
else
    echo "chaos: waiting for the lab lock $lock" >&2
    export -f run_locked
    export here root work
    # -o: the lab's daemons must not inherit the lock.
    flock -o "$lock" bash -c "$(declare -p args); run_locked"
fi

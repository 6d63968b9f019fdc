#!/usr/bin/env bash
# Scale: dasops apply (cold), plan, start and status on lab clusters of N = 8, 16 and 32 hosts, over both transports,
# with the wall time, peak RSS (VmHWM), peak open file descriptors and threads of the dasops process, and the peak
# number of its ssh child processes. Root only; not part of CI. Method and results: bench/README.md, bench/RESULTS.md.
#
#   bench/scale.sh [N...]          default: 8 16 32
#
# Environment: SCALE_TRANSPORTS (default "sshnet openssh"), SCALE_ARTIFACTS (build output, default
# /tmp/dasops-scale-artifacts), DASOPS_LAB_DIR (as for tests/lab/lab.sh). Takes the lab lock for the whole run.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
SELF=$BENCH_DIR/$(basename "${BASH_SOURCE[0]}")
LAB=$ROOT/tests/lab/lab.sh
LOCK=/run/dasops-lab-tests.lock
ART=${SCALE_ARTIFACTS:-/tmp/dasops-scale-artifacts}
DLL=$ART/bin/DasOps.Cli/release/dasops.dll
TRANSPORTS=${SCALE_TRANSPORTS:-sshnet openssh}
ROLES=(Receiver Indexer Analyzer Dashboard)

die() { echo "scale: $*" >&2; exit 1; }
step() { printf '\n==> %s\n' "$*" >&2; }

# Runs dasops with ARGS and samples it every 20 ms until it exits; appends one TSV row to $WORK/rows.tsv:
# N, transport, operation, exit code, wall s, peak VmHWM MiB, peak fds, peak threads, peak ssh children.
measure() {    # N transport operation args...
    local n=$1 transport=$2 op=$3
    shift 3
    python3 - "$n" "$transport" "$op" "$WORK/rows.tsv" "$WORK/logs" dotnet "$DLL" "$@" <<'PY'
import os, subprocess, sys, time
n, transport, op, rows, logs, *cmd = sys.argv[1:]
os.makedirs(logs, exist_ok=True)
log = open(os.path.join(logs, f"{n}-{transport}-{op}.log"), "w")
t0 = time.monotonic()
p = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
hwm = fds = threads = ssh = 0
def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []
while p.poll() is None:
    try:
        with open(f"/proc/{p.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"): hwm = max(hwm, int(line.split()[1]))
                elif line.startswith("Threads:"): threads = max(threads, int(line.split()[1]))
        fds = max(fds, len(os.listdir(f"/proc/{p.pid}/fd")))
        kids = 0
        for c in children(p.pid):
            try:
                with open(f"/proc/{c}/comm") as f:
                    kids += f.read().strip() == "ssh"
            except OSError:
                pass
        ssh = max(ssh, kids)
    except OSError:
        pass
    time.sleep(0.02)
wall = time.monotonic() - t0
with open(rows, "a") as f:
    f.write(f"{n}\t{transport}\t{op}\t{p.returncode}\t{wall:.2f}\t{hwm / 1024:.0f}\t{fds}\t{threads}\t{ssh}\n")
print(f"  {op:7} N={n} {transport:8} rc={p.returncode} {wall:6.2f} s  VmHWM {hwm / 1024:.0f} MiB  fds {fds}  threads {threads}  ssh {ssh}", file=sys.stderr)
PY
}

write_spec() {    # N file
    local n=$1 file=$2 k role
    {
        cat <<YAML
name: scale
product: Das
pattern: FullyDistributed
knownHosts: $LAB_KNOWN_HOSTS
defaults: { home: /srv/das }
database: { host: $LAB_DB_HOST, user: wso2das }
spark: { masterCount: 2, symlink: /srv/das-link }
depSync: { svnUrl: http://10.77.0.1/svn/das, user: depsync, committer: n1 }
nodes:
YAML
        for k in $(seq 1 "$n"); do
            role=${ROLES[$(( (k - 1) % 4 ))]}
            echo "  - { name: n$k, host: 10.77.0.$((10 + k)), roles: [$role] }"
        done
    } > "$file"
}

# Every home back to what `lab.sh up` made of it (fixture plus emulator launcher), without DasOps's .dasops.
reset_homes() {    # N
    local k srv
    for k in $(seq 1 "$1"); do
        srv=$LAB_DIR/hosts/node$k/srv
        rm -rf "$srv/das" "$srv/das-link"
        cp -a "$WORK/stock" "$srv/das"
    done
}

one_size() {    # N
    local n=$1 t0 t1 transport spec=$WORK/scale-$1.yaml
    step "lab up $n"
    t0=$(date +%s%N)
    "$LAB" up "$n" 2>&1 | grep '^lab: up' >&2 || die "lab up $n failed"
    t1=$(date +%s%N)
    echo "lab up $n: $(( (t1 - t0) / 1000000 )) ms" >&2
    printf '%s\t%s\n' "$n" "$(( (t1 - t0) / 1000000 ))" >> "$WORK/labup.tsv"
    eval "$("$LAB" env)"
    rm -rf "$WORK/stock"
    cp -a "$LAB_DIR/hosts/node1/srv/das" "$WORK/stock"
    write_spec "$n" "$spec"
    for transport in $TRANSPORTS; do
        reset_homes "$n"
        local common=(--transport "$transport" --ssh-key "$LAB_SSH_KEY")
        [ "$transport" = openssh ] && common+=(--ssh-config "$LAB_SSH_CONFIG")
        measure "$n" "$transport" apply apply "$spec" "${common[@]}"
        measure "$n" "$transport" plan plan "$spec" --no-diff "${common[@]}"
        measure "$n" "$transport" start start "$spec" --timeout 600 "${common[@]}"
        measure "$n" "$transport" status status "$spec" "${common[@]}"
        measure "$n" "$transport" stop stop "$spec" --timeout 120 "${common[@]}"
        grep -q "^Apply: $n changed, 0 unchanged" "$WORK/logs/$n-$transport-apply.log" ||
            echo "scale: N=$n $transport: apply did not change every node: $(grep '^Apply:' "$WORK/logs/$n-$transport-apply.log")" >&2
    done
}

report() {
    local date machine
    date=$(date -u '+%Y-%m-%d %H:%M UTC')
    machine="$(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GB RAM, Linux $(uname -r), dotnet $(dotnet --version), load average at the start $LOAD0"
    python3 - "$WORK/rows.tsv" "$WORK/labup.tsv" "$BENCH_DIR/RESULTS.md" "$date" "$machine" <<'PY'
import re, sys
rows, labup, results, date, machine = sys.argv[1:]
data = [l.rstrip("\n").split("\t") for l in open(rows)]
ups = dict(l.rstrip("\n").split("\t") for l in open(labup))
out = [f"Run of {date} (`bench/scale.sh`). Machine: {machine}.", "",
       "Lab startup (`lab.sh up N`, nodes with the emulator, plus MariaDB): "
       + ", ".join(f"N={n}: {int(ms) / 1000:.1f} s" for n, ms in ups.items()) + ".", "",
       "| N | transport | operation | exit | wall | peak RSS (VmHWM) | peak open fds | peak threads | peak ssh children |",
       "|---|---|---|---|---|---|---|---|---|"]
for n, t, op, rc, wall, hwm, fds, threads, ssh in data:
    out.append(f"| {n} | {t} | {op} | {rc} | {float(wall):.2f} s | {hwm} MiB | {fds} | {threads} | {ssh} |")
block = "\n".join(out) + "\n"
print(block)
section = f"## Scale\n\n<!-- scale:begin -->\n{block}<!-- scale:end -->\n"
try:
    text = open(results).read()
except FileNotFoundError:
    text = "# Bench results\n\n"
if "<!-- scale:begin -->" in text:
    text = re.sub(r"<!-- scale:begin -->\n.*?<!-- scale:end -->\n", lambda m: f"<!-- scale:begin -->\n{block}<!-- scale:end -->\n", text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + section
open(results, "w").write(text)
PY
}

run_locked() {
    [ -n "${SCALE_LOCK_HELD:-}" ] || die "run only through $SELF (it takes $LOCK)"
    WORK=$(mktemp -d /tmp/dasops-scale.XXXXXX)
    LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
    export LAB_EMULATOR_DIR=$ART/emulator
    # Secrets from the environment, generated per run (depSync makes carbon.xml hold the SVN password).
    DASOPS_DB_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    DASOPS_SVN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    export DASOPS_DB_PASSWORD DASOPS_SVN_PASSWORD
    trap '"$LAB" down >/dev/null 2>&1 || true' EXIT
    local n
    for n in "$@"; do one_size "$n"; done
    "$LAB" down >/dev/null 2>&1 || true
    report
    rm -rf "$WORK"
}

case "${1:-}" in
    run) shift; run_locked "$@" ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' ;;
    *)
        [ "$(id -u)" -eq 0 ] || die "run as root: the lab creates network namespaces"
        sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(8 16 32)
        for n in "${sizes[@]}"; do [[ $n =~ ^[1-9][0-9]*$ ]] && [ "$n" -ge 8 ] || die "N must be a number >= 8 (a DAS fully distributed cluster needs two of each role)"; done
        step "build the CLI (Release) and the node emulator into $ART"
        dotnet build "$ROOT/src/DasOps.Cli" -c Release --artifacts-path "$ART" -nologo -v quiet >&2
        dotnet publish "$ROOT/tests/DasOps.NodeEmulator" -c Release -o "$ART/emulator" -nologo -v quiet >&2
        [ -f "$DLL" ] || die "build did not produce $DLL"
        step "waiting for the lab lock $LOCK (held for the whole run)"
        # -o: the lock stays with flock itself, so the lab's daemons never inherit it.
        SCALE_LOCK_HELD=1 exec flock -o "$LOCK" "$SELF" run "${sizes[@]}"
        ;;
esac

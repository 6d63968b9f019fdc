#!/usr/bin/env bash
# DasOps vs Ansible: the same configuration job on the lab's 8-node DAS fully distributed cluster, timed with
# hyperfine in one invocation per variant, with a ratio. Root only; method and results in bench/README.md.
#
#   bench/apply-vs-ansible.sh            install what is missing, build, then bench under the lab lock
#
# Environment: BENCH_RUNS (default 5 timed runs per command), BENCH_ARTIFACTS (build output, default
# /tmp/dasops-bench-artifacts), DASOPS_LAB_DIR (as for tests/lab/lab.sh).
#
# Variants (each one hyperfine invocation, DasOps and Ansible side by side, --warmup 1):
#   a  first run from stock: before every run, each node's home is reset to the fixture (lab.sh's copy), the
#      Spark link and all backups are removed, and open Ansible ssh masters are closed;
#   b  idempotent re-run: nothing to change (before every run only Ansible's ssh masters are closed, because
#      every DasOps process opens and closes its own: both tools start without a connection);
#   c  drift check on the converged nodes: `dasops plan` vs `ansible-playbook --check`.
# A separate check step runs each tool once from stock and once more, and verifies the nodes' files against
# the rendered ones (bytes, modes, Spark link, no temporary files left), and that the second run changes nothing.
#
# Internal subcommands, used by hyperfine's --prepare: reset, close-masters.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
SELF=$BENCH_DIR/$(basename "${BASH_SOURCE[0]}")
LAB=$ROOT/tests/lab/lab.sh
FIXTURE=$ROOT/tests/fixtures/das-3.2.0
LOCK=/run/dasops-lab-tests.lock
RESULTS=$BENCH_DIR/results
RUNS=${BENCH_RUNS:-5}
ART=${BENCH_ARTIFACTS:-/tmp/dasops-bench-artifacts}
DLL=$ART/bin/DasOps.Cli/release/dasops.dll
HOME_DIR=/srv/das
SPARK_LINK=/srv/das-link
ANSIBLE_CP_DIR=/tmp/dasops-bench-cp          # = control_path_dir in ansible/ansible.cfg
export ANSIBLE_CONFIG=$BENCH_DIR/ansible/ansible.cfg
SECRET_FILES="repository/conf/datasources/master-datasources.xml repository/conf/datasources/analytics-datasources.xml repository/conf/carbon.xml"

# The 8-node fully distributed pattern (two of each role), as in tests/DasOps.Cluster.Tests:
# spec node, address, lab host (nodeK lives at 10.77.0.(10+K)), role.
NODES=(
    "rcv1 10.77.0.11 node1 Receiver"
    "rcv2 10.77.0.12 node2 Receiver"
    "idx1 10.77.0.13 node3 Indexer"
    "idx2 10.77.0.14 node4 Indexer"
    "ana1 10.77.0.15 node5 Analyzer"
    "ana2 10.77.0.16 node6 Analyzer"
    "dsh1 10.77.0.17 node7 Dashboard"
    "dsh2 10.77.0.18 node8 Dashboard"
)

step() { printf '\n==> %s\n' "$*" >&2; }
die() { echo "apply-vs-ansible: $*" >&2; exit 1; }

# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

# ---- helpers for hyperfine --prepare (they run in the locked bench's environment) ----------------------------

# Every node's home back to what `lab.sh up` makes of the fixture (same steps as lab.sh), without the Spark link.
# The home is recreated, so DasOps's .dasops (lock, backups) and Ansible's "file.NNN.DATE~" backups go too.
reset_nodes() {
    local entry name addr host role
    close_masters
    for entry in "${NODES[@]}"; do
        read -r name addr host role <<<"$entry"
        reset_home "$host"
    done
}

# ---- checks ----------------------------------------------------------------------------------------------------

# Every node's managed files byte-identical to the rendered ones with the same mode (secret files 0600), the
# Spark link on the analyzers only, and no staged or temporary files of either tool left in the home.
verify_nodes() {    # label
    local label=$1 entry name addr host role home f rel want got files=0 links=0 bad=0 s left
    for entry in "${NODES[@]}"; do
        read -r name addr host role <<<"$entry"
        home=$LAB_DIR/hosts/$host/srv/das
        while IFS= read -r f; do
            rel=${f#"$WORK/rendered/$name/"}
            files=$((files + 1))
            if ! cmp -s "$f" "$home/$rel"; then echo "  $name: $rel differs from the rendered file" >&2; bad=1; continue; fi
            want=$(stat -c %a "$f"); got=$(stat -c %a "$home/$rel")
            [ "$want" = "$got" ] || { echo "  $name: $rel mode $got, want $want" >&2; bad=1; }
        done < <(find "$WORK/rendered/$name" -type f)
        for s in $SECRET_FILES; do
            got=$(stat -c %a "$home/$s")
            [ "$got" = 600 ] || { echo "  $name: $s mode $got, want 600" >&2; bad=1; }
        done
        if [ "$role" = Analyzer ]; then
            got=$(readlink "$LAB_DIR/hosts/$host/srv/das-link" || true)
            [ "$got" = "$HOME_DIR" ] || { echo "  $name: Spark link -> '$got', want $HOME_DIR" >&2; bad=1; }
            links=$((links + 1))
        elif [ -e "$LAB_DIR/hosts/$host/srv/das-link" ] || [ -L "$LAB_DIR/hosts/$host/srv/das-link" ]; then
            echo "  $name: unexpected Spark link" >&2; bad=1
        fi
        left=$(find "$home" \( -name '*.dasops-new' -o -name '.ansible_tmp*' \) -print | head -3)
        [ -z "$left" ] || { echo "  $name: leftovers: $left" >&2; bad=1; }
    done
    [ "$bad" -eq 0 ] || die "verify ($label) failed"
    echo "verify ($label): $files files on ${#NODES[@]} nodes byte-identical to the rendered ones, modes right (3 secret files 0600 per node), $links Spark links, no leftovers" >&2
}

# Backups each tool has made so far: DasOps's backup directories and Ansible's "~" backup files.
count_backups() {
    local entry name addr host role d=0 a=0 home
    for entry in "${NODES[@]}"; do
        read -r name addr host role <<<"$entry"
        home=$LAB_DIR/hosts/$host/srv/das
        d=$((d + $(find "$home/.dasops/backups" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | wc -l)))
        a=$((a + $(find "$home" -name '*~' -type f | wc -l)))
    done
    echo "$d $a"
}

# "changed=N" summed over the PLAY RECAP; fails on any failed or unreachable host or a missing recap line.
ansible_changed() {    # output
    printf '%s\n' "$1" | awk -v want="${#NODES[@]}" '
        / : ok=[0-9]+ +changed=/ { n++; for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] += kv[2] } }
        END { if (n != want || v["failed"] + v["unreachable"] > 0) exit 1; print v["changed"] + 0 }'
}

# Machine-wide busy CPU time in 1/100 s (user+nice+system+irq+softirq of /proc/stat; idle, iowait and steal left out).
cpu_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8; exit }' /proc/stat; }

# Runs a command once with its output in $WORK/out, and records to $WORK/cpu.tsv: label, wall s, CPU s of the
# controller process tree (the tool and its ssh clients), CPU s of the whole machine (that plus every lab
# node's sshd sessions, shells and Python, and the ssh masters, which run detached).
measured() {    # label command...
    local label=$1 b0 b1 t0 t1 rc=0
    shift
    b0=$(cpu_busy); t0=$(date +%s%N)
    run_child "$WORK/out" /usr/bin/time -f '%U %S' -o "$WORK/time" "$@" || rc=$?
    t1=$(date +%s%N); b1=$(cpu_busy)
    awk -v l="$label" -v w="$(( (t1 - t0) / 1000000 ))" -v b="$(( b1 - b0 ))" \
        '{ printf "%s\t%.2f\t%.2f\t%.2f\n", l, w / 1000, $1 + $2, b / 100 }' "$WORK/time" >> "$WORK/cpu.tsv"
    return "$rc"
}

correctness() {    # tool
    local tool=$1 out changed
    reset_nodes
    if [ "$tool" = dasops ]; then
        measured "DasOps apply, first run" dotnet "$DLL" apply "$SPEC" || die "dasops apply failed: $(cat "$WORK/out")"
        out=$(cat "$WORK/out")
        printf '%s\n' "$out" | grep -q "^Apply: ${#NODES[@]} changed, 0 unchanged" || die "dasops first run: $out"
        echo "dasops first run: $(printf '%s\n' "$out" | grep '^Apply:')" >&2
        verify_nodes "dasops, first run"
        measured "DasOps apply, re-run" dotnet "$DLL" apply "$SPEC" || die "dasops re-run failed: $(cat "$WORK/out")"
        out=$(cat "$WORK/out")
        printf '%s\n' "$out" | grep -q "^Apply: 0 changed, ${#NODES[@]} unchanged" || die "dasops re-run changed something: $out"
        echo "dasops re-run: $(printf '%s\n' "$out" | grep '^Apply:')" >&2
        measured "DasOps plan" dotnet "$DLL" plan "$SPEC" --no-diff || die "dasops plan reports drift or failed after apply: $(cat "$WORK/out")"
        echo "dasops plan: exit 0 (no drift)" >&2
    else
        measured "Ansible, first run" "${ANSIBLE_CMD[@]}" || die "ansible-playbook failed: $(cat "$WORK/out")"
        out=$(cat "$WORK/out")
        changed=$(ansible_changed "$out") || die "ansible first run: $out"
        [ "$changed" -gt 0 ] || die "ansible first run changed nothing"
        echo "ansible first run: recap failed=0 unreachable=0, changed=$changed (tasks: ${#NODES[@]} file loops + 2 links)" >&2
        verify_nodes "ansible, first run"
        measured "Ansible, re-run" "${ANSIBLE_CMD[@]}" || die "ansible-playbook re-run failed: $(cat "$WORK/out")"
        out=$(cat "$WORK/out")
        changed=$(ansible_changed "$out") || die "ansible re-run: $out"
        [ "$changed" -eq 0 ] || die "ansible re-run changed $changed: $out"
        echo "ansible re-run: recap changed=0 on every host" >&2
        measured "Ansible --check" "${ANSIBLE_CMD[@]}" --check || die "ansible --check failed: $(cat "$WORK/out")"
        out=$(cat "$WORK/out")
        changed=$(ansible_changed "$out") || die "ansible --check: $out"
        [ "$changed" -eq 0 ] || die "ansible --check reports $changed changes after a converged run: $out"
        echo "ansible --check: recap changed=0 on every host" >&2
    fi
    verify_nodes "$tool, re-run"
}

# ---- the bench, under the lab lock -----------------------------------------------------------------------------

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    step "teardown"
    [ -n "${LAB_DIR:-}" ] && close_masters
    "$LAB" down || rc=1
    rm -rf "${WORK:-/nonexistent}" "$ANSIBLE_CP_DIR"
    exit "$rc"
}

bench() {    # name prepare-command dasops-command ansible-command
    local name=$1 prepare=$2
    step "hyperfine: $name"
    run_child - hyperfine --runs "$RUNS" --warmup 1 --style basic --prepare "$prepare" \
        --export-json "$RESULTS/$name.json" \
        --command-name dasops "$3" --command-name ansible "$4"
}

run_locked() {
    [ -n "${BENCH_LOCK_HELD:-}" ] || die "run only through $SELF (it takes $LOCK)"
    [ -f "$DLL" ] || die "$DLL missing: run $SELF, which builds it"
    WORK=$(mktemp -d /tmp/dasops-bench.XXXXXX)
    export WORK
    trap cleanup EXIT
    trap on_signal INT TERM

    step "lab up 8"
    "$LAB" up 8
    eval "$("$LAB" env)"
    export LAB_DIR

    SPEC=$WORK/bench-das.yaml
    export SPEC
    {
        cat <<YAML
name: bench-das
product: Das
pattern: FullyDistributed
transport: openssh
sshConfig: $LAB_SSH_CONFIG
knownHosts: $LAB_KNOWN_HOSTS
defaults: { home: $HOME_DIR }
database: { host: $LAB_DB_HOST, user: wso2das }
spark: { masterCount: 2, symlink: $SPARK_LINK }
depSync: { svnUrl: http://10.77.0.1/svn/das, user: depsync, committer: rcv1 }
nodes:
YAML
        for entry in "${NODES[@]}"; do
            read -r name addr host role <<<"$entry"
            echo "  - { name: $name, host: $addr, roles: [$role] }"
        done
    } > "$SPEC"
    # Secrets from the environment, generated per run (depSync makes carbon.xml hold the SVN password).
    DASOPS_DB_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    DASOPS_SVN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    export DASOPS_DB_PASSWORD DASOPS_SVN_PASSWORD
    dotnet "$DLL" validate "$SPEC" >/dev/null

    step "render the desired files for Ansible (one stock home for all nodes: every lab home starts identical)"
    local planned
    planned=$(dotnet "$DLL" render "$SPEC" --stock "$LAB_DIR/hosts/node1/srv/das" --out "$WORK/rendered" --no-diff | tail -1)
    echo "$planned" >&2
    # "Plan: 58 file(s) to change on 8 of 8 node(s)." -> the label of variant a
    BENCH_FIRST_RUN_FILES=$(printf '%s\n' "$planned" | sed -n 's/^Plan: \([0-9]*\) file.*/\1/p')
    for entry in "${NODES[@]}"; do
        read -r name addr host role <<<"$entry"
        [ "$role" = Analyzer ] && echo "$name $addr $SPARK_LINK" || echo "$name $addr -"
    done | "$BENCH_DIR/ansible/make-inventory.sh" "$WORK/rendered" "$LAB_SSH_CONFIG" "$HOME_DIR" "$WORK/inventory"
    echo "inventory: $(grep -c 'ansible_host=' "$WORK/inventory/hosts.ini") hosts, $(cat "$WORK"/inventory/host_vars/*.yml | grep -c '  - { path:') files" >&2

    ANSIBLE_CMD=(ansible-playbook -i "$WORK/inventory/hosts.ini" "$BENCH_DIR/ansible/site.yml")
    step "check step: each tool from stock, then again (must change nothing)"
    correctness dasops
    correctness ansible

    mkdir -p "$RESULTS"
    local da="dotnet $DLL apply $SPEC"
    local aa="ansible-playbook -i $WORK/inventory/hosts.ini $BENCH_DIR/ansible/site.yml"

    bench a-first-run "$SELF reset" "$da" "$aa"
    verify_nodes "after a"
    local before after
    before=$(count_backups)

    bench b-rerun "$SELF close-masters" "$da" "$aa"
    verify_nodes "after b"
    bench c-drift-check "$SELF close-masters" "dotnet $DLL plan $SPEC --no-diff" "$aa --check"
    verify_nodes "after c"
    after=$(count_backups)
    # a's last run was Ansible's from a reset home: no DasOps backup exists then; any new backup of either
    # tool would mean a run in b or c changed something.
    [ "$before" = "$after" ] && [ "${after%% *}" -eq 0 ] ||
        die "backups changed during b/c (DasOps dirs, Ansible files: $before -> $after)"
    echo "b and c changed nothing: DasOps backup dirs ${after%% *}, Ansible backup files ${after##* } (same as after a)" >&2

    step "results"
    report
}

report() {
    local date machine
    date=$(date -u '+%Y-%m-%d %H:%M UTC')
    machine=$(machine_line)
    /usr/bin/python3 - "$RESULTS" "$BENCH_DIR/README.md" "$date" "$machine" "$RUNS" "${BENCH_FIRST_RUN_FILES:-?}" "$WORK/cpu.tsv" <<'PY'
import json, os, re, sys
results, readme, date, machine, runs, files, cpu = sys.argv[1:]
variants = [
    ("a-first-run", f"a) first run from stock ({files} files + 2 Spark links written)", "`dasops apply`", "`ansible-playbook`"),
    ("b-rerun", "b) idempotent re-run (nothing to change)", "`dasops apply`", "`ansible-playbook`"),
    ("c-drift-check", "c) drift check on converged nodes", "`dasops plan`", "`ansible-playbook --check`"),
]
def fmt(r):
    return f"{r['median']:.2f} s [{r['min']:.2f}–{r['max']:.2f}]"
rows = ["| variant | DasOps | median [min–max] | Ansible | median [min–max] | Ansible / DasOps |",
        "|---|---|---|---|---|---|"]
for name, label, dcmd, acmd in variants:
    data = json.load(open(os.path.join(results, name + ".json")))["results"]
    by = {r["command"]: r for r in data}
    d, a = by["dasops"], by["ansible"]
    rows.append(f"| {label} | {dcmd} | {fmt(d)} | {acmd} | {fmt(a)} | **{a['median'] / d['median']:.1f}×** |")
table = "\n".join(rows)
cpu_rows = ["| single run from the check step | wall | CPU of the tool's process tree | CPU of the whole machine | cores busy on average |",
            "|---|---|---|---|---|"]
for line in open(cpu):
    label, wall, tool, machine_cpu = line.rstrip("\n").split("\t")
    cpu_rows.append(f"| {label} | {float(wall):.2f} s | {float(tool):.2f} s | {float(machine_cpu):.2f} s | {float(machine_cpu) / float(wall):.2f} |")
block = (f"Run of {date}: {runs} timed runs per command after 1 warm-up, medians (min–max) of whole-process wall time.\n\n"
         f"Machine: {machine}.\n\n{table}\n\n"
         "Where the CPU goes (one run each, outside hyperfine). The whole machine's CPU adds, to the tool's process tree, the "
         "detached ssh masters and every lab node's sshd, shells and Python; on real hosts the node-side part runs on the "
         "nodes' own CPUs:\n\n" + "\n".join(cpu_rows) + "\n")
open(os.path.join(results, "summary.md"), "w").write(block)
print(block)
text = open(readme).read()
new, n = re.subn(r"(<!-- results:begin -->\n).*?(<!-- results:end -->)", lambda m: m.group(1) + block + m.group(2), text, flags=re.S)
if n == 1:
    open(readme, "w").write(new)
else:
    print("README.md has no results markers; table left in results/summary.md", file=sys.stderr)
PY
}

setup() {
    bench_setup
    # -o: the lock stays with flock itself, so the lab's daemons never inherit it.
    BENCH_LOCK_HELD=1 exec flock -o "$LOCK" "$SELF" run
}

case "${1:-}" in
    "") setup ;;
    run) run_locked ;;
    reset) [ -n "${WORK:-}" ] || die "reset is for the bench's hyperfine --prepare"; reset_nodes ;;
    close-masters) close_masters ;;
    *) die "usage: $0   (the subcommands run, reset and close-masters are internal)" ;;
esac

#!/usr/bin/env bash
# DasOps's two transports against Ansible at its best and against the SSH floor, at N = 2, 4, 8 and 16 nodes,
# all in one run on one lab. Root only; method and results in bench/RESULTS.md (written between its markers).
#
#   bench/transport-matrix.sh            install what is missing, build, then bench under the lab lock
#
# Environment: BENCH_RUNS (timed runs per command, default 3), BENCH_SIZES (default "2 4 8 16"), BENCH_ARTIFACTS
# (build output, default /tmp/dasops-bench-artifacts), DASOPS_LAB_DIR (as for tests/lab/lab.sh).
#
# One lab of 16 hosts and one 16-node DAS fully distributed spec (4 nodes of each role). Size N works on the
# first N nodes of the role-interleaved order rcv1 idx1 ana1 dsh1 rcv2 …, so every N has the same mix of roles:
# DasOps through `--node`, Ansible through an inventory of those hosts, the floor on those hosts.
#
# Variants, each one hyperfine invocation per N with the four commands side by side:
#   cold     the N homes reset to the fixture before every run (all of a node's differing files written);
#   noop     nothing to change (every file read and compared, nothing written);
#   onefile  one managed file (conf/carbon.xml) changed on every node before every run, so one file is written.
# Commands: dasops over SSH.NET (the default transport), dasops over OpenSSH with ControlMaster (`--transport
# openssh`), ansible-playbook with forks = N, ControlPersist and pipelining, and the floor (bench/ssh-floor.sh).
# DasOps runs with --parallel N. Every command starts without a connection: the prepare step closes Ansible's
# masters, and each DasOps process opens its own.
#
# Internal subcommands, used by hyperfine's --prepare: reset N, touch N, close-masters.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
SELF=$BENCH_DIR/$(basename "${BASH_SOURCE[0]}")
LAB=$ROOT/tests/lab/lab.sh
FIXTURE=$ROOT/tests/fixtures/das-3.2.0
LOCK=/run/dasops-lab-tests.lock
RESULTS=$BENCH_DIR/results/matrix
RUNS=${BENCH_RUNS:-3}
SIZES=${BENCH_SIZES:-"2 4 8 16"}
ART=${BENCH_ARTIFACTS:-/tmp/dasops-bench-artifacts}
DLL=$ART/bin/DasOps.Cli/release/dasops.dll
HOME_DIR=/srv/das
SPARK_LINK=/srv/das-link
TOUCHED=repository/conf/carbon.xml
ANSIBLE_CP_DIR=/tmp/dasops-bench-cp          # = control_path_dir in ansible/ansible.cfg
export ANSIBLE_CONFIG=$BENCH_DIR/ansible/ansible.cfg

# spec node, lab host, role; interleaved so that the first N nodes hold every role in turn.
NODES=()
for i in 1 2 3 4; do
    NODES+=("rcv$i node$((i)) Receiver" "idx$i node$((4 + i)) Indexer" "ana$i node$((8 + i)) Analyzer" "dsh$i node$((12 + i)) Dashboard")
done
node_ip() { echo "10.77.0.$((10 + ${1#node}))"; }

step() { printf '\n==> %s\n' "$*" >&2; }
die() { echo "transport-matrix: $*" >&2; exit 1; }

# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

first_nodes() { printf '%s\n' "${NODES[@]:0:$1}"; }    # N

reset_n() {    # N
    local name host role
    close_masters
    while read -r name host role; do reset_home "$host"; done < <(first_nodes "$1")
}

# One managed file per node no longer what the spec renders: every tool must write exactly that file back.
touch_n() {    # N
    local name host role
    close_masters
    while read -r name host role; do
        printf '<!-- drift -->\n' >> "$LAB_DIR/hosts/$host/srv/das/$TOUCHED"
    done < <(first_nodes "$1")
}

# Every one of the first N nodes holds the rendered files, byte for byte and mode for mode.
verify_n() {    # N label
    local name host role f rel bad=0 files=0
    while read -r name host role; do
        while IFS= read -r f; do
            rel=${f#"$WORK/rendered/$name/"}
            files=$((files + 1))
            cmp -s "$f" "$LAB_DIR/hosts/$host/srv/das/$rel" || { echo "  $name: $rel differs" >&2; bad=1; continue; }
            [ "$(stat -c %a "$f")" = "$(stat -c %a "$LAB_DIR/hosts/$host/srv/das/$rel")" ] || { echo "  $name: $rel mode" >&2; bad=1; }
        done < <(find "$WORK/rendered/$name" -type f)
    done < <(first_nodes "$1")
    [ "$bad" -eq 0 ] || die "verify (N=$1, $2) failed"
    echo "verify (N=$1, $2): $files files byte-identical with the rendered ones" >&2
}

write_spec() {
    local name host role
    {
        cat <<YAML
name: bench-matrix
product: Das
pattern: FullyDistributed
knownHosts: $LAB_KNOWN_HOSTS
defaults: { home: $HOME_DIR, sshKey: $LAB_SSH_KEY }
database: { host: $LAB_DB_HOST, user: wso2das }
spark: { masterCount: 2, symlink: $SPARK_LINK }
depSync: { svnUrl: http://10.77.0.1/svn/das, user: depsync, committer: rcv1 }
nodes:
YAML
        for entry in "${NODES[@]}"; do
            read -r name host role <<<"$entry"
            echo "  - { name: $name, host: $(node_ip "$host"), roles: [$role] }"
        done
    } > "$SPEC"
}

# The commands of size N, as hyperfine gets them (one string each).
commands_for() {    # N -> sets SSHNET OPENSSH ANSIBLE FLOOR_COLD FLOOR_NOOP FLOOR_ONEFILE
    local n=$1 name host role nodes="" hosts=""
    while read -r name host role; do nodes+=" --node $name"; hosts+=" $(node_ip "$host"):$name"; done < <(first_nodes "$n")
    SSHNET="dotnet $DLL apply $SPEC --parallel $n$nodes"
    OPENSSH="dotnet $DLL apply $SPEC --parallel $n --transport openssh --ssh-config $LAB_SSH_CONFIG$nodes"
    ANSIBLE="env ANSIBLE_FORKS=$n ansible-playbook -i $WORK/inventory-$n/hosts.ini $BENCH_DIR/ansible/site.yml"
    FLOOR="$BENCH_DIR/ssh-floor.sh $LAB_SSH_CONFIG $WORK/rendered $HOME_DIR"
    FLOOR_COLD="$FLOOR write$hosts"
    FLOOR_NOOP="$FLOOR read$hosts"
    FLOOR_ONEFILE="$FLOOR one:$TOUCHED$hosts"
}

bench() {    # name prepare floor-command
    local name=$1 prepare=$2 floor=$3
    step "hyperfine: $name"
    run_child - hyperfine --runs "$RUNS" --warmup 1 --style basic --prepare "$prepare" \
        --export-json "$RESULTS/$name.json" \
        --command-name sshnet "$SSHNET" --command-name openssh "$OPENSSH" \
        --command-name ansible "$ANSIBLE" --command-name floor "$floor"
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    step "teardown"
    [ -n "${LAB_DIR:-}" ] && close_masters
    "$LAB" down || rc=1
    rm -rf "${WORK:-/nonexistent}" "$ANSIBLE_CP_DIR"
    exit "$rc"
}

run_locked() {
    [ -n "${BENCH_LOCK_HELD:-}" ] || die "run only through $SELF (it takes $LOCK)"
    WORK=$(mktemp -d /tmp/dasops-matrix.XXXXXX)
    export WORK
    trap cleanup EXIT
    trap on_signal INT TERM

    step "lab up 16"
    "$LAB" up 16
    eval "$("$LAB" env)"
    export LAB_DIR
    SPEC=$WORK/bench-matrix.yaml
    export SPEC
    write_spec
    DASOPS_DB_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    DASOPS_SVN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    export DASOPS_DB_PASSWORD DASOPS_SVN_PASSWORD
    dotnet "$DLL" validate "$SPEC" >/dev/null
    dotnet "$DLL" render "$SPEC" --stock "$LAB_DIR/hosts/node1/srv/das" --out "$WORK/rendered" --no-diff | tail -1 >&2

    local n name host role
    for n in $SIZES; do
        while read -r name host role; do
            [ "$role" = Analyzer ] && echo "$name $(node_ip "$host") $SPARK_LINK" || echo "$name $(node_ip "$host") -"
        done < <(first_nodes "$n") | "$BENCH_DIR/ansible/make-inventory.sh" "$WORK/rendered" "$LAB_SSH_CONFIG" "$HOME_DIR" "$WORK/inventory-$n"
    done

    mkdir -p "$RESULTS"
    rm -f "$RESULTS"/*.json
    for n in $SIZES; do
        commands_for "$n"
        step "N=$n: check each tool once from stock, then a no-op"
        for cmd in "$SSHNET" "$OPENSSH" "$ANSIBLE" "$FLOOR_COLD"; do
            reset_n "$n"
            run_child "$WORK/out" $cmd || die "N=$n failed: $cmd: $(tail -5 "$WORK/out")"
            verify_n "$n" "${cmd%% *} ${cmd##*/}"
        done
        bench "cold-$n" "$SELF reset $n" "$FLOOR_COLD"
        verify_n "$n" "after cold"
        bench "noop-$n" "$SELF close-masters" "$FLOOR_NOOP"
        verify_n "$n" "after noop"
        bench "onefile-$n" "$SELF touch $n" "$FLOOR_ONEFILE"
        verify_n "$n" "after onefile"
    done
    profile
    step "results"
    /usr/bin/python3 "$BENCH_DIR/matrix-report.py" "$RESULTS" "$BENCH_DIR/RESULTS.md" "$RUNS" "$(machine_line)"
}

# Where a no-op's time goes at N = 8: each row adds one stage to the one before it.
profile() {
    local n=8 name host role nodes="" hosts=""
    while read -r name host role; do nodes+=" --node $name"; hosts+=" $(node_ip "$host"):$name"; done < <(first_nodes "$n")
    step "profile at N=$n"
    run_child "$WORK/out" dotnet "$DLL" apply "$SPEC" --parallel "$n" $nodes || die "profile: apply failed: $(tail -5 "$WORK/out")"
    run_child - hyperfine --runs "$RUNS" --warmup 1 --style basic --export-json "$RESULTS/profile.json" \
        --command-name "process start (dasops --version)" "dotnet $DLL --version" \
        --command-name "spec load and validation (validate)" "dotnet $DLL validate $SPEC" \
        --command-name "render and hash all 16 nodes' files, no SSH (render)" "dotnet $DLL render $SPEC --stock $LAB_DIR/hosts/node1/srv/das --out $WORK/profile-render --no-diff" \
        --command-name "connect and read every node (plan, SSH.NET)" "dotnet $DLL plan $SPEC --no-diff --parallel $n$nodes" \
        --command-name "no-op apply (SSH.NET)" "dotnet $DLL apply $SPEC --parallel $n$nodes" \
        --command-name "floor: handshake + true, curve25519-sha256" "$BENCH_DIR/ssh-floor.sh $LAB_SSH_CONFIG - - kex:curve25519-sha256$hosts" \
        --command-name "floor: handshake + true, ecdh-sha2-nistp256" "$BENCH_DIR/ssh-floor.sh $LAB_SSH_CONFIG - - kex:ecdh-sha2-nistp256$hosts" \
        --command-name "floor: handshake + true, diffie-hellman-group14-sha256" "$BENCH_DIR/ssh-floor.sh $LAB_SSH_CONFIG - - kex:diffie-hellman-group14-sha256$hosts"
}

case "${1:-}" in
    "") bench_setup python3-matplotlib; BENCH_LOCK_HELD=1 exec flock -o "$LOCK" "$SELF" run ;;
    run) run_locked ;;
    reset) reset_n "$2" ;;
    touch) touch_n "$2" ;;
    close-masters) close_masters ;;
    *) die "usage: $0   (the subcommands run, reset, touch and close-masters are internal)" ;;
esac

#!/usr/bin/env bash
# The main job on the built-in lab. Installs what it needs (tests/install-deps.sh: the lab's Debian packages, and
# PowerShell 7.6 into .tools/), builds, then runs examples/lab-demo.ps1: the pipeline of about_DasOps through the
# cmdlets, on two namespaced hosts (each with its own sshd, host key and address) plus MariaDB:
#   Import-DasCluster | Initialize-DasDatabase -PassThru | Publish-DasConfiguration -PassThru |
#     Start-DasNode -Wait -PassThru | Test-DasHa -Failover
# then the same again (unchanged), a stop, and the lab torn down.
#   --cli   also run the same job with the dasops command-line tool afterwards (validate, db init, plan, apply,
#           start, status, test-ha --failover, stop), on a fresh lab.
#   --cli-only   only the dasops part.
# The nodes run the lab's node emulator (no WSO2 distribution can be downloaded here); everything else is real:
# ssh, MariaDB, files. The lab is one per machine: both parts queue on its lock, as the tests do.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "run as root: the lab creates network namespaces" >&2; exit 2; }

run_ps=1 run_cli=0
for arg in "$@"; do
  case "$arg" in
    --cli) run_cli=1 ;;
    --cli-only) run_ps=0 run_cli=1 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg (use --cli or --cli-only)" >&2; exit 2 ;;
  esac
done

step() { printf '\n==> %s\n' "$*"; }
lock=(flock -o /run/dasops-lab-tests.lock)

step "install packages the lab needs (apt, only what is missing) and PowerShell 7.6 into .tools/"
tests/install-deps.sh
source tests/tools-env.sh

step "build: the module (out/DasOps) and the dasops CLI"
dotnet build DasOps.slnx -nologo -v quiet 2>&1 | grep -E "error|Build succeeded" | sort -u
[ -f out/DasOps/DasOps.psd1 ] || { echo "the module was not laid out in out/DasOps" >&2; exit 1; }

step "publish the node emulator that the lab hosts run in place of the WSO2 server"
emulator=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$emulator" "$work"' EXIT
dotnet publish tests/DasOps.NodeEmulator -c Release -o "$emulator" -nologo -v quiet
export LAB_EMULATOR_DIR=$emulator

if [ "$run_ps" -eq 1 ]; then
  step "PowerShell: examples/lab-demo.ps1"
  "${lock[@]}" pwsh -NoProfile -NonInteractive -File examples/lab-demo.ps1
fi

[ "$run_cli" -eq 1 ] || exit 0

# The same job with the dasops CLI, in a child that holds the lab lock for its whole run and tears the lab down.
cat > "$work/cli-demo.sh" <<'CLI'
set -euo pipefail
step() { printf '\n==> %s\n' "$*"; }
dasops() { dotnet src/DasOps.Cli/bin/Debug/net10.0/dasops.dll "$@"; }
work=$1

step "CLI: lab up: 2 hosts + MariaDB"
tests/lab/lab.sh up 2
trap 'step "lab down"; tests/lab/lab.sh down' EXIT
eval "$(tests/lab/lab.sh env)"

spec="$work/lab-cluster.yaml"
cat > "$spec" <<YAML
name: lab-isa
product: IsAnalytics
pattern: MinimumHa
transport: openssh          # this part shows the OpenSSH transport (ssh with ControlMaster, the lab's ssh config)
sshConfig: $LAB_SSH_CONFIG
knownHosts: $LAB_KNOWN_HOSTS
defaults:
  home: $LAB_HOME
database:
  host: $LAB_DB_HOST
  port: $LAB_DB_PORT
  user: wso2analytics
  adminUser: $LAB_DB_ADMIN_USER
spark:
  masterCount: 2
  symlink: /srv/das-link
depSync:
  svnUrl: http://10.77.0.1/svn/isa
  user: depsync
  committer: node1
nodes:
  - name: node1
    host: 10.77.0.11
  - name: node2
    host: 10.77.0.12
YAML

# Secrets come from the environment, never from the spec (generated per run; the admin's from the lab).
DASOPS_DB_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
DASOPS_SVN_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
DASOPS_DB_ADMIN_PASSWORD="$(cat "$LAB_DB_ADMIN_PASSWORD_FILE")"
export DASOPS_DB_PASSWORD DASOPS_SVN_PASSWORD DASOPS_DB_ADMIN_PASSWORD

step "validate the spec"
dasops validate "$spec"

step "the carbon schema scripts: the lab homes are our own fixture, so put the product's real dbscripts in"
for host in node1 node2; do
  mkdir -p "$LAB_DIR/hosts/$host/srv/das/dbscripts"
  cp ../shared/reference/wso2-stock/das-3.2.0/dbscripts/*.sql "$LAB_DIR/hosts/$host/srv/das/dbscripts/"
done

step "db init, run over SSH on node1: databases (latin1), the user and grants for both nodes, carbon schema"
dasops db init "$spec"
step "db init again: nothing changes"
dasops db init "$spec"

step "plan against the live hosts (exit 3 means drift: the hosts still have their stock files)"
dasops plan "$spec" --no-diff || [ $? -eq 3 ]

step "apply: every node's files, atomically, 0600 where they hold passwords, and the Spark symlink"
dasops apply "$spec"
step "apply again: unchanged"
dasops apply "$spec"

step "start: node1 first (it becomes the coordinator), then node2; waits until each is ready"
dasops start "$spec"
dasops status "$spec"

step "test HA, then prove it: stop the active node, measure the takeover, restart it, check it rejoins"
dasops test-ha "$spec" --failover

step "stop the cluster"
dasops stop "$spec"
CLI
step "the dasops CLI: the same job from a shell"
"${lock[@]}" bash "$work/cli-demo.sh" "$work"

#!/usr/bin/env bash
# The main job on the built-in lab: build, bring up namespaced hosts (each with its own sshd, host key and address)
# plus MariaDB, write a cluster spec for them, provision an IS Analytics minimum-HA cluster (database, configuration,
# start) and run the measured failover drill. The nodes run the lab's node emulator (no WSO2 distribution can be
# downloaded here); everything else is real: ssh, MariaDB, files.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "run as root: the lab creates network namespaces" >&2; exit 2; }

step() { printf '\n==> %s\n' "$*"; }

step "install packages the lab needs (apt, only what is missing)"
tests/install-deps.sh

step "build"
dotnet build DasOps.slnx -nologo -v quiet 2>&1 | grep -E "error|Build succeeded" | sort -u
dasops() { dotnet src/DasOps.Cli/bin/Debug/net10.0/dasops.dll "$@"; }

step "publish the node emulator that the lab hosts run in place of the WSO2 server"
emulator=$(mktemp -d)
dotnet publish tests/DasOps.NodeEmulator -c Release -o "$emulator" -nologo -v quiet

step "lab up: 2 hosts + MariaDB, each host its own network namespace, address and sshd"
LAB_EMULATOR_DIR=$emulator tests/lab/lab.sh up 2
trap 'step "lab down"; tests/lab/lab.sh down' EXIT
eval "$(tests/lab/lab.sh env)"

work=$(mktemp -d)
spec="$work/lab-cluster.yaml"
cat > "$spec" <<YAML
name: lab-isa
product: IsAnalytics
pattern: MinimumHa
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

#!/usr/bin/env bash
# The main job on the built-in lab: build, bring up namespaced hosts with sshd and MariaDB, write a cluster spec
# for them, and provision an IS Analytics minimum-HA cluster. Each step below says what it does; steps that
# DasOps cannot do yet are not faked: they are listed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "run as root: the lab creates network namespaces" >&2; exit 2; }

step() { printf '\n==> %s\n' "$*"; }

step "install packages the lab needs (apt, only what is missing)"
tests/install-deps.sh

step "build"
dotnet build DasOps.slnx -nologo -v quiet 2>&1 | grep -E "error|Build succeeded" | sort -u
dasops() { dotnet src/DasOps.Cli/bin/Debug/net10.0/dasops.dll "$@"; }

step "lab up: 2 hosts + MariaDB, each host its own network namespace and sshd"
tests/lab/lab.sh up 2
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

# Secrets come from the environment, never from the spec (generated per run).
export DASOPS_DB_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
export DASOPS_SVN_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
DASOPS_DB_ADMIN_PASSWORD="$(cat "$LAB_DB_ADMIN_PASSWORD_FILE")"; export DASOPS_DB_ADMIN_PASSWORD

step "validate the spec"
dasops validate "$spec"

step "render: every managed file of every node, from node1's real product home, with the plan"
dasops render "$spec" --stock "$LAB_DIR/hosts/node1/srv/das" --out "$work/rendered" --no-diff

cat <<'NOTE'

Done so far: build, lab, spec validation, configuration rendering.
Not yet part of this demo (open issues): publishing over SSH (issue 3), database init (issue 4),
start/stop and the measured failover drill (issue 5).
NOTE

#!/usr/bin/env bash
# Writes the Ansible inventory for the bench from the rendered files.
#
#   make-inventory.sh RENDERED_DIR SSH_CONFIG HOME OUT_DIR < nodes
#
# nodes: one line per node, "NAME ADDRESS SPARK_LINK", with "-" for no Spark link.
# Writes OUT_DIR/hosts.ini (group "das") and OUT_DIR/host_vars/NAME.yml with the node's file list: every file
# under RENDERED_DIR/NAME, each with the mode the rendered file has (0600 for files holding passwords).
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: $0 RENDERED_DIR SSH_CONFIG HOME OUT_DIR < nodes" >&2; exit 2; }
rendered=$1 ssh_config=$2 home=$3 out=$4

mkdir -p "$out/host_vars"
ini=$out/hosts.ini
echo "[das]" > "$ini"
while read -r name address link; do
    [ -n "$name" ] || continue
    [ -d "$rendered/$name" ] || { echo "no rendered files for $name in $rendered" >&2; exit 1; }
    echo "$name ansible_host=$address" >> "$ini"
    vars=$out/host_vars/$name.yml
    {
        echo "rendered_dir: \"$rendered/$name\""
        [ "$link" = "-" ] || echo "spark_link: \"$link\""
        echo "das_files:"
        (cd "$rendered/$name" && find . -type f -printf '%P %m\n' | LC_ALL=C sort) |
            while read -r path mode; do
                printf '  - { path: "%s", mode: "0%s" }\n' "$path" "$mode"
            done
    } > "$vars"
done
{
    echo
    echo "[das:vars]"
    echo "das_home=$home"
    echo "ansible_python_interpreter=/usr/bin/python3"
    # Only the lab's ssh config is added; ssh_args (ControlMaster, ControlPersist) stay as ansible.cfg sets them.
    echo "ansible_ssh_common_args='-F $ssh_config'"
} >> "$ini"

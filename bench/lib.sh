# Shared by the bench scripts (sourced). Needs: ROOT, FIXTURE, ART, DLL, ANSIBLE_CP_DIR, LAB_DIR (once the lab is up).

# Closes Ansible's ssh masters, so that every timed run starts without a connection.
close_masters() {
    local s
    for s in "$ANSIBLE_CP_DIR"/*; do
        [ -S "$s" ] && ssh -F /dev/null -o ControlPath="$s" -O exit bench >/dev/null 2>&1 || true
    done
}

# One lab host's home back to what `lab.sh up` makes of the fixture, without the Spark link; .dasops (lock,
# backups) and Ansible's "file.NNN.DATE~" backups go with the old home.
reset_home() {    # lab host
    local srv=$LAB_DIR/hosts/$1/srv
    [ -d "$srv" ] || die "reset: $srv missing (is the lab up?)"
    rm -rf "$srv/das" "$srv/das-link"
    mkdir -p "$srv/das"
    cp -a "$FIXTURE/." "$srv/das/"
    rm -f "$srv/das/README.md" "$srv/das/.gitattributes"
    chown -R root:root "$srv/das"
    find "$srv/das" -name '*.sh' -exec chmod 0755 {} +
}

# Long commands run in their own process group, in the background, and the script waits for them: a signal then
# reaches the trap at once (bash runs traps only between foreground commands), and the trap ends that command's
# whole group by its id before the lab goes down. OUT: a file for the command's output, or - to keep the script's.
CHILD=
run_child() {    # OUT command...
    local out=$1 rc=0
    shift
    if [ "$out" = - ]; then setsid "$@" < /dev/null & else setsid "$@" < /dev/null > "$out" 2>&1 & fi
    CHILD=$!
    wait "$CHILD" || rc=$?
    CHILD=
    return "$rc"
}

on_signal() {
    [ -z "$CHILD" ] || kill -TERM -- "-$CHILD" 2>/dev/null || true
    exit 130
}

machine_line() {
    echo "$(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GB RAM, Linux $(uname -r); $(ansible --version | head -1 | sed 's/^ansible \[core \(.*\)\]$/ansible-core \1/'), $(ssh -V 2>&1 | cut -d, -f1), dotnet $(dotnet --version), hyperfine $(hyperfine --version | cut -d' ' -f2)"
}

# Root check, the Debian packages the bench needs (ansible, hyperfine and any named), and a Release build of the CLI.
bench_setup() {    # extra packages...
    [ "$(id -u)" -eq 0 ] || die "run as root: the lab creates network namespaces"
    local missing=() p
    command -v ansible-playbook >/dev/null || missing+=(ansible)
    command -v hyperfine >/dev/null || missing+=(hyperfine)
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    if [ ${#missing[@]} -gt 0 ]; then
        step "apt-get install ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    fi
    step "build the CLI (Release) into $ART"
    dotnet build "$ROOT/src/DasOps.Cli" -c Release --artifacts-path "$ART" -nologo -v quiet >&2
    [ -f "$DLL" ] || die "build did not produce $DLL"
    step "waiting for the lab lock $LOCK (held for the whole bench)"
}

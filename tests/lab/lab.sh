#!/usr/bin/env bash
# DasOps test lab: N "hosts" (network namespaces with their own sshd) plus a
# MariaDB host, on a bridge in the root namespace. Root only. See README.md.
#
#   lab.sh up [N]                  build N nodes (default 6) + db; tears down first
#   lab.sh down                    remove everything (safe on a partial lab)
#   lab.sh status                  one line per host
#   lab.sh fail HOST kill|cut|heal crash a host / unplug it / bring it back
#                                  (HOST may be db: kill = SIGKILL mariadbd)
#   lab.sh rekey HOST              new sshd host key, known_hosts NOT updated
#   lab.sh auth HOST keys|password|kbd
#                                  how HOST's sshd lets root in: keys only (the
#                                  default), or also the lab password (password
#                                  authentication, or keyboard-interactive via PAM)
#   lab.sh isolate HOST on|off     HOST's sshd unreachable from the root namespace
#                                  (10.77.0.1), still reachable from other nodes
#   lab.sh db-stop | db-start      stop / start MariaDB
#   lab.sh svc-stop|svc-start NAME stop / start a messaging service on the db host
#                                  (zookeeper, nats or kafka; needs DASOPS_LAB_SERVICES=1 at up)
#   lab.sh hide-db-client          hide the mysql/mariadb client from every node
#   lab.sh exec HOST -- CMD...     run CMD in the host's namespaces (or db)
#   lab.sh env                     print export lines for the lab facts
set -euo pipefail

# ---------------------------------------------------------------- constants --
LAB_DIR=${DASOPS_LAB_DIR:-/var/lib/dasops-lab}
SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
# The product home every host gets; LAB_PRODUCT_FIXTURE=<dir> seeds another one (e.g. tests/fixtures/sp-4.4.0).
FIXTURE_DIR=${LAB_PRODUCT_FIXTURE:-"$SCRIPT_DIR/../fixtures/das-3.2.0"}

BRIDGE=dasbr0
NET_PREFIX=10.77.0
BRIDGE_IP=$NET_PREFIX.1
DB_NS=dasops-db
DB_IP=$NET_PREFIX.10
DB_PORT=3306
DB_ADMIN_USER=dasops_admin
NODE_NS_PREFIX=dasops-
VETH_PREFIX=dasv-           # dasv-node12 / dasv-db: well under IFNAMSIZ (15)
LAB_HOME=/srv/das
# The product home belongs to this user, not root, as on a real node; DasOps runs the product as the home's owner.
LAB_RUN_USER=wso2
LAB_RUN_UID_FIRST=2977
LOCK_FILE=/run/dasops-lab.lock

HOSTS_DIR=$LAB_DIR/hosts
SSH_DIR=$LAB_DIR/ssh
DB_DIR=$LAB_DIR/db
ENV_FILE=$LAB_DIR/lab.env
CACHE_DIR=$LAB_DIR/cache
LAST_LOGS=$LAB_DIR/last-logs

# Messaging services on the db host (issue 12, SP pre-flight): Debian's ZooKeeper and nats-server, and a plain TCP
# listener standing in for Kafka's port (Debian serves no Kafka package). Only with DASOPS_LAB_SERVICES=1: ZooKeeper
# is a JVM that takes ~9 s of CPU to start on a 2-core machine, which suites that do not use it should not pay.
LAB_SERVICES=${DASOPS_LAB_SERVICES:-0}
SVC_DIR=$LAB_DIR/svc
ZOOKEEPER_PORT=2181
NATS_PORT=4222
KAFKA_PORT=9092
SVC_WAIT_S=60

SSHD_WAIT_S=10
DB_WAIT_S=20
KILL_WAIT_S=10

# ------------------------------------------------------------------ helpers --
log()  { printf 'lab: %s\n' "$*" >&2; }
die()  { printf 'lab: ERROR: %s\n' "$*" >&2; exit 1; }
now_ms() { local t; t=$(date +%s%N); echo $((t / 1000000)); }

need_root() { [ "$(id -u)" -eq 0 ] || die "must run as root"; }

check_lab_dir() {
    case "$LAB_DIR" in
        /*) ;;
        *) die "DASOPS_LAB_DIR must be an absolute path: $LAB_DIR" ;;
    esac
    [ "$LAB_DIR" != / ] || die "DASOPS_LAB_DIR must not be /"
    # mariadbd's unix socket path must stay under the 108-byte sun_path limit
    [ "${#LAB_DIR}" -le 70 ] || die "DASOPS_LAB_DIR is too long (max 70 chars): $LAB_DIR"
    # the hosts get their own /run, /root and /srv: the state dir must not be under them
    case "$LAB_DIR/" in
        /run/*|/root/*|/srv/*|/proc/*|/sys/*) die "DASOPS_LAB_DIR must not be under /run, /root, /srv: $LAB_DIR" ;;
    esac
}

take_lock() {
    exec 9>"$LOCK_FILE"
    flock -w 120 9 || die "another lab.sh is running (lock $LOCK_FILE)"
}

node_ip()  { echo "$NET_PREFIX.$((10 + ${1#node}))"; }
node_ns()  { echo "$NODE_NS_PREFIX$1"; }
host_dir() { echo "$HOSTS_DIR/$1"; }

valid_node() { [[ $1 =~ ^node[1-9][0-9]*$ ]]; }

# "alive" = /proc entry exists and the process is not a zombie (gotcha 11:
# PID 1 here reaps orphans slowly, and zombies still pass kill -0).
alive() {
    local st
    [ -n "${1:-}" ] || return 1
    st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    st=${st##*) }
    [ "${st%% *}" != Z ] && [ "${st%% *}" != X ]
}

read_pid() { local p=""; [ -r "$1" ] && read -r p <"$1" 2>/dev/null; echo "${p:-}"; }

sshd_pid() {    # recorded pid of HOST's sshd, only if it is alive and is sshd
    local pid comm
    pid=$(read_pid "$(host_dir "$1")/sshd.pid")
    alive "$pid" || return 1
    comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
    [ "$comm" = sshd ] || return 1
    echo "$pid"
}

db_pid() {
    local pid comm
    pid=$(read_pid "$DB_DIR/run/mysqld.pid")
    alive "$pid" || return 1
    comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
    [ "$comm" = mariadbd ] || return 1
    echo "$pid"
}

lab_nodes() {   # nodes of the current lab, from lab.env, else from the hosts dir
    local n
    if [ -r "$ENV_FILE" ]; then
        n=$(sed -n 's/^LAB_NODES="\(.*\)"$/\1/p' "$ENV_FILE")
        [ -n "$n" ] && { echo "$n"; return; }
    fi
    [ -d "$HOSTS_DIR" ] || return 0
    find "$HOSTS_DIR" -mindepth 1 -maxdepth 1 -name 'node*' -printf '%f\n' | sort -V | tr '\n' ' '
}

lab_namespaces() {
    ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^${NODE_NS_PREFIX}(node[0-9]+|db)\$" || true
}

# PIDs (alive, not zombie) that belong to the given netns names and/or mount
# namespace ids ("mnt:[4026532...]"), excluding this script.
collect_pids() {    # collect_pids "ns1 ns2" "mntid1 mntid2" [extra pids...]
    local nss=$1 mnts=$2; shift 2
    local ns p
    {
        for ns in $nss; do ip netns pids "$ns" 2>/dev/null || true; done
        if [ -n "$mnts" ]; then
            find /proc -mindepth 3 -maxdepth 3 -path '/proc/[0-9]*/ns/mnt' -printf '%h %l\n' 2>/dev/null |
                awk -v ids="$mnts" 'BEGIN { n = split(ids, a, " "); for (i = 1; i <= n; i++) want[a[i]] = 1 }
                                    ($2 in want) { sub("^/proc/", "", $1); sub("/ns$", "", $1); print $1 }'
        fi
        for p in "$@"; do echo "$p"; done
    } | sort -un | while read -r p; do
        [ "$p" = $$ ] && continue
        alive "$p" && echo "$p"
    done
    return 0
}

# Kill (SIGKILL) everything in the given namespaces until nothing is left.
kill_all() {    # kill_all "ns..." "mntid..." [extra pids...]
    local deadline=$((SECONDS + KILL_WAIT_S)) pids
    while :; do
        pids=$(collect_pids "$@")
        [ -z "$pids" ] && return 0
        # shellcheck disable=SC2086
        kill -KILL $pids 2>/dev/null || true
        if [ "$SECONDS" -ge "$deadline" ]; then
            log "WARNING: processes still alive after ${KILL_WAIT_S}s: ${pids//$'\n'/ }"
            return 1
        fi
        sleep 0.02
    done
}

# Stray lab daemons whose namespace is no longer named (e.g. after a crash in
# the middle of up/down): sshd/mariadbd whose command line names $LAB_DIR.
stray_pids() {
    local f p comm
    grep -l -a -F -- "$LAB_DIR/" /proc/[0-9]*/cmdline 2>/dev/null | while read -r f; do
        p=${f#/proc/}; p=${p%/cmdline}
        comm=$(cat "/proc/$p/comm" 2>/dev/null) || continue
        case "$comm" in sshd|mariadbd|mysqld) echo "$p" ;; esac
    done
    return 0
}

# --------------------------------------------------------------------- sshd --
auth_mode() { cat "$(host_dir "$1")/auth" 2>/dev/null || echo keys; }

write_sshd_config() {   # node
    local node=$1 ip hd mode root=prohibit-password pass=no kbd=no pam=no
    ip=$(node_ip "$node"); hd=$(host_dir "$node"); mode=$(auth_mode "$node")
    case "$mode" in
        password) root=yes; pass=yes ;;
        kbd)      root=yes; kbd=yes; pam=yes ;;   # without PAM, sshd has no keyboard-interactive device on Linux
    esac
    cat >"$hd/sshd_config" <<EOF
# DasOps lab sshd for $node (generated by tests/lab/lab.sh; auth: $mode)
ListenAddress $ip
Port 22
HostKey $hd/ssh_host_ed25519_key
PermitRootLogin $root
PasswordAuthentication $pass
KbdInteractiveAuthentication $kbd
PubkeyAuthentication yes
AuthorizedKeysFile .ssh/authorized_keys
UsePAM $pam
StrictModes yes
MaxSessions 64
MaxStartups 100:30:200
Subsystem sftp internal-sftp
PidFile /run/sshd.pid
LogLevel INFO
AcceptEnv none
PrintMotd no
PrintLastLog no
X11Forwarding no
UseDNS no
EOF
}

listen_count() {    # number of "Server listening" lines in HOST's sshd log
    local c
    c=$(grep -c 'Server listening on' "$(host_dir "$1")/sshd.log" 2>/dev/null) || true
    echo "${c:-0}"
}

# Start HOST's sshd in its netns plus a private mount+UTS namespace. Does not
# wait; call wait_sshd afterwards.
# Daemons must not inherit the caller's descriptors: a test runner's lock or pipe held open by sshd or
# mariadbd outlives the run (the lab's MariaDB once kept a test-run flock and blocked every later run).
close_inherited_fds() {
    local fd
    for fd in /proc/$BASHPID/fd/*; do
        fd=${fd##*/}
        if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    return 0
}

start_sshd() {  # node
    local node=$1 ns hd
    ns=$(node_ns "$node"); hd=$(host_dir "$node")
    rm -f "$hd/sshd.pid" "$hd/mntns"
    # Inside the new mount namespace (propagation private, so nothing leaks):
    # /run private tmpfs with /run/sshd (gotcha 1), per-host /root and /srv
    # (gotcha 3, 4), optional unlocked shadow copy (gotcha 5), hostname. Then
    # exec sshd by absolute path (gotcha 2); $$ is therefore the sshd pid.
    # shellcheck disable=SC2016
    ( close_inherited_fds; exec setsid ip netns exec "$ns" unshare --mount --uts --propagation private \
        sh -c '
            set -e
            hd=$1; node=$2
            mount -t tmpfs -o mode=0755,size=16m lab-run /run
            mkdir -m 0755 /run/sshd
            mount --bind "$hd/root" /root
            mount --bind "$hd/srv" /srv
            if [ -f "$hd/shadow" ]; then mount --bind "$hd/shadow" /etc/shadow; fi
            if [ -f "$hd/pam-sshd" ]; then mount --bind "$hd/pam-sshd" /etc/pam.d/sshd; fi
            mount --bind "$hd/../../passwd" /etc/passwd
            mount --bind "$hd/../../group" /etc/group
            echo "$node" >/proc/sys/kernel/hostname
            readlink /proc/self/ns/mnt >"$hd/mntns"
            echo $$ >"$hd/sshd.pid"
            exec /usr/sbin/sshd -D -f "$hd/sshd_config" -E "$hd/sshd.log"
        ' lab-sshd "$hd" "$node" ) </dev/null >>"$hd/sshd.start.log" 2>&1 9>&- &
}

wait_sshd() {   # node [previous listen count]
    local node=$1 before=${2:-0} hd pid deadline
    hd=$(host_dir "$node")
    deadline=$(( $(now_ms) + SSHD_WAIT_S * 1000 ))
    while :; do
        if [ "$(listen_count "$node")" -gt "$before" ] && pid=$(sshd_pid "$node"); then
            return 0
        fi
        if [ "$(now_ms)" -ge "$deadline" ]; then
            log "sshd of $node did not come up in ${SSHD_WAIT_S}s"
            tail -n 5 "$hd/sshd.start.log" "$hd/sshd.log" 2>/dev/null | sed 's/^/    /' >&2 || true
            return 1
        fi
        sleep 0.01
    done
}

# ---------------------------------------------------------------------- db --
db_sock() { echo "$DB_DIR/run/mysqld.sock"; }

db_root_sql() { # SQL on stdin, as root@localhost over the unix socket
    mariadb --no-defaults --socket="$(db_sock)" -u root --batch
}

start_mariadbd() {
    rm -f "$DB_DIR/run/mysqld.pid"
    # lab-notes section 4: mariadbd direct (gotcha 27), small buffers
    ( close_inherited_fds; exec setsid ip netns exec "$DB_NS" /usr/sbin/mariadbd --no-defaults --user=mysql \
        --datadir="$DB_DIR/data" --tmpdir="$DB_DIR/tmp" \
        --socket="$(db_sock)" --pid-file="$DB_DIR/run/mysqld.pid" \
        --log-error="$DB_DIR/run/error.log" \
        --bind-address="$DB_IP" --port="$DB_PORT" --skip-name-resolve \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
        --innodb-buffer-pool-size=64M --innodb-log-file-size=16M \
        --innodb-flush-log-at-trx-commit=2 --key-buffer-size=8M \
        --performance-schema=OFF --max-connections=200 ) \
        </dev/null >>"$DB_DIR/run/mariadbd.out" 2>&1 9>&- &
}

wait_mariadbd() {
    local deadline
    deadline=$(( $(now_ms) + DB_WAIT_S * 1000 ))
    while :; do
        if mariadb-admin --no-defaults --socket="$(db_sock)" -u root --connect-timeout=1 ping >/dev/null 2>&1; then
            return 0
        fi
        if [ "$(now_ms)" -ge "$deadline" ]; then
            log "MariaDB did not answer ping within ${DB_WAIT_S}s; tail of $DB_DIR/run/error.log:"
            tail -n 15 "$DB_DIR/run/error.log" 2>/dev/null | sed 's/^/    /' >&2 || true
            return 1
        fi
        sleep 0.05
    done
}

init_db() {     # fresh datadir (from a cached pristine copy when possible)
    local ver cache
    install -d -m 0755 "$DB_DIR"
    install -d -m 0750 -o mysql -g mysql "$DB_DIR/tmp" "$DB_DIR/run"
    ver=$(/usr/sbin/mariadbd --version | tr -c 'A-Za-z0-9.\n-' _)
    cache="$CACHE_DIR/mariadb-datadir-$ver"
    if [ ! -d "$cache" ]; then
        rm -rf "$cache.tmp"
        install -d -m 0755 "$CACHE_DIR"
        install -d -m 0750 -o mysql -g mysql "$cache.tmp"
        if ! mariadb-install-db --no-defaults --user=mysql --datadir="$cache.tmp" \
                --auth-root-authentication-method=socket --skip-test-db \
                --innodb-log-file-size=16M >"$DB_DIR/run/install-db.log" 2>&1; then
            tail -n 15 "$DB_DIR/run/install-db.log" | sed 's/^/    /' >&2
            die "mariadb-install-db failed"
        fi
        mv "$cache.tmp" "$cache"
    fi
    cp -a "$cache" "$DB_DIR/data"
}

random_password() {
    local pw=""
    while [ "${#pw}" -lt 24 ]; do
        pw+=$(head -c 256 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9')
    done
    echo "${pw:0:24}"
}

setup_db_admin() {
    local pw
    pw=$(random_password)
    ( umask 077
      printf '%s\n' "$pw" >"$DB_DIR/admin.password"
      printf '[client]\nuser=%s\npassword=%s\nhost=%s\nport=%s\n' \
          "$DB_ADMIN_USER" "$pw" "$DB_IP" "$DB_PORT" >"$DB_DIR/admin.cnf" )
    chmod 0600 "$DB_DIR/admin.password" "$DB_DIR/admin.cnf"
    # secret goes over stdin, never on a command line
    db_root_sql <<EOF
CREATE USER '$DB_ADMIN_USER'@'%' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON *.* TO '$DB_ADMIN_USER'@'%' WITH GRANT OPTION;
FLUSH PRIVILEGES;
EOF
}

db_up() {       # runs in the background during `up`
    init_db
    start_mariadbd
    wait_mariadbd
    setup_db_admin
}

db_stop() {
    local pid deadline
    if ! pid=$(db_pid); then
        log "MariaDB is not running"
        return 0
    fi
    # SQL SHUTDOWN + wait for the pid (gotcha 26; mariadb-admin shutdown polls 1/s)
    echo 'SHUTDOWN;' | db_root_sql >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
    deadline=$(( $(now_ms) + DB_WAIT_S * 1000 ))
    while alive "$pid"; do
        if [ "$(now_ms)" -ge "$deadline" ]; then
            log "MariaDB (pid $pid) did not stop in ${DB_WAIT_S}s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.02
    done
    log "MariaDB stopped"
}

db_start() {
    if db_pid >/dev/null; then
        log "MariaDB is already running"
        return 0
    fi
    ip netns list 2>/dev/null | grep -q "^$DB_NS\\b" || die "lab is not up (no namespace $DB_NS)"
    [ -d "$DB_DIR/data" ] || die "no datadir $DB_DIR/data; run: lab.sh up"
    start_mariadbd
    wait_mariadbd || die "MariaDB did not start"
    log "MariaDB started"
}

# ---------------------------------------------------------------- services --
svc_port() {
    case "$1" in
        zookeeper) echo "$ZOOKEEPER_PORT" ;;
        nats)      echo "$NATS_PORT" ;;
        kafka)     echo "$KAFKA_PORT" ;;
        *) die "unknown service: $1 (expected zookeeper, nats or kafka)" ;;
    esac
}

svc_pid() {     # recorded pid of the service, only if it is alive
    local pid
    pid=$(read_pid "$SVC_DIR/$1.pid")
    alive "$pid" || return 1
    echo "$pid"
}

# Starts one service in the db namespace (not waiting); its pid is the service's own (setsid and ip netns exec exec).
start_svc() {   # name
    local name=$1 dir=$SVC_DIR/$1
    install -d -m 0755 "$dir"
    case "$name" in
        zookeeper)
            install -d -m 0755 "$dir/data"
            printf '%s\n' "tickTime=2000" "dataDir=$dir/data" "clientPortAddress=$DB_IP" "clientPort=$ZOOKEEPER_PORT" \
                "admin.enableServer=false" "4lw.commands.whitelist=ruok" >"$dir/zoo.cfg"
            set -- java -Xmx64m -Dzookeeper.log.dir="$dir" -cp /etc/zookeeper/conf_example:/usr/share/java/zookeeper.jar \
                org.apache.zookeeper.server.quorum.QuorumPeerMain "$dir/zoo.cfg" ;;
        nats)
            set -- /usr/sbin/nats-server -a "$DB_IP" -p "$NATS_PORT" -l "$dir/nats.log" ;;
        kafka)
            # Accepts and holds each connection until the client closes it, as a broker waiting for a request does:
            # what a pre-flight sees of a broker's port. Not Kafka (no package is served).
            set -- python3 -c 'import socket,sys,threading
def hold(c):
    with c:
        while c.recv(4096): pass
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((sys.argv[1], int(sys.argv[2]))); s.listen(64)
while True: threading.Thread(target=hold, args=(s.accept()[0],), daemon=True).start()' "$DB_IP" "$KAFKA_PORT" ;;
    esac
    ( close_inherited_fds; exec setsid ip netns exec "$DB_NS" "$@" ) </dev/null >>"$dir/out.log" 2>&1 9>&- &
    echo $! >"$SVC_DIR/$name.pid"
}

wait_svc() {    # name: until its port accepts a connection from the root namespace
    local name=$1 port deadline
    port=$(svc_port "$name")
    deadline=$(( $(now_ms) + SVC_WAIT_S * 1000 ))
    while ! (exec 3<>"/dev/tcp/$DB_IP/$port") 2>/dev/null; do
        if ! svc_pid "$name" >/dev/null || [ "$(now_ms)" -ge "$deadline" ]; then
            log "$name did not listen on $DB_IP:$port; tail of $SVC_DIR/$name/out.log:"
            tail -n 10 "$SVC_DIR/$name/out.log" 2>/dev/null | sed 's/^/    /' >&2 || true
            return 1
        fi
        sleep 0.1
    done
}

cmd_svc() {     # stop|start name
    local action=$1 name=${2:-} pid
    svc_port "$name" >/dev/null
    [ -f "$SVC_DIR/enabled" ] || die "the lab was brought up without services (DASOPS_LAB_SERVICES=1 lab.sh up)"
    case "$action" in
        stop)
            if pid=$(svc_pid "$name"); then kill_all "" "" "$pid" || die "could not stop $name"; fi
            log "$name stopped"
            ;;
        start)
            if svc_pid "$name" >/dev/null; then log "$name is already running"; return 0; fi
            start_svc "$name"
            wait_svc "$name" || die "$name did not start"
            log "$name listening on $DB_IP:$(svc_port "$name")"
            ;;
    esac
}

# ---------------------------------------------------------------- up / down --
net_up() {      # N
    local n=$1 k node ns veth
    if ip route show | grep -q "^$NET_PREFIX.0/24 "; then
        die "$NET_PREFIX.0/24 is already routed in the root namespace: $(ip route show | grep "^$NET_PREFIX.0/24 ")"
    fi
    ip link add "$BRIDGE" type bridge
    ip addr add "$BRIDGE_IP/24" dev "$BRIDGE"
    ip link set "$BRIDGE" up
    for k in db $(seq 1 "$n"); do
        if [ "$k" = db ]; then node=db; ns=$DB_NS; ip=$DB_IP
        else node=node$k; ns=$(node_ns "$node"); ip=$(node_ip "$node"); fi
        veth=$VETH_PREFIX$node
        ip netns add "$ns"
        ip link add "$veth" type veth peer name eth0 netns "$ns"
        ip link set "$veth" master "$BRIDGE" up
        ip -n "$ns" addr add "$ip/24" dev eth0
        ip -n "$ns" link set eth0 up
        ip -n "$ns" link set lo up            # gotcha 6
    done
}

prepare_node() {    # node client_pubkey_file
    local node=$1 pub=$2 hd
    hd=$(host_dir "$node")
    install -d -m 0755 "$hd" "$hd/srv"
    install -d -m 0700 "$hd/root" "$hd/root/.ssh"
    install -m 0600 "$pub" "$hd/root/.ssh/authorized_keys"
    ssh-keygen -q -t ed25519 -N '' -C "dasops-lab-$node" -f "$hd/ssh_host_ed25519_key"
    write_sshd_config "$node"
    # Every host gets its own shadow copy (root unlocked if needed, gotcha 5), so `auth` can give root the lab
    # password on one host only, and a minimal PAM stack for sshd (keyboard-interactive needs PAM).
    install -m 0640 -g shadow "${SHADOW_COPY:-/etc/shadow}" "$hd/shadow" 2>/dev/null ||
        install -m 0640 "${SHADOW_COPY:-/etc/shadow}" "$hd/shadow"
    printf '%s\n' 'auth required pam_unix.so' 'account required pam_unix.so' 'session required pam_permit.so' \
        'password required pam_deny.so' >"$hd/pam-sshd"
    # product home, owned by the run user (its uid exists only in the hosts' passwd copy)
    mkdir -p "$hd/srv/das"
    cp -a "$FIXTURE_DIR/." "$hd/srv/das/"
    rm -f "$hd/srv/das/README.md" "$hd/srv/das/.gitattributes"
    chown -R "$RUN_UID:$RUN_GID" "$hd/srv/das"
    find "$hd/srv/das" -name '*.sh' -exec chmod 0755 {} +
}

# The hosts' /etc/passwd and /etc/group: this machine's, plus the run user (bind-mounted in the hosts' mount
# namespaces only, so the machine itself gains no user). Its uid: the machine's own wso2 if it has one, else the
# first uid from LAB_RUN_UID_FIRST that is neither a user nor a group here.
write_run_user() {
    RUN_UID=$(getent passwd "$LAB_RUN_USER" | cut -d: -f3) || RUN_UID=''
    RUN_GID=$(getent passwd "$LAB_RUN_USER" | cut -d: -f4) || RUN_GID=''
    if [ -z "$RUN_UID" ]; then
        RUN_UID=$LAB_RUN_UID_FIRST
        while getent passwd "$RUN_UID" >/dev/null || getent group "$RUN_UID" >/dev/null; do RUN_UID=$((RUN_UID + 1)); done
        RUN_GID=$RUN_UID
    fi
    cp /etc/passwd "$LAB_DIR/passwd.tmp"
    cp /etc/group "$LAB_DIR/group.tmp"
    if ! getent passwd "$LAB_RUN_USER" >/dev/null; then
        printf '%s:x:%s:%s:WSO2 product (DasOps lab):/nonexistent:/usr/sbin/nologin\n' "$LAB_RUN_USER" "$RUN_UID" "$RUN_UID" >>"$LAB_DIR/passwd.tmp"
        printf '%s:x:%s:\n' "$LAB_RUN_USER" "$RUN_UID" >>"$LAB_DIR/group.tmp"
    fi
    chmod 0644 "$LAB_DIR/passwd.tmp" "$LAB_DIR/group.tmp"
    mv "$LAB_DIR/passwd.tmp" "$LAB_DIR/passwd"
    mv "$LAB_DIR/group.tmp" "$LAB_DIR/group"
}

install_emulator() {    # node
    local node=$1 hd home script
    [ -n "${LAB_EMULATOR_DIR:-}" ] || return 0
    script=$LAB_EMULATOR_DIR/install-into-home.sh
    [ -f "$script" ] || return 0
    hd=$(host_dir "$node"); home=$hd/srv/das
    if [ -x "$script" ]; then set -- "$script" "$home"; else set -- bash "$script" "$home"; fi
    if ! LAB_NODE=$node LAB_NODE_IP=$(node_ip "$node") LAB_HOME=$LAB_HOME \
            "$@" </dev/null >"$hd/emulator-install.log" 2>&1; then
        log "install-into-home.sh failed for $node; tail of $hd/emulator-install.log:"
        tail -n 10 "$hd/emulator-install.log" | sed 's/^/    /' >&2
        return 1
    fi
    chown -R "$RUN_UID:$RUN_GID" "$home"     # the launcher it wrote belongs to the home's owner too
}

write_client_side() {   # nodes...
    local node ip hk
    : >"$SSH_DIR/known_hosts"
    : >"$SSH_DIR/ssh_config"
    for node in "$@"; do
        ip=$(node_ip "$node")
        hk=$(cut -d' ' -f1,2 "$(host_dir "$node")/ssh_host_ed25519_key.pub")
        printf '%s %s\n%s %s\n' "$ip" "$hk" "$node" "$hk" >>"$SSH_DIR/known_hosts"
        printf 'Host %s\n    HostName %s\n' "$node" "$ip" >>"$SSH_DIR/ssh_config"
        client_settings >>"$SSH_DIR/ssh_config"
    done
    printf 'Host %s.*\n' "$NET_PREFIX" >>"$SSH_DIR/ssh_config"
    client_settings >>"$SSH_DIR/ssh_config"
    chmod 0644 "$SSH_DIR/known_hosts" "$SSH_DIR/ssh_config"
}

client_settings() {
    cat <<EOF
    User root
    IdentityFile $SSH_DIR/id_ed25519
    IdentitiesOnly yes
    UserKnownHostsFile $SSH_DIR/known_hosts
    GlobalKnownHostsFile /dev/null
    StrictHostKeyChecking yes
    CheckHostIP no
    BatchMode yes

EOF
}

# The JDK 1.8 stand-in install-into-home.sh puts beside the emulator binaries for SP homes (the JAVA_HOME the stock
# bin/jartobundle.sh needs), or nothing: the binaries directory is the installer's, DASOPS_EMULATOR_DIR else its own.
emulator_java_home() {
    local dir
    [ -n "${LAB_EMULATOR_DIR:-}" ] && [ -f "$LAB_EMULATOR_DIR/install-into-home.sh" ] || return 0
    [ -f "$FIXTURE_DIR/conf/manager/deployment.yaml" ] || [ -f "$FIXTURE_DIR/conf/worker/deployment.yaml" ] || return 0
    dir=$(cd "${DASOPS_EMULATOR_DIR:-$LAB_EMULATOR_DIR}" 2>/dev/null && pwd) || return 0
    [ -x "$dir/jdk1.8.0-emulated/bin/java" ] && printf '%s\n' "$dir/jdk1.8.0-emulated"
    return 0
}

write_env() {   # nodes...
    local node ips="" java_home
    for node in "$@"; do ips+="${ips:+ }$(node_ip "$node")"; done
    java_home=$(emulator_java_home)
    cat >"$ENV_FILE.tmp" <<EOF
LAB_DIR="$LAB_DIR"
LAB_NODES="$*"
LAB_NODE_IPS="$ips"
LAB_DB_HOST="$DB_IP"
LAB_DB_PORT="$DB_PORT"
LAB_DB_ADMIN_USER="$DB_ADMIN_USER"
LAB_DB_ADMIN_PASSWORD_FILE="$DB_DIR/admin.password"
LAB_SSH_CONFIG="$SSH_DIR/ssh_config"
LAB_KNOWN_HOSTS="$SSH_DIR/known_hosts"
LAB_SSH_KEY="$SSH_DIR/id_ed25519"
LAB_SSH_PASSWORD_FILE="$SSH_DIR/password"
LAB_HOME="$LAB_HOME"
LAB_RUN_USER="$LAB_RUN_USER"
LAB_RUN_UID="$RUN_UID"
LAB_SERVICES="$LAB_SERVICES"
LAB_ZOOKEEPER="$DB_IP:$ZOOKEEPER_PORT"
LAB_NATS="$DB_IP:$NATS_PORT"
LAB_KAFKA="$DB_IP:$KAFKA_PORT"
EOF
    [ -z "$java_home" ] || printf 'LAB_JAVA_HOME="%s"\n' "$java_home" >>"$ENV_FILE.tmp"
    chmod 0644 "$ENV_FILE.tmp"
    mv "$ENV_FILE.tmp" "$ENV_FILE"
}

cmd_up() {
    local n=${1:-6} t0 k c node nodes=() db_job rc=0 jobs_=() j t_net t_nodes t_sshd t_db t_end
    if ! [[ $n =~ ^[1-9][0-9]*$ ]] || [ "$n" -gt 200 ]; then die "N must be 1..200, got: $n"; fi
    [ -d "$FIXTURE_DIR" ] || die "fixture dir not found: $FIXTURE_DIR"
    for c in ip unshare nsenter setsid ssh-keygen /usr/sbin/sshd /usr/sbin/mariadbd mariadb mariadb-install-db mariadb-admin; do
        command -v "$c" >/dev/null || die "missing command: $c (apt-get install -y openssh-server mariadb-server mariadb-client iproute2)"
    done
    id mysql >/dev/null 2>&1 || die "no 'mysql' user (is mariadb-server installed?)"
    if [ ! -d /srv ] || [ ! -d /root ]; then die "/srv and /root must exist as mount points"; fi
    t0=$(now_ms)

    do_down quiet
    for k in $(seq 1 "$n"); do nodes+=("node$k"); done

    install -d -m 0755 "$LAB_DIR" "$HOSTS_DIR"
    install -d -m 0700 "$SSH_DIR"
    rm -rf "$LAST_LOGS"

    # gotcha 5: with UsePAM no a locked root ("!...") refuses even key logins;
    # give the hosts a patched copy (bind-mounted in their mount ns only).
    SHADOW_COPY=""
    if [ "$(awk -F: '$1 == "root" { print substr($2, 1, 1) }' /etc/shadow)" = '!' ]; then
        SHADOW_COPY=$LAB_DIR/shadow.unlocked
        ( umask 077; awk -F: -v OFS=: '$1 == "root" { $2 = "*" } { print }' /etc/shadow >"$SHADOW_COPY" )
    fi

    write_run_user
    net_up "$n"
    t_net=$(now_ms)

    # MariaDB in the background while the nodes are prepared
    # keeps the lock fd: a later down waits for this job if up itself dies
    db_up >"$LAB_DIR/db-up.log" 2>&1 &
    db_job=$!
    if [ "$LAB_SERVICES" = 1 ]; then
        install -d -m 0755 "$SVC_DIR"
        : >"$SVC_DIR/enabled"
        for c in zookeeper nats kafka; do start_svc "$c"; done
    fi

    ssh-keygen -q -t ed25519 -N '' -C dasops-lab-client -f "$SSH_DIR/id_ed25519"
    chmod 0600 "$SSH_DIR/id_ed25519"
    # root's password on hosts switched to `auth password|kbd`; tests read it from the file, never from argv
    ( umask 077; random_password >"$SSH_DIR/password" )
    for node in "${nodes[@]}"; do
        prepare_node "$node" "$SSH_DIR/id_ed25519.pub" &
        jobs_+=($!)
    done
    for j in "${jobs_[@]}"; do wait "$j" || rc=1; done
    [ "$rc" -eq 0 ] || { cat "$LAB_DIR/db-up.log" >&2 || true; die "preparing the node directories failed"; }

    jobs_=()
    for node in "${nodes[@]}"; do install_emulator "$node" & jobs_+=($!); done
    for j in "${jobs_[@]}"; do wait "$j" || rc=1; done
    [ "$rc" -eq 0 ] || die "emulator install failed"
    t_nodes=$(now_ms)

    for node in "${nodes[@]}"; do start_sshd "$node"; done
    for node in "${nodes[@]}"; do wait_sshd "$node" 0 || rc=1; done
    [ "$rc" -eq 0 ] || die "sshd did not start on every node (lab left partially up; run: lab.sh down)"
    t_sshd=$(now_ms)

    write_client_side "${nodes[@]}"

    if ! wait "$db_job"; then
        sed 's/^/    /' "$LAB_DIR/db-up.log" >&2 || true
        die "MariaDB setup failed (lab left partially up; run: lab.sh down)"
    fi
    t_db=$(now_ms)
    if [ "$LAB_SERVICES" = 1 ]; then
        for c in nats kafka zookeeper; do wait_svc "$c" || die "$c did not start (lab left partially up; run: lab.sh down)"; done
    fi
    write_env "${nodes[@]}"

    t_end=$(now_ms)
    printf 'lab: up: %d nodes + db in %d.%03d s (teardown+network %d ms, node dirs %d ms, sshd %d ms, db ready at +%d ms)\n' \
        "$n" $(( (t_end - t0) / 1000 )) $(( (t_end - t0) % 1000 )) \
        $((t_net - t0)) $((t_nodes - t_net)) $((t_sshd - t_nodes)) $((t_db - t0)) >&2
    # shellcheck disable=SC2016
    printf 'lab: env: source %s   (or: eval "$(%s env)")\n' "$ENV_FILE" "$0" >&2
}

do_down() {     # [quiet]
    local quiet=${1:-} t0 nss mnts f ns l
    t0=$(now_ms)
    nss=$(lab_namespaces)
    mnts=""
    if [ -d "$HOSTS_DIR" ]; then
        for f in "$HOSTS_DIR"/*/mntns; do
            [ -r "$f" ] && mnts+="$(cat "$f") "
        done
    fi
    # shellcheck disable=SC2046
    kill_all "$nss" "$mnts" $(stray_pids) || true

    for ns in $nss; do ip netns del "$ns" 2>/dev/null || true; done
    # root-side veths left by a partial up (normally gone with their netns)
    for l in $(ip -o link show 2>/dev/null | awk -F': ' '{ sub("@.*", "", $2); print $2 }' | grep "^$VETH_PREFIX" || true); do
        ip link del "$l" 2>/dev/null || true
    done
    ip link del "$BRIDGE" 2>/dev/null || true
    # gotcha 30: /run/netns stays a shared bind mount; remove it when empty
    if [ -d /run/netns ] && [ -z "$(ls -A /run/netns 2>/dev/null)" ]; then
        umount /run/netns 2>/dev/null || true
        rmdir /run/netns 2>/dev/null || true
    fi

    # keep the logs of the last lab for post-mortems, drop the runtime state
    if [ -d "$HOSTS_DIR" ] || [ -d "$DB_DIR" ]; then
        rm -rf "$LAST_LOGS"
        mkdir -p "$LAST_LOGS"
        for f in "$HOSTS_DIR"/*/sshd.log "$HOSTS_DIR"/*/emulator-install.log; do
            [ -f "$f" ] && cp "$f" "$LAST_LOGS/$(basename "$(dirname "$f")")-$(basename "$f")"
        done
        [ -f "$DB_DIR/run/error.log" ] && cp "$DB_DIR/run/error.log" "$LAST_LOGS/mariadb-error.log"
        [ -f "$LAB_DIR/db-up.log" ] && cp "$LAB_DIR/db-up.log" "$LAST_LOGS/db-up.log"
    fi
    rm -rf "$HOSTS_DIR" "$DB_DIR" "$SVC_DIR" "$SSH_DIR" "$ENV_FILE" "$ENV_FILE.tmp" \
        "$LAB_DIR/db-up.log" "$LAB_DIR/shadow.unlocked"
    [ -n "$quiet" ] || log "down in $(( $(now_ms) - t0 )) ms"
}

# ------------------------------------------------------------ host commands --
require_node() {
    valid_node "${1:-}" || die "not a node name: ${1:-<none>} (expected nodeK)"
    [ -d "$(host_dir "$1")" ] || die "$1 is not part of the lab (lab.sh up first?)"
}

node_mntns() { cat "$(host_dir "$1")/mntns" 2>/dev/null || true; }

cmd_fail_db() {
    local veth=${VETH_PREFIX}db
    ip netns list 2>/dev/null | grep -q "^$DB_NS\\b" || die "lab is not up (no namespace $DB_NS)"
    case "${1:-}" in
        kill)
            kill_all "$DB_NS" "" || die "could not kill MariaDB"
            log "db: MariaDB killed (SIGKILL)"
            ;;
        cut)
            ip link set "$veth" down
            log "db: link down"
            ;;
        heal)
            ip link set "$veth" up
            ip -n "$DB_NS" link set eth0 up
            ip neigh flush to "$DB_IP" 2>/dev/null || true
            if ! db_pid >/dev/null; then
                start_mariadbd
                wait_mariadbd || die "MariaDB did not restart"
                log "db: link up, MariaDB restarted"
            else
                log "db: link up, MariaDB was running"
            fi
            ;;
        *) die "usage: lab.sh fail db kill|cut|heal" ;;
    esac
}

cmd_fail() {
    local node=${1:-} action=${2:-} ns veth before pid
    if [ "$node" = db ]; then cmd_fail_db "$action"; return; fi
    require_node "$node"
    ns=$(node_ns "$node"); veth=$VETH_PREFIX$node
    case "$action" in
        kill)
            kill_all "$ns" "$(node_mntns "$node")" || die "could not kill every process of $node"
            log "$node: all processes killed"
            ;;
        cut)
            ip link set "$veth" down
            log "$node: link down"
            ;;
        heal)
            ip link set "$veth" up
            ip -n "$ns" link set eth0 up
            ip -n "$ns" link set lo up
            ip neigh flush to "$(node_ip "$node")" 2>/dev/null || true
            if ! sshd_pid "$node" >/dev/null; then
                # the old mount namespace may still hold orphaned sessions
                kill_all "$ns" "$(node_mntns "$node")" || true
                before=$(listen_count "$node")
                start_sshd "$node"
                wait_sshd "$node" "$before" || die "sshd of $node did not restart"
                log "$node: link up, sshd restarted"
            else
                log "$node: link up, sshd was running"
            fi
            ;;
        *) die "usage: lab.sh fail HOST kill|cut|heal" ;;
    esac
}

cmd_rekey() {
    local node=${1:-} hd pid before
    require_node "$node"
    hd=$(host_dir "$node")
    rm -f "$hd/ssh_host_ed25519_key" "$hd/ssh_host_ed25519_key.pub"
    ssh-keygen -q -t ed25519 -N '' -C "dasops-lab-$node-rekeyed" -f "$hd/ssh_host_ed25519_key"
    before=$(listen_count "$node")
    if pid=$(sshd_pid "$node"); then
        # SIGHUP: sshd re-execs itself (same pid, same namespaces) and reloads
        # its host keys; established sessions stay up, as on a real server.
        kill -HUP "$pid"
    else
        start_sshd "$node"
    fi
    wait_sshd "$node" "$before" || die "sshd of $node did not restart"
    log "$node: new host key (known_hosts NOT updated)"
}

# Rewrites HOST's shadow copy in place (its inode is what sshd's mount namespace sees): root gets the lab
# password's hash for password/kbd, and the hash of the lab's base copy back for keys.
set_root_hash() {   # node mode
    local hd=$1 mode=$2 base
    base=/etc/shadow
    [ -f "$LAB_DIR/shadow.unlocked" ] && base=$LAB_DIR/shadow.unlocked
    if [ "$mode" = keys ]; then
        cat "$base" >"$hd/shadow"
        return
    fi
    [ -s "$SSH_DIR/password" ] || die "no lab password ($SSH_DIR/password); run lab.sh up again"
    HASH=$(openssl passwd -6 -stdin <"$SSH_DIR/password") \
        awk -F: -v OFS=: '$1 == "root" { $2 = ENVIRON["HASH"] } { print }' "$base" >"$hd/shadow.new"
    cat "$hd/shadow.new" >"$hd/shadow"
    rm -f "$hd/shadow.new"
}

cmd_auth() {
    local node=${1:-} mode=${2:-} hd pid before
    require_node "$node"
    case "$mode" in keys|password|kbd) ;; *) die "usage: lab.sh auth HOST keys|password|kbd" ;; esac
    hd=$(host_dir "$node")
    [ -f "$hd/pam-sshd" ] && [ -f "$hd/shadow" ] || die "$node was built by an older lab.sh; run lab.sh up again"
    echo "$mode" >"$hd/auth"
    set_root_hash "$hd" "$mode"
    write_sshd_config "$node"
    before=$(listen_count "$node")
    if pid=$(sshd_pid "$node"); then kill -HUP "$pid"; else start_sshd "$node"; fi
    wait_sshd "$node" "$before" || die "sshd of $node did not restart"
    log "$node: auth $mode"
}

cmd_isolate() {
    local node=${1:-} ns
    require_node "$node"
    ns=$(node_ns "$node")
    case "${2:-}" in
        # replies to the root namespace cannot be routed: a direct connection times out, node-to-node traffic flows
        on)  ip -n "$ns" route replace prohibit "$BRIDGE_IP/32"; log "$node: unreachable from $BRIDGE_IP" ;;
        off) ip -n "$ns" route del prohibit "$BRIDGE_IP/32" 2>/dev/null || true; log "$node: reachable from $BRIDGE_IP" ;;
        *)   die "usage: lab.sh isolate HOST on|off" ;;
    esac
}

cmd_exec() {
    local node=${1:-} pid
    [ $# -gt 0 ] && shift
    [ "${1:-}" = -- ] && shift
    [ $# -gt 0 ] || die "usage: lab.sh exec HOST -- CMD..."
    if [ "$node" = db ]; then
        ip netns list 2>/dev/null | grep -q "^$DB_NS\\b" || die "lab is not up (no namespace $DB_NS)"
        exec ip netns exec "$DB_NS" "$@"
    fi
    require_node "$node"
    pid=$(sshd_pid "$node") || die "$node is down (sshd not running); try: lab.sh fail $node heal"
    exec nsenter -t "$pid" -m -u -n -- "$@"
}

# Hides the mysql/mariadb client from every node (issue 11: DasOps must need none there): an empty 0000 file is bound
# over each client binary inside the node's mount namespace, so `command -v` finds nothing and running it fails. The
# controller (root namespace, which the lab itself uses) keeps its client. Lasts until the node's sshd is restarted
# (fail heal after kill, rekey does not restart it); `up` starts every node with its client visible again.
cmd_hide_db_client() {
    local node pid name target blank seen
    blank="$LAB_DIR/hidden-db-client"
    : >"$blank"
    chmod 0000 "$blank"
    for node in $(lab_nodes); do
        pid=$(sshd_pid "$node") || die "$node is down (sshd not running)"
        seen=" "
        for name in mariadb mysql; do
            target=$(command -v "$name") || continue
            target=$(readlink -f "$target")
            case "$seen" in *" $target "*) continue ;; esac
            seen="$seen$target "
            nsenter -t "$pid" -m -- mount --bind "$blank" "$target" || die "could not hide $target on $node"
        done
        if nsenter -t "$pid" -m -- sh -c 'command -v mariadb || command -v mysql' >/dev/null 2>&1; then die "$node still finds a mysql client"; fi
    done
    log "mysql/mariadb client hidden on: $(lab_nodes | tr '\n' ' ')"
}

cmd_status() {
    local node ip s l
    if [ ! -r "$ENV_FILE" ] && [ -z "$(lab_namespaces)" ]; then
        echo "lab is down"
        return 0
    fi
    printf '%-8s %-12s %-6s %-9s %s\n' HOST IP SSHD MARIADB LINK
    for node in $(lab_nodes); do
        ip=$(node_ip "$node")
        if sshd_pid "$node" >/dev/null; then s=up; else s=down; fi
        l=$(ip -o link show "$VETH_PREFIX$node" 2>/dev/null | grep -q '[<,]UP[,>]' && echo up || echo down)
        printf '%-8s %-12s %-6s %-9s %s\n' "$node" "$ip" "$s" - "$l"
    done
    if db_pid >/dev/null; then s=up; else s=down; fi
    l=$(ip -o link show "${VETH_PREFIX}db" 2>/dev/null | grep -q '[<,]UP[,>]' && echo up || echo down)
    printf '%-8s %-12s %-6s %-9s %s\n' db "$DB_IP" - "$s" "$l"
}

cmd_env() {
    [ -r "$ENV_FILE" ] || die "lab is not up ($ENV_FILE missing)"
    sed -n 's/^\(LAB_[A-Z_]*=\)/export \1/p' "$ENV_FILE"
}

usage() {
    local rc=${1:-2}
    if [ "$rc" -eq 0 ]; then print_usage; else print_usage >&2; fi
    exit "$rc"
}

print_usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; }

# --------------------------------------------------------------------- main --
main() {
    local cmd=${1:-}
    [ $# -gt 0 ] && shift
    case "$cmd" in
        -h|--help|help) usage 0 ;;
        env) cmd_env; return ;;
    esac
    need_root
    check_lab_dir
    case "$cmd" in
        up)       take_lock; cmd_up "$@" ;;
        down)     take_lock; do_down ;;
        status)   cmd_status ;;
        fail)     take_lock; cmd_fail "$@" ;;
        rekey)    take_lock; cmd_rekey "$@" ;;
        auth)     take_lock; cmd_auth "$@" ;;
        isolate)  take_lock; cmd_isolate "$@" ;;
        db-stop)  take_lock; db_stop ;;
        db-start) take_lock; db_start ;;
        svc-stop)  take_lock; cmd_svc stop "$@" ;;
        svc-start) take_lock; cmd_svc start "$@" ;;
        exec)     cmd_exec "$@" ;;
        hide-db-client) take_lock; cmd_hide_db_client ;;
        *)        usage 2 ;;
    esac
}

main "$@"

#!/usr/bin/env python3
"""Chaos driver for DasOps: random faults during `dasops apply`, `restore` and `start` on a 4-host lab.

Run it through tests/chaos/run.sh (it builds the CLI, publishes the node emulator and takes the lab lock); this file
expects the lab lock to be held already. See tests/chaos/README.md for what is injected and what is checked.
"""
import argparse
import datetime
import fcntl
import hashlib
import json
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LAB = os.path.join(ROOT, "tests", "lab", "lab.sh")
HOSTS = ["node1", "node2", "node3", "node4"]
# Eight spec nodes on four hosts (a DAS fully distributed cluster needs two of each role): every host carries two
# product homes, /srv/das (port offset 0) and /srv/das2 (offset 10). Only analyzers have the Spark link.
NODES = [
    ("rcv1", "node1", "/srv/das", 0, "Receiver"), ("idx1", "node1", "/srv/das2", 10, "Indexer"),
    ("rcv2", "node2", "/srv/das", 0, "Receiver"), ("idx2", "node2", "/srv/das2", 10, "Indexer"),
    ("ana1", "node3", "/srv/das", 0, "Analyzer"), ("dsh1", "node3", "/srv/das2", 10, "Dashboard"),
    ("ana2", "node4", "/srv/das", 0, "Analyzer"), ("dsh2", "node4", "/srv/das2", 10, "Dashboard"),
]
SPARK_LINK = "/srv/das-link"
FAULTS = ["sshd-kill", "link-cut", "script-kill", "disk-full", "controller-kill"]
OPERATIONS = ["apply", "restore", "start"]
COMMAND_TIMEOUT = 240          # a faulted command that runs longer than this is a hang (killed and recorded)
HEAL_ATTEMPTS = 5


def log(msg):
    print(f"[{datetime.datetime.utcnow():%H:%M:%S}] {msg}", file=sys.stderr, flush=True)


def lab(*args, check=True, **kw):
    r = subprocess.run([LAB, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    if check and r.returncode != 0:
        raise RuntimeError(f"lab.sh {' '.join(args)} failed ({r.returncode}): {r.stdout[-2000:]}")
    return r


class Lab:
    def __init__(self, lab_dir):
        self.dir = lab_dir

    def host_path(self, host, path):
        """The root-namespace path of PATH (absolute, under /srv) as host HOST sees it."""
        assert path.startswith("/srv/")
        return os.path.join(self.dir, "hosts", host, "srv", path[len("/srv/"):])

    def netns_inode(self, host):
        return os.stat(f"/run/netns/dasops-{host}").st_ino


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# ---- desired sets -------------------------------------------------------------------------------------------------

def load_rendered(out_dir):
    """{node: {relative path: (sha256, mode)}} of a `dasops render --out` directory."""
    sets = {}
    for name, *_ in NODES:
        files = {}
        base = os.path.join(out_dir, name)
        for d, _, names in os.walk(base):
            for n in names:
                p = os.path.join(d, n)
                files[os.path.relpath(p, base)] = (sha256(p), os.stat(p).st_mode & 0o7777)
        sets[name] = files
    return sets


def live_state(labx, node, paths):
    name, host, home, *_ = node
    state = {}
    for rel in paths:
        p = labx.host_path(host, f"{home}/{rel}")
        if os.path.islink(p) or not os.path.isfile(p):
            state[rel] = None if not os.path.lexists(p) else ("not-a-file", 0)
        else:
            state[rel] = (sha256(p), os.stat(p).st_mode & 0o7777)
    return state


def classify(labx, before, after):
    """Per node: 'old' (every managed file as in BEFORE), 'new' (as in AFTER), else 'half' with the odd files."""
    verdicts = {}
    for node in NODES:
        name = node[0]
        paths = sorted(set(before[name]) | set(after[name]))
        live = live_state(labx, node, paths)
        old = all(live[p] == before[name].get(p) for p in paths)
        new = all(live[p] == after[name].get(p) for p in paths)
        if old or new:
            verdicts[name] = ("old" if old else "new", [])
        else:
            verdicts[name] = ("half", [f"{p}:{'old' if live[p] == before[name].get(p) else 'new' if live[p] == after[name].get(p) else 'neither'}"
                                       for p in paths if before[name].get(p) != after[name].get(p)])
    return verdicts


def converged_problems(labx, desired):
    """Files, modes and Spark links that differ from DESIRED (a rendered set), as a list of messages."""
    problems = []
    for node in NODES:
        name, host, home, _, role = node
        live = live_state(labx, node, desired[name])
        problems += [f"{name}: {p} {'missing' if live[p] is None else 'differs'}" for p in desired[name] if live[p] != desired[name][p]]
        link = labx.host_path(host, SPARK_LINK)
        if role == "Analyzer" and (not os.path.islink(link) or os.readlink(link) != home):
            problems.append(f"{name}: Spark link {SPARK_LINK} is not -> {home}")
    return problems


def leftovers(labx):
    """Temporary files, held or non-empty locks and unfinished backups in every home, after a run has ended."""
    found = []
    for name, host, home, *_ in NODES:
        root = labx.host_path(host, home)
        for d, dirs, names in os.walk(root):
            for n in names:
                if n.endswith((".dasops-new", ".dasops-rollback")) or n == "manifest.tmp":
                    found.append(f"{name}: {os.path.relpath(os.path.join(d, n), root)}")
        for lock in (os.path.join(root, ".dasops", "lock"), os.path.join(root, ".dasops", "switch.lock")):
            if not os.path.exists(lock):
                continue
            with open(lock, "rb+") as f:
                try:
                    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    fcntl.flock(f, fcntl.LOCK_UN)
                except OSError:
                    found.append(f"{name}: {os.path.basename(lock)} still held")
            if os.path.getsize(lock) != 0:
                found.append(f"{name}: {os.path.basename(lock)} not emptied")
        backups = os.path.join(root, ".dasops", "backups")
        if os.path.isdir(backups):
            found += [f"{name}: unswitched backup {b}" for b in os.listdir(backups)
                      if os.path.isdir(os.path.join(backups, b)) and not os.path.exists(os.path.join(backups, b, "switched"))]
    return found


def newest_backup_holds(labx, node, wanted):
    """Whether NODE's newest switched backup holds exactly WANTED's copy of every file that differs between the sets."""
    name, host, home, *_ = node
    backups = labx.host_path(host, f"{home}/.dasops/backups")
    ids = sorted(b for b in os.listdir(backups) if os.path.exists(os.path.join(backups, b, "switched"))) if os.path.isdir(backups) else []
    if not ids:
        return False
    held = {}
    with open(os.path.join(backups, ids[-1], "manifest")) as f:
        for line in f.read().splitlines()[1:]:
            kind, h, _, path = line.split("\t", 3)
            held[path] = h if kind == "file" else None
    return all(held.get(p) == wanted[p][0] for p in wanted)


# ---- node-side processes ------------------------------------------------------------------------------------------

def node_scripts(labx, host=None, commit_only=False):
    """(pid, argv) of DasOps's node scripts (`sh -c SCRIPT sh ARGS`), on one lab host or all."""
    inodes = {labx.netns_inode(h) for h in ([host] if host else HOSTS) if os.path.exists(f"/run/netns/dasops-{h}")}
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
            if len(argv) < 4 or argv[0] != b"sh" or argv[1] != b"-c" or argv[3] != b"sh":
                continue
            if commit_only and not argv[2].startswith(b"trap '' HUP INT TERM PIPE"):
                continue
            if os.stat(f"/proc/{pid}/ns/net").st_ino in inodes:
                found.append((int(pid), [a.decode(errors="replace") for a in argv]))
        except OSError:
            continue
    return found


def kill_between_renames(labx, host, stop, rng, record):
    """SIGKILLs the first commit script on HOST once a random number (1..n-1) of its n renames are done."""
    while not stop.is_set():
        for pid, argv in node_scripts(labx, host, commit_only=True):
            home, args = argv[4], argv[8:]
            staged = [args[i + 2] for i in range(0, len(args) - 2, 3) if args[i] == "put"]
            want = rng.randint(1, len(staged) - 1) if len(staged) > 1 else 0
            proc_root = f"/proc/{pid}/root{home}/"
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                done = sum(not os.path.exists(proc_root + s) for s in staged)
                if done >= want:
                    break
            try:
                os.kill(pid, signal.SIGKILL)
                done = sum(not os.path.exists(f"{labx.host_path(host, home)}/{s}") for s in staged)
                record.update(hit=0 < done < len(staged), detail=f"commit pid {pid} killed after {done} of {len(staged)} renames (aimed at {want})")
            except ProcessLookupError:
                record.update(detail="the commit ended before the kill")
            return
        time.sleep(0.0005)


def kill_any_script(labx, host, delay, stop, record):
    """SIGKILLs every DasOps node script running on HOST after DELAY seconds (start has no renames to aim at)."""
    if stop.wait(delay):
        return
    deadline = time.monotonic() + 30
    while not stop.is_set() and time.monotonic() < deadline:
        victims = node_scripts(labx, host)
        if victims:
            for pid, _ in victims:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            record.update(hit=True, detail=f"killed {len(victims)} node script(s) at +{delay:.2f}s or later")
            return
        time.sleep(0.005)


class DiskFull:
    """A small tmpfs over a directory of one product home, inside the host's mount namespace: seeded with that
    directory's files, then filled to leave FREE_KIB free. Healing copies its content back and unmounts it."""

    def __init__(self, labx, host, path, free_kib):
        self.labx, self.host, self.path, self.free_kib = labx, host, path, free_kib
        self.under = labx.host_path(host, path)

    def mount(self):
        os.makedirs(self.under, exist_ok=True)
        mode = oct(os.stat(self.under).st_mode & 0o777)[2:]
        pages = sum((os.lstat(os.path.join(d, n)).st_size + 4095) // 4096 + 1
                    for d, _, names in os.walk(self.under) for n in names)
        lab("exec", self.host, "--", "mount", "-t", "tmpfs", "-o", f"size={(pages + 64) * 4}k,mode={mode}", "dasops-chaos", self.path)
        self._pipe(["tar", "-C", self.under, "-cf", "-", "."], [LAB, "exec", self.host, "--", "tar", "-C", self.path, "-xpf", "-"])
        fill = f"{self.path}/.chaos-fill"
        lab("exec", self.host, "--", "sh", "-c", f"cat /dev/zero > {fill} 2>/dev/null; truncate -s -{self.free_kib}K {fill}")

    def heal(self):
        lab("exec", self.host, "--", "rm", "-f", f"{self.path}/.chaos-fill")
        keep = self.under + ".chaos-copy"
        shutil.rmtree(keep, ignore_errors=True)
        os.makedirs(keep)
        self._pipe([LAB, "exec", self.host, "--", "tar", "-C", self.path, "-cf", "-", "."], ["tar", "-C", keep, "-xpf", "-"])
        lab("exec", self.host, "--", "umount", self.path)
        shutil.rmtree(self.under)
        os.rename(keep, self.under)

    @staticmethod
    def _pipe(left, right):
        a = subprocess.Popen(left, stdout=subprocess.PIPE)
        b = subprocess.Popen(right, stdin=a.stdout)
        a.stdout.close()
        if b.wait() != 0 or a.wait() != 0:
            raise RuntimeError(f"copy failed: {' '.join(left)} | {' '.join(right)}")


# ---- the run ------------------------------------------------------------------------------------------------------

class Chaos:
    def __init__(self, args, labx, work):
        self.args, self.labx, self.work = args, labx, work
        self.rng = random.Random(args.seed)
        self.dll = args.cli
        self.specs, self.sets, self.env = {}, {}, {}
        self.estimate = {}
        self.ssh_key = None
        self.records = []
        self.seq = 0

    # -- setup --
    def write_specs(self, lab_env):
        # A and B differ in the database user and both passwords: every node's datasource files and carbon.xml.
        for key, user in (("A", "wso2das_a"), ("B", "wso2das_b")):
            lines = [f"name: chaos", "product: Das", "pattern: FullyDistributed",
                     f"knownHosts: {lab_env['LAB_KNOWN_HOSTS']}", "defaults: { home: /srv/das }",
                     f"database: {{ host: {lab_env['LAB_DB_HOST']}, user: {user} }}",
                     f"spark: {{ masterCount: 2, symlink: {SPARK_LINK} }}",
                     "depSync: { svnUrl: http://10.77.0.1/svn/das, user: depsync, committer: rcv1 }", "nodes:"]
            for name, host, home, offset, role in NODES:
                ip = f"10.77.0.{10 + int(host[4:])}"
                lines.append(f"  - {{ name: {name}, host: {ip}, home: {home}, portOffset: {offset}, roles: [{role}] }}")
            path = os.path.join(self.work, f"chaos-{key}.yaml")
            with open(path, "w") as f:
                f.write("\n".join(lines) + "\n")
            self.specs[key] = path
            self.ssh_key, self.ssh_config = lab_env["LAB_SSH_KEY"], lab_env["LAB_SSH_CONFIG"]
            self.env[key] = dict(os.environ, NO_COLOR="1",
                                 DASOPS_DB_PASSWORD=f"{key}-db-" + hashlib.sha256(os.urandom(16)).hexdigest()[:20],
                                 DASOPS_SVN_PASSWORD=f"{key}-svn-" + hashlib.sha256(os.urandom(16)).hexdigest()[:20])

    def render(self, stock):
        for key in ("A", "B"):
            out = os.path.join(self.work, f"rendered-{key}")
            r = subprocess.run(["dotnet", self.dll, "render", self.specs[key], "--stock", stock, "--out", out, "--no-diff"],
                               env=self.env[key], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if r.returncode != 0:
                raise RuntimeError(f"render {key} failed: {r.stdout}")
            self.sets[key] = load_rendered(out)
        differing = {n: sum(self.sets["A"][n].get(p) != self.sets["B"][n].get(p) for p in self.sets["A"][n]) for n, *_ in NODES}
        log(f"rendered A and B: files that differ per node: {differing}")
        if min(differing.values()) < 2:
            raise RuntimeError("the two specs must differ in at least two files on every node")

    def cli(self, key, *args, transport="sshnet", fault=None, timeout=COMMAND_TIMEOUT):
        """Runs dasops with set KEY's secrets; FAULT(proc) runs in a thread beside it. Returns (rc, output, seconds, hung)."""
        self.seq += 1
        logfile = os.path.join(self.work, "logs", f"{self.seq:05d}-{args[0]}.log")
        cmd = ["dotnet", self.dll, *args, "--transport", transport, "--ssh-key", self.ssh_key]
        if transport == "openssh":
            cmd += ["--ssh-config", self.ssh_config]
        with open(logfile, "w") as out:
            t0 = time.monotonic()
            proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=self.env[key],
                                    start_new_session=True)
            thread = threading.Thread(target=fault, args=(proc,), daemon=True) if fault else None
            if thread:
                thread.start()
            hung = False
            try:
                rc = proc.wait(timeout)
            except subprocess.TimeoutExpired:
                hung = True
                os.killpg(proc.pid, signal.SIGKILL)
                rc = proc.wait()
            seconds = time.monotonic() - t0
            if thread:
                thread.join(60)
        with open(logfile) as f:
            output = f.read()
        return rc, output, seconds, hung, proc.pid

    def all_nodes(self):
        return [a for name, *_ in NODES for a in ("--node", name)]

    def op_args(self, op, cur, host="node1"):
        """start and stop work on the two nodes of HOST (the faulted one): starting all eight takes too long."""
        spec = self.specs[cur]
        pair = [a for name, h, *_ in NODES if h == host for a in ("--node", name)]
        return {"apply": ["apply", spec], "restore": ["restore", spec, *self.all_nodes()],
                "start": ["start", spec, "--timeout", "90", *pair], "stop": ["stop", spec, "--timeout", "30", *pair]}[op]

    def warm_up(self):
        """From stock to A, then one fault-free run of each operation, to time them (the random moments use it)."""
        rc, out, _, _, _ = self.cli("A", "apply", self.specs["A"])
        if rc != 0 or converged_problems(self.labx, self.sets["A"]):
            raise RuntimeError(f"the first apply did not converge: {out}")
        for op, key, then in (("apply", "B", "B"), ("restore", "B", "A"), ("start", "A", "A"), ("stop", "A", "A")):
            rc, out, seconds, _, _ = self.cli(key, *self.op_args(op, key))
            if rc != 0 or converged_problems(self.labx, self.sets[then]):
                raise RuntimeError(f"fault-free {op} failed or did not give set {then}: {out}")
            self.estimate[op] = seconds
            log(f"warm-up {op}: {seconds:.1f}s")

    def wait_for_node_scripts(self, commit_only, limit):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if not node_scripts(self.labx, commit_only=commit_only):
                return True
            time.sleep(0.1)
        return False

    # -- one injection --
    def injection(self, i, fault_kind, cur):
        rng = self.rng
        other = "B" if cur == "A" else "A"
        op = rng.choice(self.args.operations)
        note = ""
        if op == "restore" and not all(newest_backup_holds(self.labx, n, {p: self.sets[other][n[0]][p] for p in self.sets[cur][n[0]]
                                                                          if self.sets[cur][n[0]][p] != self.sets[other][n[0]].get(p)})
                                       for n in NODES):
            op, note = "apply", "restore's newest backups are not the other set; ran apply"
        after = cur if op == "start" else other
        key = other if op == "apply" else cur
        transport = rng.choice(["sshnet", "openssh"])
        host = rng.choice(HOSTS)
        delay = rng.uniform(0, self.estimate[op])
        record = {"i": i, "op": op, "transport": transport, "fault": fault_kind, "host": host, "hit": False, "detail": "", "note": note}
        stop = threading.Event()
        disk = None

        def inject(proc):
            if fault_kind == "script-kill":
                if op == "start":
                    kill_any_script(self.labx, host, delay, stop, record)
                else:
                    kill_between_renames(self.labx, host, stop, rng, record)
                return
            if stop.wait(delay):
                return
            alive = proc.poll() is None
            if fault_kind == "controller-kill":
                if alive:
                    os.kill(proc.pid, signal.SIGKILL)
                record.update(hit=alive, detail=f"SIGKILL dasops at +{delay:.2f}s")
            elif fault_kind == "sshd-kill":
                lab("fail", host, "kill")
                pause = rng.uniform(0.2, 2.0)
                record.update(hit=alive, detail=f"{host} killed at +{delay:.2f}s, restarted {pause:.1f}s later")
                time.sleep(pause)
                lab("fail", host, "heal")
            elif fault_kind == "link-cut":
                lab("fail", host, "cut")
                pause = rng.uniform(1.0, 5.0)
                record.update(hit=alive, detail=f"{host} link cut at +{delay:.2f}s, healed {pause:.1f}s later")
                time.sleep(pause)
                lab("fail", host, "heal")

        if fault_kind == "disk-full":
            name, _, home, *_ = rng.choice([n for n in NODES if n[1] == host])
            path = rng.choice([f"{home}/.dasops", f"{home}/repository/conf/datasources"])
            disk = DiskFull(self.labx, host, path, rng.randint(0, 96))
            disk.mount()
            record.update(hit=True, detail=f"{name}: tmpfs over {path} with {disk.free_kib} KiB free")

        rc, out, seconds, hung, pid = self.cli(key, *self.op_args(op, key, host), transport=transport, fault=inject)
        stop.set()
        record.update(rc=rc, seconds=round(seconds, 2), hung=hung)
        # Heal the infrastructure (never the files): the host up, the tmpfs gone; let node scripts still running end.
        lab("fail", host, "heal")
        if disk:
            disk.heal()
        record["commits_ended"] = self.wait_for_node_scripts(True, 30)
        verdicts = classify(self.labx, self.sets[cur], self.sets[after])
        record["states"] = {n: v[0] for n, v in verdicts.items()}
        record["half_written"] = [f"{n}: {', '.join(v[1])}" for n, v in verdicts.items() if v[0] == "half"]

        # The healing re-run: apply until it succeeds (bounded), then check.
        attempts, heal_out = 0, ""
        for attempts in range(1, HEAL_ATTEMPTS + 1):
            hrc, heal_out, _, _, _ = self.cli(after, "apply", self.specs[after], transport=transport)
            if hrc == 0:
                break
            time.sleep(2)
        else:
            record["heal_error"] = heal_out[-1500:]
        record["heal_attempts"] = attempts
        prc, pout, _, _, _ = self.cli(after, "plan", self.specs[after], "--no-diff", transport=transport)
        problems = converged_problems(self.labx, self.sets[after])
        record["plan_rc"] = prc
        record["problems"] = problems[:10]
        record["converged"] = prc == 0 and "no differences" in pout and not problems and hrc == 0
        self.wait_for_node_scripts(False, 15)
        record["leftovers"] = leftovers(self.labx)
        if op == "start":
            self.cli(after, *self.op_args("stop", after, host))
        try:
            os.killpg(pid, signal.SIGKILL)        # ssh masters a killed controller left behind
        except ProcessLookupError:
            pass
        self.records.append(record)
        verdict = "converged" if record["converged"] else "NOT CONVERGED"
        log(f"#{i} {op}/{transport} {fault_kind} {host} rc={rc} {seconds:.1f}s hit={record['hit']} "
            f"states={''.join(s[0] for s in record['states'].values())} {verdict}"
            + (f" HALF: {record['half_written']}" if record["half_written"] else "")
            + (f" LEFTOVERS: {record['leftovers']}" if record["leftovers"] else "") + (f" ({record['detail']})" if record["detail"] else ""))
        return after


NOTES_HEADING = "## Notes (by hand; the run above rewrites only what is above this heading)"

# ---- results ------------------------------------------------------------------------------------------------------

def summarize(records):
    def row(rs):
        return {"injections": len(rs), "hit": sum(r["hit"] for r in rs), "converged": sum(r["converged"] for r in rs),
                "half_written": sum(bool(r["half_written"]) for r in rs), "leftovers": sum(bool(r["leftovers"]) for r in rs),
                "hung": sum(r["hung"] for r in rs), "failed_runs": sum(r["rc"] != 0 for r in rs)}
    return {"total": row(records),
            "by_fault": {f: row([r for r in records if r["fault"] == f]) for f in FAULTS},
            "by_operation": {o: row([r for r in records if r["op"] == o]) for o in OPERATIONS},
            "by_transport": {t: row([r for r in records if r["transport"] == t]) for t in ("sshnet", "openssh")}}


def results_markdown(args, summary, records, started, wall):
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            model = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    dotnet = subprocess.run(["dotnet", "--version"], stdout=subprocess.PIPE, text=True).stdout.strip()
    load = open("/proc/loadavg").read().split()[:3]
    machine = f"{os.cpu_count()} CPUs ({model}), Linux {platform.release()}, dotnet {dotnet}, shared (load average {' '.join(load)} at the end)"
    t = summary["total"]
    lines = ["# Chaos results", "",
             f"Written by `tests/chaos/run.sh --injections {args.injections} --seed {args.seed}"
             + (f" --minutes {args.minutes:g}` ({t['injections']} of {args.injections} injections fitted in the time budget)" if args.minutes else "`")
             + f" on {started:%Y-%m-%d %H:%M} UTC, "
             f"{wall / 60:.1f} minutes. Machine: {machine}.", "",
             f"**{t['converged']} of {t['injections']} converged, {t['half_written']} half-written**"
             f" ({t['leftovers']} with a temporary file or lock left after the next run, {t['hung']} hung runs).", "",
             "| fault | injections | hit the run | runs that failed | converged | half-written | leftovers after the next run |",
             "|---|---|---|---|---|---|---|"]
    for f, r in list(summary["by_fault"].items()) + [("**total**", t)]:
        lines.append(f"| {f} | {r['injections']} | {r['hit']} | {r['failed_runs']} | {r['converged']} | {r['half_written']} | {r['leftovers']} |")
    lines += ["", "| operation | injections | converged | half-written |", "|---|---|---|---|"]
    lines += [f"| {o} | {r['injections']} | {r['converged']} | {r['half_written']} |" for o, r in summary["by_operation"].items()]
    lines += ["", "| transport | injections | converged | half-written |", "|---|---|---|---|"]
    lines += [f"| {o} | {r['injections']} | {r['converged']} | {r['half_written']} |" for o, r in summary["by_transport"].items()]
    lines += ["", "Columns: *hit the run*: the fault landed while the command was running (a script kill counts only when it "
              "landed between two renames of the commit, or on a running node script for `start`; a full disk always counts); "
              "*runs that failed*: the faulted command exited non-zero; *half-written*: right after the fault, before any "
              "re-run, some node's managed files were neither all the previous set nor all the new one; *converged*: the "
              "healing `apply` succeeded within 5 attempts, `dasops plan` then reported no differences, and every managed "
              "file's bytes and mode and every Spark link matched the rendered set; *leftovers*: a staged or roll-back file, "
              "a `manifest.tmp`, an unswitched backup, or a held or non-empty lock in some home once the healing run ended."]
    bad = [r for r in records if not r["converged"] or r["half_written"] or r["leftovers"] or r["hung"]]
    if bad:
        lines += ["", "## Injections that did not pass", ""]
        for r in bad:
            lines.append(f"* #{r['i']} {r['op']} over {r['transport']}, {r['fault']} on {r['host']} ({r['detail']}): rc {r['rc']}, "
                         f"converged={r['converged']}, half-written={r['half_written'] or 'no'}, leftovers={r['leftovers'] or 'none'}"
                         + (f", problems={r['problems']}" if r["problems"] else "") + (f", heal error: `{r.get('heal_error', '')[-300:]}`" if r.get("heal_error") else ""))
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--injections", type=int, default=200)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--cli", required=True, help="dasops.dll")
    ap.add_argument("--emulator", required=True, help="the published node emulator")
    ap.add_argument("--results", help="RESULTS.md to write (default: none)")
    ap.add_argument("--summary", help="JSON summary to write")
    ap.add_argument("--work", required=True)
    ap.add_argument("--minutes", type=float, default=None, help="stop injecting after this long (the results show the real count)")
    ap.add_argument("--faults", default=",".join(FAULTS), help="comma-separated subset of " + ",".join(FAULTS))
    ap.add_argument("--operations", default=",".join(OPERATIONS), help="comma-separated subset of " + ",".join(OPERATIONS))
    args = ap.parse_args()
    args.faults, args.operations = args.faults.split(","), args.operations.split(",")
    if not set(args.faults) <= set(FAULTS) or not set(args.operations) <= set(OPERATIONS):
        ap.error("unknown fault or operation")
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1, 10 ** 6)
    started = datetime.datetime.utcnow()
    t0 = time.monotonic()
    os.makedirs(os.path.join(args.work, "logs"), exist_ok=True)
    log(f"seed {args.seed}, {args.injections} injections, work dir {args.work}")

    os.environ["LAB_EMULATOR_DIR"] = args.emulator
    lab("up", str(len(HOSTS)))
    env = {}
    for line in lab("env").stdout.splitlines():
        if line.startswith("export ") and "=" in line:
            k, v = line[len("export "):].split("=", 1)
            env[k] = v.strip("'\"")
    labx = Lab(env["LAB_DIR"])
    stock = os.path.join(args.work, "stock")
    shutil.copytree(labx.host_path("node1", "/srv/das"), stock, symlinks=True)
    for host in HOSTS:       # the second home of each host: the same stock home, emulator launcher included
        subprocess.run(["cp", "-a", labx.host_path(host, "/srv/das"), labx.host_path(host, "/srv/das2")], check=True)

    chaos = Chaos(args, labx, args.work)
    chaos.write_specs(env)
    chaos.render(stock)
    chaos.warm_up()
    kinds = []
    cur = "A"
    for i in range(1, args.injections + 1):
        if args.minutes and time.monotonic() - t0 > args.minutes * 60:
            log(f"time budget of {args.minutes} minutes used: stopping after {i - 1} of {args.injections} injections")
            break
        if not kinds:
            kinds = args.faults[:]
            chaos.rng.shuffle(kinds)
        cur = chaos.injection(i, kinds.pop(), cur)
    wall = time.monotonic() - t0
    summary = summarize(chaos.records)
    summary.update(seed=args.seed, minutes=round(wall / 60, 1))
    with open(os.path.join(args.work, "records.json"), "w") as f:
        json.dump(chaos.records, f, indent=1)
    if args.summary:
        with open(args.summary, "w") as f:
            json.dump(summary, f, indent=1)
    text = results_markdown(args, summary, chaos.records, started, wall)
    if args.results:
        # Notes written by hand below NOTES_HEADING survive a new run; only the measured part above it is replaced.
        kept = ""
        if os.path.exists(args.results):
            with open(args.results) as f:
                old = f.read()
            if NOTES_HEADING in old:
                kept = "\n" + old[old.index(NOTES_HEADING):]
        with open(args.results, "w") as f:
            f.write(text + kept)
    print(text)
    t = summary["total"]
    ok = t["converged"] == t["injections"] and t["half_written"] == 0 and t["leftovers"] == 0 and t["hung"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

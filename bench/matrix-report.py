#!/usr/bin/python3
"""Tables and a plot from transport-matrix.sh's hyperfine exports, written between the matrix markers of RESULTS.md.

    matrix-report.py RESULTS_DIR RESULTS_MD RUNS MACHINE_LINE
"""
import datetime
import json
import os
import re
import sys

results, results_md, runs, machine = sys.argv[1:5]
VARIANTS = [("cold", "Cold apply (every differing file written)"),
            ("noop", "No-op apply (nothing to change)"),
            ("onefile", "One-file change (one file written per node)")]
TOOLS = [("sshnet", "DasOps, SSH.NET"), ("openssh", "DasOps, OpenSSH + ControlMaster"),
         ("ansible", "Ansible (forks = N, ControlPersist, pipelining)"), ("floor", "SSH floor")]


def load(name):
    path = os.path.join(results, name + ".json")
    if not os.path.exists(path):
        return None
    return {r["command"]: r for r in json.load(open(path))["results"]}


sizes = sorted({int(m.group(1)) for f in os.listdir(results) for m in [re.match(r"cold-(\d+)\.json$", f)] if m})
data = {(v, n): load(f"{v}-{n}") for v, _ in VARIANTS for n in sizes}


def cell(r):
    return f"{r['median']:.2f} [{r['min']:.2f}–{r['max']:.2f}]"


out = [f"Run of {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC: {runs} timed runs per command after 1 warm-up; "
       "median [min–max] of whole-process wall time, in seconds.", "", f"Machine: {machine}.", ""]
for v, title in VARIANTS:
    out += [f"**{title}**", "",
            "| N | " + " | ".join(t for _, t in TOOLS) + " | Ansible / SSH.NET | OpenSSH / SSH.NET | SSH.NET / floor |",
            "|---|" + "---|" * (len(TOOLS) + 3)]
    for n in sizes:
        d = data[(v, n)]
        if d is None:
            continue
        s = d["sshnet"]["median"]
        out.append(f"| {n} | " + " | ".join(cell(d[k]) for k, _ in TOOLS)
                   + f" | **{d['ansible']['median'] / s:.1f}×** | {d['openssh']['median'] / s:.2f}× | {s / d['floor']['median']:.2f}× |")
    out.append("")

# The targets at N = 8 (when measured), and linearity: seconds added per node from the smallest to the largest N.
targets = []
if all(data.get((v, 8)) for v, _ in VARIANTS):
    c, z = data[("cold", 8)], data[("noop", 8)]
    def met(ok):
        return "met" if ok else "**not met**"
    cr = c["ansible"]["median"] / c["sshnet"]["median"]
    zr = z["ansible"]["median"] / z["sshnet"]["median"]
    fr = max(data[(v, 8)]["sshnet"]["median"] / data[(v, 8)]["floor"]["median"] for v, _ in VARIANTS)
    targets += [f"- Cold at least 10× faster than Ansible at N = 8: {cr:.1f}×, {met(cr >= 10)}.",
                f"- No-op at least 20× faster than Ansible at N = 8: {zr:.1f}×, {met(zr >= 20)}.",
                f"- Within 1.5× of the floor at N = 8 (worst variant): {fr:.2f}×, {met(fr <= 1.5)}."]
if len(sizes) >= 2:
    lo, hi = sizes[0], sizes[-1]
    for v, _ in VARIANTS:
        a, b = data[(v, lo)], data[(v, hi)]
        if a and b:
            per = {k: (b[k]["median"] - a[k]["median"]) / (hi - lo) for k, _ in TOOLS}
            targets.append(f"- {v}: seconds added per node from N = {lo} to {hi}: "
                           + ", ".join(f"{t.split(' (')[0]} {per[k] * 1000:.0f} ms" for k, t in TOOLS) + ".")
out += ["**Targets and growth**", ""] + targets + [""]

prof = os.path.join(results, "profile.json")
if os.path.exists(prof):
    out += ["**Where a no-op's time goes (N = 8, SSH.NET)**", "", "| stage | median [min–max] |", "|---|---|"]
    for r in json.load(open(prof))["results"]:
        out.append(f"| {r['command']} | {cell(r)} |")
    out.append("")

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, len(VARIANTS), figsize=(15, 4.5))
    for ax, (v, title) in zip(axes, VARIANTS):
        for k, t in TOOLS:
            xs = [n for n in sizes if data[(v, n)]]
            ax.plot(xs, [data[(v, n)][k]["median"] for n in xs], marker="o", label=t.split(" (")[0])
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("nodes (N)")
        ax.set_ylabel("seconds (median, log scale)")
        ax.set_yscale("log")
        ax.set_xticks(sizes)
        ax.grid(True, which="both", alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(results, "matrix.png"), dpi=110)
    out += ["![Median wall time per tool and N](results/matrix/matrix.png)", ""]
except ImportError:
    out += ["(matplotlib is not installed: no plot.)", ""]

block = "\n".join(out)
text = open(results_md).read() if os.path.exists(results_md) else "# Bench results\n"
if "<!-- matrix:begin -->" not in text:
    text += "\n## Transports: SSH.NET, OpenSSH, Ansible and the SSH floor\n\n<!-- matrix:begin -->\n<!-- matrix:end -->\n"
text = re.sub(r"(<!-- matrix:begin -->\n).*?(<!-- matrix:end -->)", lambda m: m.group(1) + block + m.group(2), text, flags=re.S)
open(results_md, "w").write(text)
print(block)

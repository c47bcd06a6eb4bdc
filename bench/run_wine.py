#!/usr/bin/env python3
"""The Windows part of ringport's benchmark kit: the same echo workloads, side by
side, for the Windows build under Wine.

Two servers from one source (bench/echo_server.cpp), cross-built with MinGW: ringport on
IOCP (bench_echo_ringport.exe) and real standalone Asio on its Windows IOCP backend
(bench_echo_asio.exe). Both run under Wine (scripts/wine-run.sh), pinned with their
wineserver to one core, and are driven over loopback by the Linux bench_loadgen, pinned to
another core, in interleaved rounds (the order swapped each round). In every round the
ratio ringport-iocp / asio-iocp is taken from that same round; the table gives the median
of those paired ratios with the 25th-75th percentile range.

Wine's own overhead dominates the absolute numbers: every Winsock call and every completion
goes through wineserver, a separate process. Only the paired ratio means something. Server
CPU time per round trip is given for the .exe (utime+stime from /proc/PID/stat over the
measured window, as bench_loadgen reads it) and for the wineserver of the prefix (read by
this script when bench_loadgen starts and ends its measurement; both servers share it, but
only the one under load is busy).

Usage: bench/run_wine.py --bin BUILD-MINGW/bench --loadgen BUILD-LINUX/bench/bench_loadgen
                         [--rounds N (8)] [--secs S (0.5)] [--warmup S (0.2)]
                         [--workloads "W1;W2"] [--out DIR] [--command TEXT]
Writes bench-wine-table.md and bench-wine-raw.json to --out (default: --bin).
Environment: WINEPREFIX (a prefix of its own keeps other Wine users out of the wineserver's
CPU time; scripts/bench-wine.sh uses BUILD-MINGW/wineprefix).
"""

import argparse
import datetime
import json
import os
import platform
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time

# Process handling, percentiles and number formats are the Linux kit's (bench/run.py).
from run import children, cleanup, fmt_num, fmt_ratio, log, on_signal, pct, pin, summary

HERE = os.path.dirname(os.path.abspath(__file__))
WINE_RUN = os.path.join(HERE, "..", "scripts", "wine-run.sh")
REFERENCE = "asio-iocp"
SERVER_CPU = 0
CLIENT_CPU = 1

# name -> .exe
SERVERS = {
    "ringport-iocp": "bench_echo_ringport.exe",
    "asio-iocp": "bench_echo_asio.exe",
}

# name -> (loadgen arguments after the port, metric key, unit shown)
WORKLOADS = {
    "pingpong 1 x 64 B": (["pingpong", "{port}", "1", "64"], "ops_per_s", "round trips/s"),
    "pingpong 100 x 64 B": (["pingpong", "{port}", "100", "64"], "ops_per_s", "round trips/s"),
    "pingpong 100 x 4 KiB": (["pingpong", "{port}", "100", "4096"], "ops_per_s", "round trips/s"),
    "accept (connect, 1 byte, close)": (["accept", "{port}"], "ops_per_s", "connections/s"),
}


def cpu_s(pid):
    """utime + stime of a process in seconds, None when unknown."""
    if not pid:
        return None
    try:
        s = open(f"/proc/{pid}/stat").read()
    except OSError:
        return None
    f = s[s.rfind(")") + 2:].split()
    # f[0] is field 3 (state); utime and stime are fields 14 and 15.
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")


def prefix_dir():
    return os.environ.get("WINEPREFIX") or os.path.join(os.path.expanduser("~"), ".wine")


def find_wineserver():
    """The pid of the wineserver serving our prefix: its working directory is the server
    directory named after the prefix's device and inode (.../server-<dev>-<inode>)."""
    try:
        st = os.stat(prefix_dir())
    except OSError:
        return None
    tag = f"server-{st.st_dev:x}-{st.st_ino:x}"
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            if not open(f"/proc/{d}/comm").read().startswith("wineserver"):
                continue
            if os.readlink(f"/proc/{d}/cwd").endswith(tag):
                return int(d)
        except OSError:
            pass
    return None


class Server:
    def __init__(self, name, bindir, tmpdir):
        self.name = name
        self.errpath = os.path.join(tmpdir, f"{name}.stderr")
        self.err = open(self.errpath, "w")
        # The .exe keeps the pid of the wrapper (wine-run.sh and wine exec into it); a
        # wineserver that the wrapper starts inherits the pinning.
        self.proc = subprocess.Popen(["sh", WINE_RUN, os.path.join(bindir, SERVERS[name]), "0"],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self.err, preexec_fn=pin(SERVER_CPU))
        children.append(self.proc)
        self.pid = self.proc.pid
        # The first Wine process of a prefix may have to create it (tens of seconds).
        ready, _, _ = select.select([self.proc.stdout], [], [], 120)
        line = self.proc.stdout.readline().decode() if ready else ""
        if not line.startswith("listening on "):
            self.stop()
            raise RuntimeError(f"{name}: did not start ({open(self.errpath).read().strip()})")
        self.port = int(line.split()[2])
        time.sleep(0.1)
        lines = [l for l in self.stderr().splitlines() if l.startswith("backend: ")]
        self.backend = lines[0].replace("backend: ", "") if lines else "?"

    def stderr(self):
        self.err.flush()
        with open(self.errpath) as f:
            return f.read()

    def exe_pid(self):
        """The pid whose /proc/PID/stat is the .exe (checked: the wrapper execs into it)."""
        try:
            comm = open(f"/proc/{self.pid}/comm").read().strip()
        except OSError:
            return None
        return self.pid if comm.startswith("bench_echo") else None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)
        if self.proc in children:
            children.remove(self.proc)
        self.err.close()


def run_loadgen(loadgen, args, server, secs, warmup, wineserver):
    """One measurement. Returns the loadgen's JSON dict plus 'ws_cpu_s' (the wineserver's
    CPU time over the measured window, None when unknown), or None on failure."""
    a = [x.replace("{port}", str(server.port)) for x in args]
    cmd = [loadgen] + a + ["--secs", str(secs), "--warmup", str(warmup),
                           "--pid", str(server.exe_pid() or 0), "--cpu", str(CLIENT_CPU)]
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    children.append(p)
    deadline = time.time() + secs + warmup + 60
    ws0 = ws1 = None
    result = None
    try:
        while time.time() < deadline:
            ready, _, _ = select.select([p.stdout], [], [], max(0.1, deadline - time.time()))
            if not ready:
                continue
            line = p.stdout.readline()
            if not line:
                break
            if line.startswith("measuring"):
                ws0 = cpu_s(wineserver)
            elif line.startswith("{"):
                ws1 = cpu_s(wineserver)
                result = json.loads(line)
        else:
            log(f"  {server.name}: load generator timed out")
        try:
            _, err = p.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            _, err = p.communicate()
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        children.remove(p)
    if p.returncode != 0 or result is None:
        log(f"  {server.name}: load generator failed: {(err or '').strip()}")
        return None
    result["ws_cpu_s"] = ws1 - ws0 if ws0 is not None and ws1 is not None else None
    return result


def fmt_f(x, digits=0):
    return "n/a" if x is None or x != x else f"{x:.{digits}f}"


# ---- per-round values ------------------------------------------------------------------------

def exe_cpu_us(r):
    return r["server_cpu_s"] * 1e6 / r["ops"] if r and r.get("ops") and \
        r.get("server_cpu_s") is not None and r["server_cpu_s"] >= 0 else None


def ws_cpu_us(r):
    return r["ws_cpu_s"] * 1e6 / r["ops"] if r and r.get("ops") and \
        r.get("ws_cpu_s") is not None else None


def total_cpu_us(r):
    a, b = exe_cpu_us(r), ws_cpu_us(r)
    return a + b if a is not None and b is not None else None


def values(results, w, name, f):
    return [v for v in (f(r) for r in results[w][name]) if v is not None]


def paired(results, w, name, ref, f):
    out = []
    for a, b in zip(results[w][name], results[w][ref]):
        x, y = f(a), f(b)
        if x is not None and y is not None and y > 0:
            out.append(x / y)
    return out


def med(vs):
    return statistics.median(vs) if vs else float("nan")


# ---- the run ---------------------------------------------------------------------------------

def rounds_loop(loadgen, servers, workloads, rounds, secs, warmup, wineserver):
    results = {w: {s.name: [] for s in servers} for w in workloads}
    for r in range(rounds):
        t0 = time.time()
        order = servers[r % len(servers):] + servers[:r % len(servers)]
        for w in workloads:
            for s in order:
                results[w][s.name].append(
                    run_loadgen(loadgen, WORKLOADS[w][0], s, secs, warmup, wineserver))
        log(f"round {r + 1}/{rounds} done in {time.time() - t0:.1f} s")
    return results


def table(results, names, workloads, rounds):
    metric = lambda key: (lambda r: r[key] if r and r.get(key) is not None else None)
    lines = []
    for w in workloads:
        key, unit = WORKLOADS[w][1], WORKLOADS[w][2]
        lines.append(f"\n**{w}** — median over {rounds} rounds\n")
        lines.append(f"| server | {unit} | ratio to {REFERENCE} (p25-p75) | "
                     "CPU µs/op: .exe | wineserver | both | CPU ratio to "
                     f"{REFERENCE} (p25-p75) | p50 µs | p99 µs |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n in names:
            ok = len(values(results, w, n, metric(key)))
            bad = "" if ok == rounds else f" ({rounds - ok} runs failed)"
            lines.append(
                f"| {n}{bad} | {fmt_num(med(values(results, w, n, metric(key))))} | "
                f"{fmt_ratio(*summary(paired(results, w, n, REFERENCE, metric(key))))} | "
                f"{fmt_f(med(values(results, w, n, exe_cpu_us)))} | "
                f"{fmt_f(med(values(results, w, n, ws_cpu_us)))} | "
                f"{fmt_f(med(values(results, w, n, total_cpu_us)))} | "
                f"{fmt_ratio(*summary(paired(results, w, n, REFERENCE, total_cpu_us)))} | "
                f"{fmt_f(med(values(results, w, n, metric('p50_us'))))} | "
                f"{fmt_f(med(values(results, w, n, metric('p99_us'))))} |")
    lines.append("\n**Summary** — ringport-iocp / asio-iocp, median paired ratio (p25-p75)\n")
    lines.append("| workload | throughput | server CPU per op (.exe + wineserver) |")
    lines.append("|---|---:|---:|")
    for w in workloads:
        key = WORKLOADS[w][1]
        lines.append(
            f"| {w} | "
            f"{fmt_ratio(*summary(paired(results, w, 'ringport-iocp', REFERENCE, metric(key))))}"
            f" | {fmt_ratio(*summary(paired(results, w, 'ringport-iocp', REFERENCE, total_cpu_us)))} |")
    return lines


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        wine = subprocess.run(["wine", "--version"], capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        wine = "wine ?"
    load = os.getloadavg()
    return (f"Linux {platform.release()}, {wine}, CPU: {cpu}, {os.cpu_count()} cores "
            f"(servers and wineserver pinned to core {SERVER_CPU}, load generator to core "
            f"{CLIENT_CPU}), load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--bin", required=True, help="directory with the MinGW bench_echo_*.exe")
    ap.add_argument("--loadgen", required=True, help="the Linux bench_loadgen")
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--secs", type=float, default=0.5, help="measured seconds per run")
    ap.add_argument("--warmup", type=float, default=0.2)
    ap.add_argument("--workloads", help="';'-separated subset of: " + "; ".join(WORKLOADS))
    ap.add_argument("--out", help="directory for the table and raw data (default: --bin)")
    ap.add_argument("--command", default="", help="command line to note in the output")
    a = ap.parse_args()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    global SERVER_CPU, CLIENT_CPU
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) >= 2:
        SERVER_CPU, CLIENT_CPU = cpus[0], cpus[1]
    else:
        SERVER_CPU = CLIENT_CPU = cpus[0]
        log("only one core: servers and load generator share it")
    workloads = [w.strip() for w in a.workloads.split(";")] if a.workloads else list(WORKLOADS)
    for w in workloads:
        if w not in WORKLOADS:
            ap.error(f"unknown workload {w!r}")
    # A lingering wineserver keeps the pinning of the run that started it; 20 s is enough to
    # serve both servers (they keep it alive) and lets it go soon after.
    os.environ.setdefault("RINGPORT_WINE_LINGER", "20")
    out = a.out or a.bin
    os.makedirs(out, exist_ok=True)
    tmpdir = tempfile.mkdtemp(prefix="ringport-bench-wine-")
    started = time.time()
    names = list(SERVERS)
    try:
        servers = []
        for n in names:
            s = Server(n, a.bin, tmpdir)
            log(f"{n}: {s.backend} (pid {s.pid}, port {s.port})")
            if s.exe_pid() is None:
                log(f"  {n}: pid {s.pid} is not the .exe: no .exe CPU time")
            servers.append(s)
        wineserver = find_wineserver()
        log(f"wineserver of {prefix_dir()}: "
            + (f"pid {wineserver}" if wineserver else "not found (no wineserver CPU time)"))
        log(f"{len(workloads)} workloads x {len(servers)} servers x {a.rounds} rounds, "
            f"{a.warmup}+{a.secs} s each")
        results = rounds_loop(a.loadgen, servers, workloads, a.rounds, a.secs, a.warmup,
                              wineserver)
        backends = {s.name: s.backend for s in servers}
        for s in servers:
            s.stop()
    finally:
        cleanup()

    elapsed = time.time() - started
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    head = [
        "## Windows build under Wine: ringport on IOCP vs Asio on IOCP\n",
        f"Run {now} on {machine()}.",
        "Servers: " + ", ".join(f"{n} ({b})" for n, b in backends.items()) +
        "; both from bench/echo_server.cpp, MinGW-w64 Release, static.",
        f"{a.rounds} interleaved rounds, {a.warmup} s warm-up + {a.secs} s measured per server "
        f"and workload; reference: {REFERENCE}; the run took {elapsed:.0f} s."
        + (f" Command: `{a.command.strip()}`." if a.command.strip() else ""),
        "",
        "**Read only the ratios.** Wine's own overhead dominates the absolute numbers: every "
        "Winsock call and completion goes through wineserver, a separate process, so round "
        "trips per second, latency and CPU time here say little about Windows; the paired "
        "ratio ringport-iocp / asio-iocp (same round, same Wine) is what this measures. CPU "
        "µs/op: the .exe's utime+stime over the measured window, and the prefix's wineserver "
        "(shared by both servers; only the one under load is busy); clock ticks are 10 ms, so "
        "short windows make these coarse.",
    ]
    body = table(results, names, workloads, a.rounds)
    text = "\n".join(head + body) + "\n"
    print(text)
    with open(os.path.join(out, "bench-wine-table.md"), "w") as f:
        f.write(text)
    with open(os.path.join(out, "bench-wine-raw.json"), "w") as f:
        json.dump(results, f, indent=1)
    log(f"table: {os.path.join(out, 'bench-wine-table.md')}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        cleanup()

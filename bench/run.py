#!/usr/bin/env python3
"""ringport's benchmark driver.

Starts every echo server (pinned to one core), drives each with bench_loadgen (pinned to
another core) in interleaved rounds (A B C ... A B C ..., the order rotated each round),
takes in every round each server's ratio to the reference (the plain liburing loop) measured
in that same round, and reports the median of those paired ratios over the rounds with the
25th-75th percentile range. Also: server CPU time per round trip (utime+stime from
/proc/PID/stat), latency p50/p99, heap allocations per round trip (counted operator new),
system calls per round trip and per accepted connection (perf tracepoints, else strace; in
interleaved counting rounds of their own, every round for the two servers the targets judge),
resident memory per idle connection, a check that the io_uring builds really use a ring, and
post()/timer workloads (ringport vs Asio from one source).

Usage: bench/run.py --bin BUILD/bench [--quick] [--rounds N] [--secs S] [--warmup S]
                    [--write-results] [--out DIR] [--baseline OTHER_BUILD/bench]
--quick is the demo: ringport on the machine's default backend, Asio (epoll and io_uring
builds) and the liburing loop, two workloads, 5 short rounds (about a minute).
--write-results rewrites bench/RESULTS.md and bench/results.png (keeping the hand-written
notes between the NOTES markers).
--baseline adds ringport's servers and post()/timer programs built from another tree (e.g. the
commit before a change) as "<name>@base", measured in the same interleaved rounds, so a
change's cost or gain is a paired ratio from one run.
--servers/--workloads/--network-only/--micro-only narrow a run for experiments (not for RESULTS.md): a
server written "NAME+VAR=VALUE" is NAME with that variable set (e.g.
"liburing-loop+BENCH_URING_DEFER=1"), measured beside NAME in the same rounds.
"""

import argparse
import datetime
import json
import os
import platform
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = "liburing-loop"
SERVER_CPU = 0
CLIENT_CPU = 1

# name -> (binary, environment, built from echo_server.cpp (counts allocations))
ALL_SERVERS = {
    "liburing-loop": ("bench_echo_uring", {}, False),
    "ringport-io_uring": ("bench_echo_ringport", {"RINGPORT_BACKEND": "io_uring"}, True),
    "ringport-epoll": ("bench_echo_ringport", {"RINGPORT_BACKEND": "epoll"}, True),
    "asio-epoll": ("bench_echo_asio", {}, True),
    "asio-io_uring": ("bench_echo_asio_uring", {}, True),
    "libuv": ("bench_echo_uv", {}, False),
    # The same servers with the io_context run by two threads (pinned to both cores, which
    # they share with the load generator); allocations are counted single-threaded only.
    "ringport-io_uring 2 threads": ("bench_echo_ringport",
                                    {"RINGPORT_BACKEND": "io_uring", "BENCH_THREADS": "2"}, False),
    "asio-epoll 2 threads": ("bench_echo_asio", {"BENCH_THREADS": "2"}, False),
}

# name -> (loadgen arguments after the port, metric key, unit shown)
ALL_WORKLOADS = {
    "pingpong 1 x 64 B": (["pingpong", "{port}", "1", "64"], "ops_per_s", "round trips/s"),
    "pingpong 100 x 64 B": (["pingpong", "{port}", "100", "64"], "ops_per_s", "round trips/s"),
    "pingpong 1000 x 64 B": (["pingpong", "{port}", "1000", "64"], "ops_per_s", "round trips/s"),
    "pingpong 100 x 4 KiB": (["pingpong", "{port}", "100", "4096"], "ops_per_s", "round trips/s"),
    "stream 1 x 64 KiB writes": (["stream", "{port}"], "mb_per_s", "MB/s"),
    "accept (connect, 1 byte, close)": (["accept", "{port}"], "ops_per_s", "connections/s"),
}

ACCEPT = "accept (connect, 1 byte, close)"

# ringport on io_uring against the plain loop: ahead on the many-connection rows, at least
# level on the stream and accept, and the single connection (latency-bound) kept near it.
URING_TARGETS = {
    "pingpong 1 x 64 B": 0.95,
    "pingpong 100 x 64 B": 1.05,
    "pingpong 1000 x 64 B": 1.05,
    "pingpong 100 x 4 KiB": 1.05,
    "stream 1 x 64 KiB writes": 1.0,
    ACCEPT: 1.0,
}

# The HTTP/1.1 example (examples/http_server.cpp) built on ringport (the machine's choice of
# backend) and on real Asio (epoll) from the same source, loaded by wrk over keep-alive
# connections: name -> (binary, environment, counts allocations).
HTTP_SERVERS = {
    "ringport http": ("bench_http_ringport", {}, False),
    "asio-epoll http": ("bench_http_asio", {}, False),
}
HTTP_CONNECTIONS = 50

# Non-network workloads: name -> (argument, default count)
MICRO = {
    "post() chain, 1 thread": ("post1", 2000000),
    "post() 8 chains, 2 threads": ("post2", 2000000),
    "strand post() 8 strands, 2 threads": ("strand2", 2000000),
    "1M timers scheduled and fired": ("timers", 1000000),
    "timer schedule+cancel pairs": ("cancel", 1000000),
}

children = []


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def pin(cpus):
    """cpus: one core or a set of cores."""
    want = {cpus} if isinstance(cpus, int) else set(cpus)

    def f():
        have = os.sched_getaffinity(0)
        if want and want <= have:
            os.sched_setaffinity(0, want)
    return f


def cleanup():
    for p in children:
        if p.poll() is None:
            p.kill()
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
    children.clear()


def on_signal(signum, frame):
    cleanup()
    sys.exit(128 + signum)


class Server:
    def __init__(self, name, bindir, tmpdir, extra_env=None, table=None):
        binary, env, self.counts_allocs = (table or ALL_SERVERS)[name]
        self.name = name
        e = dict(os.environ)
        e.pop("RINGPORT_BACKEND", None)
        e.update(env)
        e.update(extra_env or {})
        for k in [k for k, v in e.items() if v == ""]:
            del e[k]
        self.errpath = os.path.join(tmpdir, f"{name}.{len(children)}.stderr")
        self.err = open(self.errpath, "w")
        self.proc = subprocess.Popen([os.path.join(bindir, binary), "0"], env=e,
                                     stdout=subprocess.PIPE, stderr=self.err,
                                     preexec_fn=pin({SERVER_CPU, CLIENT_CPU}
                                                    if "BENCH_THREADS" in env else SERVER_CPU))
        children.append(self.proc)
        self.pid = self.proc.pid
        ready, _, _ = select.select([self.proc.stdout], [], [], 10)
        line = self.proc.stdout.readline().decode() if ready else ""
        if not line.startswith("listening on "):
            self.stop()
            raise RuntimeError(f"{name}: did not start ({open(self.errpath).read().strip()})")
        self.port = int(line.split()[2])
        time.sleep(0.05)
        self.backend = self.stderr().split("\n")[0].replace("backend: ", "")

    def stderr(self):
        self.err.flush()
        with open(self.errpath) as f:
            return f.read()

    def rss_kib(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def ring_fds(self):
        n = 0
        try:
            for fd in os.listdir(f"/proc/{self.pid}/fd"):
                try:
                    if "io_uring" in os.readlink(f"/proc/{self.pid}/fd/{fd}"):
                        n += 1
                except OSError:
                    pass
        except OSError:
            pass
        return n

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=5)
        if self.proc in children:
            children.remove(self.proc)
        self.err.close()


def loadgen_cmd(bindir, args, port, pid, secs, warmup):
    a = [x.replace("{port}", str(port)) for x in args]
    return [os.path.join(bindir, "bench_loadgen")] + a + [
        "--secs", str(secs), "--warmup", str(warmup), "--pid", str(pid), "--cpu", str(CLIENT_CPU)]


def run_loadgen(bindir, args, server, secs, warmup):
    cmd = loadgen_cmd(bindir, args, server.port, server.pid, secs, warmup)
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=secs + warmup + 60)
    except subprocess.TimeoutExpired:
        log(f"  {server.name}: load generator timed out")
        return None
    lines = [l for l in r.stdout.splitlines() if l.startswith("{")]
    if r.returncode != 0 or not lines:
        log(f"  {server.name}: load generator failed: {r.stderr.strip()}")
        return None
    return json.loads(lines[-1])


def pct(values, q):
    v = sorted(values)
    if not v:
        return float("nan")
    k = (len(v) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def summary(values):
    return pct(values, 0.5), pct(values, 0.25), pct(values, 0.75)


# ---- measurements ------------------------------------------------------------------------

def network_rounds(bindir, servers, workloads, rounds, secs, warmup):
    """results[workload][server] = list (one per round) of loadgen dicts or None."""
    results = {w: {s.name: [] for s in servers} for w in workloads}
    for r in range(rounds):
        t0 = time.time()
        order = servers[r % len(servers):] + servers[:r % len(servers)]
        for w in workloads:
            args = ALL_WORKLOADS[w][0]
            for s in order:
                results[w][s.name].append(run_loadgen(bindir, args, s, secs, warmup))
        log(f"round {r + 1}/{rounds} done in {time.time() - t0:.1f} s")
    return results


def http_rounds(bindir, rounds, secs, tmpdir):
    """results[server] = list (one per round) of wrk's requests/s, or None when wrk fails."""
    wrk = shutil.which("wrk")
    if wrk is None:
        log("wrk not found (scripts/setup.sh --bench installs it): no HTTP rows")
        return {}
    names = list(HTTP_SERVERS)
    results = {n: [] for n in names}
    for r in range(rounds):
        for n in names[r % len(names):] + names[:r % len(names)]:
            s = Server(n, bindir, tmpdir, table=HTTP_SERVERS)
            cmd = ["taskset", "-c", str(CLIENT_CPU), wrk, "-t1", f"-c{HTTP_CONNECTIONS}",
                   f"-d{max(1, round(secs))}s", f"http://127.0.0.1:{s.port}/"]
            rps = None
            try:
                out = subprocess.run(cmd, capture_output=True, text=True, timeout=secs + 60).stdout
                for line in out.splitlines():
                    if line.startswith("Requests/sec:"):
                        rps = float(line.split()[1])
                    if "Non-2xx" in line or "Socket errors" in line:
                        log(f"  {n}: {line.strip()}")
            except subprocess.TimeoutExpired:
                log(f"  {n}: wrk timed out")
            s.stop()
            results[n].append(rps)
    return results


def http_table(results, rounds):
    names = list(HTTP_SERVERS)
    ref = names[1]
    lines = [f"\n**HTTP/1.1 keep-alive** (examples/http_server.cpp, the same source on ringport and "
             f"on Asio; wrk, 1 thread, {HTTP_CONNECTIONS} connections) — median over {rounds} "
             f"rounds; ratio paired per round (p25-p75)\n",
             "| " + " | ".join(f"{n} requests/s" for n in names) + f" | {names[0]} / {ref} |",
             "|" + "---:|" * (len(names) + 1)]
    meds = [fmt_num(statistics.median([x for x in results[n] if x] or [float("nan")]))
            for n in names]
    rs = [a / b for a, b in zip(results[names[0]], results[ref]) if a and b]
    lines.append("| " + " | ".join(meds) + f" | {fmt_ratio(*summary(rs))} |")
    return lines


def paired_ratios(results, w, name, ref, key):
    out = []
    for a, b in zip(results[w][name], results[w][ref]):
        if a and b and b[key] > 0:
            out.append(a[key] / b[key])
    return out


def count_allocs(bindir, name, tmpdir):
    """Heap allocations per round trip in the steady state (100 x 64 B)."""
    s = Server(name, bindir, tmpdir, {"BENCH_COUNT_ALLOCS": "1"})
    try:
        cmd = loadgen_cmd(bindir, ALL_WORKLOADS["pingpong 100 x 64 B"][0], s.port, s.pid, 1.6, 0.5)
        lg = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        children.append(lg)
        lg.stdout.readline()  # "measuring": warm-up over
        time.sleep(0.2)
        os.kill(s.pid, signal.SIGUSR1)
        time.sleep(1.0)
        os.kill(s.pid, signal.SIGUSR1)
        lg.communicate(timeout=30)
        children.remove(lg)
        time.sleep(0.05)
        snaps = [l.split() for l in s.stderr().splitlines() if l.startswith("allocs ")]
        if len(snaps) < 2:
            return None
        a0, r0 = int(snaps[0][1]), int(snaps[0][3])
        a1, r1 = int(snaps[1][1]), int(snaps[1][3])
        return (a1 - a0) / max(1, r1 - r0), r1 - r0
    finally:
        s.stop()


def perf_events():
    names = ["io_uring_enter", "epoll_wait", "epoll_pwait", "epoll_pwait2"]
    evs = ["raw_syscalls:sys_enter"]
    for n in names:
        for root in ("/sys/kernel/tracing", "/sys/kernel/debug/tracing"):
            if os.path.exists(f"{root}/events/syscalls/sys_enter_{n}"):
                evs.append(f"syscalls:sys_enter_{n}")
                break
    return evs


def count_syscalls(bindir, name, tmpdir, workload="pingpong 100 x 64 B", window=0.5):
    """System calls in one counting window: the counter (perf tracepoints, or strace -c -f
    when perf is missing or cannot attach) is attached to the server when the load
    generator's warm-up ends and stopped when its measurement ends; the round trips are those
    it measured. Returns a dict: per_rt, rt, counts (by system call, with "total"; an event
    perf did not count is absent), tool, rings (io_uring fds); or None."""
    s = Server(name, bindir, tmpdir)
    try:
        cmd = loadgen_cmd(bindir, ALL_WORKLOADS[workload][0], s.port, s.pid, window, 0.3)
        lg = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        children.append(lg)
        lg.stdout.readline()  # "measuring"
        out = os.path.join(tmpdir, f"{name}.syscalls")
        if os.path.exists(out):
            os.remove(out)
        use_perf = shutil.which("perf") and os.environ.get("BENCH_SYSCALL_TOOL") != "strace"
        if use_perf:
            tool = "perf"
            cmd = ["perf", "stat", "-x", ",", "-o", out, "-p", str(s.pid)]
            for e in perf_events():
                cmd += ["-e", e]
        else:
            tool = "strace"
            cmd = ["strace", "-f", "-c", "-o", out, "-p", str(s.pid)]
        counter = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        children.append(counter)
        lg_out, _ = lg.communicate(timeout=60)
        children.remove(lg)
        rings = s.ring_fds()
        counter.send_signal(signal.SIGINT)
        counter.wait(timeout=30)
        children.remove(counter)
        counts = {}
        if os.path.exists(out):
            for line in open(out):
                if tool == "perf":
                    # "<not counted>" in the first field: the event was not counted; it stays
                    # absent rather than becoming a zero.
                    f = line.strip().split(",")
                    if len(f) >= 3 and f[0].strip().isdigit():
                        counts[f[2].split(":")[-1].replace("sys_enter_", "")] = int(f[0])
                else:
                    f = line.split()
                    if len(f) >= 5 and f[-1] == "total":
                        counts["sys_enter"] = int(f[3])
                    elif len(f) >= 5 and f[-1] in ("io_uring_enter", "epoll_wait", "epoll_pwait",
                                                   "epoll_pwait2") and f[3].isdigit():
                        counts[f[-1]] = int(f[3])
            if tool == "strace" and "sys_enter" in counts:
                # strace lists only the calls that were made.
                for n in ("io_uring_enter", "epoll_wait", "epoll_pwait", "epoll_pwait2"):
                    counts.setdefault(n, 0)
        if "sys_enter" not in counts and use_perf:
            log(f"  {name}: perf could not count system calls")
        res = [json.loads(l) for l in lg_out.splitlines() if l.startswith("{")]
        if not res or "sys_enter" not in counts:
            return None
        counts["total"] = counts.pop("sys_enter")
        rt = max(1.0, res[-1]["ops"])
        return {"per_rt": counts["total"] / rt, "rt": rt, "counts": counts, "tool": tool,
                "rings": rings}
    finally:
        s.stop()


def syscall_rounds(bindir, names, tmpdir, rounds, full):
    """System calls per round trip (100 x 64 B) and per accepted connection, counted in
    interleaved rounds like the throughput rows (the order rotated each round): `rounds` for
    the servers in `full` (those the targets judge), at most 3 for the others. Returns
    {name: {"syscalls": summary, "accept_syscalls": summary}} (see syscall_summary)."""
    samples = {n: {"syscalls": [], "accept_syscalls": []} for n in names}
    for r in range(rounds):
        order = names[r % len(names):] + names[:r % len(names)] if names else []
        for n in order:
            if n not in full and r >= 3:
                continue
            samples[n]["syscalls"].append(count_syscalls(bindir, n, tmpdir))
            samples[n]["accept_syscalls"].append(count_syscalls(bindir, n, tmpdir, ACCEPT))
    return {n: {k: syscall_summary(v) for k, v in kinds.items()} for n, kinds in samples.items()}


def syscall_summary(samples):
    """Rounds of count_syscalls -> {"per_rt": [one per round, None where nothing was
    counted], "median", "p25", "p75", "counts": each system call summed over the rounds that
    counted it (absent if one did not), "rt": round trips in those rounds, "tool", "rings"};
    or None when no round counted."""
    got = [x for x in samples if x]
    if not got:
        return None
    m, lo, hi = summary([x["per_rt"] for x in got])
    keys = set.intersection(*(set(x["counts"]) for x in got))
    return {"per_rt": [x["per_rt"] if x else None for x in samples], "median": m, "p25": lo,
            "p75": hi, "counts": {k: sum(x["counts"][k] for x in got) for k in sorted(keys)},
            "rt": sum(x["rt"] for x in got), "tool": got[0]["tool"],
            "rings": max(x["rings"] for x in got)}


def idle_rss(bindir, name, tmpdir, n=1000):
    """Resident memory per idle connection: VmRSS with 0 and with n connections (each made
    one 64-byte round trip first, so its buffers are touched)."""
    s = Server(name, bindir, tmpdir)
    try:
        time.sleep(0.1)
        r0 = s.rss_kib()
        lg = subprocess.Popen([os.path.join(bindir, "bench_loadgen"), "idle", str(s.port), str(n),
                               "--cpu", str(CLIENT_CPU)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
        children.append(lg)
        ready, _, _ = select.select([lg.stdout], [], [], 60)
        ok = ready and lg.stdout.readline().strip() == "ready"
        time.sleep(0.2)
        r1 = s.rss_kib()
        lg.stdin.close()
        lg.wait(timeout=30)
        children.remove(lg)
        return (r1 - r0) * 1024.0 / n if ok else None
    finally:
        s.stop()


def micro_rounds(bindir, impls, rounds, scale):
    """impls: list of (name, binary, env). results[workload][impl] = list of ops/s."""
    results = {w: {i[0]: [] for i in impls} for w in MICRO}
    for r in range(rounds):
        order = impls[r % len(impls):] + impls[:r % len(impls)]
        for w, (arg, count) in MICRO.items():
            for name, binary, env in order:
                e = dict(os.environ)
                e.pop("RINGPORT_BACKEND", None)
                e.update(env)
                try:
                    p = subprocess.run([os.path.join(bindir, binary), arg,
                                        str(max(1000, int(count * scale)))],
                                       capture_output=True, text=True, env=e, timeout=120)
                    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
                    results[w][name].append(json.loads(lines[-1])["ops_per_s"]
                                            if p.returncode == 0 and lines else None)
                except subprocess.TimeoutExpired:
                    results[w][name].append(None)
    return results


# ---- output --------------------------------------------------------------------------------

def fmt_ratio(med, lo, hi):
    if med != med:
        return "n/a"
    return f"{med:.2f} ({lo:.2f}-{hi:.2f})"


def fmt_num(x):
    if x is None or x != x:
        return "n/a"
    if x >= 1e6:
        return f"{x / 1e6:.2f} M"
    if x >= 1e3:
        return f"{x / 1e3:.1f} k"
    return f"{x:.1f}"


def med_of(results, w, name, key):
    vals = [r[key] for r in results[w][name] if r and r.get(key) is not None and r[key] >= 0]
    return statistics.median(vals) if vals else float("nan")


def network_table(results, names, workloads, rounds):
    lines = []
    for w in workloads:
        key, unit = ALL_WORKLOADS[w][1], ALL_WORKLOADS[w][2]
        lat = key == "ops_per_s"
        lines.append(f"\n**{w}** — median over {rounds} rounds\n")
        lines.append(f"| server | {unit} | ratio to {REFERENCE} (p25-p75) | "
                     f"server CPU µs/{'op' if key == 'ops_per_s' else '64 KiB'} | "
                     + ("p50 µs | p99 µs |" if lat else ""))
        lines.append("|---|---:|---:|---:|" + ("---:|---:|" if lat else ""))
        for n in names:
            ratio = summary(paired_ratios(results, w, n, REFERENCE, key))
            row = (f"| {n} | {fmt_num(med_of(results, w, n, key))} | {fmt_ratio(*ratio)} | "
                   f"{med_of(results, w, n, 'cpu_us_per_op'):.2f} |")
            if lat:
                row += f" {med_of(results, w, n, 'p50_us'):.0f} | {med_of(results, w, n, 'p99_us'):.0f} |"
            lines.append(row)
    return lines


def counts_table(counts):
    lines = ["\n**Counts** (100 connections x 64 B unless noted; system calls per round trip "
             "and per connection: median over the counting rounds, p25-p75; the io_uring_enter "
             "and epoll columns pool the rounds)\n",
             "| server | heap allocs / round trip | syscalls / round trip | io_uring_enter / rt | "
             "epoll waits / rt | ring fds | RSS per idle connection | syscalls / connection "
             "(accept) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    waits = ("epoll_wait", "epoll_pwait", "epoll_pwait2")

    def per_rt(sc, key):
        if key not in sc["counts"]:
            return "not counted"
        return f"{sc['counts'][key] / sc['rt']:.3f}"

    def rounds(sc):
        n = sum(1 for x in sc["per_rt"] if x is not None)
        return f"{n} round{'s' if n != 1 else ''}"

    for n, c in counts.items():
        a = c.get("allocs")
        sc = c.get("syscalls")
        if sc:
            sc_s = (f"{sc['median']:.3f} ({sc['p25']:.3f}-{sc['p75']:.3f}; {rounds(sc)}, "
                    f"{sc['tool']})")
            ue_s = per_rt(sc, "io_uring_enter")
            ew_s = ("not counted" if any(k not in sc["counts"] for k in waits)
                    else f"{sum(sc['counts'][k] for k in waits) / sc['rt']:.3f}")
            rings = sc["rings"]
        else:
            sc_s = ue_s = ew_s = "n/a"
            rings = "n/a"
        rss = c.get("rss")
        acc = c.get("accept_syscalls")
        acc_s = "n/a" if not acc else f"{acc['median']:.2f} ({acc['p25']:.2f}-{acc['p75']:.2f})"
        lines.append(f"| {n} | {'n/a (not counted)' if a is None else f'{a[0]:.4f} ({a[1]} rt)'} | "
                     f"{sc_s} | {ue_s} | {ew_s} | {rings} | "
                     f"{'n/a' if rss is None else f'{rss / 1024:.1f} KiB'} | {acc_s} |")
    # The io_uring builds must really run on a ring: an io_uring fd, io_uring_enter calls, no
    # epoll waits, over all the counting rounds.
    for n, c in counts.items():
        if "io_uring" not in n and n != REFERENCE:
            continue
        sc = c.get("syscalls")
        if not sc:
            lines.append(f"\n{n}: ring check not possible (no syscall counts)")
            continue
        missing = [k for k in ("io_uring_enter",) + waits if k not in sc["counts"]]
        if missing:
            lines.append(f"\n{n}: ring check not possible ({sc['tool']} did not count "
                         f"{', '.join(missing)} in every round)")
            continue
        enters = sc["counts"]["io_uring_enter"]
        epoll = sum(sc["counts"][k] for k in waits)
        ok = sc["rings"] > 0 and enters > 0 and epoll == 0
        lines.append(f"\n{n} {'really runs on io_uring' if ok else 'does NOT run on io_uring'}: "
                     f"{sc['rings']} io_uring fd(s) in /proc/PID/fd, {enters} io_uring_enter and "
                     f"{epoll} epoll waits in the counting windows ({sc['tool']}).")
    return lines


def micro_table(results, impls, rounds, ref):
    names = [i[0] for i in impls]
    lines = [f"\n**post() and timers** (ringport vs Asio, same source) — median over {rounds} "
             f"rounds; ratio to {ref} paired per round (p25-p75)\n",
             "| workload | " + " | ".join(f"{n} /s" for n in names) + " | " +
             " | ".join(f"{n} / {ref}" for n in names if n != ref) + " |",
             "|---|" + "---:|" * (2 * len(names) - 1)]
    for w in MICRO:
        row = f"| {w} | "
        row += " | ".join(fmt_num(statistics.median([x for x in results[w][n] if x] or [float('nan')]))
                          for n in names) + " | "
        cells = []
        for n in names:
            if n == ref:
                continue
            rs = [a / b for a, b in zip(results[w][n], results[w][ref]) if a and b]
            cells.append(fmt_ratio(*summary(rs)))
        lines.append(row + " | ".join(cells) + " |")
    return lines


def targets(results, counts, micro, workloads, names):
    """Each target with the median paired ratio and its p25-p75 range. A target is met only
    when the whole middle half of the rounds is on its side: p25 at or above a lower bound,
    p75 at or below an upper one. Otherwise it is MISSED, with "median met" when the median
    is on the right side and the quartile is not, and "within noise" when the median is on
    the wrong side and the other quartile still reaches the target."""
    lines = ["\n**Targets** (median paired ratio of this run, p25-p75; met when p25 >= a lower "
             "bound, p75 <= an upper one)\n",
             "| target | measured | |", "|---|---|---|"]
    missed = []

    def add(label, value, ok, note=""):
        status = "met" if ok else (f"**MISSED** ({note})" if note else "**MISSED**")
        lines.append(f"| {label} | {value} | {status} |")
        if not ok:
            missed.append(label + (f" ({note})" if note else ""))

    def verdict(near, median, far, on_side):
        """(met, note) for quartile `near` (p25 for a lower bound), `median`, quartile `far`."""
        if on_side(near):
            return True, ""
        if on_side(median):
            return False, "median met"
        return False, "within noise" if on_side(far) else ""

    def at_least(label, rs, thr, suffix=""):
        m, lo, hi = summary(rs)
        ok, note = verdict(lo, m, hi, lambda v: v >= thr)
        add(label, f"{m:.2f}{suffix} ({lo:.2f}-{hi:.2f})", ok, note)

    for w in workloads:
        key = ALL_WORKLOADS[w][1]
        if "ringport-io_uring" in names:
            thr = URING_TARGETS[w]
            at_least(f"ringport-io_uring >= {thr}x {REFERENCE}: {w}",
                     paired_ratios(results, w, "ringport-io_uring", REFERENCE, key), thr)
        if "ringport-epoll" in names and "asio-epoll" in names:
            at_least(f"ringport-epoll >= 1.0x asio-epoll: {w}",
                     paired_ratios(results, w, "ringport-epoll", "asio-epoll", key), 1.0)
    w = "pingpong 100 x 64 B"
    if w in workloads and "ringport-io_uring" in names:
        m, lo, hi = summary(
            paired_ratios(results, w, "ringport-io_uring", REFERENCE, "cpu_us_per_op"))
        ok, note = verdict(hi, m, lo, lambda v: v <= 0.95)
        add(f"ringport-io_uring server CPU/rt <= 0.95x {REFERENCE}: {w}",
            f"{m:.2f}x ({lo:.2f}-{hi:.2f})", ok, note)
    for n in ("ringport-io_uring", "ringport-epoll"):
        a = counts.get(n, {}).get("allocs")
        if a:
            add(f"{n}: 0 heap allocations per round trip (steady state)", f"{a[0]:.4f}",
                a[0] < 0.001)
    sc = counts.get("ringport-io_uring", {}).get("syscalls")
    if sc:
        ok, note = verdict(sc["p75"], sc["median"], sc["p25"], lambda v: v <= 0.1)
        add("ringport-io_uring <= 0.1 syscalls per round trip at 100 connections",
            f"{sc['median']:.3f} ({sc['p25']:.3f}-{sc['p75']:.3f})", ok, note)
    acc = counts.get("ringport-io_uring", {}).get("accept_syscalls")
    ref = counts.get(REFERENCE, {}).get("accept_syscalls")
    if acc and ref:
        # Paired per counting round, as the throughput ratios are.
        rs = [x / y for x, y in zip(acc["per_rt"], ref["per_rt"]) if x and y]
        if rs:
            m, lo, hi = summary(rs)
            ok, note = verdict(hi, m, lo, lambda v: v <= 1.1)
            add(f"ringport-io_uring system calls per connection <= 1.1x {REFERENCE}'s: {ACCEPT}",
                f"{acc['median']:.2f} vs {ref['median']:.2f}: {m:.2f}x ({lo:.2f}-{hi:.2f})", ok,
                note)
    two = ("ringport-io_uring 2 threads", "asio-epoll 2 threads")
    if two[0] in names and two[1] in names:
        for w in workloads:
            if w.startswith("pingpong 100"):
                at_least(f"{two[0]} >= 1.2x {two[1]}: {w}",
                         paired_ratios(results, w, two[0], two[1], ALL_WORKLOADS[w][1]), 1.2)
    if micro:
        for w in MICRO:
            thr = 1.2 if w.startswith("strand") else 1.0
            for n in ("ringport-io_uring", "ringport-epoll"):
                if n in micro[w]:
                    rs = [a / b for a, b in zip(micro[w][n], micro[w]["asio"]) if a and b]
                    at_least(f"{n} >= {thr}x asio: {w}", rs, thr)
    return lines, missed


def chart(results, names, workloads, path, tmpdir):
    if not shutil.which("gnuplot"):
        log("gnuplot not found: no chart")
        return False
    data = os.path.join(tmpdir, "chart.dat")
    with open(data, "w") as f:
        for w in workloads:
            key = ALL_WORKLOADS[w][1]
            cells = []
            for n in names:
                m, lo, hi = summary(paired_ratios(results, w, n, REFERENCE, key))
                cells += [m, lo, hi] if m == m else [0, 0, 0]
            label = w.replace("pingpong ", "").replace(" (connect, 1 byte, close)", "")
            f.write(f'"{label}" ' + " ".join(f"{c:.4f}" for c in cells) + "\n")
    plots = []
    for i, n in enumerate(names):
        c = 2 + 3 * i
        plots.append(f"'{data}' using {c}:{c + 1}:{c + 2}" + (":xtic(1)" if i == 0 else "") +
                     f" title '{n}'")
    script = "\n".join([
        "set terminal pngcairo noenhanced size 1300,600 font 'sans,10'",
        f"set output '{path}'",
        "set style data histogram",
        "set style histogram errorbars gap 2 lw 1",
        "set style fill solid 0.85 border -1",
        "set yrange [0:*]",
        "set grid ytics",
        "set key outside right top",
        f"set ylabel 'throughput / {REFERENCE} (median paired ratio; bars p25-p75)'",
        f"set title 'Echo servers side by side ({len(results[workloads[0]][names[0]])} "
        "interleaved rounds)'",
        "plot " + ", ".join(plots) + ", 1 with lines dt 2 lc rgb 'black' notitle",
    ])
    p = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True, timeout=60)
    if p.returncode != 0:
        log("gnuplot failed: " + p.stderr)
        return False
    return True


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()
    return (f"Linux {platform.release()}, CPU: {cpu}, {os.cpu_count()} cores "
            f"(server pinned to core {SERVER_CPU}, \"2 threads\" servers to cores {SERVER_CPU} and "
            f"{CLIENT_CPU}, load generator to core {CLIENT_CPU}), "
            f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--bin", required=True, help="directory with the bench_* programs")
    ap.add_argument("--quick", action="store_true", help="the short demo version")
    ap.add_argument("--rounds", type=int)
    ap.add_argument("--secs", type=float, help="measured seconds per server per round")
    ap.add_argument("--warmup", type=float)
    ap.add_argument("--write-results", action="store_true",
                    help="rewrite bench/RESULTS.md and bench/results.png")
    ap.add_argument("--out", help="directory for the table, chart and raw data (default: --bin)")
    ap.add_argument("--command", default="", help="command line to note in RESULTS.md")
    ap.add_argument("--baseline", help="another build's bench directory: its ringport servers "
                    "and micro programs run beside this one's as <name>@base")
    ap.add_argument("--servers", help="comma-separated server names (NAME+VAR=VALUE adds a "
                    "variable); the reference is always included")
    ap.add_argument("--workloads", help="comma-separated substrings of workload names")
    ap.add_argument("--network-only", action="store_true",
                    help="skip the counts and the post()/timer workloads")
    ap.add_argument("--micro-only", action="store_true",
                    help="only the post()/timer workloads (no servers, counts or HTTP)")
    a = ap.parse_args()
    if a.write_results and (a.servers or a.workloads or a.network_only or a.micro_only):
        ap.error("--write-results records whole runs only")
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    global SERVER_CPU, CLIENT_CPU
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) >= 2:
        SERVER_CPU, CLIENT_CPU = cpus[0], cpus[1]
    else:
        SERVER_CPU = CLIENT_CPU = cpus[0]
        log("only one core: server and load generator share it")
    out = a.out or a.bin
    os.makedirs(out, exist_ok=True)
    tmpdir = tempfile.mkdtemp(prefix="ringport-bench-")
    started = time.time()
    probe = Server("ringport-io_uring", a.bin, tmpdir, {"RINGPORT_BACKEND": ""})
    ringport_choice = probe.backend.replace("ringport ", "")
    probe.stop()

    if a.quick:
        rounds, secs, warmup = a.rounds or 5, a.secs or 0.4, a.warmup if a.warmup is not None else 0.1
        workloads = ["pingpong 100 x 64 B", "pingpong 100 x 4 KiB"]
        # ringport on the backend it picks for this machine.
        default = "ringport-io_uring" if ringport_choice.startswith("io_uring") else "ringport-epoll"
        log(f"ringport's choice on this machine: {ringport_choice}")
        names = [REFERENCE, default, "asio-epoll", "asio-io_uring"]
        if default == "ringport-io_uring":
            names += ["ringport-io_uring 2 threads", "asio-epoll 2 threads"]
        micro_impls = [("asio", "bench_micro_asio", {}),
                       (default, "bench_micro_ringport",
                        {"RINGPORT_BACKEND": default.split("-")[1]})]
        micro_r, micro_scale = 3, 0.25
        count_names = [default, "asio-epoll", "asio-io_uring", REFERENCE]
    else:
        rounds, secs, warmup = a.rounds or 10, a.secs or 0.7, a.warmup if a.warmup is not None else 0.15
        workloads = list(ALL_WORKLOADS)
        names = list(ALL_SERVERS)
        micro_impls = [("asio", "bench_micro_asio", {}),
                       ("ringport-io_uring", "bench_micro_ringport", {"RINGPORT_BACKEND": "io_uring"}),
                       ("ringport-epoll", "bench_micro_ringport", {"RINGPORT_BACKEND": "epoll"})]
        micro_r, micro_scale = rounds, 0.5
        count_names = names

    if a.servers:
        names = [REFERENCE]
        for n in a.servers.split(","):
            base_name, _, var = n.partition("+")
            if base_name not in ALL_SERVERS:
                ap.error(f"unknown server {base_name}; known: {', '.join(ALL_SERVERS)}")
            if var:
                k, _, v = var.partition("=")
                binary, env, counts_allocs = ALL_SERVERS[base_name]
                ALL_SERVERS[n] = (binary, {**env, k: v}, counts_allocs)
            if n not in names:
                names.append(n)
        count_names = [n for n in count_names if n in names]
    if a.workloads:
        workloads = [w for w in ALL_WORKLOADS if any(x in w for x in a.workloads.split(","))]
    if a.baseline:
        base = os.path.abspath(a.baseline)
        for n in [n for n in names if n.startswith("ringport-")]:
            binary, env, counts_allocs = ALL_SERVERS[n]
            ALL_SERVERS[n + "@base"] = (os.path.join(base, binary), env, counts_allocs)
            names.append(n + "@base")
            if count_names is not names:
                count_names.append(n + "@base")
        micro_impls += [(n + "@base", os.path.join(base, b), e)
                        for n, b, e in micro_impls if n.startswith("ringport-")]

    if a.network_only:
        count_names, micro_impls = [], []
    if a.micro_only:
        names, count_names, workloads = [], [], []

    try:
        servers = []
        for n in names:
            s = Server(n, a.bin, tmpdir)
            log(f"{n}: {s.backend} (pid {s.pid}, port {s.port}, io_uring fds: {s.ring_fds()})")
            servers.append(s)
        log(f"{len(workloads)} workloads x {len(servers)} servers x {rounds} rounds, "
            f"{warmup}+{secs} s each")
        results = network_rounds(a.bin, servers, workloads, rounds, secs, warmup) if servers else {}
        for s in servers:
            s.stop()
        log("counting allocations, system calls, idle memory")
        counts = {}
        for n in count_names:
            c = {}
            if ALL_SERVERS[n][2]:
                c["allocs"] = count_allocs(a.bin, n, tmpdir)
            c["rss"] = idle_rss(a.bin, n, tmpdir, 1000)
            counts[n] = c
        # The targets judge ringport on io_uring against the reference: those two are counted
        # in every round, the others in three (the demo counts three rounds of each).
        judged = {n for n in count_names if n in ("ringport-io_uring", REFERENCE)}
        count_rounds = min(3, rounds) if a.quick else rounds
        for n, c in syscall_rounds(a.bin, count_names, tmpdir, count_rounds, judged).items():
            counts[n].update(c)
        log("post() and timer workloads")
        micro = micro_rounds(a.bin, micro_impls, micro_r, micro_scale) if micro_impls else {}
        http = {}
        if not a.network_only and not a.micro_only and not a.quick:
            log("HTTP server (wrk)")
            http = http_rounds(a.bin, rounds, 1.0, tmpdir)
    finally:
        cleanup()

    elapsed = time.time() - started
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    head = [f"Run {now} on {machine()}.",
            f"ringport's own backend choice on this machine: {ringport_choice}.",
            f"{rounds} interleaved rounds, {warmup} s warm-up + {secs} s measured per server and "
            f"workload; reference: {REFERENCE}; the kit took {elapsed:.0f} s."]
    body = network_table(results, names, workloads, rounds)
    if counts:
        body += counts_table(counts)
    if micro:
        body += micro_table(micro, micro_impls, micro_r, "asio")
    if http:
        body += http_table(http, rounds)
    tgt, missed = targets(results, counts, micro, workloads, names)
    body += tgt
    table = "\n".join(head + body) + "\n"
    print(table)
    with open(os.path.join(out, "bench-table.md"), "w") as f:
        f.write(table)
    with open(os.path.join(out, "bench-raw.json"), "w") as f:
        json.dump({"network": results, "counts": counts, "micro": micro, "http": http}, f,
                  indent=1)
    png = os.path.join(out, "bench-chart.png")
    if workloads and chart(results, names, workloads, png, tmpdir):
        log(f"chart: {png}")
    if a.write_results:
        write_results(table, missed, png, a.command)
    shutil.rmtree(tmpdir, ignore_errors=True)
    return 0


def write_results(table, missed, png, command):
    path = os.path.join(HERE, "RESULTS.md")
    notes = "<!-- NOTES -->\n_No notes yet._\n<!-- /NOTES -->"
    if os.path.exists(path):
        old = open(path).read()
        i, j = old.find("<!-- NOTES -->"), old.find("<!-- /NOTES -->")
        if i >= 0 and j > i:
            notes = old[i:j + len("<!-- /NOTES -->")]
    if os.path.exists(png):
        shutil.copy(png, os.path.join(HERE, "results.png"))
    miss = ("Targets missed in this run: " + "; ".join(missed) + "." if missed
            else "Every target was met in this run.")
    text = "\n".join([
        "# Benchmark results",
        "",
        "Latest full run of the kit (`bench/run.py`, written by it; the notes section is kept by "
        "hand).",
        f"Command: `{(command or 'scripts/bench.sh').strip()}`",
        "",
        table,
        miss,
        "",
        "![ratios to the liburing loop](results.png)",
        "",
        "## Notes",
        "",
        notes,
        ""])
    with open(path, "w") as f:
        f.write(text)
    log(f"wrote {path}")


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        cleanup()

#!/usr/bin/env bash
# ringport's demo, the short version of the benchmark kit (about a minute once built): sets up
# (scripts/setup.sh --bench), builds Release, then runs ringport's echo server on the backend
# it picks for this machine next to Asio's (epoll and io_uring builds) and a plain liburing
# loop (the reference), all driven by the same load generator in interleaved rounds, and
# prints the table (ratios to the reference, CPU per round trip, allocations and system calls
# per round trip, memory per idle connection, post() and timer rates).
# The full kit: scripts/bench.sh. Usage: scripts/demo.sh [bench/run.py options]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --bench
build=${RINGPORT_BENCH_BUILD:-build/release-bench}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRINGPORT_BUILD_BENCH=ON \
  -DRINGPORT_BUILD_TESTS=OFF -DRINGPORT_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build" -j "${RINGPORT_JOBS:-2}" --target bench_loadgen bench_echo_uring \
  bench_echo_ringport bench_echo_asio bench_echo_asio_uring bench_micro_ringport bench_micro_asio
exec python3 bench/run.py --bin "$build/bench" --quick "$@"

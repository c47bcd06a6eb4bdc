#!/usr/bin/env bash
# The full benchmark kit (9 to 13 minutes on 2 vCPUs, once built): sets up (scripts/setup.sh --bench),
# builds Release with the benchmarks on, runs every echo server and workload in interleaved
# rounds (bench/run.py), prints the table and rewrites bench/RESULTS.md and bench/results.png.
# Usage: scripts/bench.sh [bench/run.py options, e.g. --rounds 16]
# Environment: RINGPORT_BENCH_BUILD (build directory, default build/release-bench),
# RINGPORT_JOBS (parallel compile jobs, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --bench
build=${RINGPORT_BENCH_BUILD:-build/release-bench}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRINGPORT_BUILD_BENCH=ON \
  -DRINGPORT_BUILD_TESTS=OFF -DRINGPORT_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build" -j "${RINGPORT_JOBS:-2}"
exec python3 bench/run.py --bin "$build/bench" --write-results --command "scripts/bench.sh $*" "$@"

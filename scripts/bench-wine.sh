#!/usr/bin/env bash
# The Windows part of the benchmark kit, about a minute once built (a first build
# and a fresh Wine prefix add about two): cross-builds the two echo servers with MinGW
# (bench_echo_ringport.exe on ringport's IOCP backend, bench_echo_asio.exe on real Asio's
# IOCP backend, one source), builds the Linux load generator, then runs both servers under
# Wine in interleaved rounds (bench/run_wine.py) and prints a Markdown table of paired ratios
# ringport-iocp / asio-iocp. Wine's overhead dominates the absolute numbers: read the ratios.
# Usage: scripts/bench-wine.sh [bench/run_wine.py options, e.g. --rounds 10]
# Environment: RINGPORT_WINE_BENCH_BUILD (MinGW build directory, default build/mingw-bench),
# RINGPORT_BENCH_BUILD (Linux build directory for bench_loadgen, default build/release-bench,
# shared with scripts/bench.sh), RINGPORT_BENCH_WINEPREFIX (Wine prefix, default one of its
# own in the MinGW build directory, so no other Wine program shares its wineserver),
# RINGPORT_JOBS (parallel compile jobs, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --bench
wbuild=${RINGPORT_WINE_BENCH_BUILD:-build/mingw-bench}
lbuild=${RINGPORT_BENCH_BUILD:-build/release-bench}
jobs=${RINGPORT_JOBS:-2}
cmake -S . -B "$wbuild" -G Ninja --no-warn-unused-cli --toolchain cmake/toolchain-mingw.cmake \
  -DCMAKE_BUILD_TYPE=Release -DRINGPORT_BUILD_BENCH=ON -DRINGPORT_BUILD_TESTS=OFF \
  -DRINGPORT_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$wbuild" -j "$jobs" --target bench_echo_ringport bench_echo_asio
cmake -S . -B "$lbuild" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRINGPORT_BUILD_BENCH=ON \
  -DRINGPORT_BUILD_TESTS=OFF -DRINGPORT_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$lbuild" -j "$jobs" --target bench_loadgen
WINEPREFIX=${RINGPORT_BENCH_WINEPREFIX:-$(cd "$wbuild" && pwd)/wineprefix}
export WINEPREFIX
exec python3 bench/run_wine.py --bin "$wbuild/bench" --loadgen "$lbuild/bench/bench_loadgen" \
  --command "scripts/bench-wine.sh $*" "$@"

#!/usr/bin/env bash
# Runs the Windows build's tests (CTest; each test starts through scripts/wine-run.sh, the
# CMAKE_CROSSCOMPILING_EMULATOR, which also keeps Wine's helper processes off CTest's pipes).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build/mingw}
export WINEDEBUG=-all
ctest --test-dir "$build_dir" --output-on-failure --no-tests=error --timeout 300 -j 2

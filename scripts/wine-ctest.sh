#!/usr/bin/env bash
# Runs the Windows build's tests (CTest, each test through Wine) for the build dir $1.
# TRICKY: Wine's helper processes (services.exe, winedevice.exe, ...) inherit the standard
# output of the first Wine process and keep it open until the wineserver exits; if that first
# process were a test started by CTest, CTest would wait on the pipe. So the prefix is booted
# first with its output sent to a log file, and the wineserver is kept alive (-p) for speed.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build/mingw}
export WINEDEBUG=-all
mkdir -p "$build_dir"
wineboot -i >"$build_dir/wineboot.log" 2>&1 </dev/null || true
wineserver -p >/dev/null 2>&1 </dev/null || true
trap 'wineserver -k >/dev/null 2>&1 || true' EXIT
ctest --test-dir "$build_dir" --output-on-failure --no-tests=error --timeout 300 -j 2

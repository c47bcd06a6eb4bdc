#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite: Linux on every backend the machine has
# (io_uring and epoll), then the Windows build (MinGW-w64) under Wine on IOCP.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${RINGPORT_JOBS:-2}

scripts/setup.sh

echo "== Linux (release): every test once per backend"
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"
ctest --preset release -j "$jobs"

echo "== Windows (MinGW-w64) under Wine: IOCP"
cmake --preset mingw >/dev/null
cmake --build --preset mingw -j "$jobs"
scripts/wine-ctest.sh build/mingw

echo "== Across the systems: the Linux echo client against the Windows echo server under Wine"
ECHO_TEST_SERVER_RUNNER=scripts/wine-run.sh timeout 180 sh examples/echo_test.sh \
  build/mingw/examples/echo_server.exe build/release/examples/echo_client

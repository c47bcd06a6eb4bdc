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
EXAMPLE_SERVER_RUNNER=scripts/wine-run.sh timeout 180 sh examples/echo_test.sh \
  build/mingw/examples/echo_server.exe build/release/examples/echo_client

echo "== Across the systems: Linux chat clients with the Windows chat server under Wine"
EXAMPLE_SERVER_RUNNER=scripts/wine-run.sh timeout 180 sh examples/chat_test.sh \
  build/mingw/examples/chat_server.exe build/release/examples/chat_client

echo "== Across the systems: the Linux line client (with timeouts) against Windows servers"
EXAMPLE_SERVER_RUNNER=scripts/wine-run.sh timeout 180 sh examples/line_client_test.sh \
  build/release/examples/line_client build/mingw/examples/coro_echo_server.exe \
  build/mingw/examples/chat_server.exe

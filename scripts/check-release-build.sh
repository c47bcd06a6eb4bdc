#!/usr/bin/env bash
# Builds the library as it is built for installation (no tests, no examples) for Linux and for
# Windows (MinGW-w64), and checks that it carries none of the test suite's hooks: no fault
# injection, test switch or test counter symbol may be defined in it.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${RINGPORT_JOBS:-2}
hooks='for_testing|fault::|resolver_testing|iocp_test_state|cq_overflows_seen|early_completions'

check() {  # build-dir nm [cmake args...]
  local dir=$1 nm=$2
  shift 2
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DRINGPORT_BUILD_TESTS=OFF \
    -DRINGPORT_BUILD_EXAMPLES=OFF "$@" >/dev/null
  cmake --build "$dir" -j "$jobs" --target ringport >/dev/null
  local lib
  lib=$(find "$dir" -maxdepth 1 -name 'libringport.a' | head -n 1)
  [ -n "$lib" ] || { echo "no libringport.a in $dir" >&2; exit 1; }
  local found
  found=$("$nm" -C --defined-only "$lib" 2>/dev/null | grep -E "$hooks" || true)
  if [ -n "$found" ]; then
    echo "testing hooks in the installed library ($lib):" >&2
    echo "$found" >&2
    exit 1
  fi
  echo "$lib: $("$nm" -C --defined-only "$lib" | grep -c ' T ') functions, no testing hook"
}

echo "== The library as installed carries no testing hook"
check build/install-linux nm
check build/install-mingw x86_64-w64-mingw32-nm \
  -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-mingw.cmake

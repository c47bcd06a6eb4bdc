#!/usr/bin/env bash
# Runs the whole Linux release suite once more with io_uring blocked the way container runtimes
# block it: tests/tools/without_io_uring puts ctest and everything it starts under a seccomp
# filter answering io_uring_setup/enter/register with EPERM, so the automatic backend choice
# really falls back to epoll (and the per-backend io_uring tests skip, visibly, with the reason).
# Uses the release build of scripts/test.sh; first makes sure the choice under the filter is
# epoll, so the pass cannot silently run on io_uring.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${RINGPORT_JOBS:-2}
build=build/release
tool=$build/tests/tools/without_io_uring
checks=$build/tests/tools/ringport_io_uring_blocked_checks

if [[ ! -f $build/build.ninja ]]; then
  echo "test-without-io-uring: no release build in $build; run scripts/test.sh first" >&2
  exit 1
fi
# Nothing to do right after scripts/test.sh; catches sources changed since.
cmake --build --preset release -j "$jobs"

echo "== Linux (release) with io_uring blocked by a seccomp filter (EPERM): epoll fallback"
if ! "$tool" "$checks" --gtest_filter='UnderFilter.*' --gtest_brief=1; then
  echo "test-without-io-uring: under the filter the automatic choice is not epoll with an" \
       "EPERM reason (see above); not running the suite" >&2
  exit 1
fi

start=$(date +%s)
"$tool" ctest --preset release -j "$jobs"
echo "== Linux suite with io_uring blocked passed in $(($(date +%s) - start)) s"

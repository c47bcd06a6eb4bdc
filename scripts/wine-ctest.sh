#!/usr/bin/env bash
# Runs the Windows build's tests under Wine (CTest; each test starts through
# scripts/wine-run.sh, the CMAKE_CROSSCOMPILING_EMULATOR). First the Wine prefix is set up
# and the Wine session started (scripts/wine-prefix.sh), with nothing of Wine's own on the
# tests' output; then a Wine program of this script holds the session open until the tests
# are done, so that no test ever starts a new one.
# Usage: scripts/wine-ctest.sh [BUILD_DIR [CTEST_ARGS...]]   (default build/mingw)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build/mingw}
shift || true
export WINEDEBUG=-all
. scripts/wine-env.sh

scripts/wine-prefix.sh

# The holder: cmd.exe waiting for the end of its standard input, a fifo that only this
# script writes to (so it also ends if this script is killed). A wineserver shuts down only
# when no program runs, whatever its linger time (a wineserver that was already running may
# not be ours), and starting a new session under a test would keep that test's output open.
# Its output goes to a file: if it has to start a new session itself, Wine's helpers keep it.
holder_dir=$(mktemp -d)
trap 'rm -rf "$holder_dir"' EXIT
mkfifo "$holder_dir/in"
# Read-write: the open does not wait for the reader.
exec {hold}<>"$holder_dir/in"
wine cmd.exe /c "echo ringport-holder-ready& pause" <"$holder_dir/in" >"$holder_dir/out" 2>&1 \
  {hold}>&- &
holder=$!
for ((i = 0; ; i++)); do
  grep -qs ringport-holder-ready "$holder_dir/out" && break
  if ! kill -0 "$holder" 2>/dev/null || ((i == 1200)); then
    echo "wine-ctest.sh: the Wine program holding the session did not start:" >&2
    cat "$holder_dir/out" >&2
    exit 1
  fi
  sleep 0.1
done

status=0
ctest --test-dir "$build_dir" --output-on-failure --no-tests=error --timeout 300 -j 2 "$@" \
  {hold}>&- || status=$?

# End of its input: the holder ends, and the session lingers as the wineserver was told.
exec {hold}>&-
for ((i = 0; i < 300; i++)); do
  kill -0 "$holder" 2>/dev/null || break
  sleep 0.1
done
kill "$holder" 2>/dev/null || true
wait "$holder" || true
exit "$status"

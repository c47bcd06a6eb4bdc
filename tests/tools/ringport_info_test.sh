#!/bin/sh
# Runs ringport-info (RUNNER, e.g. Wine, may wrap it) and checks its report: the version the
# headers state, and the backend it names with its reason.
# Usage: ringport_info_test.sh VERSION BACKEND_REGEX WHY_REGEX [EXIT_STATUS] -- PROGRAM...
version=$1 backend=$2 why=$3
shift 3
status=0
if [ "$1" != "--" ]; then status=$1; shift; fi
shift
out=$(${RUNNER:-} "$@" 2>&1)
rc=$?
printf '%s\n(exit status %s)\n' "$out" "$rc"
[ "$rc" -eq "$status" ] || { echo "FAIL: exit status $rc, expected $status"; exit 1; }
expect() {
  echo "$out" | tr -d '\r' | grep -Eq "$1" || { echo "FAIL: no line matches: $1"; exit 1; }
}
expect "^ringport: +$version\$"
expect "^backend: +($backend)\$"
expect "^why: +.*($why)"
ver=$(${RUNNER:-} "$@" --version 2>&1 | tr -d '\r')
[ "$ver" = "$version" ] || { echo "FAIL: --version printed '$ver', expected $version"; exit 1; }
echo "ok"

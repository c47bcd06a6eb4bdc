#!/bin/sh
# Runs the timers example and checks its output line by line and its exit status.
# Usage: timers_test.sh TIMERS  (the ringport example or its real-Asio build).
# The example runs its scenes one after the other and its events happen in an order that
# does not depend on the machine's speed, so the whole output is compared; nothing here
# measures time. Bounded: the program runs under `timeout`; ctest runs this under `timeout`.
# Runner for Windows builds: EXAMPLE_CLIENT_RUNNER (see test_lib.sh).
set -u
timers=$1
test_name=timers_test
. "$(dirname "$0")/test_lib.sh"

timeout 60 $client_runner "$timers" >"$dir/timers.raw" 2>"$dir/timers.err"
rc=$?
[ "$rc" -eq 0 ] || fail "the example exited with $rc: $(cat "$dir/timers.raw")"
tr -d '\r' <"$dir/timers.raw" >"$dir/timers.out"
cat >"$dir/timers.expected" <<'END'
tick 1
tick 2
tick 3
tick 4
tick 5
periodic: 5 ticks, each at start + n * period
deadline: expired, cancelling the work
deadline: work ended with operation aborted
cancel: 1 wait cancelled
cancelled: operation aborted
re-arm: old wait ended with operation aborted
re-arm: new wait ended with success
system_timer: already due, completed with success
system_timer: fired with success
timers: all as expected
END
cmp -s "$dir/timers.out" "$dir/timers.expected" ||
  fail "unexpected output: $(diff "$dir/timers.expected" "$dir/timers.out")"
no_stderr
echo "timers_test: OK (5 ticks without drift, a deadline, cancel, re-arm, system_timer)"
exit 0

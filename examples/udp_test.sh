#!/bin/sh
# Runs the UDP client against the UDP server, then against a port where nothing answers.
# Usage: udp_test.sh CLIENT SERVER  (either may be the ringport example or the real-Asio
# build of the same program).
# 1. answers: the server (port 0, max_datagrams 3) upper-cases three messages; the client
#    (10 s per attempt) prints the three answers and exits 0; the server exits 0.
# 2. no answer: the client against the port that server no longer uses, 200 ms per attempt
#    and 2 retries: it must say "timed out" and exit 1 by itself (well before the
#    `timeout 60` around it), having sent the message three times.
# Every wait is bounded: the programs run under `timeout`; ctest runs this under `timeout`.
# Runners for Windows builds: see test_lib.sh.
set -u
client=$1
server=$2
test_name=udp_test
. "$(dirname "$0")/test_lib.sh"

# 1. Answers.
start_server server "$server" 0 3
timeout 60 $client_runner "$client" 127.0.0.1 "$port" 10000 2 "hello" "Mixed Case 123" \
  "a somewhat longer datagram, to see it come back whole" >"$dir/ok.raw" 2>"$dir/ok.err" 3<&-
rc=$?
[ "$rc" -eq 0 ] || fail "against the server the client exited with $rc"
tr -d '\r' <"$dir/ok.raw" >"$dir/ok.out"
printf '%s\n' "HELLO" "MIXED CASE 123" "A SOMEWHAT LONGER DATAGRAM, TO SEE IT COME BACK WHOLE" \
  >"$dir/ok.expected"
cmp -s "$dir/ok.out" "$dir/ok.expected" || fail "the client printed '$(cat "$dir/ok.out")'"
wait_server server
no_stderr

# 2. Nobody answers.
timeout 60 $client_runner "$client" 127.0.0.1 "$port" 200 2 "anybody there?" \
  >"$dir/timeout.raw" 2>"$dir/timeout.log"
rc=$?
[ "$rc" -eq 124 ] && fail "the client did not time out by itself (killed after 60 s)"
[ "$rc" -eq 1 ] || fail "without an answer the client exited with $rc, expected 1"
tr -d '\r' <"$dir/timeout.log" >"$dir/timeout.txt"
grep -q "timed out" "$dir/timeout.txt" ||
  fail "without an answer the client said '$(cat "$dir/timeout.txt")', expected 'timed out'"
[ "$(grep -c "sending again" "$dir/timeout.txt")" -eq 2 ] ||
  fail "the client did not retry twice: '$(cat "$dir/timeout.txt")'"
[ -s "$dir/timeout.raw" ] && fail "without an answer the client printed '$(cat "$dir/timeout.raw")'"

echo "udp_test: OK (port $port; 3 answers; timed out after 3 attempts of 200 ms)"
exit 0

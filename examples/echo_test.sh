#!/bin/sh
# Runs an echo server and two echo clients against it; checks what they print and how they
# exit. Usage: echo_test.sh SERVER CLIENT  (either may be the ringport example or the
# real-Asio build of the same program). The server gets port 0 and max_connections 2: it
# prints "listening on <port>" and must exit 0 once both clients are done. One client sends a
# short message 3 times, the other, at the same time, a 20000-byte one twice (longer than
# the server's buffer, so its echo takes several reads and writes).
# Every wait is bounded: the clients run under `timeout`; ctest runs this under `timeout 60`.
# Runners for Windows builds: see test_lib.sh.
set -u
server=$1
client=$2
test_name=echo_test
. "$(dirname "$0")/test_lib.sh"

start_server server "$server" 0 2

short="hello ringport"
long=$(awk 'BEGIN { for (i = 0; i < 2000; i++) printf "%010d", i }')

timeout 60 $client_runner "$client" 127.0.0.1 "$port" "$short" 3 >"$dir/short.raw" 2>"$dir/short.err" &
short_pid=$!
timeout 60 $client_runner "$client" 127.0.0.1 "$port" "$long" 2 >"$dir/long.raw" 2>"$dir/long.err"
long_rc=$?
wait "$short_pid"
short_rc=$?
[ "$short_rc" -eq 0 ] || fail "client (short message) exited with $short_rc"
[ "$long_rc" -eq 0 ] || fail "client (long message) exited with $long_rc"
tr -d '\r' <"$dir/short.raw" >"$dir/short.out"
tr -d '\r' <"$dir/long.raw" >"$dir/long.out"

printf '%s\n%s\n%s\n' "$short" "$short" "$short" >"$dir/short.expected"
printf '%s\n%s\n' "$long" "$long" >"$dir/long.expected"
cmp -s "$dir/short.out" "$dir/short.expected" || fail "client (short message) printed something else"
cmp -s "$dir/long.out" "$dir/long.expected" || fail "client (long message) printed something else"

wait_server server
no_stderr
echo "echo_test: OK (port $port; $(wc -c <"$dir/long.out") bytes echoed on the long connection)"
exit 0

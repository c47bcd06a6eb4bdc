#!/bin/sh
# Runs an echo server and two echo clients against it; checks what they print and how they
# exit. Usage: echo_test.sh SERVER CLIENT  (either may be the ringport example or the
# real-Asio build of the same program). The server gets port 0 and max_connections 2: it
# prints "listening on <port>" and must exit 0 once both clients are done. One client sends a
# short message 3 times, the other, at the same time, a 20000-byte one twice (longer than
# the server's buffer, so its echo takes several reads and writes).
# Every wait is bounded: the clients run under `timeout`; ctest runs this under `timeout 60`.
# ECHO_TEST_SERVER_RUNNER / ECHO_TEST_CLIENT_RUNNER, when set, start the programs (e.g.
# scripts/wine-run.sh for Windows builds); Windows line ends (CRLF) are accepted.
set -u
server=$1
client=$2
server_runner=${ECHO_TEST_SERVER_RUNNER:-}
client_runner=${ECHO_TEST_CLIENT_RUNNER:-}

dir=$(mktemp -d)
spid=
cleanup() {
  if [ -n "$spid" ]; then kill "$spid" 2>/dev/null; fi
  rm -rf "$dir"
}
trap cleanup EXIT
fail() {
  echo "echo_test: FAIL: $*" >&2
  for f in "$dir"/*.err; do
    [ -s "$f" ] && { echo "--- $(basename "$f"):" >&2; cat "$f" >&2; }
  done
  exit 1
}

# The server's stdout is a fifo kept open to the end: its first line gives the port, no
# polling needed, and if the server dies first the read sees end-of-file instead of hanging.
mkfifo "$dir/server.out"
$server_runner "$server" 0 2 >"$dir/server.out" 2>"$dir/server.err" &
spid=$!
exec 3<"$dir/server.out"
IFS= read -r line <&3 || fail "the server printed nothing"
line=$(printf '%s' "$line" | tr -d '\r')
port=${line#listening on }
case "$port" in
  '' | *[!0-9]*) fail "unexpected first line from the server: '$line'" ;;
esac
[ "$port" -gt 0 ] || fail "the server reports port $port"

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

wait "$spid"
server_rc=$?
spid=
[ "$server_rc" -eq 0 ] || fail "the server exited with $server_rc"
rest=$(tr -d '\r' <&3)
[ -z "$rest" ] || fail "the server printed more: '$rest'"
for f in "$dir"/*.err; do
  [ -s "$f" ] && fail "$(basename "$f") is not empty"
done
echo "echo_test: OK (port $port; $(wc -c <"$dir/long.out") bytes echoed on the long connection)"
exit 0

#!/bin/sh
# Starts an echo server from the docs on a free port (it prints "listening on port N"), runs
# the matching client against it, and expects the client to exit 0 having printed the echo.
# Usage: run_echo_pair.sh SERVER CLIENT
server=$1 client=$2
out=$(mktemp)
"$server" 0 >"$out" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$out"' EXIT
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's/^listening on port \([0-9]*\).*/\1/p' "$out")
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { echo "FAIL: the server printed no port"; cat "$out"; exit 1; }
cat "$out"
reply=$(timeout 30 "$client" 127.0.0.1 "$port")
rc=$?
echo "$reply"
[ $rc -eq 0 ] || { echo "FAIL: the client exited with $rc"; exit 1; }
echo "$reply" | grep -q "^echo: hello" || { echo "FAIL: no echo"; exit 1; }

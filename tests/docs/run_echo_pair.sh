#!/bin/sh
# Starts an echo server from the docs on a free port, runs the matching client against it,
# and expects the client to exit 0 having printed the echo.
# Usage: run_echo_pair.sh SERVER CLIENT
. "$(dirname "$0")/server_lib.sh"
start_server "$1"
cat "$dir/server.out"
reply=$(timeout 30 "$2" 127.0.0.1 "$port")
rc=$?
echo "$reply"
[ $rc -eq 0 ] || { echo "FAIL: the client exited with $rc"; exit 1; }
echo "$reply" | grep -q "^echo: hello" || { echo "FAIL: no echo"; exit 1; }

#!/bin/sh
# Runs the coroutine echo server and four echo clients at the same time; checks what they
# print and how they exit. Usage: coro_echo_test.sh SERVER CLIENT  (SERVER: coro_echo_server
# or its real-Asio build; CLIENT: echo_client or its real-Asio build). The server gets port 0
# and max_connections 4: it prints "listening on <port>" and must exit 0 once the four
# clients are done (its listener coroutine returns after four accepts, and each detached
# session coroutine ends at its client's end of file). The clients send: a short message 3
# times, a 20000-byte one twice (longer than a session's buffer), a one-byte message 5 times
# and a 5000-byte one once.
# Every wait is bounded: the programs run under `timeout`; ctest runs this under `timeout`.
# Runners for Windows builds: see test_lib.sh.
set -u
server=$1
client=$2
test_name=coro_echo_test
. "$(dirname "$0")/test_lib.sh"

start_server server "$server" 0 4

msg1="hello coroutines"
msg2=$(awk 'BEGIN { for (i = 0; i < 2000; i++) printf "%010d", i }')
msg3="x"
msg4=$(awk 'BEGIN { for (i = 0; i < 1000; i++) printf "%05d", i }')
count1=3
count2=2
count3=5
count4=1

for i in 1 2 3 4; do
  eval "msg=\$msg$i count=\$count$i"
  timeout 90 $client_runner "$client" 127.0.0.1 "$port" "$msg" "$count" >"$dir/$i.raw" \
    2>"$dir/$i.err" 3<&- &
  eval "cpid$i=\$!"
  pids="$pids $!"
done
for i in 1 2 3 4; do
  eval "msg=\$msg$i count=\$count$i"
  eval "wait \$cpid$i"
  rc=$?
  [ "$rc" -eq 0 ] || fail "client $i exited with $rc"
  tr -d '\r' <"$dir/$i.raw" >"$dir/$i.out"
  : >"$dir/$i.expected"
  n=0
  while [ "$n" -lt "$count" ]; do
    printf '%s\n' "$msg" >>"$dir/$i.expected"
    n=$((n + 1))
  done
  cmp -s "$dir/$i.out" "$dir/$i.expected" || fail "client $i printed something else"
done

wait_server server
no_stderr
echo "coro_echo_test: OK (port $port; 4 concurrent clients)"
exit 0

#!/bin/sh
# Runs the line client with timeouts four times and checks what it prints and how it exits.
# Usage: line_client_test.sh LINE_CLIENT ECHO_SERVER SILENT_SERVER
#   LINE_CLIENT    line_client (or its real-Asio build);
#   ECHO_SERVER    a server taking "<port> <max_connections>" that echoes (coro_echo_server);
#   SILENT_SERVER  a server taking "<port> <max_connections>" that accepts and never answers
#                  a lone client: chat_server (a line goes to every other participant, and
#                  there is none).
# 1. replies in time: against ECHO_SERVER with a 10 s timeout, three lines come back; the
#    client exits 0 having printed them; the server exits 0.
# 2. timeout: against SILENT_SERVER with a 300 ms timeout, the client must say "timed out"
#    and exit 1, by itself (well before the `timeout 60` around it); the server, whose only
#    participant then leaves, exits 0.
# 3. connection refused: against the port SILENT_SERVER no longer listens on, the client
#    must report the failed connect and exit 1.
# 4. connect timeout (when python3 is there; skipped with a note otherwise): a Python
#    listener with a backlog of 0 that never accepts and whose queue is already full, so
#    Linux drops the client's SYN and the connect stays pending: with a 300 ms timeout the
#    client must say "connect: timed out" and exit 1 by itself.
# Every wait is bounded: the programs run under `timeout`; ctest runs this under `timeout`.
# Runners for Windows builds: see test_lib.sh.
set -u
client=$1
echo_server=$2
silent_server=$3
test_name=line_client_test
. "$(dirname "$0")/test_lib.sh"

# 1. Replies in time.
start_server echo_server "$echo_server" 0 1
timeout 60 $client_runner "$client" 127.0.0.1 "$port" 10000 "first line" "second line" \
  "a third line, somewhat longer than the two before it" >"$dir/ok.raw" 2>"$dir/ok.err" 3<&-
rc=$?
[ "$rc" -eq 0 ] || fail "against the echo server the client exited with $rc"
tr -d '\r' <"$dir/ok.raw" >"$dir/ok.out"
printf '%s\n' "first line" "second line" \
  "a third line, somewhat longer than the two before it" >"$dir/ok.expected"
cmp -s "$dir/ok.out" "$dir/ok.expected" ||
  fail "against the echo server the client printed '$(cat "$dir/ok.out")'"
[ -s "$dir/ok.err" ] && fail "against the echo server the client wrote to stderr"
wait_server echo_server
[ -s "$dir/echo_server.err" ] && fail "echo_server wrote to stderr"

# 2. No reply: the deadline closes the socket, the client exits 1 by itself.
start_server silent_server "$silent_server" 0 1
timeout 60 $client_runner "$client" 127.0.0.1 "$port" 300 "anybody there?" \
  >"$dir/timeout.raw" 2>"$dir/timeout.log" 3<&-
rc=$?
[ "$rc" -eq 124 ] && fail "the client did not time out by itself (killed after 60 s)"
[ "$rc" -eq 1 ] || fail "without a reply the client exited with $rc, expected 1"
grep -q "reply to line 1: timed out" "$dir/timeout.log" ||
  fail "without a reply the client said '$(cat "$dir/timeout.log")', expected 'timed out'"
[ -s "$dir/timeout.raw" ] && fail "without a reply the client printed '$(cat "$dir/timeout.raw")'"
wait_server silent_server
[ -s "$dir/silent_server.err" ] && fail "silent_server wrote to stderr"

# 3. Nobody listens any more on that port: the connect fails at once.
timeout 60 $client_runner "$client" 127.0.0.1 "$port" 10000 "hello?" \
  >"$dir/refused.raw" 2>"$dir/refused.log"
rc=$?
[ "$rc" -eq 1 ] || fail "against a closed port the client exited with $rc, expected 1"
grep -q "connect" "$dir/refused.log" ||
  fail "against a closed port the client said '$(cat "$dir/refused.log")'"

# 4. A connect that never completes.
if ! command -v python3 >/dev/null 2>&1; then
  echo "line_client_test: OK (replies in time; timed out after 300 ms; refused connect;" \
    "connect timeout not tested: no python3)"
  exit 0
fi
full_listener='
import socket, sys
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(0)
port = listener.getsockname()[1]
held = []
for _ in range(4):  # one fills the accept queue, the others wait in SYN_SENT
    s = socket.socket()
    s.setblocking(False)
    try:
        s.connect(("127.0.0.1", port))
    except BlockingIOError:
        pass
    held.append(s)
print(port, flush=True)
sys.stdin.read()  # until the script closes its end
'
mkfifo "$dir/full.in" "$dir/full.out"
timeout 100 python3 -c "$full_listener" <"$dir/full.in" >"$dir/full.out" 2>"$dir/full.err" &
fpid=$!
pids="$pids $fpid"
exec 4>"$dir/full.in"
exec 5<"$dir/full.out"
IFS= read -r port <&5 || fail "the Python listener printed nothing: $(cat "$dir/full.err")"
timeout 60 $client_runner "$client" 127.0.0.1 "$port" 300 "hello?" \
  >"$dir/connect.raw" 2>"$dir/connect.log" 4>&- 5<&-
rc=$?
[ "$rc" -eq 124 ] && fail "the connect did not time out by itself (killed after 60 s)"
[ "$rc" -eq 1 ] || fail "with a connect that never completes the client exited with $rc"
grep -q "connect: timed out" "$dir/connect.log" ||
  fail "with a connect that never completes the client said '$(cat "$dir/connect.log")'"
exec 4>&-
wait "$fpid"
fpid=
exec 5<&-

echo "line_client_test: OK (replies in time; timed out after 300 ms; refused connect;" \
  "connect timed out after 300 ms)"
exit 0

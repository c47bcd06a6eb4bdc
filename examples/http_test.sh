#!/bin/sh
# Runs the HTTP server and checks its answers with curl and, when python3 is there, with a
# tiny raw client (for requests curl will not send). Usage: http_test.sh SERVER
# (http_server or its real-Asio build).
# With curl, each on its own connection:
#  1. GET /a and /b over one keep-alive connection: curl must say it re-used it, and both
#     bodies come back;
#  2. HTTP/1.0 without keep-alive: the answer says "Connection: close" and curl sees the
#     connection closed;
#  3. HTTP/1.1 with "Connection: close": the same;
#  4. HTTP/1.0 with "Connection: keep-alive": two requests over one connection;
#  5. HEAD: the headers (Content-Length of the GET body) and no body.
# With the raw client (each reads until the server closes): a malformed request line (400),
# a malformed header line (400), POST (405 with Allow), a 9000-byte header block (431), and
# two pipelined requests sent in one write, the second with "Connection: close" (two answers,
# in order). Then a second server with a 300 ms idle timeout: a client that sends half a
# request line and nothing more must see the server close the connection by itself.
# Both servers get max_connections, so they must exit 0 after exactly the connections above.
# Only 127.0.0.1; every wait is bounded: curl --max-time, a socket timeout in the raw client,
# the programs under `timeout`, and ctest runs this under `timeout`.
# Runners for Windows builds: see test_lib.sh (only the server runs under it; curl and
# python3 are the Linux ones).
set -u
server=$1
test_name=http_test
. "$(dirname "$0")/test_lib.sh"

command -v curl >/dev/null 2>&1 || fail "curl is needed (scripts/setup.sh installs it)"
have_python=no
command -v python3 >/dev/null 2>&1 && have_python=yes
connections=5
[ "$have_python" = yes ] && connections=10

# -q: no ~/.curlrc; --noproxy: never a proxy from the environment.
fetch() {
  timeout 60 curl -q --noproxy '*' --max-time 30 -s -v "$@" 3<&-
}

start_server server "$server" 0 "$connections" 30000
base=http://127.0.0.1:$port

# 1. Two requests, one connection.
fetch "$base/a" "$base/b" >"$dir/ka.body" 2>"$dir/ka.raw" || fail "curl (keep-alive) failed: $(cat "$dir/ka.raw")"
tr -d '\r' <"$dir/ka.raw" >"$dir/ka.log"
printf 'hello from /a\nhello from /b\n' >"$dir/ka.expected"
cmp -s "$dir/ka.body" "$dir/ka.expected" || fail "keep-alive: bodies '$(cat "$dir/ka.body")'"
grep -qi "re-using existing connection" "$dir/ka.log" ||
  fail "keep-alive: curl did not re-use the connection: $(cat "$dir/ka.log")"
[ "$(grep -c '^< HTTP/1.1 200 OK$' "$dir/ka.log")" -eq 2 ] || fail "keep-alive: not two 200s"
[ "$(grep -c '^< Content-Length: 14$' "$dir/ka.log")" -eq 2 ] || fail "keep-alive: Content-Length"
[ "$(grep -c '^< Connection: keep-alive$' "$dir/ka.log")" -eq 2 ] ||
  fail "keep-alive: the answers do not say keep-alive"

# 2. HTTP/1.0 closes by default.
fetch -0 "$base/old" >"$dir/v10.body" 2>"$dir/v10.raw" || fail "curl (HTTP/1.0) failed"
tr -d '\r' <"$dir/v10.raw" >"$dir/v10.log"
[ "$(cat "$dir/v10.body")" = "hello from /old" ] || fail "HTTP/1.0: body '$(cat "$dir/v10.body")'"
grep -q '^> GET /old HTTP/1.0$' "$dir/v10.log" || fail "HTTP/1.0: curl did not send 1.0"
grep -q '^< Connection: close$' "$dir/v10.log" || fail "HTTP/1.0: no Connection: close"
grep -qi 'closing connection' "$dir/v10.log" || fail "HTTP/1.0: connection not closed"

# 3. Connection: close.
fetch -H 'Connection: close' "$base/bye" >"$dir/close.body" 2>"$dir/close.raw" ||
  fail "curl (Connection: close) failed"
tr -d '\r' <"$dir/close.raw" >"$dir/close.log"
[ "$(cat "$dir/close.body")" = "hello from /bye" ] || fail "close: body '$(cat "$dir/close.body")'"
grep -q '^< Connection: close$' "$dir/close.log" || fail "close: no Connection: close"
grep -qi 'closing connection' "$dir/close.log" || fail "close: connection not closed"

# 4. HTTP/1.0 that asks for keep-alive.
fetch -0 -H 'Connection: keep-alive' "$base/c" "$base/d" >"$dir/ka10.body" 2>"$dir/ka10.raw" ||
  fail "curl (HTTP/1.0 keep-alive) failed"
tr -d '\r' <"$dir/ka10.raw" >"$dir/ka10.log"
printf 'hello from /c\nhello from /d\n' >"$dir/ka10.expected"
cmp -s "$dir/ka10.body" "$dir/ka10.expected" || fail "HTTP/1.0 keep-alive: bodies"
grep -qi "re-using existing connection" "$dir/ka10.log" ||
  fail "HTTP/1.0 keep-alive: connection not re-used: $(cat "$dir/ka10.log")"

# 5. HEAD: the GET's headers, no body.
fetch -I "$base/head" >"$dir/head.raw" 2>"$dir/head.err.log" || fail "curl (HEAD) failed"
tr -d '\r' <"$dir/head.raw" >"$dir/head.out"
grep -q '^HTTP/1.1 200 OK$' "$dir/head.out" || fail "HEAD: $(cat "$dir/head.out")"
grep -q '^Content-Length: 17$' "$dir/head.out" || fail "HEAD: Content-Length"
grep -q 'hello' "$dir/head.out" && fail "HEAD: a body came back"

if [ "$have_python" = yes ]; then
  # Sends standard input, then prints everything up to the server's end of stream. Exit 3
  # when the server keeps the connection open for 30 s.
  raw_client='
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=30)
s.sendall(sys.stdin.buffer.read())
got = b""
try:
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        got += chunk
except socket.timeout:
    sys.exit(3)
sys.stdout.buffer.write(got)
'
  raw() {
    name=$1
    shift
    printf "$@" | timeout 60 python3 -c "$raw_client" "$port" >"$dir/$name.raw" 2>"$dir/$name.py.err" 3<&-
    rc=$?
    [ "$rc" -eq 0 ] || fail "raw client ($name) exited with $rc: $(cat "$dir/$name.py.err")"
    tr -d '\r' <"$dir/$name.raw" >"$dir/$name.out"
  }
  status_is() {
    [ "$(head -n 1 "$dir/$1.out")" = "$2" ] || fail "$1: '$(head -n 1 "$dir/$1.out")', expected '$2'"
  }

  raw bad_line 'GET /only-two-words\r\n\r\n'
  status_is bad_line "HTTP/1.1 400 Bad Request"
  raw bad_header 'GET / HTTP/1.1\r\nno colon here\r\n\r\n'
  status_is bad_header "HTTP/1.1 400 Bad Request"
  raw post 'POST /form HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello'
  status_is post "HTTP/1.1 405 Method Not Allowed"
  grep -q '^Allow: GET, HEAD$' "$dir/post.out" || fail "405 without Allow"
  big=$(awk 'BEGIN { for (i = 0; i < 900; i++) printf "xxxxxxxxxx" }')
  raw big 'GET / HTTP/1.1\r\nX-Big: %s\r\n\r\n' "$big"
  status_is big "HTTP/1.1 431 Request Header Fields Too Large"
  raw pipelined 'GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nConnection: close\r\n\r\n'
  status_is pipelined "HTTP/1.1 200 OK"
  [ "$(grep -c '^HTTP/1.1 200 OK$' "$dir/pipelined.out")" -eq 2 ] || fail "pipelined: not two answers"
  [ "$(grep '^hello from' "$dir/pipelined.out" | tr '\n' ' ')" = "hello from /1 hello from /2 " ] ||
    fail "pipelined: $(cat "$dir/pipelined.out")"
fi

wait_server server
no_stderr

idle="no idle test (no python3)"
if [ "$have_python" = yes ]; then
  start_server idle_server "$server" 0 1 300
  raw stuck 'GET /never-finished'
  [ -s "$dir/stuck.out" ] && fail "idle: the server answered '$(cat "$dir/stuck.out")'"
  wait_server idle_server
  no_stderr
  idle="an idle client dropped after 300 ms"
fi

echo "http_test: OK (port $port; keep-alive, HTTP/1.0, Connection: close, HEAD; $connections" \
  "connections; $idle)"
exit 0

# Shared by the example tests (sourced by POSIX sh scripts that set test_name first): a
# scratch folder, the cleanup of every process started, failure reports that show the
# programs' standard error, and servers whose first line gives their port.
# EXAMPLE_SERVER_RUNNER / EXAMPLE_CLIENT_RUNNER, when set, start the programs (e.g.
# scripts/wine-run.sh for Windows builds); Windows line ends (CRLF) are accepted.
server_runner=${EXAMPLE_SERVER_RUNNER:-}
client_runner=${EXAMPLE_CLIENT_RUNNER:-}

dir=$(mktemp -d)
pids=
spid=
cleanup() {
  for p in $pids; do kill "$p" 2>/dev/null; done
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() {
  echo "$test_name: FAIL: $*" >&2
  for f in "$dir"/*.err; do
    [ -s "$f" ] && { echo "--- $(basename "$f"):" >&2; cat "$f" >&2; }
  done
  exit 1
}

# start_server NAME PROGRAM ARG...: runs the server (under `timeout 100`) with its stdout on
# a fifo that stays open on fd 3 until the server is done: its first line, "listening on
# <port>", gives the port without polling, and if the server dies first the read sees end
# of file instead of hanging. Sets spid and port.
start_server() {
  name=$1
  shift
  mkfifo "$dir/$name.out"
  timeout 100 $server_runner "$@" >"$dir/$name.out" 2>"$dir/$name.err" &
  spid=$!
  pids="$pids $spid"
  exec 3<"$dir/$name.out"
  if ! IFS= read -r line <&3; then
    wait "$spid"
    fail "$name printed nothing and exited with status $?"
  fi
  line=$(printf '%s' "$line" | tr -d '\r')
  port=${line#listening on }
  case "$port" in
    '' | *[!0-9]*) fail "unexpected first line from $name: '$line'" ;;
  esac
  [ "$port" -gt 0 ] || fail "$name reports port $port"
}

# wait_server NAME: the server started last must exit 0 without printing more.
wait_server() {
  wait "$spid"
  rc=$?
  spid=
  [ "$rc" -eq 0 ] || fail "$1 exited with $rc"
  rest=$(tr -d '\r' <&3)
  [ -z "$rest" ] || fail "$1 printed more: '$rest'"
  exec 3<&-
}

# no_stderr: every program run so far left its standard error empty.
no_stderr() {
  for f in "$dir"/*.err; do
    [ -s "$f" ] && fail "$(basename "$f") is not empty"
  done
  return 0
}

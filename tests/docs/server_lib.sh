# Shared by the docs tests (sourced): a scratch folder removed at exit, and
# start_server PROGRAM, which runs a getting-started server on a free port and sets `port`
# from its first line ("listening on port N (backend)"), polling for up to 5 s.
dir=$(mktemp -d)
pid=
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
start_server() {
  "$1" 0 >"$dir/server.out" &
  pid=$!
  port=
  for _ in $(seq 1 100); do
    port=$(sed -n 's/^listening on port \([0-9]*\).*/\1/p' "$dir/server.out")
    [ -n "$port" ] && return 0
    sleep 0.05
  done
  echo "FAIL: the server printed no port"
  cat "$dir/server.out"
  exit 1
}

#!/bin/sh
# Runs a chat server and three chat clients; checks that every line a client sends reaches
# the two others and never comes back to its sender, and that everyone exits cleanly.
# Usage: chat_test.sh SERVER CLIENT  (either may be the ringport example or the real-Asio
# build of the same program). The server gets port 0 and max_participants 3.
# Each client's standard input and output are fifos: the script writes each client two
# lines, then reads (each read bounded by `timeout`) until every client has printed the four
# lines of the others; only then does it close the clients' input, so nobody leaves early
# (the server replays recent lines to late joiners, so joining order does not matter). After
# that each client must exit 0 with nothing more printed, and the server must exit 0.
# Every wait is bounded: the programs run under `timeout`; ctest runs this under `timeout`.
# Runners for Windows builds: see test_lib.sh.
set -u
server=$1
client=$2
clients="1 2 3"
test_name=chat_test
. "$(dirname "$0")/test_lib.sh"

start_server server "$server" 0 3

# Client i reads fifo i.in (the script writes it on fd 3+i) and writes fifo i.out (the
# script reads it on fd 6+i; dash allows fds up to 9). The client's shell opens its input
# first, the script its writing end first: neither open blocks for good. A client must not
# inherit the script's ends of the other clients' fifos (nor pass them on to a wineserver it
# starts): an inherited writing end would keep another client's input from ever ending.
for i in $clients; do
  mkfifo "$dir/$i.in" "$dir/$i.out"
  timeout 90 $client_runner "$client" 127.0.0.1 "$port" <"$dir/$i.in" >"$dir/$i.out" \
    2>"$dir/$i.err" 3<&- 4>&- 5>&- 6>&- 7<&- 8<&- 9<&- &
  eval "cpid$i=\$!"
  pids="$pids $!"
  eval "exec $((3 + i))>\"\$dir/\$i.in\""
  eval "exec $((6 + i))<\"\$dir/\$i.out\""
done

for i in $clients; do
  printf 'client %s says hello\nclient %s says goodbye\n' "$i" "$i" >&$((3 + i)) ||
    fail "cannot write to client $i"
done

# Each client must print the four lines of the two others (their order may differ).
for i in $clients; do
  : >"$dir/$i.got"
  for n in 1 2 3 4; do
    timeout 30 sh -c 'IFS= read -r l && printf "%s\n" "$l"' <&$((6 + i)) >>"$dir/$i.got" ||
      fail "client $i printed only $((n - 1)) lines: $(cat "$dir/$i.got")"
  done
  : >"$dir/$i.expected"
  for j in $clients; do
    [ "$j" = "$i" ] && continue
    printf 'client %s says hello\nclient %s says goodbye\n' "$j" "$j" >>"$dir/$i.expected"
  done
  tr -d '\r' <"$dir/$i.got" | sort >"$dir/$i.sorted"
  sort "$dir/$i.expected" >"$dir/$i.expected.sorted"
  cmp -s "$dir/$i.sorted" "$dir/$i.expected.sorted" ||
    fail "client $i printed '$(cat "$dir/$i.sorted")', expected '$(cat "$dir/$i.expected.sorted")'"
done

# End of input: each client half-closes, the server closes, the client exits.
for i in $clients; do eval "exec $((3 + i))>&-"; done
for i in $clients; do
  eval "wait \$cpid$i"
  rc=$?
  [ "$rc" -eq 0 ] || fail "client $i exited with $rc"
  rest=$(eval "tr -d '\r' <&$((6 + i))")
  [ -z "$rest" ] || fail "client $i printed more: '$rest'"
done

wait_server server
no_stderr
echo "chat_test: OK (port $port; 3 clients, each got the 4 lines of the others)"
exit 0

#!/bin/sh
# Runs two multicast receivers sharing one port (reuse_address) and a sender; checks that
# each receiver gets every datagram. Usage: multicast_test.sh RECEIVER SENDER  (the
# multicast example or its real-Asio build, once in receive mode, once in send mode).
# Group 239.255.0.1 on the loopback interface only, hop limit 1. Where it runs:
# - in a network namespace of its own when `unshare -rn` works (a user namespace: no root
#   needed), with its lo up and multicast turned on there; the host is not changed and no
#   other test sees the traffic;
# - otherwise on the host, if its lo is up and says MULTICAST;
# - otherwise it exits 77, which ctest reports as skipped, saying why.
# Every wait is bounded: the programs run under `timeout`, the receivers give up after 30 s
# by themselves; ctest runs this under `timeout`.
set -u
receiver=$1
sender=$2
group=239.255.0.1
count=5

if [ -z "${MULTICAST_TEST_NETNS:-}" ] && command -v unshare >/dev/null 2>&1 &&
  command -v ip >/dev/null 2>&1 && unshare -rn true 2>/dev/null; then
  export MULTICAST_TEST_NETNS=1
  exec unshare -rn sh -c \
    'ip link set lo up && ip link set lo multicast on && exec sh "$@"' sh "$0" "$@"
fi
where="the host's lo"
[ "${MULTICAST_TEST_NETNS:-}" = 1 ] && where="lo of a private network namespace"
flags=$(ip link show lo 2>/dev/null | head -n 1)
if ! printf '%s' "$flags" | grep -q '[<,]MULTICAST[,>]' ||
  ! printf '%s' "$flags" | grep -q '[<,]UP[,>]'; then
  echo "multicast_test: SKIPPED: no network namespace of our own (unshare -rn) and the" \
    "host's lo does not take multicast ('ip link show lo' lacks MULTICAST or UP)"
  exit 77
fi

test_name=multicast_test
. "$(dirname "$0")/test_lib.sh"

# Receiver 1 picks the port; receiver 2 shares it (reuse_address).
start_server receiver1 "$receiver" receive "$group" "$group" 0 "$count"
rpid1=$spid
mkfifo "$dir/receiver2.out"
timeout 100 $server_runner "$receiver" receive "$group" "$group" "$port" "$count" \
  >"$dir/receiver2.out" 2>"$dir/receiver2.err" 3<&- &
rpid2=$!
pids="$pids $rpid2"
exec 4<"$dir/receiver2.out"
IFS= read -r line <&4 || fail "receiver 2 printed nothing"
[ "$(printf '%s' "$line" | tr -d '\r')" = "listening on $port" ] ||
  fail "receiver 2 said '$line', expected 'listening on $port'"

timeout 60 $client_runner "$sender" send "$group" "$port" "$count" 10 \
  >"$dir/sender.out" 2>"$dir/sender.err" 3<&- 4<&-
rc=$?
[ "$rc" -eq 0 ] || fail "the sender exited with $rc"
[ -s "$dir/sender.out" ] && fail "the sender printed '$(cat "$dir/sender.out")'"

: >"$dir/expected"
n=1
while [ "$n" -le "$count" ]; do
  echo "message $n" >>"$dir/expected"
  n=$((n + 1))
done
for i in 1 2; do
  eval "wait \$rpid$i"
  rc=$?
  [ "$rc" -eq 0 ] || fail "receiver $i exited with $rc"
  tr -d '\r' <&$((2 + i)) >"$dir/received$i"
  cmp -s "$dir/received$i" "$dir/expected" ||
    fail "receiver $i got '$(cat "$dir/received$i")'"
done
exec 3<&- 4<&-
pids=
no_stderr
echo "multicast_test: OK ($group port $port on $where: 2 receivers got all $count datagrams)"
exit 0

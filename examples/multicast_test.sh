#!/bin/sh
# Runs two multicast receivers sharing one port (reuse_address) and a sender; checks that
# each receiver gets every datagram. Usage: multicast_test.sh RECEIVER SENDER  (the
# multicast example or its real-Asio build, once in receive mode, once in send mode).
# Group 239.255.0.1 on the loopback interface only, hop limit 1. Where it runs:
# - in a network namespace of its own when `unshare -rn` works (a user namespace: no root
#   needed), with its lo up and multicast turned on there; the host is not changed and no
#   other test sees the traffic. Not when MULTICAST_TEST_HOST=1: Wine's sockets are made by
#   its wineserver, which stays in the host's namespace;
# - otherwise on the host's lo, if it is up and says MULTICAST, or if (with python3) a probe
#   datagram sent to the group there comes back (Linux's lo often carries multicast without
#   the flag); each run uses a port of its own, so parallel runs do not mix;
# - otherwise it exits 77, which ctest reports as skipped, saying why.
# The receivers bind MULTICAST_LISTEN_ADDRESS (default: the group itself; 0.0.0.0 for
# Windows programs, which may not bind a group address).
# Every wait is bounded: the programs run under `timeout`, the receivers give up after 30 s
# by themselves, the probe after 2 s; ctest runs this under `timeout`.
set -u
receiver=$1
sender=$2
group=239.255.0.1
count=5
listen_address=${MULTICAST_LISTEN_ADDRESS:-$group}

if [ "${MULTICAST_TEST_HOST:-}" != 1 ] && [ -z "${MULTICAST_TEST_NETNS:-}" ] &&
  command -v unshare >/dev/null 2>&1 && command -v ip >/dev/null 2>&1 &&
  unshare -rn true 2>/dev/null; then
  export MULTICAST_TEST_NETNS=1
  exec unshare -rn sh -c \
    'ip link set lo up && ip link set lo multicast on && exec sh "$@"' sh "$0" "$@"
fi

probe='
import socket, sys
group = sys.argv[1]
r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
r.bind((group, 0))
r.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
             socket.inet_aton(group) + socket.inet_aton("127.0.0.1"))
r.settimeout(2)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("127.0.0.1"))
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 1)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
s.sendto(b"probe", (group, r.getsockname()[1]))
sys.exit(0 if r.recv(16) == b"probe" else 1)
'
flags=$(ip link show lo 2>/dev/null | head -n 1)
if [ "${MULTICAST_TEST_NETNS:-}" = 1 ]; then
  where="lo of a network namespace of its own"
elif printf '%s' "$flags" | grep -q '[<,]MULTICAST[,>]' &&
  printf '%s' "$flags" | grep -q '[<,]UP[,>]'; then
  where="the host's lo"
elif command -v python3 >/dev/null 2>&1 &&
  timeout 10 python3 -c "$probe" "$group" >/dev/null 2>&1; then
  where="the host's lo (no MULTICAST flag, but a probe datagram came back)"
else
  echo "multicast_test: SKIPPED: no network namespace of its own (unshare -rn, or" \
    "MULTICAST_TEST_HOST=1) and the host's lo does not carry multicast (no MULTICAST" \
    "flag in 'ip link show lo', and no python3 probe datagram came back)"
  exit 77
fi

test_name=multicast_test
. "$(dirname "$0")/test_lib.sh"

# Receiver 1 picks the port; receiver 2 shares it (reuse_address).
start_server receiver1 "$receiver" receive "$listen_address" "$group" 0 "$count"
rpid1=$spid
mkfifo "$dir/receiver2.out"
timeout 100 $server_runner "$receiver" receive "$listen_address" "$group" "$port" "$count" \
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

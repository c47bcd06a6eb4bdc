#!/bin/sh
# Runs a Windows program under Wine for CTest (CMAKE_CROSSCOMPILING_EMULATOR of the mingw
# preset), the example tests and the Wine benchmark. It sets the environment; the program's
# output goes wherever the caller sends it, and its exit status is the wrapper's.
here=$(dirname "$0")
. "$here/wine-env.sh"

# TRICKY: the first Wine program that a wineserver serves starts Wine's helper processes
# (services.exe, winedevice.exe, ...), and they, like the wineserver that program starts,
# keep its unix standard error for as long as the session lasts. Under CTest that is a pipe
# that CTest reads to its end: a test that has finished would then wait for the end of the
# session, which with tests running in parallel may be long after the test's timeout. So
# when no wineserver runs, scripts/wine-prefix.sh first sets the prefix up and starts a
# lingering wineserver and the helpers with their output going nowhere.
if ! wineserver -k0 >/dev/null 2>&1; then
  "$here/wine-prefix.sh" || exit 1
fi

# When standard error is a pipe or a socket (CTest, gtest discovery), its reader waits for
# every process that holds it. A Wine process can still hand it on (a wineserver that was
# found running above may have ended since, and this program then starts a new session), so
# the program gets a fifo of its own for standard error, which sed copies here up to an end
# mark written once the program has exited: the wrapper ends when the program does, with
# all that it wrote, whatever processes it left behind. Otherwise (a terminal, a file: the
# example tests, the benchmark, which measures the program's pid) the wrapper becomes Wine.
# Standard output needs none of this: a process that Wine starts gets the output handle it
# is given (Wine's helpers: none, so /dev/null), never the unix one of its starter.
if [ ! -p /dev/stderr ] && [ ! -S /dev/stderr ]; then
  exec wine "$@"
fi

fifo_dir=$(mktemp -d) && mkfifo "$fifo_dir/stderr" || {
  echo "wine-run.sh: cannot make a fifo in ${TMPDIR:-/tmp}" >&2
  exit 1
}
# Opening it for reading and writing first lets the one-way opens below go through at once.
exec 4<>"$fifo_dir/stderr" 5>"$fifo_dir/stderr" 6<"$fifo_dir/stderr" 4<&-
rm -rf "$fifo_dir"

# The mark ends the line the program left open, if any; a mark on a line of its own prints
# nothing.
mark="ringport-wine-run-end-$$"
sed -u -e "/$mark\$/{s/$mark\$//;/^\$/Q;q}" <&6 >&2 5>&- 6<&- &
exec 6<&-

# TRICKY: rarely (about once in a few hundred starts with tests running in parallel), wine
# ends with status 1 at once, having written nothing, before the program reaches main. The
# test programs' main (tests/support/test_main.cpp) creates the file named by
# RINGPORT_WINE_STARTED_FILE; a failure without it is Wine failing to start the program, not
# the program failing, and the program is started again (twice at most). Any failure after
# main was reached is the program's own and is reported as it is.
started_dir=$(mktemp -d) || exit 1
RINGPORT_WINE_STARTED_FILE="Z:$started_dir/started"
export RINGPORT_WINE_STARTED_FILE
attempt=1
while :; do
  status=0
  wine "$@" 2>&5 5>&- || status=$?
  if [ "$status" = 0 ] || [ -e "$started_dir/started" ] || [ "$attempt" -ge 3 ]; then
    break
  fi
  echo "wine-run.sh: status $status and no sign that the program reached main; starting it again" >&5
  attempt=$((attempt + 1))
done
rm -rf "$started_dir"
# In a subshell: were sed gone, the write's SIGPIPE ends only the subshell.
(printf '%s\n' "$mark" >&5) 2>/dev/null
exec 5>&-
wait
exit "$status"

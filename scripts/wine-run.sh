#!/bin/sh
# Runs a Windows program under Wine for CTest (CMAKE_CROSSCOMPILING_EMULATOR of the mingw
# preset), the example tests and the Wine benchmark. It sets the environment; the program's
# output goes wherever the caller sends it.
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

exec wine "$@"

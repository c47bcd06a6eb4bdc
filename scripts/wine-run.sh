#!/bin/sh
# Runs a Windows program under Wine for CTest (CMAKE_CROSSCOMPILING_EMULATOR of the mingw
# preset). It sets the environment; the program's output goes wherever the caller sends it.

# Wine's own diagnostics would mix with test output (and with gtest --gtest_list_tests,
# which test discovery parses). An explicit WINEDEBUG from the caller wins.
: "${WINEDEBUG:=-all}"
# A fresh prefix would otherwise offer to install Mono and Gecko, which tests never need.
: "${WINEDLLOVERRIDES:=mscoree,mshtml=}"
export WINEDEBUG WINEDLLOVERRIDES

# TRICKY: Wine's helper processes (services.exe, winedevice.exe, ...) start with the first
# Wine process a wineserver serves and inherit its stdout. Under CTest that is a pipe that
# CTest reads to the end: with a server that exits at once every test waits seconds for
# the helpers to go, with a lingering server test discovery hangs until its timeout. So
# when no wineserver runs, start one that lingers RINGPORT_WINE_LINGER seconds (default 60)
# after its last client, and let a throw-away process whose output goes nowhere start the
# helpers. Two wrappers racing here both end up on the one server; that is fine.
if ! wineserver -k0 >/dev/null 2>&1; then
  wineserver -p"${RINGPORT_WINE_LINGER:-60}" </dev/null >/dev/null 2>&1 || true
  wine cmd.exe /c exit </dev/null >/dev/null 2>&1 || true
fi

exec wine "$@"

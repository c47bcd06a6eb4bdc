#!/usr/bin/env bash
# Makes the Wine prefix (WINEPREFIX, default ~/.wine) ready for ringport's Windows programs
# and starts its Wine session, with all of Wine's own processes writing nowhere; does nothing
# when a wineserver already serves the prefix. Run by scripts/wine-ctest.sh before the tests
# start, and by scripts/wine-run.sh when a program starts with no wineserver running.
# Several at once are fine: one sets up, the others wait for it and then find its server.
# Environment: RINGPORT_WINE_LINGER (seconds the wineserver stays after the last program
# ends, default 60).
set -euo pipefail
. "$(dirname "$0")/wine-env.sh"

server_running() { wineserver -k0 >/dev/null 2>&1; }
fail() {
  echo "wine-prefix.sh: $* (prefix ${WINEPREFIX:-$HOME/.wine})" >&2
  exit 1
}

server_running && exit 0
# The lock must not reach the Wine processes started below: the wineserver would hold it
# for as long as it runs.
exec {lock}>"${TMPDIR:-/tmp}/ringport-wine-prefix-$(id -u).lock"
flock "$lock"
server_running && exit 0

# A new prefix is set up in two parts: wineboot does what the first program waits for, then
# goes on in the background (wine.inf, fonts, registry). Let all of it finish before any
# program runs: wineserver -w returns once the wineserver that wineboot started has exited,
# i.e. once nothing of the setup runs any more. On a ready prefix this takes a few seconds
# (wineboot only finds it up to date).
timeout 600 wineboot --init </dev/null >/dev/null 2>&1 {lock}>&- ||
  fail "wineboot --init failed or took over 10 minutes"
timeout 600 wineserver -w {lock}>&- ||
  fail "the prefix setup did not finish within 10 minutes"

# The session, before any program that someone reads the output of:
# - a wineserver of our own that stays RINGPORT_WINE_LINGER seconds after the last program
#   ends: the one that Wine starts by itself (Debian's wineserver -p0) shuts down the moment
#   no program runs, i.e. between two tests, and each next program would start it again
#   (started only now: wineserver refuses a prefix folder that does not exist yet);
# - the helper processes (services.exe, winedevice.exe, plugplay.exe, rpcss.exe, ...) that
#   the first program of a wineserver starts. Wine hands each process it starts its unix
#   standard error, and the wineserver keeps the one of the program that started it: all of
#   them would keep that program's output pipe open for as long as the session lasts. Here
#   a throw-away program whose output goes nowhere starts them.
wineserver -p"${RINGPORT_WINE_LINGER:-60}" </dev/null >/dev/null 2>&1 {lock}>&- ||
  server_running || fail "cannot start a wineserver"
wine cmd.exe /c exit </dev/null >/dev/null 2>&1 {lock}>&- ||
  fail "cannot start the Wine session (wine cmd.exe /c exit failed)"

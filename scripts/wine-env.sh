# shellcheck shell=sh
# Sourced by the scripts/wine-*.sh scripts (POSIX sh): the environment every Wine program
# of ringport's Windows build runs in. An explicit value from the caller wins.

# Wine's own diagnostics would mix with test output (and with gtest --gtest_list_tests,
# which test discovery parses).
: "${WINEDEBUG:=-all}"
# A new prefix would otherwise offer to install Mono and Gecko, which ringport never needs.
: "${WINEDLLOVERRIDES:=mscoree,mshtml=}"
export WINEDEBUG WINEDLLOVERRIDES

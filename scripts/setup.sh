#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages ringport's build, tests and demo need, when missing.
# Idempotent: when everything is present it only checks, in well under a second.
# Usage: scripts/setup.sh [--bench]   (--bench adds what the benchmark kit needs: the yardstick
# libuv, gnuplot for the chart, strace and perf to count system calls; Asio is always
# installed: the interop tests build the echo examples against real standalone Asio)
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  liburing-dev
  googletest libgtest-dev
  libasio-dev
  clang-format
  doxygen  # scripts/check-docs.sh: the API reference
  g++-mingw-w64-x86-64-posix wine wine64
  # Test scripts: line_client_test.sh (a listener whose full accept queue stalls connects),
  # http_test.sh (raw requests), docs/trace_env_test.sh (json: the full standard library)
  python3
  curl  # http_test.sh: the HTTP example's client
  iproute2  # multicast_test.sh: lo with multicast on in a network namespace of its own
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(libuv1-dev gnuplot-nox strace linux-perf python3 wrk)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# The drop-in build (-DRINGPORT_AS_ASIO=ON: namespace asio, <asio.hpp> and <asio/...>):
# builds the library, every public header on its own through its Asio name, the compile-time
# token matrix and the Asio examples (their real-Asio source, no alias), runs the examples
# and the compile tests, and checks that the library's symbols live in namespace asio and that
# code reopening namespace asio (as libraries written for Asio do) compiles unchanged. Then
# the same for Windows (MinGW-w64), its programs run under Wine.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${RINGPORT_JOBS:-2}
# Every Asio example (examples/CMakeLists.txt: RINGPORT_ASIO_EXAMPLES); their tests run below.
examples=(echo_server echo_client chat_server chat_client coro_echo_server line_client http_server
  udp_server udp_client timers multicast)
dir=build/as-asio
echo "== drop-in build (namespace asio)"
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRINGPORT_WERROR=ON \
  -DRINGPORT_AS_ASIO=ON >/dev/null
cmake --build "$dir" -j "$jobs" --target ringport ringport_header_checks \
  ringport_compile_tests "${examples[@]}" ringport_drop_in_reopens_asio ringport_no_deprecated_check
if nm -C --defined-only "$dir/libringport.a" | grep -q ' ringport::'; then
  echo "drop-in library still defines symbols in namespace ringport" >&2
  exit 1
fi
echo "library: $(nm -C --defined-only "$dir/libringport.a" | grep -c ' T asio::') functions in" \
  "namespace asio, none in ringport"
"$dir/tests/ringport_compile_tests" --gtest_brief=1
ctest --test-dir "$dir" -j "$jobs" -R "^(examples\.|compile\.|drop_in\.)" --output-on-failure

echo "== drop-in build for Windows (namespace asio, under Wine)"
mdir=build/as-asio-mingw
cmake -S . -B "$mdir" -G Ninja --toolchain cmake/toolchain-mingw.cmake -DCMAKE_BUILD_TYPE=Release \
  -DRINGPORT_WERROR=ON -DRINGPORT_AS_ASIO=ON >/dev/null
cmake --build "$mdir" -j "$jobs" --target ringport ringport_header_checks "${examples[@]}" \
  ringport_drop_in_reopens_asio
if x86_64-w64-mingw32-nm -C --defined-only "$mdir/libringport.a" | grep -q ' ringport::'; then
  echo "drop-in Windows library still defines symbols in namespace ringport" >&2
  exit 1
fi
scripts/wine-ctest.sh "$mdir" -R "^(examples\.|drop_in\.)"

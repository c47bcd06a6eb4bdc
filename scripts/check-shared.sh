#!/usr/bin/env bash
# The library as a shared library: libringport.so on Linux, and on Windows (MinGW-w64) a DLL
# with its import library. Both are compiled with hidden visibility, so only what the headers
# mark RINGPORT_DECL is exported.
#  1. Linux: the .so exports nothing of the library that the headers do not mark (no backend,
#     no liburing, no unmarked detail:: name); then the examples, ringport-info and the soak
#     and churn programs, linked to the .so, pass their tests on both backends.
#  2. Windows: the DLL and its import library are built, the examples import the DLL (none
#     links the library statically), and the examples, ringport-info and the churn test pass
#     under Wine.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${RINGPORT_JOBS:-2}
programs="ringport-info ringport_demo echo_server echo_client chat_server chat_client
  coro_echo_server line_client http_server udp_server udp_client timers multicast
  churn_threads"

# The names the headers export: classes and structs marked RINGPORT_DECL, and marked
# functions (the name before the parameter list).
marked_names() {
  grep -rhoE '(class|struct) RINGPORT_DECL [A-Za-z_0-9]+' include |
    awk '{print $3}'
  grep -rhE '^RINGPORT_DECL [^(]*\(' include | sed -E 's/\(.*//; s/.*[ &*]//'
}

echo "== Linux: libringport.so exports what the headers mark, and nothing else"
linux_dir=build/shared-linux
cmake -S . -B "$linux_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON \
  -DRINGPORT_WERROR=ON >/dev/null
cmake --build "$linux_dir" -j "$jobs" --target ringport $programs echo_soak without_io_uring \
  >/dev/null
so=$linux_dir/libringport.so
exported=$(nm -D --defined-only -C "$so" | awk '$2 ~ /[TtWwVuDdBbRr]/' | cut -d' ' -f3-)
allowed=$(marked_names | sort -u | paste -sd'|')
# A detail:: symbol is allowed when it belongs to a marked class or is a marked function.
# (std:: templates instantiated on a marked class, such as its shared_ptr control block, are
# exported with it.)
unmarked=$(echo "$exported" | sed -E 's/^(typeinfo name for|typeinfo for|vtable for) //' |
  grep -E '^ringport::detail::' | grep -vE "^ringport::detail::($allowed)(::|\(|\[| |$)" ||
  true)
internals=$(echo "$exported" | grep -E 'uring_|epoll_|io_uring|posix_calls|trace_point' || true)
if [ -n "$unmarked$internals" ]; then
  echo "exported although no header marks it:" >&2
  printf '%s\n%s\n' "$unmarked" "$internals" | sed '/^$/d' | head -40 >&2
  exit 1
fi
echo "$so: $(echo "$exported" | grep -c 'ringport::') ringport symbols exported" \
  "($(echo "$exported" | grep -c 'ringport::detail::') of them in detail::, all marked)"
for p in examples/http_server tools/ringport-info tests/soak/churn_threads; do
  f=$(find "$linux_dir" -name "$(basename $p)" -type f | head -n 1)
  ldd "$f" | grep 'libringport.so' >/dev/null || { echo "$f does not use libringport.so" >&2; exit 1; }
done
ctest --test-dir "$linux_dir" -j "$jobs" --output-on-failure -R '^(examples|tools|soak|Churn)'

echo "== Windows: libringport.dll with its import library; the examples run against it"
dll_dir=build/mingw-dll
cmake --preset mingw -B "$dll_dir" -DBUILD_SHARED_LIBS=ON >/dev/null
cmake --build "$dll_dir" -j "$jobs" --target ringport $programs >/dev/null
[ -f "$dll_dir/bin/libringport.dll" ] || { echo "no $dll_dir/bin/libringport.dll" >&2; exit 1; }
[ -f "$dll_dir/libringport.dll.a" ] || { echo "no import library in $dll_dir" >&2; exit 1; }
for p in $programs; do
  x86_64-w64-mingw32-objdump -p "$dll_dir/bin/$p.exe" | grep 'DLL Name: libringport.dll' >/dev/null || {
    echo "$p.exe does not import libringport.dll" >&2
    exit 1
  }
done
echo "$dll_dir/bin/libringport.dll: $(x86_64-w64-mingw32-objdump -p "$dll_dir/bin/libringport.dll" |
  grep -cE '^\s+\[ *[0-9]+\] ') exports; every example imports it"
scripts/wine-ctest.sh "$dll_dir" -j "$jobs" --output-on-failure -R '^(examples|tools|Churn)'

#!/usr/bin/env bash
# The library as its users get it, each way they consume it:
#   1. a plain `cmake -S . -B b && cmake --build b` on a machine without GoogleTest, installed:
#      no testing aid in the installed headers, find_package and pkg-config consumers (a C++23
#      one: the package's flags must not set the language standard), one version everywhere;
#   2. a shared build: its consumers need neither liburing's headers nor its package files;
#   3. ringport inside another project (FetchContent, add_subdirectory): the parent keeps its
#      build type, gets no tests, examples or install rules of ringport.
# Every consumer runs a loopback exchange (tests/package/consumer/main.cpp).
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
jobs=${RINGPORT_JOBS:-2}
work=$src/build/package-check
rm -rf "$work"
mkdir -p "$work"
cxx=${CXX:-g++}

fail() {
  echo "check-package: $*" >&2
  exit 1
}

echo "== 1. A plain build without GoogleTest, installed"
cmake -S . -B "$work/plain" -DCMAKE_DISABLE_FIND_PACKAGE_GTest=ON >"$work/plain.log"
grep -q "GoogleTest not found, so the test suite is not built" "$work/plain.log" ||
  fail "configuring without GoogleTest said nothing about the tests (see $work/plain.log)"
cmake --build "$work/plain" -j "$jobs" >/dev/null
if cmake --build "$work/plain" --target help | grep -Eq '^\.\.\. (ringport_tests|ringport_testing)\b'; then
  fail "the build without GoogleTest has test targets"
fi
cmake --install "$work/plain" --prefix "$work/plain-prefix" >/dev/null
# BUILD_TESTING=OFF (CTest's switch) leaves the tests out even where GoogleTest is installed.
cmake -S . -B "$work/no-testing" -DBUILD_TESTING=OFF -DRINGPORT_BUILD_EXAMPLES=OFF >/dev/null
if cmake --build "$work/no-testing" --target help | grep -Eq '^\.\.\. (ringport_tests|ringport_testing)\b'; then
  fail "BUILD_TESTING=OFF still builds the test suite"
fi
prefix=$work/plain-prefix
grep -q '^#define RINGPORT_TRACK_OPS 0$' "$prefix/include/ringport/detail/build_config.hpp" ||
  fail "the installed build_config.hpp turns the live-operation counter on"
[ -f "$prefix/share/doc/ringport/LICENSE" ] || fail "the licence is not installed"

echo "-- find_package"
cmake -S tests/package/consumer -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/consumer" >/dev/null
"$work/consumer/consumer"

echo "-- pkg-config, a C++23 consumer"
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
version=$(pkg-config --modversion ringport)
flags=$(pkg-config --static --cflags --libs ringport)
echo "pkg-config --static --cflags --libs ringport: $flags"
case " $flags " in *" -std="*) fail "ringport.pc sets the language standard: $flags" ;; esac
# shellcheck disable=SC2086  # the flags are words
"$cxx" -std=c++23 tests/package/consumer/main.cpp $flags -DEXPECTED_VERSION="\"$version\"" \
  -DEXPECTED_CPLUSPLUS_ABOVE=202002L -o "$work/consumer-pc"
"$work/consumer-pc"
unset PKG_CONFIG_PATH

echo "-- one version: headers, CMake, pkg-config, ringport-info"
info_version=$("$prefix/bin/ringport-info" --version)
[ "$info_version" = "$version" ] ||
  fail "ringport-info says $info_version, pkg-config $version"
"$prefix/bin/ringport-info"

echo "-- the Debian package (cpack -G DEB), unpacked into a scratch root"
(cd "$work/plain" && cpack -G DEB >/dev/null)
deb=$(ls "$work/plain"/ringport_*.deb)
dpkg-deb -I "$deb" | grep -E '^ (Package|Version|Depends):'
dpkg-deb -x "$deb" "$work/deb-root"
root=$work/deb-root/usr
for f in bin/ringport-info include/ringport.hpp include/ringport/version.hpp \
  share/doc/ringport/LICENSE; do
  [ -e "$root/$f" ] || fail "the Debian package lacks /usr/$f"
done
cmake -S tests/package/consumer -B "$work/consumer-deb" -DCMAKE_PREFIX_PATH="$root" \
  -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/consumer-deb" >/dev/null
"$work/consumer-deb/consumer"
deb_pc=$(PKG_CONFIG_PATH=$(dirname "$(find "$root" -name ringport.pc)") pkg-config --modversion ringport)
[ "$deb_pc" = "$version" ] || fail "the Debian package's ringport.pc says $deb_pc"
[ "$("$root/bin/ringport-info" --version)" = "$version" ] || fail "the packaged ringport-info"

echo "== 2. A shared build: consumers without liburing's headers or package files"
cmake -S . -B "$work/shared" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON \
  -DRINGPORT_BUILD_TESTS=OFF -DRINGPORT_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$work/shared" -j "$jobs" >/dev/null
cmake --install "$work/shared" --prefix "$work/shared-prefix" >/dev/null
prefix=$work/shared-prefix
# A liburing.h that stops the compiler, first on the include path: a consumer that needs
# liburing's headers fails to build.
mkdir -p "$work/poison"
echo '#error "a consumer of the shared ringport included liburing.h"' >"$work/poison/liburing.h"
echo "-- find_package (liburing not findable)"
cmake -S tests/package/consumer -B "$work/consumer-shared" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_DISABLE_FIND_PACKAGE_uring=ON --no-warn-unused-cli \
  -DCMAKE_CXX_FLAGS="-I$work/poison" >/dev/null
cmake --build "$work/consumer-shared" >/dev/null
"$work/consumer-shared/consumer"
echo "-- pkg-config (only ringport's .pc visible)"
flags=$(PKG_CONFIG_LIBDIR=$prefix/lib/pkgconfig pkg-config --cflags --libs ringport)
echo "pkg-config --cflags --libs ringport: $flags"
# shellcheck disable=SC2086
"$cxx" -std=c++20 -I"$work/poison" tests/package/consumer/main.cpp $flags \
  -DEXPECTED_VERSION="\"$version\"" -Wl,-rpath,"$prefix/lib" -o "$work/consumer-shared-pc"
"$work/consumer-shared-pc"

echo "== 3. Inside another project"
echo "-- FetchContent (built, installed)"
cmake -S tests/package/subproject -B "$work/fetch" -DRINGPORT_SOURCE_DIR="$src" \
  -DRINGPORT_MODE=FetchContent >/dev/null
cmake --build "$work/fetch" -j "$jobs" >/dev/null
"$work/fetch/consumer"
cmake --install "$work/fetch" --prefix "$work/fetch-prefix" >/dev/null
[ -x "$work/fetch-prefix/bin/consumer" ] || fail "the parent's own install rule did not run"
if [ -e "$work/fetch-prefix/include/ringport" ] || [ -e "$work/fetch-prefix/lib/pkgconfig" ]; then
  fail "ringport installed itself as part of its parent (RINGPORT_INSTALL is off by default there)"
fi
echo "-- add_subdirectory (configured, with a build type of the parent's)"
cmake -S tests/package/subproject -B "$work/subdir" -DRINGPORT_SOURCE_DIR="$src" \
  -DRINGPORT_MODE=add_subdirectory -DCMAKE_BUILD_TYPE=Debug >/dev/null
echo "-- add_subdirectory with RINGPORT_INSTALL=ON (its install rules come back)"
cmake -S tests/package/subproject -B "$work/subdir-install" -DRINGPORT_SOURCE_DIR="$src" \
  -DRINGPORT_MODE=add_subdirectory -DRINGPORT_INSTALL=ON >/dev/null
grep -q 'ringport-targets' "$work/subdir-install/ringport/cmake_install.cmake" ||
  fail "RINGPORT_INSTALL=ON added no install rules"

echo "== check-package: every consumer built and ran"

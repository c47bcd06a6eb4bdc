# Cross build for 64-bit Windows with MinGW-w64; programs (tests, discovery) run under Wine.
# Used by the "mingw" preset: cmake --preset mingw && cmake --build --preset mingw
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(RINGPORT_MINGW_TRIPLE x86_64-w64-mingw32)
# The -posix variants use the winpthreads threading model: std::thread, std::mutex and
# std::condition_variable exist (the -win32 variants of GCC 12 lack them).
set(CMAKE_C_COMPILER ${RINGPORT_MINGW_TRIPLE}-gcc-posix)
set(CMAKE_CXX_COMPILER ${RINGPORT_MINGW_TRIPLE}-g++-posix)
set(CMAKE_RC_COMPILER ${RINGPORT_MINGW_TRIPLE}-windres)

# Libraries and headers come only from the MinGW sysroot; build tools from the host.
set(CMAKE_FIND_ROOT_PATH /usr/${RINGPORT_MINGW_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Static libstdc++, libgcc and winpthread: Wine then needs no MinGW DLLs on its path.
set(CMAKE_EXE_LINKER_FLAGS_INIT -static)
# A DLL too carries its own copy of the GCC and C++ runtimes, so that it needs no DLL besides
# the system's (the programs that use it link them statically as well).
set(CMAKE_SHARED_LINKER_FLAGS_INIT -static)

# CTest and gtest_discover_tests start every program through Wine (quietly, see the script).
set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_CURRENT_LIST_DIR}/../scripts/wine-run.sh)

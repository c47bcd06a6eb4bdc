// Raw access to a socket's native handle for tests that check what the OS sees, written once
// for POSIX and Winsock: read an option with getsockopt, wait until readable, tell whether
// the socket is in non-blocking mode.
#pragma once

#if defined(_WIN32)
#ifndef NOMINMAX
#define NOMINMAX  // test files share unity batches
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#endif

#include <chrono>

namespace ringport::test {

#if defined(_WIN32)
using raw_socket = SOCKET;
#else
using raw_socket = int;
#endif

// getsockopt of an int-sized option into `value`; false when the call fails. Winsock answers
// some boolean options with one byte.
inline bool raw_int_option(raw_socket s, int level, int name, int& value) {
  int v = 0;
#if defined(_WIN32)
  int len = sizeof v;
  if (::getsockopt(s, level, name, reinterpret_cast<char*>(&v), &len) != 0) return false;
  if (len == 1) v = static_cast<unsigned char>(v & 0xff);
#else
  socklen_t len = sizeof v;
  if (::getsockopt(s, level, name, &v, &len) != 0) return false;
#endif
  value = v;
  return true;
}

// SO_LINGER as the OS holds it.
inline bool raw_linger_option(raw_socket s, bool& enabled, int& seconds) {
  ::linger l{};
#if defined(_WIN32)
  int len = sizeof l;
  if (::getsockopt(s, SOL_SOCKET, SO_LINGER, reinterpret_cast<char*>(&l), &len) != 0) return false;
#else
  socklen_t len = sizeof l;
  if (::getsockopt(s, SOL_SOCKET, SO_LINGER, &l, &len) != 0) return false;
#endif
  enabled = l.l_onoff != 0;
  seconds = l.l_linger;
  return true;
}

// Waits at most `timeout` until `s` is readable; true when it is.
inline bool wait_readable(raw_socket s, std::chrono::milliseconds timeout) {
#if defined(_WIN32)
  fd_set set;
  FD_ZERO(&set);
  FD_SET(s, &set);
  timeval tv;
  tv.tv_sec = static_cast<long>(timeout.count() / 1000);
  tv.tv_usec = static_cast<long>((timeout.count() % 1000) * 1000);
  return ::select(0, &set, nullptr, nullptr, &tv) == 1;
#else
  pollfd p{s, POLLIN, 0};
  return ::poll(&p, 1, static_cast<int>(timeout.count())) == 1;
#endif
}

// Whether the socket itself is in non-blocking mode (O_NONBLOCK; FIONBIO on Windows). Winsock
// cannot read FIONBIO back, so there a peek probes it: with nothing to read, it fails at once
// with WSAEWOULDBLOCK on a non-blocking socket and with WSAETIMEDOUT after a short receive
// timeout on a blocking one. Windows: call it only while nothing is readable on `s`; the
// receive timeout is restored to none. Sets `ok` false when the probe itself fails.
inline bool raw_non_blocking(raw_socket s, bool& ok) {
  ok = true;
#if defined(_WIN32)
  u_long pending = 0;
  if (::ioctlsocket(s, FIONREAD, &pending) != 0 || pending != 0) {
    ok = false;
    return false;
  }
  DWORD timeout_ms = 100;
  if (::setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, reinterpret_cast<const char*>(&timeout_ms),
                   sizeof timeout_ms) != 0) {
    ok = false;
    return false;
  }
  char c;
  int r = ::recv(s, &c, 1, MSG_PEEK);
  int e = r < 0 ? ::WSAGetLastError() : 0;
  timeout_ms = 0;
  ::setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, reinterpret_cast<const char*>(&timeout_ms),
               sizeof timeout_ms);
  if (e == WSAEWOULDBLOCK) return true;
  if (e == WSAETIMEDOUT) return false;
  ok = false;
  return false;
#else
  int fl = ::fcntl(s, F_GETFL);
  if (fl < 0) {
    ok = false;
    return false;
  }
  return (fl & O_NONBLOCK) != 0;
#endif
}

// Whether the program runs under Wine (its ntdll exports wine_get_version), for the few
// places where Wine 8 answers differently from Windows.
inline bool running_under_wine() {
#if defined(_WIN32)
  HMODULE ntdll = ::GetModuleHandleW(L"ntdll.dll");
  return ntdll != nullptr && ::GetProcAddress(ntdll, "wine_get_version") != nullptr;
#else
  return false;
#endif
}

}  // namespace ringport::test

// The socket address layouts that ringport's endpoint values embed, and the socket constants
// the protocol classes report. Installed headers may not include <winsock2.h>, so the structs
// here are layout twins: src/linux/socket_types_check.cpp and src/windows/socket_types_check.cpp
// static_assert every size, alignment, field offset and constant against the OS's own
// definitions, so a wrong twin fails the build instead of corrupting an address at run time.
// The same twins are used on both systems, which keeps the endpoint code free of #ifdefs.
#pragma once

#include "ringport/detail/config.hpp"

#include <cstddef>
#include <cstdint>

#if defined(RINGPORT_POSIX)
#include <netinet/in.h>
#include <sys/socket.h>
#endif

// The OS's generic socket address. Endpoints hand the socket layer a `sockaddr*`, as Asio's
// data() does; an incomplete type is enough for that, and matches winsock's declaration.
struct sockaddr;

namespace ringport::detail {

using socket_addr_type = ::sockaddr;

#if defined(RINGPORT_WINDOWS)
// Winsock values, spelled as numbers (checked in src/windows/socket_types_check.cpp).
inline constexpr int af_inet = 2;
inline constexpr int af_inet6 = 23;
inline constexpr int af_unix = 1;
inline constexpr int sock_stream = 1;
inline constexpr int sock_dgram = 2;
inline constexpr int sock_seqpacket = 5;
inline constexpr int ipproto_tcp = 6;
inline constexpr int ipproto_udp = 17;
#else
inline constexpr int af_inet = AF_INET;
inline constexpr int af_inet6 = AF_INET6;
inline constexpr int af_unix = AF_UNIX;
inline constexpr int sock_stream = SOCK_STREAM;
inline constexpr int sock_dgram = SOCK_DGRAM;
inline constexpr int sock_seqpacket = SOCK_SEQPACKET;
inline constexpr int ipproto_tcp = IPPROTO_TCP;
inline constexpr int ipproto_udp = IPPROTO_UDP;
#endif

// Twin of sockaddr_in. The port and address stay in network byte order, as bytes, so reading
// them needs no ntohs/ntohl.
struct alignas(4) sockaddr_in4_layout {
  std::uint16_t family;
  unsigned char port[2];
  unsigned char addr[4];
  unsigned char zero[8];
};

// Twin of sockaddr_in6 (flowinfo is in network byte order; ringport keeps it opaque).
struct sockaddr_in6_layout {
  std::uint16_t family;
  unsigned char port[2];
  std::uint32_t flowinfo;
  unsigned char addr[16];
  std::uint32_t scope_id;
};

// Twin of sockaddr_un (Linux <sys/un.h>, Windows <afunix.h>: both 108 path bytes).
struct sockaddr_un_layout {
  std::uint16_t family;
  char path[108];
};

// sizeof(sockaddr_storage): the largest address a socket call may report.
inline constexpr std::size_t sockaddr_storage_size = 128;

}  // namespace ringport::detail

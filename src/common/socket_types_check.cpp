// include/ringport/detail/socket_types.hpp declares twins of the socket address structs (and
// on Windows spells Winsock's constants as numbers). Here each twin meets the real definition
// of the OS, so a wrong layout fails the build. Nothing to link.
#include "ringport/detail/socket_types.hpp"

#include "sockets/os_socket_headers.hpp"

#include <cstddef>

namespace ringport::detail {

static_assert(af_inet == AF_INET && af_inet6 == AF_INET6 && af_unix == AF_UNIX);
static_assert(sock_stream == SOCK_STREAM && sock_dgram == SOCK_DGRAM);
static_assert(sock_seqpacket == SOCK_SEQPACKET);
static_assert(ipproto_tcp == IPPROTO_TCP && ipproto_udp == IPPROTO_UDP);

static_assert(sizeof(sockaddr_in4_layout) == sizeof(sockaddr_in));
static_assert(alignof(sockaddr_in4_layout) == alignof(sockaddr_in));
static_assert(offsetof(sockaddr_in4_layout, family) == offsetof(sockaddr_in, sin_family));
static_assert(sizeof(sockaddr_in4_layout::family) == sizeof(sockaddr_in::sin_family));
static_assert(offsetof(sockaddr_in4_layout, port) == offsetof(sockaddr_in, sin_port));
static_assert(offsetof(sockaddr_in4_layout, addr) == offsetof(sockaddr_in, sin_addr));

static_assert(sizeof(sockaddr_in6_layout) == sizeof(sockaddr_in6));
static_assert(alignof(sockaddr_in6_layout) == alignof(sockaddr_in6));
static_assert(offsetof(sockaddr_in6_layout, family) == offsetof(sockaddr_in6, sin6_family));
static_assert(offsetof(sockaddr_in6_layout, port) == offsetof(sockaddr_in6, sin6_port));
static_assert(offsetof(sockaddr_in6_layout, flowinfo) == offsetof(sockaddr_in6, sin6_flowinfo));
static_assert(offsetof(sockaddr_in6_layout, addr) == offsetof(sockaddr_in6, sin6_addr));
static_assert(offsetof(sockaddr_in6_layout, scope_id) == offsetof(sockaddr_in6, sin6_scope_id));
static_assert(sizeof(sockaddr_in6_layout::scope_id) == sizeof(sockaddr_in6::sin6_scope_id));

static_assert(sizeof(sockaddr_un_layout) == sizeof(sockaddr_un));
static_assert(offsetof(sockaddr_un_layout, family) == offsetof(sockaddr_un, sun_family));
static_assert(offsetof(sockaddr_un_layout, path) == offsetof(sockaddr_un, sun_path));
static_assert(sizeof(sockaddr_un_layout::path) == sizeof(sockaddr_un::sun_path));

static_assert(sockaddr_storage_size == sizeof(sockaddr_storage));

}  // namespace ringport::detail

// local::stream_protocol::endpoint and datagram_protocol::endpoint: paths, the sockaddr_un
// they expose, the length limit, comparisons, and Linux's abstract names. These are values
// only (no socket opens), so they run on Windows too, where AF_UNIX uses the same layout.
#include <gtest/gtest.h>

#include "ringport/error.hpp"
#include "ringport/local/datagram_protocol.hpp"
#include "ringport/local/stream_protocol.hpp"

#if !defined(_WIN32)
#include <sys/socket.h>
#include <sys/un.h>
#endif

#include <cstddef>
#include <cstring>
#include <set>
#include <sstream>
#include <string>

namespace local_endpoint_path_test {

using stream_endpoint = ringport::local::stream_protocol::endpoint;
using datagram_endpoint = ringport::local::datagram_protocol::endpoint;

// offsetof(sockaddr_un, sun_path) and sizeof(sun_path), the same on Linux and Windows.
constexpr std::size_t path_offset = 2;
constexpr std::size_t path_capacity = 108;

TEST(LocalEndpointPath, PathRoundTripsAndSetsSize) {
  const stream_endpoint ep("/tmp/ringport.sock");
  EXPECT_EQ(ep.path(), "/tmp/ringport.sock");
  EXPECT_EQ(ep.size(), path_offset + std::strlen("/tmp/ringport.sock"));
  EXPECT_EQ(ep.capacity(), path_offset + path_capacity);
  const unsigned char* raw = reinterpret_cast<const unsigned char*>(ep.data());
  EXPECT_EQ(std::memcmp(raw + path_offset, "/tmp/ringport.sock", 19), 0);  // NUL-terminated
  // Every constructor and setter agrees.
  EXPECT_EQ(stream_endpoint(std::string("/a")).path(), "/a");
  EXPECT_EQ(stream_endpoint(std::string_view("/a/b").substr(0, 2)).path(), "/a");
  datagram_endpoint d;
  EXPECT_EQ(d.path(), "");
  EXPECT_EQ(d.size(), path_offset);
  d.path("/run/x");
  EXPECT_EQ(d.path(), "/run/x");
  d.path(std::string("/run/y"));
  EXPECT_EQ(d.path(), "/run/y");
  EXPECT_EQ(d.protocol().type(), ringport::local::datagram_protocol().type());
}

#if !defined(_WIN32)
TEST(LocalEndpointPath, DataIsTheNativeSockaddrUn) {
  const stream_endpoint ep("relative/name");
  const auto* un = reinterpret_cast<const sockaddr_un*>(ep.data());
  EXPECT_EQ(un->sun_family, AF_UNIX);
  EXPECT_STREQ(un->sun_path, "relative/name");
  EXPECT_EQ(ep.size(), offsetof(sockaddr_un, sun_path) + std::strlen("relative/name"));
  EXPECT_EQ(ep.capacity(), sizeof(sockaddr_un));
}
#endif

TEST(LocalEndpointPath, TooLongPathThrowsNameTooLong) {
  // 107 bytes fit (one is kept for the terminator); 108 do not.
  const std::string longest(path_capacity - 1, 'p');
  EXPECT_EQ(stream_endpoint(longest).path(), longest);
  try {
    stream_endpoint ep(longest + "p");
    FAIL() << "expected system_error";
  } catch (const ringport::system_error& e) {
    EXPECT_EQ(e.code(), ringport::error::name_too_long);
  }
  stream_endpoint ep("/kept");
  EXPECT_THROW(ep.path(std::string(200, 'x')), ringport::system_error);
}

TEST(LocalEndpointPath, AbstractNamesKeepTheirNuls) {
  // Linux's abstract namespace: a leading NUL, no terminator, NULs allowed inside. On other
  // systems this is just a path with unusual bytes; the value type does not care.
  const std::string name("\0ringport\0test", 14);
  const stream_endpoint ep(name);
  EXPECT_EQ(ep.path(), name);
  EXPECT_EQ(ep.path().size(), 14u);
  EXPECT_EQ(ep.size(), path_offset + 14);
  EXPECT_NE(ep, stream_endpoint(std::string("\0ringport", 9)));
  EXPECT_NE(ep, stream_endpoint(""));
}

TEST(LocalEndpointPath, ResizeTakesTheLengthTheOsReports) {
  stream_endpoint ep;
  const stream_endpoint source("/tmp/peer");
  std::memcpy(ep.data(), source.data(), source.capacity());
  // An OS that counts the terminator: it is dropped.
  ep.resize(path_offset + std::strlen("/tmp/peer") + 1);
  EXPECT_EQ(ep.path(), "/tmp/peer");
  // One that does not.
  ep.resize(path_offset + std::strlen("/tmp/peer"));
  EXPECT_EQ(ep.path(), "/tmp/peer");
  EXPECT_EQ(ep, source);
  // An unnamed peer reports the family only (or nothing).
  ep.resize(path_offset);
  EXPECT_EQ(ep.path(), "");
  ep.resize(0);
  EXPECT_EQ(ep.path(), "");
  EXPECT_NO_THROW(ep.resize(ep.capacity()));
  try {
    ep.resize(ep.capacity() + 1);
    FAIL() << "expected system_error";
  } catch (const ringport::system_error& e) {
    EXPECT_EQ(e.code(), ringport::error::invalid_argument);
  }
}

TEST(LocalEndpointPath, ComparesAndPrintsByPath) {
  const stream_endpoint a("/a"), b("/b"), a2("/a");
  EXPECT_EQ(a, a2);
  EXPECT_NE(a, b);
  EXPECT_LT(a, b);
  EXPECT_LE(a, a2);
  EXPECT_GT(b, a);
  EXPECT_GE(b, a);
  std::set<stream_endpoint> set{b, a, a2};
  EXPECT_EQ(set.size(), 2u);
  EXPECT_EQ(set.begin()->path(), "/a");
  std::ostringstream out;
  out << stream_endpoint("/var/run/x.sock");
  EXPECT_EQ(out.str(), "/var/run/x.sock");
}

}  // namespace local_endpoint_path_test

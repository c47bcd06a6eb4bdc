// A local (AF_UNIX) endpoint of one protocol, e.g. local::stream_protocol::endpoint: a file
// system path, or on Linux an abstract name beginning with '\0'. Wraps the sockaddr_un that the
// socket layer hands to the OS.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/local_endpoint.hpp"
#include "ringport/detail/socket_types.hpp"

#include <compare>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace ringport::local {

/// A local (AF_UNIX) endpoint of one protocol, e.g. local::stream_protocol::endpoint: a file
/// system path, or on Linux an abstract name beginning with '\0' (Asio's local::basic_endpoint).
///
/// It wraps the sockaddr_un that the socket layer hands to the OS.
template <typename Protocol>
class basic_endpoint {
 public:
  /// The protocol the endpoint belongs to.
  using protocol_type = Protocol;
  /// The OS's generic sockaddr (incomplete in ringport's headers; the socket layer casts).
  using data_type = detail::socket_addr_type;

  /// An endpoint with an empty path.
  basic_endpoint() noexcept = default;
  /// @name Construction from a path
  //@{
  /// The path constructors throw system_error(error::name_too_long) for a path of 108 bytes
  /// or more.
  basic_endpoint(const char* path_name) : impl_(std::string_view(path_name)) {}
  basic_endpoint(const std::string& path_name) : impl_(std::string_view(path_name)) {}
  basic_endpoint(std::string_view path_name) : impl_(path_name) {}
  //@}

  /// The protocol (a default-constructed protocol_type).
  protocol_type protocol() const noexcept { return protocol_type(); }

  /// @name The OS's address
  //@{
  /// The sockaddr_un as the OS takes it (data()), its length in use (size()), which resize()
  /// sets after the OS has written an address (throwing system_error(error::invalid_argument)
  /// beyond capacity()), and the largest length it can hold (capacity()).
  data_type* data() noexcept { return impl_.data(); }
  const data_type* data() const noexcept { return impl_.data(); }
  std::size_t size() const noexcept { return impl_.size(); }
  void resize(std::size_t new_size) { impl_.resize(new_size); }
  std::size_t capacity() const noexcept { return impl_.capacity(); }
  //@}

  /// @name Path
  //@{
  /// The path (an abstract name keeps its leading NUL), and setting it, which throws as the
  /// constructors do.
  std::string path() const { return impl_.path(); }
  void path(const char* p) { impl_.path(std::string_view(p)); }
  void path(const std::string& p) { impl_.path(std::string_view(p)); }
  //@}

  /// By path, byte by byte.
  friend bool operator==(const basic_endpoint& a, const basic_endpoint& b) noexcept {
    return a.impl_ == b.impl_;
  }
  friend std::strong_ordering operator<=>(const basic_endpoint& a,
                                          const basic_endpoint& b) noexcept {
    return a.impl_ <=> b.impl_;
  }

  /// Prints the path (an abstract name with its leading NUL, as Asio does).
  template <typename Elem, typename Traits>
  friend std::basic_ostream<Elem, Traits>& operator<<(std::basic_ostream<Elem, Traits>& os,
                                                      const basic_endpoint& endpoint) {
    return os << endpoint.path();
  }

 private:
  detail::local_endpoint impl_;
};

}  // namespace ringport::local

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"

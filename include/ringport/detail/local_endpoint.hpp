// The storage behind local::basic_endpoint<Protocol>: a sockaddr_un and the length of the path
// in it. A path that begins with '\0' names Linux's abstract namespace: it is not
// NUL-terminated and may hold further NULs, so the length, not a terminator, delimits it.
#pragma once

#include "ringport/detail/config.hpp"

#include "ringport/detail/socket_types.hpp"

#include <compare>
#include <cstddef>
#include <string>
#include <string_view>

namespace ringport::detail {

class RINGPORT_DECL local_endpoint {
 public:
  // The empty path.
  local_endpoint() noexcept;
  // Throws system_error(error::name_too_long) when the path leaves no room for a terminator.
  explicit local_endpoint(std::string_view path_name);

  socket_addr_type* data() noexcept { return reinterpret_cast<socket_addr_type*>(&data_); }
  const socket_addr_type* data() const noexcept {
    return reinterpret_cast<const socket_addr_type*>(&data_);
  }
  // The family field plus the path bytes, without a terminator (Linux and Windows accept that).
  std::size_t size() const noexcept { return path_offset + path_length_; }
  // Called after the OS wrote an address into data(): takes the path length from `new_size`,
  // dropping a terminator the OS counted. Throws system_error(invalid_argument) when larger
  // than a sockaddr_un.
  void resize(std::size_t new_size);
  std::size_t capacity() const noexcept { return sizeof(data_); }

  std::string path() const { return std::string(data_.path, path_length_); }
  void path(std::string_view path_name);

  friend bool operator==(const local_endpoint& a, const local_endpoint& b) noexcept {
    return a.view() == b.view();
  }
  friend std::strong_ordering operator<=>(const local_endpoint& a,
                                          const local_endpoint& b) noexcept {
    return a.view() <=> b.view();
  }

 private:
  static constexpr std::size_t path_offset = offsetof(sockaddr_un_layout, path);

  std::string_view view() const noexcept { return std::string_view(data_.path, path_length_); }

  sockaddr_un_layout data_;
  std::size_t path_length_ = 0;
};

}  // namespace ringport::detail

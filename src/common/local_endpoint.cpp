// local_endpoint: path <-> sockaddr_un.
#include "ringport/detail/local_endpoint.hpp"

#include "ringport/error.hpp"

#include <cstring>

namespace ringport::detail {

local_endpoint::local_endpoint() noexcept {
  std::memset(&data_, 0, sizeof(data_));
  data_.family = static_cast<std::uint16_t>(af_unix);
}

local_endpoint::local_endpoint(std::string_view path_name) : local_endpoint() {
  path(path_name);
}

void local_endpoint::path(std::string_view path_name) {
  // One byte stays free so that a file system path is always NUL-terminated in data_, as the
  // OS requires when the length it is given includes no terminator.
  if (path_name.size() > sizeof(data_.path) - 1) throw_error(error::name_too_long, "path");
  std::memset(data_.path, 0, sizeof(data_.path));
  if (!path_name.empty()) std::memcpy(data_.path, path_name.data(), path_name.size());
  path_length_ = path_name.size();
}

void local_endpoint::resize(std::size_t new_size) {
  if (new_size > sizeof(data_)) throw_error(error::invalid_argument, "resize");
  // An unnamed socket (e.g. a connect_pair end) is reported with just the family, or less.
  path_length_ = new_size > path_offset ? new_size - path_offset : 0;
  // The OS may count a file system path's terminator.
  if (path_length_ > 0 && data_.path[path_length_ - 1] == '\0') --path_length_;
}

}  // namespace ringport::detail

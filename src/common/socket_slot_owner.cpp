#include "ringport/detail/socket_slot_owner.hpp"

namespace ringport::detail {

std::mutex& socket_link_mutex() noexcept {
  static std::mutex m;
  return m;
}

}  // namespace ringport::detail

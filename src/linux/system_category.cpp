// On POSIX the native error codes are errno values: the standard system category fits.
#include "ringport/error_code.hpp"

namespace ringport {

const error_category& system_category() noexcept {
  return std::system_category();
}

}  // namespace ringport

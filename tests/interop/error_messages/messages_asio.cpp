// The Asio side of the error-message comparison: standalone Asio only.
#include "error_list.hpp"

#include <asio/error.hpp>

namespace error_messages_interop {

std::vector<error_text> asio_errors() {
  std::vector<error_text> out;
#define ERROR_MESSAGES_INTEROP_ASIO(e)                                                       \
  {                                                                                          \
    const asio::error_code ec = asio::error::e;                                              \
    out.push_back({#e, ec.value(), ec.message(), ec.category() == asio::system_category()}); \
  }
  ERROR_MESSAGES_INTEROP_LIST(ERROR_MESSAGES_INTEROP_ASIO)
#undef ERROR_MESSAGES_INTEROP_ASIO
  return out;
}

}  // namespace error_messages_interop

// The ringport side of the error-message comparison.
#include "error_list.hpp"

#include "ringport/error.hpp"

namespace error_messages_interop {

std::vector<error_text> ringport_errors() {
  std::vector<error_text> out;
#define ERROR_MESSAGES_INTEROP_RINGPORT(e)                                                       \
  {                                                                                              \
    const ringport::error_code ec = ringport::error::e;                                          \
    out.push_back({#e, ec.value(), ec.message(), ec.category() == ringport::system_category()}); \
  }
  ERROR_MESSAGES_INTEROP_LIST(ERROR_MESSAGES_INTEROP_RINGPORT)
#undef ERROR_MESSAGES_INTEROP_RINGPORT
  return out;
}

}  // namespace error_messages_interop

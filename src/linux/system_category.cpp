// The category of native POSIX errors (errno values). It behaves as the standard system
// category does (same conditions, so `ec == std::errc::connection_refused` holds), with one
// difference that Asio users see: ECANCELED, which every cancelled operation reports, reads
// "Operation aborted." as it does in Asio, not strerror's "Operation canceled".
#include "ringport/error_code.hpp"

#include <cerrno>
#include <cstring>
#include <string>

namespace ringport {

namespace {

class posix_system_category final : public error_category {
 public:
  const char* name() const noexcept override { return "system"; }

  std::string message(int value) const override {
    if (value == ECANCELED) return "Operation aborted.";
    return std::system_category().message(value);
  }

  std::error_condition default_error_condition(int value) const noexcept override {
    return std::system_category().default_error_condition(value);
  }
};

}  // namespace

const error_category& system_category() noexcept {
  static const posix_system_category instance;
  return instance;
}

}  // namespace ringport

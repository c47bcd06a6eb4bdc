#include "ringport/error.hpp"

#include <string>

namespace ringport {

namespace detail {

void throw_error(const error_code& ec, const char* location) {
  if (!ec) return;
  if (location)
    throw system_error(ec, location);
  else
    throw system_error(ec);
}

}  // namespace detail

namespace error {

namespace {

class netdb_category_impl final : public error_category {
 public:
  const char* name() const noexcept override { return "ringport.netdb"; }
  std::string message(int value) const override {
    switch (value) {
      case host_not_found:
        return "Host not found (authoritative)";
      case host_not_found_try_again:
        return "Host not found (non-authoritative), try again later";
      case no_data:
        return "The query is valid, but it does not have associated data";
      case no_recovery:
        return "A non-recoverable error occurred during database lookup";
      default:
        return "ringport.netdb error";
    }
  }
};

class addrinfo_category_impl final : public error_category {
 public:
  const char* name() const noexcept override { return "ringport.addrinfo"; }
  std::string message(int value) const override {
    if (value == service_not_found) return "Service not found";
    if (value == socket_type_not_supported) return "Socket type not supported";
    return "ringport.addrinfo error";
  }
};

class misc_category_impl final : public error_category {
 public:
  const char* name() const noexcept override { return "ringport.misc"; }
  std::string message(int value) const override {
    switch (value) {
      case already_open:
        return "Already open";
      case eof:
        return "End of file";
      case not_found:
        return "Element not found";
      case fd_set_failure:
        return "The descriptor does not fit into the select call's fd_set";
      default:
        return "ringport.misc error";
    }
  }
};

}  // namespace

const error_category& get_system_category() noexcept {
  return ringport::system_category();
}

const error_category& get_netdb_category() noexcept {
  static const netdb_category_impl instance;
  return instance;
}

const error_category& get_addrinfo_category() noexcept {
  static const addrinfo_category_impl instance;
  return instance;
}

const error_category& get_misc_category() noexcept {
  static const misc_category_impl instance;
  return instance;
}

}  // namespace error

}  // namespace ringport

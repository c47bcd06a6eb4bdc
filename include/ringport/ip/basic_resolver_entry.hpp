// ip::basic_resolver_entry<Protocol>: one result of a resolve, the endpoint together with the
// host name and service name it was resolved from (the canonical name when the query asked
// for resolver_base::canonical_name and one was found).
#pragma once

#include "ringport/detail/config.hpp"
#include <string>
#include <string_view>
#include <utility>

namespace ringport::ip {

template <typename InternetProtocol>
class basic_resolver_entry {
 public:
  using protocol_type = InternetProtocol;
  using endpoint_type = typename InternetProtocol::endpoint;

  basic_resolver_entry() = default;
  basic_resolver_entry(const endpoint_type& ep, std::string_view host, std::string_view service)
      : endpoint_(ep), host_name_(host), service_name_(service) {}

  endpoint_type endpoint() const { return endpoint_; }
  operator endpoint_type() const { return endpoint_; }

  std::string host_name() const { return host_name_; }
  template <typename Allocator>
  std::basic_string<char, std::char_traits<char>, Allocator> host_name(
      const Allocator& alloc = Allocator()) const {
    return std::basic_string<char, std::char_traits<char>, Allocator>(host_name_.c_str(), alloc);
  }

  std::string service_name() const { return service_name_; }
  template <typename Allocator>
  std::basic_string<char, std::char_traits<char>, Allocator> service_name(
      const Allocator& alloc = Allocator()) const {
    return std::basic_string<char, std::char_traits<char>, Allocator>(service_name_.c_str(), alloc);
  }

 private:
  endpoint_type endpoint_;
  std::string host_name_;
  std::string service_name_;
};

}  // namespace ringport::ip

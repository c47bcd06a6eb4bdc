// ip::basic_resolver_entry<Protocol>: one result of a resolve, the endpoint together with the
// host name and service name it was resolved from (the canonical name when the query asked
// for resolver_base::canonical_name and one was found).
#pragma once

#include "ringport/detail/config.hpp"
#include <string>
#include <string_view>
#include <utility>

namespace ringport::ip {

/// One result of a resolve: an endpoint with the host and service names it was found for
/// (Asio's ip::basic_resolver_entry).
template <typename InternetProtocol>
class basic_resolver_entry {
 public:
  /// @name Types
  //@{
  /// The protocol and its endpoint type.
  using protocol_type = InternetProtocol;
  using endpoint_type = typename InternetProtocol::endpoint;

  //@}
  /// @name Construction
  //@{
  /// An empty entry, or one of `ep` with the names `host` and `service`.
  basic_resolver_entry() = default;
  basic_resolver_entry(const endpoint_type& ep, std::string_view host, std::string_view service)
      : endpoint_(ep), host_name_(host), service_name_(service) {}

  //@}
  /// @name Endpoint
  //@{
  /// The entry's endpoint.
  endpoint_type endpoint() const { return endpoint_; }
  operator endpoint_type() const { return endpoint_; }

  //@}
  /// @name Names
  //@{
  /// The host name and the service name the entry was found for (with an allocator of the
  /// caller's choice, if given).
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

  //@}
 private:
  endpoint_type endpoint_;
  std::string host_name_;
  std::string service_name_;
};

}  // namespace ringport::ip

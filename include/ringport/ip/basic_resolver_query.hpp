// ip::basic_resolver_query<Protocol>: a forward lookup's host, service, flags and optional
// protocol as one value, the argument of the deprecated resolve(query) and
// async_resolve(query) forms. Defaults are Asio's: without a host the query is passive.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/ip/resolver_query_base.hpp"

#include <optional>
#include <string>

namespace ringport::ip {

/// Asio's deprecated resolver query: a host, a service, flags and optionally a protocol, for
/// basic_resolver's deprecated resolve(query) forms. It has no hints(): resolve_flags() and
/// protocol() give what it holds.
template <typename InternetProtocol>
class basic_resolver_query : public resolver_query_base {
 public:
  /// The protocol of the query.
  using protocol_type = InternetProtocol;

  /// @name Construction
  //@{
  /// A service on this host (for a server to bind).
  basic_resolver_query(const std::string& service,
                       flags resolve_flags = passive | address_configured)
      : service_(service), flags_(resolve_flags) {}
  basic_resolver_query(const protocol_type& protocol, const std::string& service,
                       flags resolve_flags = passive | address_configured)
      : protocol_(protocol), service_(service), flags_(resolve_flags) {}
  /// A service on a named host (for a client to connect to).
  basic_resolver_query(const std::string& host, const std::string& service,
                       flags resolve_flags = address_configured)
      : host_(host), service_(service), flags_(resolve_flags) {}
  basic_resolver_query(const protocol_type& protocol, const std::string& host,
                       const std::string& service, flags resolve_flags = address_configured)
      : protocol_(protocol), host_(host), service_(service), flags_(resolve_flags) {}

  //@}
  /// @name Names
  //@{
  /// The host and service names of the query.
  std::string host_name() const { return host_; }
  std::string service_name() const { return service_; }

  //@}
  /// @name Flags and protocol
  //@{
  /// ringport's accessors for what Asio keeps in an addrinfo (hints()): the flags, and the
  /// protocol when one was given (else both IPv4 and IPv6 results are wanted).
  flags resolve_flags() const noexcept { return flags_; }
  const protocol_type* protocol() const noexcept { return protocol_ ? &*protocol_ : nullptr; }

  //@}
 private:
  std::optional<protocol_type> protocol_;
  std::string host_;
  std::string service_;
  flags flags_;
};

}  // namespace ringport::ip

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"

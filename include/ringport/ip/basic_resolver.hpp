// ip::basic_resolver<Protocol, Executor>: turns host and service names into endpoints
// (getaddrinfo) and endpoints back into names (getnameinfo), with Asio's interface.
// Synchronous resolves block the calling thread. Asynchronous resolves run on the resolver
// service's private worker thread, never on the context's threads; the handler runs through
// its associated executor like any other operation's, and never inside async_resolve.
// cancel(), destroying the resolver, and the handler's cancellation slot (terminal, partial
// or total) make a pending resolve complete once with error::operation_aborted, even while
// its lookup is still running (that lookup's result is then discarded).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/any_io_executor.hpp"
#include "ringport/async_result.hpp"
#include "ringport/detail/io_object_impl.hpp"
#include "ringport/detail/resolve_op.hpp"
#include "ringport/detail/resolver_service.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/ip/basic_resolver_entry.hpp"
#include "ringport/ip/basic_resolver_iterator.hpp"
#include "ringport/ip/basic_resolver_query.hpp"
#include "ringport/ip/basic_resolver_results.hpp"
#include "ringport/ip/resolver_base.hpp"

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace ringport::ip {
template <typename InternetProtocol, typename Executor = any_io_executor>
class basic_resolver;
}  // namespace ringport::ip

namespace ringport::detail {
template <typename T>
struct is_resolver : std::false_type {};
template <typename P, typename E>
struct is_resolver<ip::basic_resolver<P, E>> : std::true_type {};

// An argument the executor constructor takes: anything convertible to the executor, except a
// resolver (tested first, so that it short-circuits the conversion test).
template <typename T, typename Executor>
concept resolver_executor_arg =
    !is_resolver<std::remove_cvref_t<T>>::value && std::is_convertible_v<const T&, Executor>;
}  // namespace ringport::detail

namespace ringport::ip {

/// Turns host and service names into endpoints, and endpoints into names, with Asio's
/// interface (Asio's ip::basic_resolver). Asynchronous resolves run off the context's threads
/// (getaddrinfo and getnameinfo on the resolver service's worker); cancel() or destruction
/// completes the pending ones with operation_aborted.
template <typename InternetProtocol, typename Executor>
class basic_resolver : public resolver_base {
 private:
  using service_type = detail::resolver_service;

 public:
  /// The executor the resolver's handlers run on by default.
  using executor_type = Executor;

  /// The same resolver type on another executor type.
  template <typename Executor1>
  struct rebind_executor {
    /// The resolver type on `Executor1`.
    using other = basic_resolver<InternetProtocol, Executor1>;
  };

  /// @name Types
  //@{
  /// The protocol (ip::tcp or ip::udp), its endpoint type, and the results of a resolve.
  using protocol_type = InternetProtocol;
  using endpoint_type = typename InternetProtocol::endpoint;
  using results_type = basic_resolver_results<InternetProtocol>;

  //@}
  /// @name Construction and assignment
  //@{
  /// A resolver on an executor (or an execution context's executor). A resolver is not
  /// copyable; a move takes pending resolves along.
  template <detail::resolver_executor_arg<Executor> ExecutorArg>
  explicit basic_resolver(const ExecutorArg& ex) : impl_(0, executor_type(ex)) {}

  template <detail::execution_context_type ExecutionContext>
  explicit basic_resolver(ExecutionContext& ctx) : impl_(ctx) {}

  /// Pending resolves move with the resolver; `other` is left as if newly constructed.
  basic_resolver(basic_resolver&& other) = default;
  /// This resolver's pending resolves complete with operation_aborted; those of `other` move.
  basic_resolver& operator=(basic_resolver&& other) = default;

  template <detail::executor_convertible_to<Executor> Executor1>
  basic_resolver(basic_resolver<InternetProtocol, Executor1>&& other)
      : impl_(std::move(other.impl_)) {}

  template <detail::executor_convertible_to<Executor> Executor1>
  basic_resolver& operator=(basic_resolver<InternetProtocol, Executor1>&& other) {
    basic_resolver tmp(std::move(other));
    impl_ = std::move(tmp.impl_);
    return *this;
  }

  basic_resolver(const basic_resolver&) = delete;
  basic_resolver& operator=(const basic_resolver&) = delete;

  /// Pending resolves complete with operation_aborted.
  ~basic_resolver() = default;

  //@}
  /// The executor the resolver's handlers run on by default.
  executor_type get_executor() noexcept { return impl_.get_executor(); }

  /// Every pending async_resolve completes with operation_aborted.
  void cancel() { impl_.get_service().cancel(impl_.get_implementation()); }

  /// @name Forward resolution
  //@{
  /// Forward resolution. Without a protocol both IPv4 and IPv6 results are returned; without
  /// flags, address_configured is used (as Asio). An empty host or service is not passed.
  /// The overloads without `ec` throw std::system_error on failure; errors are the netdb and
  /// addrinfo ones (error::host_not_found, error::service_not_found, ...).
  results_type resolve(std::string_view host, std::string_view service) {
    return resolve(host, service, resolver_base::address_configured);
  }
  results_type resolve(std::string_view host, std::string_view service, error_code& ec) {
    return resolve(host, service, resolver_base::address_configured, ec);
  }
  results_type resolve(std::string_view host, std::string_view service,
                       resolver_base::flags resolve_flags) {
    error_code ec;
    results_type r = resolve(host, service, resolve_flags, ec);
    detail::throw_error(ec, "resolve");
    return r;
  }
  results_type resolve(std::string_view host, std::string_view service,
                       resolver_base::flags resolve_flags, error_code& ec) {
    return run_sync(make_query(nullptr, host, service, resolve_flags), ec);
  }

  results_type resolve(const protocol_type& protocol, std::string_view host,
                       std::string_view service) {
    return resolve(protocol, host, service, resolver_base::address_configured);
  }
  results_type resolve(const protocol_type& protocol, std::string_view host,
                       std::string_view service, error_code& ec) {
    return resolve(protocol, host, service, resolver_base::address_configured, ec);
  }
  results_type resolve(const protocol_type& protocol, std::string_view host,
                       std::string_view service, resolver_base::flags resolve_flags) {
    error_code ec;
    results_type r = resolve(protocol, host, service, resolve_flags, ec);
    detail::throw_error(ec, "resolve");
    return r;
  }
  results_type resolve(const protocol_type& protocol, std::string_view host,
                       std::string_view service, resolver_base::flags resolve_flags,
                       error_code& ec) {
    return run_sync(make_query(&protocol, host, service, resolve_flags), ec);
  }

//@}
#if defined(RINGPORT_HAS_DEPRECATED)
  /// @name Deprecated query forms
  //@{
  /// The deprecated query forms: the query's host, service, flags and protocol, as above.
  using query = basic_resolver_query<InternetProtocol>;
  using iterator = basic_resolver_iterator<InternetProtocol>;

  results_type resolve(const query& q) {
    error_code ec;
    results_type r = resolve(q, ec);
    detail::throw_error(ec, "resolve");
    return r;
  }
  results_type resolve(const query& q, error_code& ec) {
    return run_sync(make_query(q.protocol(), q.host_name(), q.service_name(), q.resolve_flags()),
                    ec);
  }
  template <completion_token_for<void(error_code, results_type)> ResolveToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_resolve(const query& q,
                               ResolveToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<ResolveToken, void(error_code, results_type)>(
        initiate_async_resolve(this), token,
        make_query(q.protocol(), q.host_name(), q.service_name(), q.resolve_flags()));
  }
//@}
#endif

  /// @name Reverse resolution
  //@{
  /// Reverse resolution: one entry, the endpoint with its host and service names.
  results_type resolve(const endpoint_type& e) {
    error_code ec;
    results_type r = resolve(e, ec);
    detail::throw_error(ec, "resolve");
    return r;
  }
  results_type resolve(const endpoint_type& e, error_code& ec) {
    return run_sync(make_query(e), ec);
  }

  //@}
  /// @name Asynchronous resolution
  //@{
  /// Forward (from a host and a service) or reverse (from an endpoint) resolution, as resolve()
  /// does, off the context's threads. Completion signature void(error_code, results_type).
  /// cancel(), destruction or the handler's cancellation slot end it with operation_aborted.
  template <completion_token_for<void(error_code, results_type)> ResolveToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_resolve(std::string_view host, std::string_view service,
                               ResolveToken&& token = default_completion_token_t<executor_type>()) {
    return async_resolve(host, service, resolver_base::address_configured,
                         std::forward<ResolveToken>(token));
  }

  template <completion_token_for<void(error_code, results_type)> ResolveToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_resolve(std::string_view host, std::string_view service,
                               resolver_base::flags resolve_flags,
                               ResolveToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<ResolveToken, void(error_code, results_type)>(
        initiate_async_resolve(this), token, make_query(nullptr, host, service, resolve_flags));
  }

  template <completion_token_for<void(error_code, results_type)> ResolveToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_resolve(const protocol_type& protocol, std::string_view host,
                               std::string_view service,
                               ResolveToken&& token = default_completion_token_t<executor_type>()) {
    return async_resolve(protocol, host, service, resolver_base::address_configured,
                         std::forward<ResolveToken>(token));
  }

  template <completion_token_for<void(error_code, results_type)> ResolveToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_resolve(const protocol_type& protocol, std::string_view host,
                               std::string_view service, resolver_base::flags resolve_flags,
                               ResolveToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<ResolveToken, void(error_code, results_type)>(
        initiate_async_resolve(this), token, make_query(&protocol, host, service, resolve_flags));
  }

  template <completion_token_for<void(error_code, results_type)> ResolveToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_resolve(const endpoint_type& e,
                               ResolveToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<ResolveToken, void(error_code, results_type)>(
        initiate_async_resolve(this), token, make_query(e));
  }

  //@}
 private:
  template <typename, typename>
  friend class basic_resolver;

  // Asio's hints: the protocol's family (or unspecified), type and protocol number.
  static detail::resolve_query make_query(const protocol_type* protocol, std::string_view host,
                                          std::string_view service,
                                          resolver_base::flags resolve_flags) {
    detail::resolve_query q;
    q.host.assign(host.data(), host.size());
    q.service.assign(service.data(), service.size());
    q.flags = static_cast<int>(resolve_flags);
    const protocol_type p = protocol ? *protocol : protocol_type::v4();
    q.family = protocol ? p.family() : 0;  // 0 is AF_UNSPEC
    q.socktype = p.type();
    q.protocol = p.protocol();
    return q;
  }

  static detail::resolve_query make_query(const endpoint_type& e) {
    detail::resolve_query q;
    q.reverse = true;
    q.endpoint = detail::ip_endpoint(e.address(), e.port());
    q.socktype = e.protocol().type();
    return q;
  }

  static results_type run_sync(const detail::resolve_query& q, error_code& ec) {
    detail::resolve_result r;
    ec = detail::resolve_blocking(q, r);
    if (ec) return results_type();
    return detail::make_resolver_results<InternetProtocol>(r);
  }

  class initiate_async_resolve {
   public:
    using executor_type = Executor;

    explicit initiate_async_resolve(basic_resolver* self) noexcept : self_(self) {}

    executor_type get_executor() const noexcept { return self_->get_executor(); }

    template <typename ResolveHandler>
    void operator()(ResolveHandler&& handler, detail::resolve_query query) const {
      static_assert(std::is_invocable_v<std::decay_t<ResolveHandler>&&, error_code, results_type>,
                    "a resolve handler must be callable as void(error_code, results_type)");
      self_->impl_.get_service().template async_resolve<InternetProtocol>(
          self_->impl_.get_implementation(), std::move(query),
          std::forward<ResolveHandler>(handler), self_->impl_.get_executor());
    }

   private:
    basic_resolver* self_;
  };

  detail::io_object_impl<service_type, executor_type> impl_;
};

}  // namespace ringport::ip

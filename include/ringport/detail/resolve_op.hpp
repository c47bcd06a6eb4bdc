// A resolve (getaddrinfo or getnameinfo) as data, and the operation that carries one through
// the resolver service's worker thread: the non-template resolve_op (query, raw result, the
// link to a cancellation handler) and the resolve_handler shell (the handler and its work).
#pragma once

#include "ringport/detail/config.hpp"

#include "ringport/associated_allocator.hpp"
#include "ringport/detail/binder2.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/handler_work.hpp"
#include "ringport/detail/ip_endpoint.hpp"
#include "ringport/detail/scheduler_operation.hpp"
#include "ringport/detail/slot_cancellation_link.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/ip/basic_resolver_results.hpp"

#include <atomic>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <new>
#include <system_error>
#include <string>
#include <utility>
#include <vector>

namespace ringport::detail {

// What to look up. Forward (getaddrinfo): host and service, with the hints; an empty host or
// service is passed as null. Reverse (getnameinfo): the endpoint, with socktype deciding
// NI_DGRAM.
struct resolve_query {
  bool reverse = false;
  std::string host;
  std::string service;
  int flags = 0;
  int family = 0;
  int socktype = 0;
  int protocol = 0;
  ip_endpoint endpoint;
};

// What came back: the IPv4/IPv6 addresses in getaddrinfo's order (ports included), and the
// names every entry carries.
struct resolve_result {
  std::vector<ip_endpoint> endpoints;
  std::string host_name;
  std::string service_name;
};

// Runs the query on the calling thread (blocking). Maps EAI_* codes to Asio's error values.
RINGPORT_DECL error_code resolve_blocking(const resolve_query& query, resolve_result& result);

template <typename InternetProtocol>
ip::basic_resolver_results<InternetProtocol> make_resolver_results(resolve_result& r) {
  using endpoint_type = typename InternetProtocol::endpoint;
  std::vector<ip::basic_resolver_entry<InternetProtocol>> entries;
  entries.reserve(r.endpoints.size());
  for (const ip_endpoint& e : r.endpoints) {
    endpoint_type ep(e.address(), e.port());
    entries.emplace_back(ep, r.host_name, r.service_name);
  }
  return ip::basic_resolver_results<InternetProtocol>::create(std::move(entries));
}

class resolve_op : public scheduler_operation, public slot_link_end<resolve_op> {
 public:
  // The query; the worker moves it out when it takes the op.
  resolve_query query_;
  // The result; written by the worker under the service mutex if the op is still its own.
  resolve_result result_;
  // The resolver (its implementation's id) that started the op.
  std::uint64_t owner_ = 0;

 protected:
  explicit resolve_op(func_type func) noexcept : scheduler_operation(func) {}
  ~resolve_op() = default;
};

// The shell: frees its memory, then calls handler(ec, results).
template <typename Handler, typename IoExecutor, typename InternetProtocol>
class resolve_handler final : public resolve_op {
 public:
  template <typename H>
  resolve_handler(H&& handler, resolve_query&& query, const IoExecutor& io_ex,
                  const execution_context& io_ctx)
      : resolve_op(&resolve_handler::do_complete),
        handler_(std::forward<H>(handler)),
        work_(handler_, io_ex, io_ctx) {
    query_ = std::move(query);
  }

  static void do_complete(void* owner, scheduler_operation* base, const error_code& ec,
                          std::size_t) {
    auto* op = static_cast<resolve_handler*>(base);
    assert(op->canceller_ == nullptr && "a resolve left its service without detaching");
    auto alloc = get_associated_allocator(op->handler_);
    if (!owner) {
      // The handler outlives the op's memory, which its allocator may depend on.
      [[maybe_unused]] Handler handler(std::move(op->handler_));
      deallocate_op(alloc, op);
      return;
    }
    handler_work<Handler, IoExecutor> work(std::move(op->work_));
    // `ec` may refer into the op: copy it before the memory goes.
    error_code result_ec = ec;
    ip::basic_resolver_results<InternetProtocol> results;
    if (!result_ec) {
      try {
        results = make_resolver_results<InternetProtocol>(op->result_);
      } catch (const std::bad_alloc&) {
        result_ec = std::make_error_code(std::errc::not_enough_memory);
      }
    }
    binder2<Handler, error_code, ip::basic_resolver_results<InternetProtocol>> bound(
        std::move(op->handler_), result_ec, std::move(results));
    deallocate_op(alloc, op);
    work.complete(bound, alloc);
  }

 private:
  Handler handler_;
  handler_work<Handler, IoExecutor> work_;
};

}  // namespace ringport::detail

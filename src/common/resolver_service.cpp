// The resolver service's worker thread and bookkeeping, and the blocking lookups through
// getaddrinfo/getnameinfo, which Linux and Windows (Winsock) spell alike, with their EAI_*
// codes. The OS's part (starting Winsock, the last error) is in src/<os>/resolver_service.cpp.
#include "ringport/detail/resolver_service.hpp"

#include "resolver_service_os.hpp"
#include "resolver_testing.hpp"
#include "ringport/error.hpp"
#include "ringport/ip/resolver_base.hpp"

#if defined(_WIN32)
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <netdb.h>
#include <sys/socket.h>
#endif

#include <cstring>
#include <new>

namespace ringport::detail {

execution_context::id resolver_service::id;

// resolver_base's flags are the OS's AI_* values, passed to getaddrinfo as they are.
static_assert(ip::resolver_base::canonical_name == AI_CANONNAME);
static_assert(ip::resolver_base::passive == AI_PASSIVE);
static_assert(ip::resolver_base::numeric_host == AI_NUMERICHOST);
static_assert(ip::resolver_base::numeric_service == AI_NUMERICSERV);
static_assert(ip::resolver_base::v4_mapped == AI_V4MAPPED);
static_assert(ip::resolver_base::all_matching == AI_ALL);
static_assert(ip::resolver_base::address_configured == AI_ADDRCONFIG);

namespace {

// A non-zero getaddrinfo/getnameinfo result (EAI_*) as Asio reports it: the name database's
// answers map to netdb/addrinfo values (on Windows these carry the WSA codes); anything
// else (EAI_SYSTEM, unknown codes) is the OS's error taken right after the call.
error_code translate_addrinfo_error(int code, int saved_error) {
  switch (code) {
    case 0:
      return error_code();
    case EAI_AGAIN:
      return error::host_not_found_try_again;
    case EAI_BADFLAGS:
      return error::invalid_argument;
    case EAI_FAIL:
      return error::no_recovery;
    case EAI_FAMILY:
      return error::address_family_not_supported;
    case EAI_MEMORY:
      return error::no_memory;
    case EAI_NONAME:
#if defined(EAI_ADDRFAMILY)
    case EAI_ADDRFAMILY:
#endif
#if defined(EAI_NODATA) && (EAI_NODATA != EAI_NONAME)
    case EAI_NODATA:
#endif
      return error::host_not_found;
    case EAI_SERVICE:
      return error::service_not_found;
    case EAI_SOCKTYPE:
      return error::socket_type_not_supported;
    default:
      return resolver_os::other_addrinfo_error(code, saved_error);
  }
}

error_code forward_lookup(const resolve_query& q, resolve_result& r) {
  addrinfo hints;
  std::memset(&hints, 0, sizeof(hints));
  hints.ai_flags = q.flags;
  hints.ai_family = q.family;
  hints.ai_socktype = q.socktype;
  hints.ai_protocol = q.protocol;
  addrinfo* list = nullptr;
  resolver_os::clear_last_error();
  int code = ::getaddrinfo(q.host.empty() ? nullptr : q.host.c_str(),
                           q.service.empty() ? nullptr : q.service.c_str(), &hints, &list);
  int saved_error = resolver_os::last_error();
  if (code != 0) return translate_addrinfo_error(code, saved_error);

  struct list_guard {
    addrinfo* p;
    ~list_guard() { ::freeaddrinfo(p); }
  } guard{list};

  r.endpoints.clear();
  // As Asio: the canonical name, when the first entry carries one, names every entry.
  r.host_name = (list != nullptr && list->ai_canonname != nullptr) ? list->ai_canonname : q.host;
  r.service_name = q.service;
  for (addrinfo* ai = list; ai != nullptr; ai = ai->ai_next) {
    if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6) continue;
    ip_endpoint ep;
    if (ai->ai_addrlen > ep.capacity()) continue;
    std::memcpy(static_cast<void*>(ep.data()), ai->ai_addr, ai->ai_addrlen);
    ep.resize(ai->ai_addrlen);
    r.endpoints.push_back(ep);
  }
  return error_code();
}

error_code reverse_lookup(const resolve_query& q, resolve_result& r) {
  char host[NI_MAXHOST];
  char service[NI_MAXSERV];
  int flags = q.socktype == SOCK_DGRAM ? NI_DGRAM : 0;
  resolver_os::clear_last_error();
  int code = ::getnameinfo(reinterpret_cast<const sockaddr*>(q.endpoint.data()),
                           static_cast<socklen_t>(q.endpoint.size()), host, sizeof(host), service,
                           sizeof(service), flags);
  int saved_error = resolver_os::last_error();
  if (code != 0) return translate_addrinfo_error(code, saved_error);
  r.endpoints.assign(1, q.endpoint);
  r.host_name = host;
  r.service_name = service;
  return error_code();
}

std::uint64_t next_resolver_id() noexcept {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

error_code resolve_blocking(const resolve_query& query, resolve_result& result) {
  try {
    return query.reverse ? reverse_lookup(query, result) : forward_lookup(query, result);
  } catch (const std::bad_alloc&) {
    return error::no_memory;
  }
}

resolver_service::resolver_service(execution_context& ctx)
    : execution_context_service_base<resolver_service>(ctx),
      scheduler_(use_service<scheduler>(ctx)) {
  // Synchronous resolves need the name service too: every resolver reaches this service.
  resolver_os::startup();
}

resolver_service::~resolver_service() {
  // Resolves started after shutdown (by a handler's destructor, say) never ran: destroy them
  // rather than leak them (the queue's destructor does, outside the lock).
  op_queue<scheduler_operation> ops;
  {
    std::lock_guard lock(mutex_);
    shutdown_ = true;  // normally set already by shutdown()
    while (auto* op = static_cast<resolve_op*>(queue_.front())) {
      queue_.pop();
      op->detach_canceller();
      ops.push(op);
    }
  }
  work_cv_.notify_all();
#if RINGPORT_TESTING_HOOKS
  resolver_testing::hold_workers(false);
#endif
  if (worker_.joinable()) worker_.join();  // only if shutdown() never ran
  resolver_os::cleanup();
}

void resolver_service::shutdown() {
  op_queue<scheduler_operation> ops;
  {
    std::lock_guard lock(mutex_);
    shutdown_ = true;
    while (auto* op = static_cast<resolve_op*>(queue_.front())) {
      queue_.pop();
      op->detach_canceller();
      ops.push(op);
    }
    if (running_ != nullptr) {
      // The worker finds it gone and discards the lookup's result.
      running_->detach_canceller();
      ops.push(running_);
      running_ = nullptr;
    }
  }
  work_cv_.notify_all();
#if RINGPORT_TESTING_HOOKS
  resolver_testing::hold_workers(false);
#endif
  // TRICKY: joined before the scheduler shuts down (services shut down newest first, and the
  // scheduler is older), so nothing the worker does can reach a scheduler that has gone.
  if (worker_.joinable()) worker_.join();
  // `ops` destroys the handlers without calling them, with no lock held.
}

void resolver_service::construct(implementation_type& impl) noexcept {
  impl.id = next_resolver_id();
}

void resolver_service::move_construct(implementation_type& impl,
                                      implementation_type& other) noexcept {
  impl.id = other.id;
  other.id = next_resolver_id();
}

void resolver_service::move_assign(implementation_type& impl, resolver_service& other_service,
                                   implementation_type& other) {
  cancel(impl);
  other_service.move_construct(impl, other);
}

void resolver_service::take_locked(resolve_op* op) {
  if (op == running_) {
    running_ = nullptr;
  } else {
    op_queue<scheduler_operation> rest;
    while (scheduler_operation* q = queue_.front()) {
      queue_.pop();
      if (q != op) rest.push(q);
    }
    queue_.push(rest);
  }
  op->detach_canceller();
  op->ec_ = error::operation_aborted;
}

void resolver_service::cancel(implementation_type& impl) {
  op_queue<scheduler_operation> aborted;
  {
    std::lock_guard lock(mutex_);
    op_queue<scheduler_operation> rest;
    while (auto* op = static_cast<resolve_op*>(queue_.front())) {
      queue_.pop();
      if (op->owner_ == impl.id) {
        op->detach_canceller();
        op->ec_ = error::operation_aborted;
        aborted.push(op);
      } else {
        rest.push(op);
      }
    }
    queue_.push(rest);
    if (running_ != nullptr && running_->owner_ == impl.id) {
      resolve_op* op = running_;
      take_locked(op);
      aborted.push(op);
    }
  }
  scheduler_.post_deferred_completions(aborted);
}

void resolver_service::start_op(implementation_type& impl, resolve_op* op,
                                op_cancellation* canceller) {
  op->owner_ = impl.id;
  {
    std::lock_guard lock(mutex_);
    if (!shutdown_ && !worker_.joinable()) worker_ = std::thread([this] { worker_loop(); });
    // TRICKY: linked under the mutex that queues the op, so no emit, cancel or completion
    // can see one half of the link without the other.
    if (canceller != nullptr) {
      canceller->link(*op);
    }
    queue_.push(op);
    // The pending resolve keeps run() going until its handler has run or it is destroyed.
    scheduler_.work_started();
  }
  work_cv_.notify_one();
}

void resolver_service::cancel_linked(op_cancellation& c) {
  op_queue<scheduler_operation> aborted;
  {
    std::lock_guard lock(mutex_);
    if (resolve_op* op = c.op_.load(std::memory_order_relaxed)) {
      take_locked(op);
      aborted.push(op);
    }
  }
  scheduler_.post_deferred_completions(aborted);
}

void resolver_service::unlink(op_cancellation& c) {
  std::lock_guard lock(mutex_);
  if (resolve_op* op = c.op_.load(std::memory_order_relaxed)) {
    op->canceller_ = nullptr;
    c.op_.store(nullptr, std::memory_order_relaxed);
  }
}

void resolver_service::worker_loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    work_cv_.wait(lock, [this] { return shutdown_ || !queue_.empty(); });
    if (shutdown_) return;
    auto* op = static_cast<resolve_op*>(queue_.front());
    queue_.pop();
    running_ = op;
    // From here on only the query copy is used outside the mutex: the op may be taken
    // (cancelled, shut down) and freed while the lookup runs.
    resolve_query query = std::move(op->query_);
    lock.unlock();
#if RINGPORT_TESTING_HOOKS
    resolver_testing::pass_hold();
#endif
    resolve_result result;
    error_code ec = resolve_blocking(query, result);
    lock.lock();
    if (running_ != op) continue;  // taken while we looked it up: discard
    running_ = nullptr;
    op->detach_canceller();
    op->ec_ = ec;
    op->result_ = std::move(result);
    lock.unlock();
    scheduler_.post_deferred_completion(op);
    lock.lock();
  }
}

#if RINGPORT_TESTING_HOOKS
namespace resolver_testing {

namespace {

struct worker_hold {
  std::mutex mutex;
  std::condition_variable cv;
  bool hold = false;
  int held = 0;  // workers stopped at the hold
};

worker_hold& the_hold() {
  static worker_hold h;
  return h;
}

}  // namespace

void pass_hold() {
  worker_hold& h = the_hold();
  std::unique_lock lock(h.mutex);
  if (!h.hold) return;
  ++h.held;
  h.cv.notify_all();
  h.cv.wait(lock, [&h] { return !h.hold; });
  --h.held;
}

void hold_workers(bool hold) {
  worker_hold& h = the_hold();
  {
    std::lock_guard lock(h.mutex);
    h.hold = hold;
  }
  h.cv.notify_all();
}

bool wait_until_held(std::chrono::milliseconds timeout) {
  worker_hold& h = the_hold();
  std::unique_lock lock(h.mutex);
  return h.cv.wait_for(lock, timeout, [&h] { return h.held > 0; });
}

}  // namespace resolver_testing
#endif

}  // namespace ringport::detail

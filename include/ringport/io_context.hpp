// io_context: the execution context that owns one backend (io_uring, epoll or IOCP) and runs
// completion handlers.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/backend_kind.hpp"
#include "ringport/detail/executor_op.hpp"
#include "ringport/detail/scheduler.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution.hpp"
#include "ringport/execution_context.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

namespace ringport {

/// The execution context that owns one backend (io_uring, epoll or IOCP) and runs completion
/// handlers: Asio's io_context.
///
/// The backend is chosen at run time when the context is built (io_uring where the kernel
/// allows it, else epoll; IOCP on Windows), and backend() and backend_fallback_reason() say
/// which one runs and why. Asio chooses its Linux mechanism at compile time.
class RINGPORT_DECL io_context : public execution_context {
 public:
  template <typename Allocator, std::uintptr_t Bits>
  class basic_executor_type;
  /// The executor type get_executor() returns: blocking.possibly, relationship.fork,
  /// outstanding_work.untracked, with std::allocator<void>.
  using executor_type = basic_executor_type<std::allocator<void>, 0>;
  /// The type the run and poll functions count handlers in.
  using count_type = std::size_t;
  class service;
  class strand;  // defined in ringport/io_context_strand.hpp, as in Asio
#if defined(RINGPORT_HAS_DEPRECATED)
  class work;
#endif

  /// @name Construction and destruction
  //@{
  /// Builds a context with the backend chosen at run time (or the one the RINGPORT_BACKEND
  /// environment variable names); `concurrency_hint` is Asio's hint for how many threads will
  /// run it. The destructor shuts down and destroys the context's services (shutdown(), then
  /// destroy()).
  io_context();
  explicit io_context(int concurrency_hint);
  /// ringport extension: force a backend (throws std::system_error if it cannot start).
  explicit io_context(backend_kind backend, int concurrency_hint = -1);
  ~io_context();
  //@}

  /// An executor that submits function objects to this context.
  executor_type get_executor() noexcept;

  /// @name Running the event loop
  //@{
  /// As in Asio: run() runs handlers until no work is left or stop() is called; run_one()
  /// runs at most one; the _for and _until forms stop at a time limit; poll() and poll_one()
  /// run only handlers that are ready, without blocking. Each returns the number of handlers
  /// run. Several threads may call them at once.
  count_type run();
  template <typename Rep, typename Period>
  count_type run_for(const std::chrono::duration<Rep, Period>& rel_time) {
    return run_until(std::chrono::steady_clock::now() + rel_time);
  }
  template <typename Clock, typename Duration>
  count_type run_until(const std::chrono::time_point<Clock, Duration>& abs_time) {
    count_type n = 0;
    while (run_one_until(abs_time))
      if (n != static_cast<count_type>(-1)) ++n;
    return n;
  }
  count_type run_one();
  template <typename Rep, typename Period>
  count_type run_one_for(const std::chrono::duration<Rep, Period>& rel_time) {
    return run_one_until(std::chrono::steady_clock::now() + rel_time);
  }
  template <typename Clock, typename Duration>
  count_type run_one_until(const std::chrono::time_point<Clock, Duration>& abs_time) {
    // Other clocks are followed in slices so a clock change is noticed within a second.
    for (auto now = Clock::now(); now < abs_time; now = Clock::now()) {
      auto left = std::chrono::duration_cast<std::chrono::steady_clock::duration>(abs_time - now);
      if (left > std::chrono::seconds(1)) left = std::chrono::seconds(1);
      if (run_one_until_steady(std::chrono::steady_clock::now() + left)) return 1;
      if (stopped()) return 0;
    }
    return 0;
  }
  count_type poll();
  count_type poll_one();

  //@}
  /// @name Stopping
  //@{
  /// stop() makes every thread running the context return as soon as possible (threads that
  /// wait are woken); stopped() says whether the context is stopped; restart() ends the
  /// stopped state, before run() is called again.
  void stop();
  bool stopped() const;
  void restart();

//@}
#if defined(RINGPORT_HAS_DEPRECATED)
  /// @name Deprecated
  //@{
  /// Asio's deprecated forms: run functions that take an error_code (nothing sets it: errors
  /// are exceptions from handlers), reset() for restart(), and the io_service-era post,
  /// dispatch and wrap members (ringport/detail/io_context_deprecated.hpp).
  count_type run(error_code& ec) {
    ec = error_code();
    return run();
  }
  count_type run_one(error_code& ec) {
    ec = error_code();
    return run_one();
  }
  count_type poll(error_code& ec) {
    ec = error_code();
    return poll();
  }
  count_type poll_one(error_code& ec) {
    ec = error_code();
    return poll_one();
  }
  /// Asio's deprecated name for restart().
  void reset() {
    restart();
  }
  /// Asio's deprecated io_context::post(), io_context::dispatch() and io_context::wrap(): the
  /// same as post(*this, handler) and dispatch(*this, handler); wrap() returns a function object
  /// that dispatches the wrapped handler on this context when called.
  template <typename LegacyCompletionHandler>
  decltype(auto) post(LegacyCompletionHandler&& handler);
  template <typename LegacyCompletionHandler>
  decltype(auto) dispatch(LegacyCompletionHandler&& handler);
  template <typename Handler>
  auto wrap(Handler handler);
//@}
#endif

  /// @name backend
  //@{
  /// ringport extensions: which backend runs, and why the preferred one did not.
  backend_kind backend() const noexcept;
  const std::string& backend_fallback_reason() const noexcept;

  //@}
  /// @cond INTERNAL
  detail::scheduler& impl() noexcept {
    return impl_;
  }

  /// @endcond

 private:
  count_type run_one_until_steady(std::chrono::steady_clock::time_point deadline);

  detail::scheduler& impl_;
};

/// Base for services of an io_context (Asio's io_context::service).
/// Unlike execution_context::service, shutdown() has a default (nothing to destroy), as in Asio.
class io_context::service : public execution_context::service {
 public:
  /// The io_context that owns the service.
  io_context& get_io_context() { return static_cast<io_context&>(context()); }

 protected:
  /// Registers the service with `owner`.
  explicit service(io_context& owner) : execution_context::service(owner) {}

 private:
#if defined(RINGPORT_HAS_DEPRECATED)
  void shutdown() override {
    shutdown_service();
  }
  void notify_fork(execution_context::fork_event event) override {
    fork_service(event);
  }
  // The names these hooks had before Asio 1.11.
  virtual void shutdown_service() {}
  virtual void fork_service(execution_context::fork_event) {}
#else
  void shutdown() override {}
#endif
};

/// Services written for an io_context take it in their constructor (Asio's io_context::service
/// derivatives do); others take the execution_context.
template <typename Service>
Service& use_service(io_context& ioc) {
  if constexpr (std::is_constructible_v<Service, execution_context&>) {
    return use_service<Service>(static_cast<execution_context&>(ioc));
  } else {
    static_assert(std::is_base_of_v<execution_context::service, Service>);
    return static_cast<Service&>(
        *ioc.find_or_create(detail::service_key<Service>(),
                            [](execution_context& owner) -> execution_context::service* {
                              return new Service(static_cast<io_context&>(owner));
                            }));
  }
}

namespace detail {
enum : std::uintptr_t {
  ex_blocking_never = 1,
  ex_relationship_continuation = 2,
  ex_outstanding_work_tracked = 4,
};
}  // namespace detail

// GCC 12 at -O3 may claim ctx_ is read uninitialized when a tracked executor inside a
// std::optional (an operation's handler_work) is moved and used: every constructor sets it,
// so the warning is false, and code built with -Werror must not fail on it.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
/// The executor of an io_context (Asio's io_context::basic_executor_type): a pointer to the
/// context, an allocator and the properties `Bits` encodes (blocking.never,
/// relationship.continuation, outstanding_work.tracked). A tracked executor counts as work
/// for the context while it exists.
template <typename Allocator, std::uintptr_t Bits>
class io_context::basic_executor_type {
 public:
  /// @name Copy and move
  //@{
  /// Copies and moves; a tracked executor's copy counts as work too, and a moved-from tracked
  /// executor no longer does.
  basic_executor_type(const basic_executor_type& other) noexcept
      : ctx_(other.ctx_), alloc_(other.alloc_) {
    if constexpr (tracked) ctx_->impl_.work_started();
  }
  basic_executor_type(basic_executor_type&& other) noexcept
      : ctx_(other.ctx_), alloc_(std::move(other.alloc_)) {
    if constexpr (tracked) other.ctx_ = nullptr;
  }
  ~basic_executor_type() {
    if constexpr (tracked)
      if (ctx_) ctx_->impl_.work_finished();
  }
  basic_executor_type& operator=(const basic_executor_type& other) noexcept {
    if (this != &other) {
      if constexpr (tracked) {
        if (other.ctx_) other.ctx_->impl_.work_started();
        if (ctx_) ctx_->impl_.work_finished();
      }
      ctx_ = other.ctx_;
      alloc_ = other.alloc_;
    }
    return *this;
  }
  basic_executor_type& operator=(basic_executor_type&& other) noexcept {
    if (this != &other) {
      if constexpr (tracked)
        if (ctx_) ctx_->impl_.work_finished();
      ctx_ = other.ctx_;
      alloc_ = std::move(other.alloc_);
      if constexpr (tracked) other.ctx_ = nullptr;
    }
    return *this;
  }

  //@}
  /// @name Properties
  //@{
  /// Properties (Asio's set for io_context executors).
  constexpr auto require(execution::blocking_t::possibly_t) const {
    return rebind<Allocator, Bits & ~detail::ex_blocking_never>(alloc_);
  }
  constexpr auto require(execution::blocking_t::never_t) const {
    return rebind<Allocator, Bits | detail::ex_blocking_never>(alloc_);
  }
  constexpr auto require(execution::relationship_t::fork_t) const {
    return rebind<Allocator, Bits & ~detail::ex_relationship_continuation>(alloc_);
  }
  constexpr auto require(execution::relationship_t::continuation_t) const {
    return rebind<Allocator, Bits | detail::ex_relationship_continuation>(alloc_);
  }
  constexpr auto require(execution::outstanding_work_t::tracked_t) const {
    return rebind<Allocator, Bits | detail::ex_outstanding_work_tracked>(alloc_);
  }
  constexpr auto require(execution::outstanding_work_t::untracked_t) const {
    return rebind<Allocator, Bits & ~detail::ex_outstanding_work_tracked>(alloc_);
  }
  template <typename OtherAllocator>
  constexpr auto require(const execution::allocator_t<OtherAllocator>& a) const {
    return rebind<OtherAllocator, Bits>(a.value());
  }
  constexpr auto require(const execution::allocator_t<void>&) const {
    return rebind<std::allocator<void>, Bits>(std::allocator<void>());
  }

  //@}
  /// @name Queries
  //@{
  /// The values of Asio's properties for this executor: mapping.thread, its io_context as
  /// context, the blocking, relationship and outstanding_work values `Bits` encodes, and the
  /// allocator.
  static constexpr execution::mapping_t query(execution::mapping_t) noexcept {
    return execution::mapping.thread;
  }
  io_context& query(execution::context_t) const noexcept { return *ctx_; }
  template <typename T>
  T query(execution::context_as_t<T>) const noexcept {
    return *ctx_;
  }
  static constexpr execution::blocking_t query(execution::blocking_t) noexcept {
    if constexpr ((Bits & detail::ex_blocking_never) != 0)
      return execution::blocking.never;
    else
      return execution::blocking.possibly;
  }
  static constexpr execution::relationship_t query(execution::relationship_t) noexcept {
    if constexpr ((Bits & detail::ex_relationship_continuation) != 0)
      return execution::relationship.continuation;
    else
      return execution::relationship.fork;
  }
  static constexpr execution::outstanding_work_t query(execution::outstanding_work_t) noexcept {
    if constexpr (tracked)
      return execution::outstanding_work.tracked;
    else
      return execution::outstanding_work.untracked;
  }
  template <typename OtherAllocator>
  constexpr Allocator query(execution::allocator_t<OtherAllocator>) const noexcept {
    return alloc_;
  }
  constexpr Allocator query(execution::allocator_t<void>) const noexcept { return alloc_; }

  //@}
  /// True when the calling thread is running the io_context.
  bool running_in_this_thread() const noexcept { return ctx_->impl_.can_dispatch(); }

  /// @name Comparison
  //@{
  /// Two executors are equal when they refer to the same io_context with equal allocators.
  friend bool operator==(const basic_executor_type& a, const basic_executor_type& b) noexcept {
    return a.ctx_ == b.ctx_ && a.alloc_ == b.alloc_;
  }
  friend bool operator!=(const basic_executor_type& a, const basic_executor_type& b) noexcept {
    return !(a == b);
  }

  //@}
  /// Runs `f` inline when the executor is blocking.possibly and the calling thread runs the
  /// io_context; otherwise queues it on the context (as a continuation when relationship is
  /// continuation).
  template <typename Function>
  void execute(Function&& f) const {
    using function_type = std::decay_t<Function>;
    if constexpr ((Bits & detail::ex_blocking_never) == 0) {
      if (running_in_this_thread()) {
        function_type tmp(std::forward<Function>(f));
        std::move(tmp)();
        return;
      }
    }
    using op = detail::executor_op<function_type, Allocator>;
    op* p = detail::allocate_op<op>(alloc_, std::forward<Function>(f), alloc_);
    ctx_->impl_.post_immediate_completion(p, (Bits & detail::ex_relationship_continuation) != 0);
  }

  /// @name Networking TS members
  //@{
  /// The Networking TS executor members Asio still offers.
  io_context& context() const noexcept { return *ctx_; }
  void on_work_started() const noexcept { ctx_->impl_.work_started(); }
  void on_work_finished() const noexcept { ctx_->impl_.work_finished(); }
  template <typename Function, typename OtherAllocator>
  void dispatch(Function&& f, const OtherAllocator& a) const {
    if (running_in_this_thread()) {
      std::decay_t<Function> tmp(std::forward<Function>(f));
      std::move(tmp)();
      return;
    }
    post(std::forward<Function>(f), a);
  }
  template <typename Function, typename OtherAllocator>
  void post(Function&& f, const OtherAllocator& a) const {
    using op = detail::executor_op<std::decay_t<Function>, OtherAllocator>;
    op* p = detail::allocate_op<op>(a, std::forward<Function>(f), a);
    ctx_->impl_.post_immediate_completion(p, false);
  }
  template <typename Function, typename OtherAllocator>
  void defer(Function&& f, const OtherAllocator& a) const {
    using op = detail::executor_op<std::decay_t<Function>, OtherAllocator>;
    op* p = detail::allocate_op<op>(a, std::forward<Function>(f), a);
    ctx_->impl_.post_immediate_completion(p, true);
  }

  //@}

 private:
  friend class io_context;
  template <typename, std::uintptr_t>
  friend class basic_executor_type;

  static constexpr bool tracked = (Bits & detail::ex_outstanding_work_tracked) != 0;

  basic_executor_type(io_context& ctx, const Allocator& a) noexcept : ctx_(&ctx), alloc_(a) {
    if constexpr (tracked) ctx_->impl_.work_started();
  }

  template <typename OtherAllocator, std::uintptr_t OtherBits>
  basic_executor_type<OtherAllocator, OtherBits> rebind(const OtherAllocator& a) const {
    return basic_executor_type<OtherAllocator, OtherBits>(*ctx_, a);
  }

  io_context* ctx_;
  [[no_unique_address]] Allocator alloc_;
};
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

inline io_context::executor_type io_context::get_executor() noexcept {
  return executor_type(*this, std::allocator<void>());
}

}  // namespace ringport

#if defined(RINGPORT_HAS_DEPRECATED)
#include "ringport/detail/io_context_deprecated.hpp"
#endif

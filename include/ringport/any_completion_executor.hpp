// any_completion_executor: a copyable, type-erased executor for running completion handlers,
// the associated executor of an any_completion_handler. It asks less of its target than
// any_io_executor (as Asio's does): executing a function, copying and comparing are enough,
// because a handler may be associated with any executor. The outstanding_work and
// relationship properties can be preferred; nothing can be required. Executors up to the
// size of an any_io_executor live inside the object, so wrapping an io_context executor, a
// strand or an any_io_executor never touches the heap.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/executor_storage.hpp"
#include "ringport/any_io_executor.hpp"
#include "ringport/detail/executor_function.hpp"
#include "ringport/execution.hpp"
#include "ringport/execution/bad_executor.hpp"

#include <concepts>
#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <typeinfo>
#include <utility>

namespace ringport {

namespace detail {

// What an executor must offer to be wrapped by any_completion_executor.
template <typename Ex>
concept any_completion_executor_target = requires(const Ex& ex, executor_function&& f) {
  ex.execute(std::move(f));
}
&&std::copy_constructible<Ex>&& std::equality_comparable<Ex>;

}  // namespace detail

/// A copyable, type-erased executor for running completion handlers (Asio's
/// any_completion_executor): it holds any executor that offers execute(), such as an
/// any_io_executor, a strand or an io_context's executor. Small executors live inside the
/// object. Beyond Asio's interface it answers queries of relationship and outstanding_work
/// with what the wrapped executor reports.
class any_completion_executor {
 public:
  /// @name Construction, assignment and swap
  //@{
  /// An empty executor (default, or from nullptr), or one that wraps a copy of `e`; copies and
  /// moves copy or move the wrapped executor. Executing on an empty executor throws
  /// execution::bad_executor.
  any_completion_executor() noexcept = default;
  any_completion_executor(std::nullptr_t) noexcept {}

  template <typename Executor>
  requires(!std::is_same_v<std::decay_t<Executor>, any_completion_executor> &&
           detail::any_completion_executor_target<std::decay_t<Executor>>)
      any_completion_executor(Executor&& e) {
    ops<std::decay_t<Executor>>::construct(*this, std::forward<Executor>(e));
    vtable_ = &ops<std::decay_t<Executor>>::table;
  }

  /// Ends empty instead of throwing when a large executor's copy cannot be allocated (the
  /// associators that build one must not throw).
  template <typename Executor>
  requires(std::is_same_v<std::decay_t<Executor>, any_completion_executor> ||
           detail::any_completion_executor_target<std::decay_t<Executor>>)
      any_completion_executor(std::nothrow_t, Executor&& e)
  noexcept {
    try {
      any_completion_executor tmp(std::forward<Executor>(e));
      take(tmp);
    } catch (...) {
    }
  }

  any_completion_executor(const any_completion_executor& other) {
    if (other.vtable_) {
      other.vtable_->copy(*this, other);
      vtable_ = other.vtable_;
    }
  }
  any_completion_executor(any_completion_executor&& other) noexcept { take(other); }

  ~any_completion_executor() { reset(); }

  any_completion_executor& operator=(const any_completion_executor& other) {
    if (this != &other) {
      any_completion_executor tmp(other);
      *this = std::move(tmp);
    }
    return *this;
  }
  any_completion_executor& operator=(any_completion_executor&& other) noexcept {
    if (this != &other) {
      reset();
      take(other);
    }
    return *this;
  }
  any_completion_executor& operator=(std::nullptr_t) noexcept {
    reset();
    return *this;
  }
  template <typename Executor>
  requires(!std::is_same_v<std::decay_t<Executor>, any_completion_executor> &&
           detail::any_completion_executor_target<std::decay_t<Executor>>) any_completion_executor&
  operator=(Executor&& e) {
    any_completion_executor tmp(std::forward<Executor>(e));
    return *this = std::move(tmp);
  }

  void swap(any_completion_executor& other) noexcept {
    any_completion_executor tmp(std::move(other));
    other = std::move(*this);
    *this = std::move(tmp);
  }
  //@}
  friend void swap(any_completion_executor& a, any_completion_executor& b) noexcept { a.swap(b); }

  /// @name Queries
  //@{
  /// Queries (ringport extensions, like any_io_executor's): what the wrapped executor
  /// reports, or a default-constructed value when it cannot tell.
  execution::relationship_t query(const execution::relationship_t&) const {
    return checked().relationship(*this);
  }
  execution::outstanding_work_t query(const execution::outstanding_work_t&) const {
    return checked().outstanding_work(*this);
  }

  //@}
  /// @name Properties
  //@{
  /// The preferable properties; the wrapped executor keeps itself when it lacks one.
  any_completion_executor prefer(const execution::outstanding_work_t::tracked_t&) const {
    return checked().prefer_tracked(*this);
  }
  any_completion_executor prefer(const execution::outstanding_work_t::untracked_t&) const {
    return checked().prefer_untracked(*this);
  }
  any_completion_executor prefer(const execution::relationship_t::fork_t&) const {
    return checked().prefer_fork(*this);
  }
  any_completion_executor prefer(const execution::relationship_t::continuation_t&) const {
    return checked().prefer_continuation(*this);
  }

  //@}
  /// Hands `f` to the wrapped executor's own execute(): it runs inline exactly when that
  /// executor would run it inline.
  template <typename Function>
  void execute(Function&& f) const {
    const vtable& v = checked();
    if constexpr (std::is_same_v<Function, detail::executor_function>) {
      v.execute(*this, std::move(f));
    } else {
      // The erased function's block comes from the recycling cache (std::allocator<void>
      // maps to it), as for any_io_executor.
      v.execute(*this,
                detail::executor_function(std::forward<Function>(f), std::allocator<void>()));
    }
  }

  /// @name Target access
  //@{
  /// The wrapped executor. An any_io_executor inside also answers for its own target, as
  /// if the two wrappers shared it (Asio's converting constructor shares the target), so an
  /// operation still recognises a handler executor that is its own io_context's.
  template <typename Executor>
  Executor* target() noexcept {
    return const_cast<Executor*>(std::as_const(*this).target<Executor>());
  }
  template <typename Executor>
  const Executor* target() const noexcept {
    if (vtable_ == nullptr) return nullptr;
    if (vtable_->type() == typeid(Executor))
      return static_cast<const Executor*>(vtable_->target(*this));
    if constexpr (!std::is_same_v<Executor, any_io_executor>) {
      if (vtable_->type() == typeid(any_io_executor))
        return static_cast<const any_io_executor*>(vtable_->target(*this))
            ->template target<Executor>();
    }
    return nullptr;
  }
  const std::type_info& target_type() const noexcept {
    return vtable_ ? vtable_->type() : typeid(void);
  }

  //@}
  /// Whether an executor is wrapped.
  explicit operator bool() const noexcept { return vtable_ != nullptr; }

  /// @name Comparison
  //@{
  /// Two any_completion_executors are equal when both are empty, or when they wrap executors of
  /// the same type that compare equal; comparing with nullptr tests for emptiness.
  // TRICKY: templates, so that no conversion is tried (see any_io_executor: ADL offers these
  // to every type with this one among its template arguments, and testing the converting
  // constructor there could make that type's equality depend on itself).
  template <std::same_as<any_completion_executor> T>
  friend bool operator==(const T& a, const T& b) noexcept {
    if (a.vtable_ == nullptr || b.vtable_ == nullptr) return a.vtable_ == b.vtable_;
    // Two tables for one type can exist across shared libraries; compare the types too.
    if (a.vtable_ != b.vtable_ && a.vtable_->type() != b.vtable_->type()) return false;
    return a.vtable_->equal(a, b);
  }
  template <std::same_as<any_completion_executor> T>
  friend bool operator==(const T& a, std::nullptr_t) noexcept {
    return !a;
  }

  //@}
 private:
  // One table per wrapped type; the empty executor has none.
  struct vtable {
    const std::type_info& (*type)() noexcept;
    void (*destroy)(any_completion_executor&) noexcept;
    void (*copy)(any_completion_executor& to, const any_completion_executor& from);  // `to` empty
    void (*move)(any_completion_executor& to, any_completion_executor& from) noexcept;
    const void* (*target)(const any_completion_executor&) noexcept;
    bool (*equal)(const any_completion_executor&, const any_completion_executor&) noexcept;
    void (*execute)(const any_completion_executor&, detail::executor_function&&);
    execution::relationship_t (*relationship)(const any_completion_executor&);
    execution::outstanding_work_t (*outstanding_work)(const any_completion_executor&);
    any_completion_executor (*prefer_tracked)(const any_completion_executor&);
    any_completion_executor (*prefer_untracked)(const any_completion_executor&);
    any_completion_executor (*prefer_fork)(const any_completion_executor&);
    any_completion_executor (*prefer_continuation)(const any_completion_executor&);
  };

  template <typename Executor>
  struct ops;

  // Room for an any_io_executor: a coroutine's handler is associated with one, and it
  // should not cost a heap block per operation.
  static constexpr std::size_t buffer_size = sizeof(any_io_executor) > 4 * sizeof(void*)
                                                 ? sizeof(any_io_executor)
                                                 : 4 * sizeof(void*);

  const vtable& checked() const {
    if (vtable_ == nullptr) throw execution::bad_executor();
    return *vtable_;
  }

  void reset() noexcept {
    if (vtable_) {
      vtable_->destroy(*this);
      vtable_ = nullptr;
    }
  }

  void take(any_completion_executor& other) noexcept {
    if (other.vtable_) {
      other.vtable_->move(*this, other);
      vtable_ = std::exchange(other.vtable_, nullptr);
    }
  }

  // Holds the executor itself when it fits (small buffer), else a pointer to a heap copy.
  detail::executor_storage<buffer_size> storage_;
  const vtable* vtable_ = nullptr;
};

/// @cond INTERNAL
template <typename Executor>
struct any_completion_executor::ops {
  static const Executor& get(const any_completion_executor& a) noexcept {
    return a.storage_.template get<Executor>();
  }

  template <typename E>
  static void construct(any_completion_executor& a, E&& e) {
    a.storage_.template construct<Executor>(std::forward<E>(e));
  }

  static const std::type_info& type() noexcept { return typeid(Executor); }

  static void destroy(any_completion_executor& a) noexcept {
    a.storage_.template destroy<Executor>();
  }

  static void copy(any_completion_executor& to, const any_completion_executor& from) {
    construct(to, get(from));
  }

  static void move(any_completion_executor& to, any_completion_executor& from) noexcept {
    to.storage_.template move_from<Executor>(from.storage_);
  }

  static const void* target(const any_completion_executor& a) noexcept { return &get(a); }

  static bool equal(const any_completion_executor& a, const any_completion_executor& b) noexcept {
    return get(a) == get(b);
  }

  static void execute(const any_completion_executor& a, detail::executor_function&& f) {
    execution::execute(get(a), std::move(f));
  }

  template <typename Result, typename Property>
  static Result query_or_default(const any_completion_executor& a, const Property& p) {
    if constexpr (can_query_v<const Executor&, Property>)
      return ringport::query(get(a), p);
    else
      return Result();
  }
  static execution::relationship_t relationship(const any_completion_executor& a) {
    return query_or_default<execution::relationship_t>(a, execution::relationship);
  }
  static execution::outstanding_work_t outstanding_work(const any_completion_executor& a) {
    return query_or_default<execution::outstanding_work_t>(a, execution::outstanding_work);
  }

  template <typename Property>
  static any_completion_executor prefer(const any_completion_executor& a, const Property& p) {
    return any_completion_executor(ringport::prefer(get(a), p));
  }
  static any_completion_executor prefer_tracked(const any_completion_executor& a) {
    return prefer(a, execution::outstanding_work.tracked);
  }
  static any_completion_executor prefer_untracked(const any_completion_executor& a) {
    return prefer(a, execution::outstanding_work.untracked);
  }
  static any_completion_executor prefer_fork(const any_completion_executor& a) {
    return prefer(a, execution::relationship.fork);
  }
  static any_completion_executor prefer_continuation(const any_completion_executor& a) {
    return prefer(a, execution::relationship.continuation);
  }

  static const vtable table;
};

template <typename Executor>
const any_completion_executor::vtable any_completion_executor::ops<Executor>::table = {
    &ops::type,
    &ops::destroy,
    &ops::copy,
    &ops::move,
    &ops::target,
    &ops::equal,
    &ops::execute,
    &ops::relationship,
    &ops::outstanding_work,
    &ops::prefer_tracked,
    &ops::prefer_untracked,
    &ops::prefer_fork,
    &ops::prefer_continuation,
};

/// @endcond

}  // namespace ringport

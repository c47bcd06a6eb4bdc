// any_io_executor: a copyable, type-erased executor that can hold any executor an I/O object
// may use (io_context's, a strand's, a thread_pool's, the system executor, or a user's).
// Executors up to four pointers in size live inside the object itself, so wrapping an
// io_context executor or a strand never touches the heap.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/executor_storage.hpp"
#include "ringport/detail/any_executor_target.hpp"
#include "ringport/detail/executor_function.hpp"
#include "ringport/execution.hpp"
#include "ringport/execution/bad_executor.hpp"
#include "ringport/execution_context.hpp"

#include <concepts>
#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <typeinfo>
#include <utility>

namespace ringport {

/// A copyable, type-erased executor that can hold any executor an I/O object may use
/// (io_context's, a strand's, a thread_pool's, the system executor, or a user's): Asio's
/// any_io_executor, the default executor of every I/O object.
///
/// Executors up to four pointers in size live inside the object itself, so wrapping an
/// io_context executor or a strand never touches the heap. Beyond Asio's properties it also
/// answers queries of blocking, relationship and outstanding_work with what the wrapped
/// executor reports.
class any_io_executor {
 public:
  /// @name Construction, assignment and swap
  //@{
  /// An empty executor (default, or from nullptr), or one that wraps a copy of `e`; copies and
  /// moves copy or move the wrapped executor. Executing on an empty executor throws
  /// execution::bad_executor.
  any_io_executor() noexcept = default;
  any_io_executor(std::nullptr_t) noexcept {}

  template <typename Executor>
  requires(!std::is_same_v<std::decay_t<Executor>, any_io_executor> &&
           detail::any_executor_target<std::decay_t<Executor>>) any_io_executor(Executor&& e) {
    ops<std::decay_t<Executor>>::construct(*this, std::forward<Executor>(e));
    vtable_ = &ops<std::decay_t<Executor>>::table;
  }

  any_io_executor(const any_io_executor& other) {
    if (other.vtable_) {
      other.vtable_->copy(*this, other);
      vtable_ = other.vtable_;
    }
  }
  any_io_executor(any_io_executor&& other) noexcept { take(other); }

  ~any_io_executor() { reset(); }

  any_io_executor& operator=(const any_io_executor& other) {
    if (this != &other) {
      any_io_executor tmp(other);
      *this = std::move(tmp);
    }
    return *this;
  }
  any_io_executor& operator=(any_io_executor&& other) noexcept {
    if (this != &other) {
      reset();
      take(other);
    }
    return *this;
  }
  any_io_executor& operator=(std::nullptr_t) noexcept {
    reset();
    return *this;
  }
  template <typename Executor>
  requires(!std::is_same_v<std::decay_t<Executor>, any_io_executor> &&
           detail::any_executor_target<std::decay_t<Executor>>) any_io_executor&
  operator=(Executor&& e) {
    any_io_executor tmp(std::forward<Executor>(e));
    return *this = std::move(tmp);
  }

  void swap(any_io_executor& other) noexcept {
    any_io_executor tmp(std::move(other));
    other = std::move(*this);
    *this = std::move(tmp);
  }
  //@}
  friend void swap(any_io_executor& a, any_io_executor& b) noexcept { a.swap(b); }

  /// @name Queries
  //@{
  /// Queries. The context ones are Asio's; the blocking/relationship/outstanding_work ones are
  /// ringport extensions that report what the wrapped executor reports (or a default-
  /// constructed value when it cannot tell).
  execution_context& query(const execution::context_as_t<execution_context&>&) const {
    return checked().context(*this);
  }
  execution_context& query(const execution::context_t&) const { return checked().context(*this); }
  execution::blocking_t query(const execution::blocking_t&) const {
    return checked().blocking(*this);
  }
  execution::relationship_t query(const execution::relationship_t&) const {
    return checked().relationship(*this);
  }
  execution::outstanding_work_t query(const execution::outstanding_work_t&) const {
    return checked().outstanding_work(*this);
  }

  //@}
  /// @name Properties
  //@{
  /// require(blocking.never) and the preferable properties: each returns an any_io_executor
  /// that wraps the wrapped executor with the property applied; the wrapped executor keeps
  /// itself when it lacks one of the preferable ones.
  any_io_executor require(const execution::blocking_t::never_t&) const {
    return checked().require_never(*this);
  }
  any_io_executor prefer(const execution::blocking_t::possibly_t&) const {
    return checked().prefer_possibly(*this);
  }
  any_io_executor prefer(const execution::outstanding_work_t::tracked_t&) const {
    return checked().prefer_tracked(*this);
  }
  any_io_executor prefer(const execution::outstanding_work_t::untracked_t&) const {
    return checked().prefer_untracked(*this);
  }
  any_io_executor prefer(const execution::relationship_t::fork_t&) const {
    return checked().prefer_fork(*this);
  }
  any_io_executor prefer(const execution::relationship_t::continuation_t&) const {
    return checked().prefer_continuation(*this);
  }

  //@}

  /// Hands `f` to the wrapped executor's own execute(): it runs inline exactly when that
  /// executor would run it inline (blocking.possibly and the caller inside its context).
  template <typename Function>
  void execute(Function&& f) const {
    const vtable& v = checked();
    if constexpr (std::is_same_v<Function, detail::executor_function>) {
      v.execute(*this, std::move(f));
    } else {
      // The erased function's block comes from the recycling cache (std::allocator<void>
      // maps to it), as Asio's any_executor does.
      v.execute(*this,
                detail::executor_function(std::forward<Function>(f), std::allocator<void>()));
    }
  }

  /// @name Target access
  //@{
  /// The wrapped executor when it is of type `Executor` (nullptr otherwise), and its type
  /// (typeid(void) when empty).
  template <typename Executor>
  Executor* target() noexcept {
    return const_cast<Executor*>(std::as_const(*this).target<Executor>());
  }
  template <typename Executor>
  const Executor* target() const noexcept {
    if (vtable_ == nullptr || vtable_->type() != typeid(Executor)) return nullptr;
    return static_cast<const Executor*>(vtable_->target(*this));
  }
  const std::type_info& target_type() const noexcept {
    return vtable_ ? vtable_->type() : typeid(void);
  }

  //@}
  /// Whether an executor is wrapped.
  explicit operator bool() const noexcept { return vtable_ != nullptr; }

  /// @name Comparison
  //@{
  /// Two any_io_executors are equal when both are empty, or when they wrap executors of the
  /// same type that compare equal; comparing with nullptr tests for emptiness.
  // TRICKY: templates, so that no conversion is tried: ADL offers these operators for every
  // type with any_io_executor among its template arguments (strand<any_io_executor>), and
  // testing the converting constructor there would make that type's own equality check
  // depend on itself. C++20 derives != and the reversed forms.
  template <std::same_as<any_io_executor> T>
  friend bool operator==(const T& a, const T& b) noexcept {
    if (a.vtable_ == nullptr || b.vtable_ == nullptr) return a.vtable_ == b.vtable_;
    // Two tables for one type can exist across shared libraries; compare the types too.
    if (a.vtable_ != b.vtable_ && a.vtable_->type() != b.vtable_->type()) return false;
    return a.vtable_->equal(a, b);
  }
  template <std::same_as<any_io_executor> T>
  friend bool operator==(const T& a, std::nullptr_t) noexcept {
    return !a;
  }

  //@}

 private:
  // One table per wrapped type; the empty executor has none.
  struct vtable {
    const std::type_info& (*type)() noexcept;
    void (*destroy)(any_io_executor&) noexcept;
    void (*copy)(any_io_executor& to, const any_io_executor& from);     // `to` holds nothing
    void (*move)(any_io_executor& to, any_io_executor& from) noexcept;  // `from` ends empty
    const void* (*target)(const any_io_executor&) noexcept;
    bool (*equal)(const any_io_executor&, const any_io_executor&) noexcept;
    void (*execute)(const any_io_executor&, detail::executor_function&&);
    execution_context& (*context)(const any_io_executor&);
    execution::blocking_t (*blocking)(const any_io_executor&);
    execution::relationship_t (*relationship)(const any_io_executor&);
    execution::outstanding_work_t (*outstanding_work)(const any_io_executor&);
    any_io_executor (*require_never)(const any_io_executor&);
    any_io_executor (*prefer_possibly)(const any_io_executor&);
    any_io_executor (*prefer_tracked)(const any_io_executor&);
    any_io_executor (*prefer_untracked)(const any_io_executor&);
    any_io_executor (*prefer_fork)(const any_io_executor&);
    any_io_executor (*prefer_continuation)(const any_io_executor&);
  };

  template <typename Executor>
  struct ops;

  static constexpr std::size_t buffer_size = 4 * sizeof(void*);

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

  void take(any_io_executor& other) noexcept {
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
struct any_io_executor::ops {
  static const Executor& get(const any_io_executor& a) noexcept {
    return a.storage_.template get<Executor>();
  }

  template <typename E>
  static void construct(any_io_executor& a, E&& e) {
    a.storage_.template construct<Executor>(std::forward<E>(e));
  }

  static const std::type_info& type() noexcept { return typeid(Executor); }

  static void destroy(any_io_executor& a) noexcept { a.storage_.template destroy<Executor>(); }

  static void copy(any_io_executor& to, const any_io_executor& from) { construct(to, get(from)); }

  static void move(any_io_executor& to, any_io_executor& from) noexcept {
    to.storage_.template move_from<Executor>(from.storage_);
  }

  static const void* target(const any_io_executor& a) noexcept { return &get(a); }

  static bool equal(const any_io_executor& a, const any_io_executor& b) noexcept {
    return get(a) == get(b);
  }

  static void execute(const any_io_executor& a, detail::executor_function&& f) {
    execution::execute(get(a), std::move(f));
  }

  static execution_context& context(const any_io_executor& a) {
    return ringport::query(get(a), execution::context);
  }

  template <typename Result, typename Property>
  static Result query_or_default(const any_io_executor& a, const Property& p) {
    if constexpr (can_query_v<const Executor&, Property>)
      return ringport::query(get(a), p);
    else
      return Result();
  }
  static execution::blocking_t blocking(const any_io_executor& a) {
    return query_or_default<execution::blocking_t>(a, execution::blocking);
  }
  static execution::relationship_t relationship(const any_io_executor& a) {
    return query_or_default<execution::relationship_t>(a, execution::relationship);
  }
  static execution::outstanding_work_t outstanding_work(const any_io_executor& a) {
    return query_or_default<execution::outstanding_work_t>(a, execution::outstanding_work);
  }

  static any_io_executor require_never(const any_io_executor& a) {
    return any_io_executor(ringport::require(get(a), execution::blocking.never));
  }
  template <typename Property>
  static any_io_executor prefer(const any_io_executor& a, const Property& p) {
    return any_io_executor(ringport::prefer(get(a), p));
  }
  static any_io_executor prefer_possibly(const any_io_executor& a) {
    return prefer(a, execution::blocking.possibly);
  }
  static any_io_executor prefer_tracked(const any_io_executor& a) {
    return prefer(a, execution::outstanding_work.tracked);
  }
  static any_io_executor prefer_untracked(const any_io_executor& a) {
    return prefer(a, execution::outstanding_work.untracked);
  }
  static any_io_executor prefer_fork(const any_io_executor& a) {
    return prefer(a, execution::relationship.fork);
  }
  static any_io_executor prefer_continuation(const any_io_executor& a) {
    return prefer(a, execution::relationship.continuation);
  }

  static const vtable table;
};

template <typename Executor>
const any_io_executor::vtable any_io_executor::ops<Executor>::table = {
    &ops::type,
    &ops::destroy,
    &ops::copy,
    &ops::move,
    &ops::target,
    &ops::equal,
    &ops::execute,
    &ops::context,
    &ops::blocking,
    &ops::relationship,
    &ops::outstanding_work,
    &ops::require_never,
    &ops::prefer_possibly,
    &ops::prefer_tracked,
    &ops::prefer_untracked,
    &ops::prefer_fork,
    &ops::prefer_continuation,
};

/// @endcond

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/associated_allocator.hpp"
#include "ringport/async_result.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"

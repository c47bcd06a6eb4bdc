// basic_system_executor: the executor of "anywhere". Functions submitted with blocking.possibly
// (the default) or blocking.always run at once on the calling thread; with blocking.never they
// run on the system_context's threads.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/detail/executor_op.hpp"
#include "ringport/execution.hpp"
#include "ringport/system_context.hpp"

#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>

namespace ringport {

/// The executor of "anywhere": Asio's basic_system_executor (system_executor is the default
/// instance). Functions submitted with blocking.possibly (the default) or blocking.always run at
/// once on the calling thread; with blocking.never they run on the system_context's threads.
template <typename Blocking, typename Relationship, typename Allocator>
class basic_system_executor {
 public:
  /// The executor with the default allocator.
  basic_system_executor() noexcept : alloc_() {}

  /// @name Properties
  //@{
  /// Properties (Asio's set for the system executor).
  constexpr basic_system_executor<execution::blocking_t::possibly_t, Relationship, Allocator>
  require(execution::blocking_t::possibly_t) const {
    return {alloc_};
  }
  constexpr basic_system_executor<execution::blocking_t::always_t, Relationship, Allocator> require(
      execution::blocking_t::always_t) const {
    return {alloc_};
  }
  constexpr basic_system_executor<execution::blocking_t::never_t, Relationship, Allocator> require(
      execution::blocking_t::never_t) const {
    return {alloc_};
  }
  constexpr basic_system_executor<Blocking, execution::relationship_t::fork_t, Allocator> require(
      execution::relationship_t::fork_t) const {
    return {alloc_};
  }
  constexpr basic_system_executor<Blocking, execution::relationship_t::continuation_t, Allocator>
  require(execution::relationship_t::continuation_t) const {
    return {alloc_};
  }
  template <typename OtherAllocator>
  constexpr basic_system_executor<Blocking, Relationship, OtherAllocator> require(
      const execution::allocator_t<OtherAllocator>& a) const {
    return {a.value()};
  }
  constexpr basic_system_executor<Blocking, Relationship, std::allocator<void>> require(
      const execution::allocator_t<void>&) const {
    return {std::allocator<void>()};
  }

  //@}
  /// @name Queries
  //@{
  /// The values of Asio's properties for this executor: mapping.thread, the system_context as
  /// context, its thread count as occupancy, the blocking and relationship values of the type,
  /// outstanding_work.untracked, and the allocator.
  static constexpr execution::mapping_t query(execution::mapping_t) noexcept {
    return execution::mapping.thread;
  }
  static system_context& query(execution::context_t) noexcept { return system_context::instance(); }
  /// The system context's thread count.
  static std::size_t query(execution::occupancy_t) noexcept {
    return system_context::instance().num_threads_;
  }
  template <typename T>
  static T query(execution::context_as_t<T>) noexcept {
    return system_context::instance();
  }
  static constexpr execution::blocking_t query(execution::blocking_t) noexcept {
    return Blocking::value();
  }
  static constexpr execution::relationship_t query(execution::relationship_t) noexcept {
    return Relationship::value();
  }
  static constexpr execution::outstanding_work_t query(execution::outstanding_work_t) noexcept {
    return execution::outstanding_work.untracked;
  }
  template <typename OtherAllocator>
  constexpr Allocator query(execution::allocator_t<OtherAllocator>) const noexcept {
    return alloc_;
  }
  constexpr Allocator query(execution::allocator_t<void>) const noexcept { return alloc_; }

  //@}
  /// @name Comparison
  //@{
  /// Two system executors of one type are equal when their allocators are.
  friend bool operator==(const basic_system_executor& a, const basic_system_executor& b) noexcept {
    return a.alloc_ == b.alloc_;
  }
  friend bool operator!=(const basic_system_executor& a, const basic_system_executor& b) noexcept {
    return !(a == b);
  }

  //@}
  /// Runs `f` at once on the calling thread, or, with blocking.never, queues it on the
  /// system_context's threads (as a continuation when relationship is continuation).
  template <typename Function>
  void execute(Function&& f) const {
    if constexpr (std::is_same_v<Blocking, execution::blocking_t::never_t>) {
      submit(std::forward<Function>(f), alloc_,
             std::is_same_v<Relationship, execution::relationship_t::continuation_t>);
    } else {
      std::decay_t<Function> tmp(std::forward<Function>(f));
      std::move(tmp)();
    }
  }

  /// @name Networking TS members
  //@{
  /// The Networking TS executor members Asio still offers.
  system_context& context() const noexcept { return system_context::instance(); }
  void on_work_started() const noexcept {}
  void on_work_finished() const noexcept {}
  template <typename Function, typename OtherAllocator>
  void dispatch(Function&& f, const OtherAllocator&) const {
    std::decay_t<Function> tmp(std::forward<Function>(f));
    std::move(tmp)();
  }
  template <typename Function, typename OtherAllocator>
  void post(Function&& f, const OtherAllocator& a) const {
    submit(std::forward<Function>(f), a, false);
  }
  template <typename Function, typename OtherAllocator>
  void defer(Function&& f, const OtherAllocator& a) const {
    submit(std::forward<Function>(f), a, true);
  }

  //@}

 private:
  template <typename, typename, typename>
  friend class basic_system_executor;

  constexpr basic_system_executor(const Allocator& a) : alloc_(a) {}

  template <typename Function, typename OtherAllocator>
  static void submit(Function&& f, const OtherAllocator& a, bool is_continuation) {
    using op = detail::executor_op<std::decay_t<Function>, OtherAllocator>;
    op* p = detail::allocate_op<op>(a, std::forward<Function>(f), a);
    system_context::instance().scheduler_.post_immediate_completion(p, is_continuation);
  }

  [[no_unique_address]] Allocator alloc_;
};

}  // namespace ringport

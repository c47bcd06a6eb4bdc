// experimental::make_parallel_group: start several asynchronous operations at once and
// complete when a condition says the rest may be cancelled and every one has finished.
//
//   make_parallel_group(sock.async_read_some(buf, deferred), timer.async_wait(deferred))
//       .async_wait(experimental::wait_for_one(),
//                   [](std::array<std::size_t, 2> order, error_code ec1, std::size_t n,
//                      error_code ec2) { ... });
//
// The members are operations packaged as function objects that take a completion token:
// deferred operations, or `[&](auto token) { return timer.async_wait(token); }`. The
// handler gets the completion order (std::array<std::size_t, N>), then every member's
// completion arguments in member order. After each completion the condition (wait_for_all,
// wait_for_one, wait_for_one_success, wait_for_one_error, or a function of the completion
// arguments returning a cancellation_type) may ask for the others to be cancelled: each
// member's handler has a cancellation slot of its own, and the first request emits on all
// the others. The group completes once every member has, on the handler's associated
// executor (dispatched). The handler's own cancellation slot, if connected, cancels every
// member with the type emitted.
//
// make_parallel_group(range) takes a range (std::vector, ...) of operations of one type; its
// handler gets a vector of completion order, then one vector per completion argument,
// indexed by member. make_parallel_group(std::allocator_arg, alloc, range) allocates those
// vectors with alloc. An empty range throws std::logic_error.
//
// As in Asio the members are not moved to the handler's executor; a member bound to an
// executor of its own (bind_executor) completes there, and its cancellation is carried out
// there.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_result.hpp"
#include "ringport/detail/deferred_signature.hpp"
#include "ringport/detail/parallel_group_cancellation_condition.hpp"
#include "ringport/detail/parallel_group_launch.hpp"
#include "ringport/detail/parallel_group_ranged_launch.hpp"
#include "ringport/detail/parallel_group_signature.hpp"

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <utility>

namespace ringport::experimental {

/// A type make_parallel_group takes as a range of operations.
template <typename T>
    struct is_async_operation_range : std::bool_constant < requires {
  typename T::iterator;
} > {};

/// A group of asynchronous operations started together (made by make_parallel_group(ops...)),
/// which completes when every member has, with the completion order and every member's
/// completion arguments.
template <typename... Ops>
class parallel_group {
  static_assert(sizeof...(Ops) >= 1, "a parallel group needs at least one operation");

  struct initiate_async_wait {
    template <typename Handler, typename Condition>
    void operator()(Handler&& handler, Condition&& condition, std::tuple<Ops...>&& ops) const {
      detail::parallel_group_launch(std::forward<Condition>(condition),
                                    std::forward<Handler>(handler), ops,
                                    std::index_sequence_for<Ops...>());
    }
  };

 public:
  /// A group of the operations `ops` (function objects that take a completion token, such as
  /// deferred operations).
  explicit parallel_group(Ops... ops) : ops_(std::move(ops)...) {}

  /// The completion signature: the order, then every member's arguments.
  using signature =
      detail::parallel_group_signature_t<sizeof...(Ops),
                                         ringport::detail::completion_signature_of_t<Ops>...>;

  /// Starts every member; the group is consumed.
  template <typename CancellationCondition, typename CompletionToken>
  decltype(auto) async_wait(CancellationCondition cancellation_condition, CompletionToken&& token) {
    return async_initiate<CompletionToken, signature>(
        initiate_async_wait(), token, std::move(cancellation_condition), std::move(ops_));
  }

 private:
  std::tuple<Ops...> ops_;
};

/// A parallel_group of `ops`: operations packaged as function objects that take a completion
/// token (deferred operations, or `[&](auto token) { return timer.async_wait(token); }`). Its
/// async_wait(condition, token) starts them all; the handler gets the completion order
/// (std::array<std::size_t, N>), then every member's completion arguments in member order.
template <typename... Ops>
[[nodiscard]] parallel_group<Ops...> make_parallel_group(Ops... ops) {
  return parallel_group<Ops...>(std::move(ops)...);
}

/// A group of a range of asynchronous operations of one type (made by
/// make_parallel_group(range)); its handler gets a vector of completion order, then one vector
/// per completion argument, indexed by member.
template <typename Range, typename Allocator = std::allocator<void>>
class ranged_parallel_group {
  struct initiate_async_wait {
    template <typename Handler, typename Condition>
    void operator()(Handler&& handler, Condition&& condition, Range&& range,
                    const Allocator& allocator) const {
      detail::ranged_parallel_group_launch(std::forward<Condition>(condition),
                                           std::forward<Handler>(handler), std::move(range),
                                           allocator);
    }
  };

  using op_type = std::decay_t<decltype(*std::declval<typename Range::iterator>())>;

 public:
  /// A group of the operations in `range`, whose result vectors are allocated with `allocator`.
  /// Throws std::logic_error when the range is empty.
  explicit ranged_parallel_group(Range range, const Allocator& allocator = Allocator())
      : range_(std::move(range)), allocator_(allocator) {
    // With no member the group could never complete.
    if (range_.empty()) throw std::logic_error("ranged_parallel_group must be non-empty");
  }

  /// The completion signature: the order, then a vector per argument of the members'.
  using signature = typename detail::ranged_parallel_group_signature<
      ringport::detail::completion_signature_of_t<op_type>, Allocator>::type;

  /// Starts every member; the group is consumed.
  template <typename CancellationCondition, typename CompletionToken>
  decltype(auto) async_wait(CancellationCondition cancellation_condition, CompletionToken&& token) {
    return async_initiate<CompletionToken, signature>(initiate_async_wait(), token,
                                                      std::move(cancellation_condition),
                                                      std::move(range_), allocator_);
  }

 private:
  Range range_;
  Allocator allocator_;
};

/// @name Grouping a range of operations
//@{
/// A ranged_parallel_group of a range (std::vector, ...) of operations of one type; its
/// handler gets a vector of completion order, then one vector per completion argument, indexed
/// by member. make_parallel_group(std::allocator_arg, alloc, range) allocates those vectors
/// with alloc. An empty range throws std::logic_error.
template <typename Range>
requires is_async_operation_range<std::decay_t<Range>>::value
    [[nodiscard]] ranged_parallel_group<std::decay_t<Range>>
    make_parallel_group(Range&& range) {
  return ranged_parallel_group<std::decay_t<Range>>(std::forward<Range>(range));
}

template <typename Allocator, typename Range>
requires is_async_operation_range<std::decay_t<Range>>::value
    [[nodiscard]] ranged_parallel_group<std::decay_t<Range>, Allocator>
    make_parallel_group(std::allocator_arg_t, const Allocator& allocator, Range&& range) {
  return ranged_parallel_group<std::decay_t<Range>, Allocator>(std::forward<Range>(range),
                                                               allocator);
}
//@}

}  // namespace ringport::experimental

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/experimental/cancellation_condition.hpp"

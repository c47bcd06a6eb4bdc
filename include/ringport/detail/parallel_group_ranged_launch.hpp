// How experimental::ranged_parallel_group<Range, Allocator>::async_wait runs: as the fixed
// group, with a member count known at run time. The signals and results live in deques, the
// completion order and the per-argument result vectors use the group's allocator.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/detail/deferred_signature.hpp"
#include "ringport/detail/parallel_group_op_handler.hpp"
#include "ringport/detail/parallel_group_signature.hpp"
#include "ringport/recycling_allocator.hpp"

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace ringport::experimental::detail {

template <typename Condition, typename Handler, typename Signature, typename Allocator>
class ranged_parallel_group_state;

template <typename Condition, typename Handler, typename R, typename... Args, typename Allocator>
class ranged_parallel_group_state<Condition, Handler, R(Args...), Allocator>
    : public parallel_group_state_base<
          ranged_parallel_group_state<Condition, Handler, R(Args...), Allocator>, Condition,
          Handler> {
  using result_type = std::optional<std::tuple<std::decay_t<Args>...>>;

 public:
  ranged_parallel_group_state(Condition&& condition, Handler&& handler, std::size_t size,
                              const Allocator& allocator)
      : parallel_group_state_base<ranged_parallel_group_state, Condition, Handler>(
            std::move(condition), std::move(handler), size),
        allocator_(allocator),
        signals_(parallel_group_rebind_t<Allocator, cancellation_signal>(allocator)),
        order_(size, 0, parallel_group_rebind_t<Allocator, std::size_t>(allocator)),
        results_(size, parallel_group_rebind_t<Allocator, result_type>(allocator)) {
    // cancellation_signal cannot move: a deque builds each in place and never moves them.
    for (std::size_t i = 0; i < size; ++i)
      signals_.emplace_back();
  }

  std::size_t size() const noexcept { return signals_.size(); }
  cancellation_signal& signal(std::size_t i) noexcept { return signals_[i]; }
  std::size_t& order(std::size_t k) noexcept { return order_[k]; }

  template <typename... A>
  void store(std::size_t index, A&&... args) {
    results_[index].emplace(std::forward<A>(args)...);
  }

  void invoke(Handler&& handler) { invoke(std::move(handler), std::index_sequence_for<Args...>()); }

 private:
  // The order, then one vector per completion argument, indexed by member.
  template <std::size_t... K>
  void invoke(Handler&& handler, std::index_sequence<K...>) {
    std::tuple<parallel_group_vector_t<Allocator, std::decay_t<Args>>...> vectors{
        parallel_group_vector_t<Allocator, std::decay_t<Args>>(
            parallel_group_rebind_t<Allocator, std::decay_t<Args>>(allocator_))...};
    (std::get<K>(vectors).reserve(results_.size()), ...);
    for (result_type& r : results_) {
      (std::get<K>(vectors).push_back(std::move(std::get<K>(*r))), ...);
      static_cast<void>(r);
    }
    std::move(handler)(std::move(order_), std::move(std::get<K>(vectors))...);
  }

  Allocator allocator_;
  std::deque<cancellation_signal, parallel_group_rebind_t<Allocator, cancellation_signal>> signals_;
  parallel_group_vector_t<Allocator, std::size_t> order_;
  std::deque<result_type, parallel_group_rebind_t<Allocator, result_type>> results_;
};

template <typename Condition, typename Handler, typename Range, typename Allocator>
void ranged_parallel_group_launch(Condition condition, Handler handler, Range&& range,
                                  const Allocator& allocator) {
  auto slot = ringport::get_associated_cancellation_slot(handler);

  using op_type = std::decay_t<decltype(*std::declval<typename std::decay_t<Range>::iterator>())>;
  using state_type =
      ranged_parallel_group_state<Condition, Handler,
                                  ringport::detail::completion_signature_of_t<op_type>, Allocator>;
  std::shared_ptr<state_type> state =
      std::allocate_shared<state_type>(recycling_allocator<state_type>(), std::move(condition),
                                       std::move(handler), range.size(), allocator);

  std::size_t index = 0;
  for (auto&& op : range)
    parallel_group_start(op, state, index++);
  state->started();

  if (slot.is_connected()) slot.template emplace<parallel_group_cancel_all<state_type>>(state);
}

}  // namespace ringport::experimental::detail

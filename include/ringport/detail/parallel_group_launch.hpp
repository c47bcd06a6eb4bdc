// How experimental::parallel_group<Ops...>::async_wait runs: the shared state (one
// cancellation_signal per member, the completion order, each member's results) and the
// launch itself.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/detail/deferred_signature.hpp"
#include "ringport/detail/parallel_group_op_handler.hpp"
#include "ringport/detail/parallel_group_signature.hpp"
#include "ringport/recycling_allocator.hpp"

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

namespace ringport::experimental::detail {

template <typename Condition, typename Handler, typename... Ops>
class parallel_group_state
    : public parallel_group_state_base<parallel_group_state<Condition, Handler, Ops...>, Condition,
                                       Handler> {
 public:
  parallel_group_state(Condition&& condition, Handler&& handler)
      : parallel_group_state_base<parallel_group_state, Condition, Handler>(
            std::move(condition), std::move(handler), sizeof...(Ops)) {}

  static constexpr std::size_t size() noexcept { return sizeof...(Ops); }
  cancellation_signal& signal(std::size_t i) noexcept { return signals_[i]; }
  std::size_t& order(std::size_t k) noexcept { return order_[k]; }

  template <std::size_t I, typename... Args>
  void store(std::integral_constant<std::size_t, I>, Args&&... args) {
    std::get<I>(results_).emplace(std::forward<Args>(args)...);
  }

  // The order, then every member's results in member order.
  void invoke(Handler&& handler) {
    std::apply(
        [&](auto&&... args) { std::move(handler)(order_, std::forward<decltype(args)>(args)...); },
        take(std::index_sequence_for<Ops...>()));
  }

 private:
  template <std::size_t... I>
  auto take(std::index_sequence<I...>) {
    return std::tuple_cat(std::move(*std::get<I>(results_))...);
  }

  cancellation_signal signals_[sizeof...(Ops)];
  std::array<std::size_t, sizeof...(Ops)> order_{};
  std::tuple<std::optional<
      parallel_op_result_tuple_t<ringport::detail::completion_signature_of_t<Ops>>>...>
      results_;
};

template <typename Condition, typename Handler, typename... Ops, std::size_t... I>
void parallel_group_launch(Condition condition, Handler handler, std::tuple<Ops...>& ops,
                           std::index_sequence<I...>) {
  // Taken before the handler moves into the state.
  auto slot = ringport::get_associated_cancellation_slot(handler);

  using state_type = parallel_group_state<Condition, Handler, Ops...>;
  std::shared_ptr<state_type> state = std::allocate_shared<state_type>(
      recycling_allocator<state_type>(), std::move(condition), std::move(handler));

  (parallel_group_start(std::get<I>(ops), state, std::integral_constant<std::size_t, I>()), ...);
  state->started();

  if (slot.is_connected()) slot.template emplace<parallel_group_cancel_all<state_type>>(state);
}

}  // namespace ringport::experimental::detail

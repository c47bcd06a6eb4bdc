// The executors of a composed operation's I/O objects, each held with outstanding work for as
// long as the operation is pending, so the contexts behind them keep running until it
// completes even while no intermediate operation is queued there.
#pragma once

#include "ringport/associated_executor.hpp"
#include "ringport/execution.hpp"
#include "ringport/system_executor.hpp"

#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename Executor>
using tracked_executor_t = std::decay_t<decltype(ringport::prefer(
    std::declval<const Executor&>(), execution::outstanding_work.tracked))>;

template <typename... Executors>
struct composed_head_executor {
  // Asio's choice when no I/O object is given: the final handler, lacking an executor of
  // its own, runs on the system executor.
  using type = system_executor;
};
template <typename Head, typename... Tail>
struct composed_head_executor<Head, Tail...> {
  using type = Head;
};

template <typename... Executors>
class composed_work {
 public:
  using head_executor_type = typename composed_head_executor<Executors...>::type;

  explicit composed_work(const Executors&... executors)
      : executors_(executors...),
        work_(std::in_place, ringport::prefer(executors, execution::outstanding_work.tracked)...) {}

  composed_work(composed_work&& other) noexcept(
      (std::is_nothrow_move_constructible_v<Executors> && ...) &&
      (std::is_nothrow_move_constructible_v<tracked_executor_t<Executors>> && ...))
      : executors_(std::move(other.executors_)), work_(std::move(other.work_)) {
    // A moved-from tracked executor may still count its work (a copy is a valid move);
    // dropping it here leaves exactly one owner of every count.
    other.work_.reset();
  }
  composed_work(const composed_work&) = delete;
  composed_work& operator=(const composed_work&) = delete;
  composed_work& operator=(composed_work&&) = delete;

  head_executor_type head_executor() const noexcept {
    if constexpr (sizeof...(Executors) == 0)
      return head_executor_type();
    else
      return std::get<0>(executors_);
  }

  // Releases the work; the executors themselves stay usable.
  void reset() noexcept { work_.reset(); }

 private:
  std::tuple<Executors...> executors_;
  std::optional<std::tuple<tracked_executor_t<Executors>...>> work_;
};

}  // namespace ringport::detail

// The completion handler use_future turns into: it owns the promise behind the returned
// std::future and stores the completion's result (or error) in it.
//
// It deliberately has no associated executor. Asio gives its promise handlers one that runs
// inline but sends blocking.never work to the system executor's threads, so the intermediate
// steps of a composed operation that posts through self.get_executor() would leave the
// user's io_context. Without one, the handler and every intermediate step run on the I/O
// object's executor, exactly as with a plain callback; a plain callback is what this is.
#pragma once

#include "ringport/detail/promise_value.hpp"

#include <future>
#include <utility>

namespace ringport {
template <typename Allocator>
class use_future_t;
}  // namespace ringport

namespace ringport::detail {

template <typename Signature, typename Allocator>
class promise_handler;

// Args are the decayed completion arguments.
template <typename Allocator, typename... Args>
class promise_handler<void(Args...), Allocator> {
 public:
  using value_type = promise_value_t<Args...>;
  using future_type = std::future<value_type>;
  using allocator_type = Allocator;

  explicit promise_handler(const Allocator& a) : promise_(std::allocator_arg, a), allocator_(a) {}
  explicit promise_handler(const use_future_t<Allocator>& token)
      : promise_handler(token.get_allocator()) {}

  allocator_type get_allocator() const noexcept { return allocator_; }
  future_type get_future() { return promise_.get_future(); }

  void operator()(Args... args) { promise_deliver(promise_, std::move(args)...); }

 private:
  // Held by value: the shared state the future waits on lives apart from it (allocated
  // with the token's allocator), so the handler can move from operation to operation.
  std::promise<value_type> promise_;
  [[no_unique_address]] Allocator allocator_;
};

}  // namespace ringport::detail

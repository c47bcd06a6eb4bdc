// The completion handler a packaged_token turns into: calls the packaged function with the
// completion arguments and stores its result, or what it threw, in the promise (so an
// exception from the function never unwinds through run()). Like promise_handler it has no
// associated executor: it runs where the operation's completions run.
#pragma once

#include "ringport/detail/packaged_token.hpp"

#include <exception>
#include <future>
#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename Function, typename Allocator, typename Result, typename... Args>
class packaged_handler {
 public:
  using future_type = std::future<Result>;
  using allocator_type = Allocator;

  packaged_handler(packaged_token<Function, Allocator>&& token)
      : function_(std::move(token).function()),
        promise_(std::allocator_arg, token.get_allocator()),
        allocator_(token.get_allocator()) {}
  packaged_handler(const packaged_token<Function, Allocator>& token)
      : packaged_handler(packaged_token<Function, Allocator>(token)) {}

  allocator_type get_allocator() const noexcept { return allocator_; }
  future_type get_future() { return promise_.get_future(); }

  void operator()(Args... args) {
    try {
      if constexpr (std::is_void_v<Result>) {
        std::move(function_)(std::move(args)...);
        promise_.set_value();
      } else {
        promise_.set_value(std::move(function_)(std::move(args)...));
      }
    } catch (...) {
      promise_.set_exception(std::current_exception());
    }
  }

 private:
  Function function_;
  std::promise<Result> promise_;
  [[no_unique_address]] Allocator allocator_;
};

}  // namespace ringport::detail

// use_future(f): a token whose operation returns a std::future of f's result, f being called
// with the completion arguments.
#pragma once

#include <utility>

namespace ringport::detail {

template <typename Function, typename Allocator>
class packaged_token {
 public:
  template <typename F>
  packaged_token(F&& f, const Allocator& a) : function_(std::forward<F>(f)), allocator_(a) {}

  Function& function() & noexcept { return function_; }
  Function&& function() && noexcept { return std::move(function_); }
  Allocator get_allocator() const noexcept { return allocator_; }

 private:
  Function function_;
  [[no_unique_address]] Allocator allocator_;
};

}  // namespace ringport::detail

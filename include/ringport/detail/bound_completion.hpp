// A completion handler packed with the arguments it will be called with, as a nullary
// function object: the form in which a completion is handed to an executor when it cannot
// run where it was produced (e.g. a composed operation that finished inside its initiating
// function).
#pragma once

#include "ringport/associated_allocator.hpp"

#include <tuple>
#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename Handler, typename... Values>
class bound_completion {
 public:
  // Executors that allocate for the function they run ask it for its allocator; the answer
  // must be the handler's, so the final handler's allocation policy survives the packing.
  using allocator_type = associated_allocator_t<Handler>;

  template <typename H, typename... V>
  explicit bound_completion(H&& handler, V&&... values)
      : handler_(std::forward<H>(handler)), values_(std::forward<V>(values)...) {}

  bound_completion(bound_completion&&) = default;
  bound_completion& operator=(bound_completion&&) = default;

  allocator_type get_allocator() const noexcept { return get_associated_allocator(handler_); }

  void operator()() {
    std::apply([this](Values&... values) { std::move(handler_)(std::move(values)...); }, values_);
  }

 private:
  Handler handler_;
  std::tuple<Values...> values_;
};

}  // namespace ringport::detail

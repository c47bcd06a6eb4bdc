// Holds one user cancellation handler (any function object callable with cancellation_type)
// in memory owned by a cancellation_signal.
#pragma once

#include "ringport/detail/cancellation_handler_base.hpp"

#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename Handler>
class cancellation_handler final : public cancellation_handler_base {
 public:
  // The tag keeps this constructor from competing with copy construction.
  template <typename... Args>
  explicit cancellation_handler(std::in_place_t, Args&&... args)
      : handler_(make(std::forward<Args>(args)...)) {}

  void call(cancellation_type type) override { handler_(type); }
  void destroy() noexcept override { this->~cancellation_handler(); }

  Handler& handler() noexcept { return handler_; }

 private:
  // Aggregates are brace-initialised where the compiler lacks C++20's parenthesised aggregate
  // initialisation. The result is a prvalue, so even an immovable Handler is built in place.
  template <typename... Args>
  static Handler make(Args&&... args) {
    if constexpr (std::is_constructible_v<Handler, Args&&...>)
      return Handler(std::forward<Args>(args)...);
    else
      return Handler{std::forward<Args>(args)...};
  }

  // Only destroy() ends the object: the memory is not ours to free.
  ~cancellation_handler() = default;

  Handler handler_;
};

}  // namespace ringport::detail

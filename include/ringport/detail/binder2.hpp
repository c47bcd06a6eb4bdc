// A handler with its two arguments bound, ready to be handed to an executor as a nullary
// function. The second argument is moved into the call, so it may be move-only (a socket
// returned by a move-accept).
#pragma once

#include <utility>

namespace ringport::detail {

template <typename Handler, typename Arg1, typename Arg2>
class binder2 {
 public:
  template <typename H, typename A2>
  binder2(H&& handler, const Arg1& arg1, A2&& arg2)
      : handler_(std::forward<H>(handler)), arg1_(arg1), arg2_(std::forward<A2>(arg2)) {}

  // Called once.
  void operator()() { std::move(handler_)(static_cast<const Arg1&>(arg1_), std::move(arg2_)); }

  Handler& handler() noexcept { return handler_; }

 private:
  Handler handler_;
  Arg1 arg1_;
  Arg2 arg2_;
};

}  // namespace ringport::detail

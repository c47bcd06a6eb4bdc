// A handler with its one argument bound, ready to be handed to an executor as a nullary
// function.
#pragma once

#include <utility>

namespace ringport::detail {

template <typename Handler, typename Arg1>
class binder1 {
 public:
  template <typename H>
  binder1(H&& handler, const Arg1& arg1) : handler_(std::forward<H>(handler)), arg1_(arg1) {}

  // Called once; an rvalue call also suits handlers that are only rvalue-callable.
  void operator()() { std::move(handler_)(static_cast<const Arg1&>(arg1_)); }

  Handler& handler() noexcept { return handler_; }

 private:
  Handler handler_;
  Arg1 arg1_;
};

}  // namespace ringport::detail

// Initiation wrapper used by the async_result specializations of executor_binder and
// allocator_binder: when a bound completion token (say bind_executor(strand, use_future))
// becomes a handler, the handler is bound again before the real initiation sees it.
#pragma once

#include <type_traits>
#include <utility>

namespace ringport::detail {

// Rebind()(value, handler) makes the bound handler.
template <typename Initiation, typename Value, typename Rebind>
class bound_initiation {
 public:
  template <typename I>
  bound_initiation(const Value& value, I&& initiation)
      : value_(value), initiation_(std::forward<I>(initiation)) {}

  template <typename Handler, typename... Args>
  void operator()(Handler&& handler, Args&&... args) && {
    std::move(initiation_)(Rebind()(value_, std::forward<Handler>(handler)),
                           std::forward<Args>(args)...);
  }
  template <typename Handler, typename... Args>
  void operator()(Handler&& handler, Args&&... args) const& {
    initiation_(Rebind()(value_, std::forward<Handler>(handler)), std::forward<Args>(args)...);
  }

 private:
  Value value_;
  Initiation initiation_;
};

// The CompletionToken argument for async_initiate when a binder's target is passed on: the
// binder's constness and value category (RawToken as deduced by a forwarding reference).
template <typename RawToken, typename Target>
using bound_target_token_t = std::conditional_t<
    std::is_lvalue_reference_v<RawToken>,
    std::conditional_t<std::is_const_v<std::remove_reference_t<RawToken>>, const Target, Target>&,
    std::conditional_t<std::is_const_v<std::remove_reference_t<RawToken>>, const Target, Target>>;

}  // namespace ringport::detail

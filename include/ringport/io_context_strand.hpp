// io_context::strand: a strand over an io_context, constructed from the context itself, as
// older Asio code writes it (`io_context::strand s(ctx); post(s, h); bind_executor(s, h);`).
// It is a strand<io_context::executor_type> (same queue, same guarantees: handlers run one at a
// time, in order) with the constructor and the io_service-era members Asio gives this class.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/legacy_wrapped_handler.hpp"
#include "ringport/dispatch.hpp"
#include "ringport/io_context.hpp"
#include "ringport/post.hpp"
#include "ringport/strand.hpp"

#include <utility>

namespace ringport {

/// A strand over an io_context, constructed from the context itself, as older Asio code writes
/// it (`io_context::strand s(ctx); post(s, h); bind_executor(s, h);`).
///
/// It is a strand<io_context::executor_type> (same queue, same guarantees: handlers run one at a
/// time, in order) with the constructor and the io_service-era members Asio gives this class.
class io_context::strand : public ringport::strand<io_context::executor_type> {
 public:
  /// A strand that runs its handlers on `ctx`.
  explicit strand(io_context& ctx)
      : ringport::strand<io_context::executor_type>(ctx.get_executor()) {}

#if defined(RINGPORT_HAS_DEPRECATED)
  /// @name Deprecated handler forms
  //@{
  /// Deprecated forms that take a handler directly: post/dispatch it through this strand, or
  /// wrap it so that calling the wrapper dispatches it here with the arguments given.
  template <typename LegacyCompletionHandler>
  decltype(auto) post(LegacyCompletionHandler&& handler) const {
    return ringport::post(base(), std::forward<LegacyCompletionHandler>(handler));
  }
  template <typename LegacyCompletionHandler>
  decltype(auto) dispatch(LegacyCompletionHandler&& handler) const {
    return ringport::dispatch(base(), std::forward<LegacyCompletionHandler>(handler));
  }
  template <typename Handler>
  auto wrap(Handler handler) const {
    return detail::legacy_wrapped_handler<strand, Handler>(*this, std::move(handler));
  }
  //@}
#endif

  /// The executor-style members (name hiding would otherwise make the legacy overloads above
  /// hide them).
  using ringport::strand<io_context::executor_type>::post;
  using ringport::strand<io_context::executor_type>::dispatch;

 private:
  const ringport::strand<io_context::executor_type>& base() const noexcept {
    return *this;
  }
};

}  // namespace ringport

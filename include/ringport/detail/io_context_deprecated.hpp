// io_context's deprecated members (Asio's io_service era): io_context::work, and the post,
// dispatch and wrap members that took a handler directly. Included by io_context.hpp unless
// deprecated names are switched off.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/legacy_wrapped_handler.hpp"
#include "ringport/dispatch.hpp"
#include "ringport/io_context.hpp"
#include "ringport/post.hpp"

#include <type_traits>
#include <utility>

namespace ringport {

// Keeps run() from returning for lack of work while it exists (executor_work_guard's
// predecessor). Copies keep the context busy too.
class io_context::work {
 public:
  explicit work(io_context& ctx) noexcept : ctx_(&ctx) { ctx_->impl_.work_started(); }
  work(const work& other) noexcept : ctx_(other.ctx_) { ctx_->impl_.work_started(); }
  work& operator=(const work&) = delete;
  ~work() { ctx_->impl_.work_finished(); }

  io_context& get_io_context() noexcept { return *ctx_; }

 private:
  io_context* ctx_;
};

template <typename LegacyCompletionHandler>
decltype(auto) io_context::post(LegacyCompletionHandler&& handler) {
  return ringport::post(get_executor(), std::forward<LegacyCompletionHandler>(handler));
}

template <typename LegacyCompletionHandler>
decltype(auto) io_context::dispatch(LegacyCompletionHandler&& handler) {
  return ringport::dispatch(get_executor(), std::forward<LegacyCompletionHandler>(handler));
}

template <typename Handler>
auto io_context::wrap(Handler handler) {
  return detail::legacy_wrapped_handler<executor_type, Handler>(get_executor(), std::move(handler));
}

}  // namespace ringport

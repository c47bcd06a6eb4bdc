#include "ringport/io_context.hpp"

namespace ringport {

io_context::io_context() : io_context(backend_kind::automatic, -1) {}

io_context::io_context(int concurrency_hint)
    : io_context(backend_kind::automatic, concurrency_hint) {}

io_context::io_context(backend_kind backend, int concurrency_hint)
    : impl_(make_service<detail::scheduler>(*this, backend, concurrency_hint)) {}

io_context::~io_context() {
  shutdown();
  destroy();
}

io_context::count_type io_context::run() {
  error_code ec;
  count_type n = impl_.run(ec);
  detail::throw_error(ec, "run");
  return n;
}

io_context::count_type io_context::run_one() {
  error_code ec;
  count_type n = impl_.run_one(ec);
  detail::throw_error(ec, "run_one");
  return n;
}

io_context::count_type io_context::run_one_until_steady(
    std::chrono::steady_clock::time_point deadline) {
  error_code ec;
  count_type n = impl_.run_one_until(deadline, ec);
  detail::throw_error(ec, "run_one_until");
  return n;
}

io_context::count_type io_context::poll() {
  error_code ec;
  count_type n = impl_.poll(ec);
  detail::throw_error(ec, "poll");
  return n;
}

io_context::count_type io_context::poll_one() {
  error_code ec;
  count_type n = impl_.poll_one(ec);
  detail::throw_error(ec, "poll_one");
  return n;
}

void io_context::stop() {
  impl_.stop();
}
bool io_context::stopped() const {
  return impl_.stopped();
}
void io_context::restart() {
  impl_.restart();
}

backend_kind io_context::backend() const noexcept {
  return impl_.kind();
}
const std::string& io_context::backend_fallback_reason() const noexcept {
  return impl_.fallback_reason();
}

}  // namespace ringport

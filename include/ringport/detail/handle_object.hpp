// handle_object<Executor>: what every I/O object over a non-socket handle shares (pipes,
// files, POSIX stream descriptors): its handle_service implementation and executor,
// assign/close/release/cancel, and the asynchronous initiations of reads and writes at the
// handle's position or at an offset. The public classes derive from it and add their own
// reading and writing members, as Asio's do. One object is not thread-safe; close() or
// cancel() from another thread while an operation is in flight ends that operation once
// with operation_aborted.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/any_io_executor.hpp"
#include "ringport/async_result.hpp"
#include "ringport/detail/handle_service.hpp"
#include "ringport/detail/io_object_impl.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace ringport::detail {

// Lets the executor constructors tell a handle object from an executor.
struct handle_object_tag {};

// An argument the executor constructors take: anything convertible to the object's
// executor, except a handle object (tested first, so the conversion test, which for
// any_io_executor would recurse through these constructors, is not reached).
template <typename T, typename Executor>
concept handle_executor_arg = !std::is_base_of_v<handle_object_tag, std::remove_cvref_t<T>> &&
                              std::is_convertible_v<const T&, Executor>;

template <typename Executor>
class handle_object;

// Makes a pipe and gives its ends to `read_end` and `write_end` (connect_pipe).
template <typename Executor1, typename Executor2>
error_code connect_handles(handle_object<Executor1>& read_end, handle_object<Executor2>& write_end,
                           error_code& ec);

template <typename Executor>
class handle_object : public handle_object_tag {
 public:
  using executor_type = Executor;
  using native_handle_type = handle_service::native_handle_type;

  template <handle_executor_arg<Executor> ExecutorArg>
  explicit handle_object(const ExecutorArg& ex) : impl_(0, executor_type(ex)) {}
  template <execution_context_type ExecutionContext>
  explicit handle_object(ExecutionContext& ctx) : impl_(ctx) {}

  handle_object(handle_object&&) = default;
  handle_object& operator=(handle_object&&) = default;
  template <executor_convertible_to<Executor> Executor1>
  handle_object(handle_object<Executor1>&& other) : impl_(std::move(other.impl_)) {}
  template <executor_convertible_to<Executor> Executor1>
  handle_object& operator=(handle_object<Executor1>&& other) {
    impl_ = std::move(other.impl_);
    return *this;
  }
  handle_object(const handle_object&) = delete;
  handle_object& operator=(const handle_object&) = delete;

  executor_type get_executor() noexcept { return impl_.get_executor(); }

  void assign(const native_handle_type& h) {
    error_code ec;
    assign(h, ec);
    throw_error(ec, "assign");
  }
  error_code assign(const native_handle_type& h, error_code& ec) {
    return service().assign(impl(), h, ec);
  }

  bool is_open() const noexcept { return service().is_open(impl()); }

  // Pending operations end once with operation_aborted; the handle is closed.
  void close() {
    error_code ec;
    close(ec);
    throw_error(ec, "close");
  }
  error_code close(error_code& ec) { return service().close(impl(), ec); }

  // Pending operations end once with operation_aborted; the handle goes to the caller.
  native_handle_type release() {
    error_code ec;
    native_handle_type h = release(ec);
    throw_error(ec, "release");
    return h;
  }
  native_handle_type release(error_code& ec) { return service().release(impl(), ec); }

  native_handle_type native_handle() noexcept { return service().native_handle(impl()); }

  void cancel() {
    error_code ec;
    cancel(ec);
    throw_error(ec, "cancel");
  }
  error_code cancel(error_code& ec) { return service().cancel(impl(), ec); }

 protected:
  ~handle_object() = default;

  handle_service& service() noexcept { return impl_.get_service(); }
  const handle_service& service() const noexcept { return impl_.get_service(); }
  handle_service::implementation_type& impl() noexcept { return impl_.get_implementation(); }
  const handle_service::implementation_type& impl() const noexcept {
    return impl_.get_implementation();
  }

  // The transfers, with Asio's names. Each public class makes public the ones it offers
  // (`using base::read_some;`): the *_some forms at the handle's position (pipes, stream
  // descriptors, stream files), the *_some_at forms at an offset (random-access files).
  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers) {
    error_code ec;
    std::size_t n = read_some(buffers, ec);
    throw_error(ec, "read_some");
    return n;
  }
  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers, error_code& ec) {
    return service().read_some(impl(), buffers, ec);
  }

  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers) {
    error_code ec;
    std::size_t n = write_some(buffers, ec);
    throw_error(ec, "write_some");
    return n;
  }
  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers, error_code& ec) {
    return service().write_some(impl(), buffers, ec);
  }

  template <typename MutableBufferSequence>
  std::size_t read_some_at(std::uint64_t offset, const MutableBufferSequence& buffers) {
    error_code ec;
    std::size_t n = read_some_at(offset, buffers, ec);
    throw_error(ec, "read_some_at");
    return n;
  }
  template <typename MutableBufferSequence>
  std::size_t read_some_at(std::uint64_t offset, const MutableBufferSequence& buffers,
                           error_code& ec) {
    return service().read_some_at(impl(), offset, buffers, ec);
  }

  template <typename ConstBufferSequence>
  std::size_t write_some_at(std::uint64_t offset, const ConstBufferSequence& buffers) {
    error_code ec;
    std::size_t n = write_some_at(offset, buffers, ec);
    throw_error(ec, "write_some_at");
    return n;
  }
  template <typename ConstBufferSequence>
  std::size_t write_some_at(std::uint64_t offset, const ConstBufferSequence& buffers,
                            error_code& ec) {
    return service().write_some_at(impl(), offset, buffers, ec);
  }

  template <typename MutableBufferSequence,
            completion_token_for<void(error_code, std::size_t)> ReadToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_read_some(const MutableBufferSequence& buffers,
                                 ReadToken&& token = default_completion_token_t<executor_type>()) {
    return initiate_read(handle_service::at_position, buffers, std::forward<ReadToken>(token));
  }

  template <typename ConstBufferSequence,
            completion_token_for<void(error_code, std::size_t)> WriteToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_write_some(
      const ConstBufferSequence& buffers,
      WriteToken&& token = default_completion_token_t<executor_type>()) {
    return initiate_write(handle_service::at_position, buffers, std::forward<WriteToken>(token));
  }

  template <typename MutableBufferSequence,
            completion_token_for<void(error_code, std::size_t)> ReadToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_read_some_at(
      std::uint64_t offset, const MutableBufferSequence& buffers,
      ReadToken&& token = default_completion_token_t<executor_type>()) {
    return initiate_read(offset, buffers, std::forward<ReadToken>(token));
  }

  template <typename ConstBufferSequence,
            completion_token_for<void(error_code, std::size_t)> WriteToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_write_some_at(
      std::uint64_t offset, const ConstBufferSequence& buffers,
      WriteToken&& token = default_completion_token_t<executor_type>()) {
    return initiate_write(offset, buffers, std::forward<WriteToken>(token));
  }

 private:
  template <typename Token, typename MutableBufferSequence>
  decltype(auto) initiate_read(std::uint64_t offset, const MutableBufferSequence& buffers,
                               Token&& token) {
    return async_initiate<Token, void(error_code, std::size_t)>(initiate_async_read(this), token,
                                                                buffers, offset);
  }
  template <typename Token, typename ConstBufferSequence>
  decltype(auto) initiate_write(std::uint64_t offset, const ConstBufferSequence& buffers,
                                Token&& token) {
    return async_initiate<Token, void(error_code, std::size_t)>(initiate_async_write(this), token,
                                                                buffers, offset);
  }

  template <typename>
  friend class handle_object;
  template <typename Executor1, typename Executor2>
  friend error_code connect_handles(handle_object<Executor1>&, handle_object<Executor2>&,
                                    error_code&);

  class initiate_async_read {
   public:
    using executor_type = Executor;
    explicit initiate_async_read(handle_object* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }
    template <typename Handler, typename MutableBufferSequence>
    void operator()(Handler&& handler, const MutableBufferSequence& buffers,
                    std::uint64_t offset) const {
      self_->service().async_read_some_at(self_->impl(), offset, buffers,
                                          std::forward<Handler>(handler),
                                          self_->impl_.get_executor());
    }

   private:
    handle_object* self_;
  };

  class initiate_async_write {
   public:
    using executor_type = Executor;
    explicit initiate_async_write(handle_object* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }
    template <typename Handler, typename ConstBufferSequence>
    void operator()(Handler&& handler, const ConstBufferSequence& buffers,
                    std::uint64_t offset) const {
      self_->service().async_write_some_at(self_->impl(), offset, buffers,
                                           std::forward<Handler>(handler),
                                           self_->impl_.get_executor());
    }

   private:
    handle_object* self_;
  };

  io_object_impl<handle_service, executor_type> impl_;
};

template <typename Executor1, typename Executor2>
error_code connect_handles(handle_object<Executor1>& read_end, handle_object<Executor2>& write_end,
                           error_code& ec) {
  if (read_end.is_open() || write_end.is_open()) {
    ec = error::already_open;
    return ec;
  }
  handle_service::native_handle_type r{}, w{};
  if (read_end.service().create_pipe(r, w, ec)) return ec;
  if (read_end.assign(r, ec)) {
    handle_service::close_native(r);
    handle_service::close_native(w);
    return ec;
  }
  if (write_end.assign(w, ec)) {
    error_code ignored;
    read_end.close(ignored);
    handle_service::close_native(w);
  }
  return ec;
}

}  // namespace ringport::detail

// What Asio's headers of the pipe, file and descriptor classes also bring, which code written
// for Asio relies on.
#include "ringport/buffer.hpp"
#include "ringport/executor_work_guard.hpp"
#include "ringport/io_context.hpp"

// basic_file<Executor>: what stream_file and random_access_file share, with Asio's
// interface: open with file_base flags, size, resize, sync_all, sync_data. Files are offered
// on every backend: io_uring reads and writes them itself, IOCP through overlapped file
// handles, and the epoll backend, which cannot watch regular files, on a worker thread.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/handle_object.hpp"
#include "ringport/file_base.hpp"

#include <cstdint>
#include <string>
#include <utility>

namespace ringport {

/// What basic_stream_file and basic_random_access_file share, with Asio's interface: open with
/// file_base flags, size, resize, sync_all, sync_data (Asio's basic_file).
///
/// Files are offered on every backend: io_uring reads and writes them itself, IOCP through
/// overlapped file handles, and the epoll backend, which cannot watch regular files, on a worker
/// thread (there one transfer runs at a time, and one that has started cannot be cancelled).
template <typename Executor = any_io_executor>
class basic_file : public detail::handle_object<Executor>, public file_base {
  using base = detail::handle_object<Executor>;

 public:
  /// @name Types
  //@{
  /// The executor type and the OS handle type (a descriptor on POSIX, a HANDLE on Windows).
  using typename base::executor_type;
  using typename base::native_handle_type;
  //@}

  /// The same class on another executor type.
  template <typename Executor1>
  struct rebind_executor {
    /// The class on `Executor1`.
    using other = basic_file<Executor1>;
  };

  /// Constructs a closed object from an executor or an execution context.
  using base::base;

  /// @name Construction from a path
  //@{
  /// Opens the file at `path` with `open_flags`, as open() does (throws std::system_error on
  /// failure).
  basic_file(const executor_type& ex, const char* path, file_base::flags open_flags) : base(ex) {
    open(path, open_flags);
  }
  template <detail::execution_context_type ExecutionContext>
  basic_file(ExecutionContext& ctx, const char* path, file_base::flags open_flags) : base(ctx) {
    open(path, open_flags);
  }
  basic_file(const executor_type& ex, const std::string& path, file_base::flags open_flags)
      : base(ex) {
    open(path, open_flags);
  }
  template <detail::execution_context_type ExecutionContext>
  basic_file(ExecutionContext& ctx, const std::string& path, file_base::flags open_flags)
      : base(ctx) {
    open(path, open_flags);
  }
  //@}
  /// @name Construction from a native handle
  //@{
  /// Takes ownership of the open file handle `h` (throws std::system_error if it cannot be
  /// assigned).
  basic_file(const executor_type& ex, const native_handle_type& h) : base(ex) { this->assign(h); }
  template <detail::execution_context_type ExecutionContext>
  basic_file(ExecutionContext& ctx, const native_handle_type& h) : base(ctx) {
    this->assign(h);
  }
  //@}

  /// @name Moves
  //@{
  /// Moves take pending operations along and leave the source closed; the move assignment
  /// closes this object first. An object on another executor type converts when its executor
  /// does.
  basic_file(basic_file&&) = default;
  basic_file& operator=(basic_file&&) = default;
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_file(basic_file<Executor1>&& other) : base(std::move(other)) {}
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_file& operator=(basic_file<Executor1>&& other) {
    base::operator=(std::move(other));
    return *this;
  }
  //@}

  /// @name Opening
  //@{
  /// Opens the file at `path` with `open_flags` (file_base::flags, e.g.
  /// `read_write | create`). The overloads without `ec` throw std::system_error on failure.
  void open(const char* path, file_base::flags open_flags) {
    error_code ec;
    open(path, open_flags, ec);
    detail::throw_error(ec, "open");
  }
  error_code open(const char* path, file_base::flags open_flags, error_code& ec) {
    return this->service().open_file(this->impl(), path, open_flags, ec);
  }
  void open(const std::string& path, file_base::flags open_flags) {
    open(path.c_str(), open_flags);
  }
  error_code open(const std::string& path, file_base::flags open_flags, error_code& ec) {
    return open(path.c_str(), open_flags, ec);
  }
  //@}

  /// @name Size
  //@{
  /// The file's size in bytes. The overload without `ec` throws std::system_error on failure.
  std::uint64_t size() const {
    error_code ec;
    std::uint64_t n = size(ec);
    detail::throw_error(ec, "size");
    return n;
  }
  std::uint64_t size(error_code& ec) const { return this->service().size(this->impl(), ec); }
  //@}

  /// @name Resizing
  //@{
  /// Grows (with zeros) or shrinks the file to `n` bytes. The overload without `ec` throws
  /// std::system_error on failure.
  void resize(std::uint64_t n) {
    error_code ec;
    resize(n, ec);
    detail::throw_error(ec, "resize");
  }
  error_code resize(std::uint64_t n, error_code& ec) {
    return this->service().resize(this->impl(), n, ec);
  }
  //@}

  /// @name Syncing
  //@{
  /// sync_all(): data and metadata reach the disk. sync_data(): the data reaches the disk
  /// (metadata only as far as needed to read it back). The overloads without `ec` throw
  /// std::system_error on failure.
  void sync_all() {
    error_code ec;
    sync_all(ec);
    detail::throw_error(ec, "sync_all");
  }
  error_code sync_all(error_code& ec) { return this->service().sync_all(this->impl(), ec); }

  void sync_data() {
    error_code ec;
    sync_data(ec);
    detail::throw_error(ec, "sync_data");
  }
  error_code sync_data(error_code& ec) { return this->service().sync_data(this->impl(), ec); }
  //@}

  /// @cond INTERNAL
 protected:
  ~basic_file() = default;
  /// @endcond
};

}  // namespace ringport

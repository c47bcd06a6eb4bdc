#include "ringport/detail/linux/posix_handle_service_base.hpp"

#include "sockets/posix_socket_calls.hpp"

#include "ringport/error.hpp"
#include "ringport/error_code.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace ringport::detail {

namespace {

error_code errno_code(int e) {
  return error_code(e, ringport::system_category());
}

int open_flags(file_base::flags f) {
  int o = O_CLOEXEC;
  if (f & file_base::read_write)
    o |= O_RDWR;
  else if (f & file_base::write_only)
    o |= O_WRONLY;
  else
    o |= O_RDONLY;
  if (f & file_base::append) o |= O_APPEND;
  if (f & file_base::create) o |= O_CREAT;
  if (f & file_base::exclusive) o |= O_EXCL;
  if (f & file_base::truncate) o |= O_TRUNC;
  if (f & file_base::sync_all_on_write) o |= O_SYNC;
  return o;
}

}  // namespace

// The outcome of a file call that returned `r`: on a closed implementation the descriptor -1
// made the call fail with EBADF, reported as bad_descriptor.
error_code posix_handle_service_base::call_result(int r, const base_implementation_type& impl,
                                                  error_code& ec) const {
  if (r < 0)
    ec = is_open(impl) ? errno_code(errno) : error_code(error::bad_descriptor);
  else
    ec.clear();
  return ec;
}

// With non_blocking(true) a call that would wait must report would_block, which a blocking
// descriptor (io_uring keeps them blocking) cannot do: it is switched to O_NONBLOCK, as Asio
// does; the next async op switches it back if its backend needs that.
void posix_handle_service_base::prepare_sync_call(base_implementation_type& impl) {
  if (!(impl.state_ & user_set_non_blocking) || (impl.state_ & internal_non_blocking)) return;
  int fl = ::fcntl(native_handle(impl), F_GETFL);
  if (fl >= 0 && ::fcntl(native_handle(impl), F_SETFL, fl | O_NONBLOCK) == 0)
    impl.state_ |= internal_non_blocking;
}

error_code posix_handle_service_base::non_blocking(base_implementation_type& impl, bool mode,
                                                   error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  if (mode)
    impl.state_ |= user_set_non_blocking;
  else
    impl.state_ &= ~user_set_non_blocking;
  ec.clear();
  return ec;
}

error_code posix_handle_service_base::open_file(base_implementation_type& impl, const char* path,
                                                file_base::flags flags, error_code& ec) {
  if (is_open(impl)) {
    ec = error::already_open;
    return ec;
  }
  int fd;
  do {
    fd = ::open(path, open_flags(flags), 0644);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    ec = errno_code(errno);
    return ec;
  }
  // Mode unknown, though blocking: a backend that changes it must keep the other status
  // flags (O_APPEND).
  if (do_assign(impl, SOCK_STREAM, fd, ec, fd_mode::unknown)) ::close(fd);
  return ec;
}

std::uint64_t posix_handle_service_base::size(const base_implementation_type& impl,
                                              error_code& ec) const {
  struct stat st {};
  if (::fstat(native_handle(impl), &st) < 0) {
    ec = is_open(impl) ? errno_code(errno) : error_code(error::bad_descriptor);
    return 0;
  }
  ec.clear();
  return static_cast<std::uint64_t>(st.st_size);
}

error_code posix_handle_service_base::resize(base_implementation_type& impl, std::uint64_t n,
                                             error_code& ec) {
  return call_result(::ftruncate(native_handle(impl), static_cast<off_t>(n)), impl, ec);
}

error_code posix_handle_service_base::sync_all(base_implementation_type& impl, error_code& ec) {
  return call_result(::fsync(native_handle(impl)), impl, ec);
}

error_code posix_handle_service_base::sync_data(base_implementation_type& impl, error_code& ec) {
  return call_result(::fdatasync(native_handle(impl)), impl, ec);
}

std::uint64_t posix_handle_service_base::seek(base_implementation_type& impl, std::int64_t offset,
                                              file_base::seek_basis whence, error_code& ec) {
  int w = whence == file_base::seek_set   ? SEEK_SET
          : whence == file_base::seek_cur ? SEEK_CUR
                                          : SEEK_END;
  off_t r = ::lseek(native_handle(impl), static_cast<off_t>(offset), w);
  if (r < 0) {
    ec = is_open(impl) ? errno_code(errno) : error_code(error::bad_descriptor);
    return 0;
  }
  ec.clear();
  return static_cast<std::uint64_t>(r);
}

error_code posix_handle_service_base::create_pipe(native_handle_type& read_end,
                                                  native_handle_type& write_end, error_code& ec) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | (backend_non_blocking() ? O_NONBLOCK : 0)) < 0) {
    ec = errno_code(errno);
    return ec;
  }
  read_end = fds[0];
  write_end = fds[1];
  ec.clear();
  return ec;
}

std::size_t posix_handle_service_base::read(base_implementation_type& impl, native_buffer* bufs,
                                            std::size_t count, std::size_t total,
                                            std::uint64_t offset, error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return 0;
  }
  if (total == 0) {
    ec.clear();
    return 0;
  }
  prepare_sync_call(impl);
  msghdr msg{};
  msg.msg_iov = bufs;
  msg.msg_iovlen = count;
  bool user_nb = impl.state_ & user_set_non_blocking;
  for (;;) {
    long n = posix_calls::read(native_handle(impl), msg, native_offset(offset));
    if (n > 0) {
      ec.clear();
      return static_cast<std::size_t>(n);
    }
    if (n == 0) {
      ec = error::eof;
      return 0;
    }
    // A descriptor the backend keeps non-blocking (epoll) waits here for readiness unless
    // the user asked for non-blocking calls.
    if (!posix_calls::would_block(static_cast<int>(-n)) || user_nb) {
      ec = errno_code(static_cast<int>(-n));
      return 0;
    }
    if (int r = posix_calls::wait_ready(native_handle(impl), POLLIN)) {
      ec = errno_code(-r);
      return 0;
    }
  }
}

std::size_t posix_handle_service_base::write(base_implementation_type& impl,
                                             const native_buffer* bufs, std::size_t count,
                                             std::size_t total, std::uint64_t offset,
                                             error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return 0;
  }
  if (total == 0) {
    ec.clear();
    return 0;
  }
  prepare_sync_call(impl);
  msghdr msg{};
  msg.msg_iov = const_cast<native_buffer*>(bufs);  // writev only reads them
  msg.msg_iovlen = count;
  bool user_nb = impl.state_ & user_set_non_blocking;
  for (;;) {
    long n = posix_calls::write(native_handle(impl), msg, native_offset(offset));
    if (n >= 0) {
      ec.clear();
      return static_cast<std::size_t>(n);
    }
    if (!posix_calls::would_block(static_cast<int>(-n)) || user_nb) {
      ec = errno_code(static_cast<int>(-n));
      return 0;
    }
    if (int r = posix_calls::wait_ready(native_handle(impl), POLLOUT)) {
      ec = errno_code(-r);
      return 0;
    }
  }
}

}  // namespace ringport::detail

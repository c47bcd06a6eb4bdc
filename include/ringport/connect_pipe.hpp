// connect_pipe(read_end, write_end): makes an anonymous pipe and gives its two ends to two
// closed pipe objects (POSIX: pipe2; Windows: a uniquely named overlapped pipe, since
// anonymous Windows pipes cannot do overlapped I/O). On failure both stay closed.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/basic_readable_pipe.hpp"
#include "ringport/basic_writable_pipe.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"

namespace ringport {

/// @name Connecting a pipe
//@{
/// Makes an anonymous pipe and gives its two ends to two closed pipe objects (POSIX: pipe2;
/// Windows: a uniquely named overlapped pipe, since anonymous Windows pipes cannot do
/// overlapped I/O). On failure both stay closed; the overload with `ec` reports the error there
/// (and returns it), the other throws std::system_error.
template <typename Executor1, typename Executor2>
void connect_pipe(basic_readable_pipe<Executor1>& read_end,
                  basic_writable_pipe<Executor2>& write_end) {
  error_code ec;
  connect_pipe(read_end, write_end, ec);
  detail::throw_error(ec, "connect_pipe");
}

template <typename Executor1, typename Executor2>
error_code connect_pipe(basic_readable_pipe<Executor1>& read_end,
                        basic_writable_pipe<Executor2>& write_end, error_code& ec) {
  return detail::connect_handles(read_end, write_end, ec);
}
//@}

}  // namespace ringport

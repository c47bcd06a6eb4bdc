// Asio's feature-test macros through ringport: code written for Asio that tests ASIO_HAS_*
// after including one fine-grained header takes the branch it takes with Asio (checked here
// with `#error`, so a missing or wrong macro fails the build), and the macros of what
// ringport does not offer stay undefined.
#include "ringport/ip/tcp.hpp"

#include <gtest/gtest.h>

#if !defined(ASIO_HAS_CO_AWAIT) || !defined(ASIO_HAS_STD_COROUTINE) || !defined(ASIO_HAS_MOVE) || \
    !defined(ASIO_HAS_STD_CHRONO) || !defined(ASIO_HAS_VARIADIC_TEMPLATES) ||                     \
    !defined(ASIO_HAS_STD_SYSTEM_ERROR) || !defined(ASIO_HAS_GETADDRINFO) ||                      \
    !defined(ASIO_HAS_SIGNAL) || !defined(ASIO_HAS_THREADS) || !defined(ASIO_HAS_PIPE)
#error "an ASIO_HAS_ macro of what ringport offers is missing"
#endif
#if ASIO_HAS_CO_AWAIT != 1
#error "ASIO_HAS_* macros are 1, as Asio's"
#endif

// Not offered: the branches for them must not be taken.
#if defined(ASIO_HAS_SERIAL_PORT) || defined(ASIO_HAS_HANDLER_HOOKS) || defined(ASIO_HAS_IO_URING)
#error "an ASIO_HAS_ macro of something ringport does not offer is defined"
#endif

#if defined(__linux__)
#if !defined(ASIO_HAS_LOCAL_SOCKETS) || !defined(ASIO_HAS_EPOLL) || !defined(ASIO_HAS_PTHREADS)
#error "Linux: local sockets, epoll and pthreads are offered"
#endif
#if !defined(ASIO_HAS_POSIX_STREAM_DESCRIPTOR)
#error "Linux: POSIX stream descriptors are offered"
#endif
// Files are offered on every backend, but Asio defines this only with ASIO_HAS_IO_URING (which
// a real Asio included later would then compile its io_uring file service for).
#if defined(ASIO_HAS_FILE)
#error "Linux: ASIO_HAS_FILE only where the user defined ASIO_HAS_IO_URING"
#endif
#if defined(ASIO_HAS_IOCP)
#error "ASIO_HAS_IOCP on Linux"
#endif
#elif defined(_WIN32)
#if !defined(ASIO_HAS_IOCP)
#error "Windows: ASIO_HAS_IOCP"
#endif
#if defined(ASIO_HAS_LOCAL_SOCKETS) || defined(ASIO_HAS_POSIX_STREAM_DESCRIPTOR)
#error "no local sockets or POSIX descriptors on Windows"
#endif
#if !defined(ASIO_HAS_FILE)
#error "Windows: ASIO_HAS_FILE"
#endif
#endif

#if defined(ASIO_HAS_LOCAL_SOCKETS)
#include "ringport/buffer.hpp"
#include "ringport/local/connect_pair.hpp"
#include "ringport/local/stream_protocol.hpp"
#endif
#if defined(ASIO_HAS_PIPE)
#include "ringport/buffer.hpp"
#include "ringport/connect_pipe.hpp"
#include "ringport/readable_pipe.hpp"
#include "ringport/writable_pipe.hpp"
#endif

namespace asio_feature_macros_test {

// As an Asio example guards its Unix-socket part: the branch is taken where ringport has
// local sockets, and it works. (Elsewhere the #error checks above are the test.)
#if defined(ASIO_HAS_LOCAL_SOCKETS)
TEST(AsioFeatureMacros, LocalSocketBranchAsInAsio) {
  ringport::io_context ctx;
  ringport::local::stream_protocol::socket a(ctx), b(ctx);
  ringport::local::connect_pair(a, b);
  a.send(ringport::buffer("x", 1));
  char c = 0;
  EXPECT_EQ(b.receive(ringport::buffer(&c, 1)), 1u);
  EXPECT_EQ(c, 'x');
}
#endif

#if defined(ASIO_HAS_PIPE)
TEST(AsioFeatureMacros, PipeBranchAsInAsio) {
  ringport::io_context ctx;
  ringport::readable_pipe r(ctx);
  ringport::writable_pipe w(ctx);
  ringport::connect_pipe(r, w);
  EXPECT_EQ(w.write_some(ringport::buffer("y", 1)), 1u);
  char c = 0;
  EXPECT_EQ(r.read_some(ringport::buffer(&c, 1)), 1u);
  EXPECT_EQ(c, 'y');
}
#endif

}  // namespace asio_feature_macros_test

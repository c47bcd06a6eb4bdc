// The fault filters of the Windows socket service (iocp_fault_injection.hpp). Compiled in
// only with RINGPORT_TESTING_HOOKS.
#include "iocp_fault_injection.hpp"

#if RINGPORT_TESTING_HOOKS

#include <windows.h>

namespace ringport::detail::iocp_fault {

unsigned long stream_transfer_fault(SOCKET s, const WSABUF* bufs, unsigned long count, WSABUF* cut,
                                    unsigned long& cut_count) noexcept {
  if (fault::fires(fault::kind::reset)) {
    // Gone both ways, as after a reset: what the peer sent and was not read is lost.
    ::shutdown(s, SD_BOTH);
    return WSAECONNRESET;
  }
  if (count > max_cut_buffers) return 0;
  unsigned long long total = 0;
  for (unsigned long i = 0; i < count; ++i)
    total += bufs[i].len;
  if (total < 2 || !fault::fires(fault::kind::short_transfer)) return 0;
  unsigned long long limit = 1 + fault::draw(fault::kind::short_transfer, total - 1);
  unsigned long n = 0;
  for (unsigned long i = 0; i < count && limit > 0; ++i) {
    cut[n] = bufs[i];
    if (cut[n].len > limit) cut[n].len = static_cast<ULONG>(limit);
    limit -= cut[n].len;
    ++n;
  }
  cut_count = n;
  return 0;
}

unsigned long no_descriptors() noexcept {
  if (!fault::fires(fault::kind::no_descriptors)) return 0;
  return fault::draw(fault::kind::no_descriptors, 2) == 0 ? WSAEMFILE : WSAENOBUFS;
}

unsigned long accept_start_error() noexcept {
  if (!fault::fires(fault::kind::accept_error)) return 0;
  return fault::draw(fault::kind::accept_error, 2) == 0 ? WSAEMFILE : WSAENOBUFS;
}

unsigned long accepted_connection_reset() noexcept {
  if (!fault::fires(fault::kind::accept_error)) return 0;
  // The packet's status of a reset connection (STATUS_CONNECTION_RESET), or the Winsock
  // error an AcceptEx that finished at once returns for it.
  return fault::draw(fault::kind::accept_error, 2) == 0 ? ERROR_NETNAME_DELETED : WSAECONNRESET;
}

unsigned long connect_error() noexcept {
  if (!fault::fires(fault::kind::connect_error)) return 0;
  // What a ConnectEx packet carries (STATUS_CONNECTION_REFUSED, STATUS_NETWORK_UNREACHABLE,
  // STATUS_IO_TIMEOUT as Win32 errors).
  switch (fault::draw(fault::kind::connect_error, 3)) {
    case 0:
      return ERROR_CONNECTION_REFUSED;
    case 1:
      return ERROR_NETWORK_UNREACHABLE;
    default:
      return ERROR_SEM_TIMEOUT;
  }
}

}  // namespace ringport::detail::iocp_fault

#endif  // RINGPORT_TESTING_HOOKS

// RINGPORT_NO_ASIO_MACROS: ringport defines none of Asio's ASIO_HAS_* macros.
#define RINGPORT_NO_ASIO_MACROS 1
#include "ringport.hpp"

#if defined(ASIO_HAS_CO_AWAIT) || defined(ASIO_HAS_MOVE) || defined(ASIO_HAS_GETADDRINFO) || \
    defined(ASIO_HAS_LOCAL_SOCKETS) || defined(ASIO_HAS_IOCP) || defined(ASIO_HAS_THREADS)
#error "RINGPORT_NO_ASIO_MACROS must leave Asio's macros undefined"
#endif

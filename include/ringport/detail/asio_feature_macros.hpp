// Asio's feature-test macros (ASIO_HAS_*) for what ringport offers, so that code written for
// Asio takes through `namespace asio = ringport;` the branches it takes with Asio: an
// `#if defined(ASIO_HAS_LOCAL_SOCKETS)` around Unix-socket code, a coroutine path under
// ASIO_HAS_CO_AWAIT. Each is 1 and defined only where it is not defined already. Left out:
// what ringport does not offer (handler hooks, serial ports, Windows object handles), Asio's
// own trait plumbing (ASIO_HAS_DEDUCED_*), and the macros Asio makes the user opt into
// (ASIO_HAS_IO_URING), which would switch a real Asio included later to io_uring. For the
// same reason ASIO_HAS_FILE is defined on Linux only where the user defined
// ASIO_HAS_IO_URING, as Asio does: ringport offers files on every backend, but the macro would
// make a real Asio compile its io_uring file service.
// RINGPORT_NO_ASIO_MACROS leaves them all out.
#pragma once

#if !defined(RINGPORT_NO_ASIO_MACROS)

// Language and standard library: what C++20, which ringport requires, has.
#if !defined(ASIO_HAS_ALIAS_TEMPLATES)
#define ASIO_HAS_ALIAS_TEMPLATES 1
#endif
#if !defined(ASIO_HAS_ALIGNOF)
#define ASIO_HAS_ALIGNOF 1
#endif
#if !defined(ASIO_HAS_CHRONO)
#define ASIO_HAS_CHRONO 1
#endif
#if !defined(ASIO_HAS_STD_CHRONO)
#define ASIO_HAS_STD_CHRONO 1
#endif
#if !defined(ASIO_HAS_CONCEPTS)
#define ASIO_HAS_CONCEPTS 1
#endif
#if !defined(ASIO_HAS_CONSTEXPR)
#define ASIO_HAS_CONSTEXPR 1
#endif
#if !defined(ASIO_HAS_CO_AWAIT)
#define ASIO_HAS_CO_AWAIT 1
#endif
#if !defined(ASIO_HAS_STD_COROUTINE)
#define ASIO_HAS_STD_COROUTINE 1
#endif
#if !defined(ASIO_HAS_CSTDINT)
#define ASIO_HAS_CSTDINT 1
#endif
#if !defined(ASIO_HAS_CXX11_ALLOCATORS)
#define ASIO_HAS_CXX11_ALLOCATORS 1
#endif
#if !defined(ASIO_HAS_DECLTYPE)
#define ASIO_HAS_DECLTYPE 1
#endif
#if !defined(ASIO_HAS_DEFAULT_FUNCTION_TEMPLATE_ARGUMENTS)
#define ASIO_HAS_DEFAULT_FUNCTION_TEMPLATE_ARGUMENTS 1
#endif
#if !defined(ASIO_HAS_ENUM_CLASS)
#define ASIO_HAS_ENUM_CLASS 1
#endif
#if !defined(ASIO_HAS_MOVE)
#define ASIO_HAS_MOVE 1
#endif
#if !defined(ASIO_HAS_NOEXCEPT)
#define ASIO_HAS_NOEXCEPT 1
#endif
#if !defined(ASIO_HAS_NOEXCEPT_FUNCTION_TYPE)
#define ASIO_HAS_NOEXCEPT_FUNCTION_TYPE 1
#endif
#if !defined(ASIO_HAS_NULLPTR)
#define ASIO_HAS_NULLPTR 1
#endif
#if !defined(ASIO_HAS_REF_QUALIFIED_FUNCTIONS)
#define ASIO_HAS_REF_QUALIFIED_FUNCTIONS 1
#endif
#if !defined(ASIO_HAS_RETURN_TYPE_DEDUCTION)
#define ASIO_HAS_RETURN_TYPE_DEDUCTION 1
#endif
#if !defined(ASIO_HAS_VARIABLE_TEMPLATES)
#define ASIO_HAS_VARIABLE_TEMPLATES 1
#endif
#if !defined(ASIO_HAS_SFINAE_VARIABLE_TEMPLATES)
#define ASIO_HAS_SFINAE_VARIABLE_TEMPLATES 1
#endif
#if !defined(ASIO_HAS_VARIADIC_TEMPLATES)
#define ASIO_HAS_VARIADIC_TEMPLATES 1
#endif
#if !defined(ASIO_HAS_CONSTANT_EXPRESSION_SFINAE)
#define ASIO_HAS_CONSTANT_EXPRESSION_SFINAE 1
#endif
#if !defined(ASIO_HAS_WORKING_EXPRESSION_SFINAE)
#define ASIO_HAS_WORKING_EXPRESSION_SFINAE 1
#endif
#if !defined(ASIO_HAS_STD_ADDRESSOF)
#define ASIO_HAS_STD_ADDRESSOF 1
#endif
#if !defined(ASIO_HAS_STD_ALLOCATOR_ARG)
#define ASIO_HAS_STD_ALLOCATOR_ARG 1
#endif
#if !defined(ASIO_HAS_STD_ANY)
#define ASIO_HAS_STD_ANY 1
#endif
#if !defined(ASIO_HAS_STD_ARRAY)
#define ASIO_HAS_STD_ARRAY 1
#endif
#if !defined(ASIO_HAS_STD_ATOMIC)
#define ASIO_HAS_STD_ATOMIC 1
#endif
#if !defined(ASIO_HAS_STD_CALL_ONCE)
#define ASIO_HAS_STD_CALL_ONCE 1
#endif
#if !defined(ASIO_HAS_STD_EXCEPTION_PTR)
#define ASIO_HAS_STD_EXCEPTION_PTR 1
#endif
#if !defined(ASIO_HAS_STD_FUNCTION)
#define ASIO_HAS_STD_FUNCTION 1
#endif
#if !defined(ASIO_HAS_STD_FUTURE)
#define ASIO_HAS_STD_FUTURE 1
#endif
#if !defined(ASIO_HAS_STD_FUTURE_CLASS)
#define ASIO_HAS_STD_FUTURE_CLASS 1
#endif
#if !defined(ASIO_HAS_STD_HASH)
#define ASIO_HAS_STD_HASH 1
#endif
#if !defined(ASIO_HAS_STD_IOSTREAM_MOVE)
#define ASIO_HAS_STD_IOSTREAM_MOVE 1
#endif
#if !defined(ASIO_HAS_STD_MUTEX_AND_CONDVAR)
#define ASIO_HAS_STD_MUTEX_AND_CONDVAR 1
#endif
#if !defined(ASIO_HAS_STD_NESTED_EXCEPTION)
#define ASIO_HAS_STD_NESTED_EXCEPTION 1
#endif
#if !defined(ASIO_HAS_STD_REFERENCE_WRAPPER)
#define ASIO_HAS_STD_REFERENCE_WRAPPER 1
#endif
#if !defined(ASIO_HAS_STD_SHARED_PTR)
#define ASIO_HAS_STD_SHARED_PTR 1
#endif
#if !defined(ASIO_HAS_STD_STRING_VIEW)
#define ASIO_HAS_STD_STRING_VIEW 1
#endif
#if !defined(ASIO_HAS_STRING_VIEW)
#define ASIO_HAS_STRING_VIEW 1
#endif
#if !defined(ASIO_HAS_STD_SYSTEM_ERROR)
#define ASIO_HAS_STD_SYSTEM_ERROR 1
#endif
#if !defined(ASIO_HAS_STD_THREAD)
#define ASIO_HAS_STD_THREAD 1
#endif
#if !defined(ASIO_HAS_STD_TYPE_TRAITS)
#define ASIO_HAS_STD_TYPE_TRAITS 1
#endif
#if !defined(ASIO_HAS_THREADS)
#define ASIO_HAS_THREADS 1
#endif

// What ringport offers on every system.
#if !defined(ASIO_HAS_GETADDRINFO)
#define ASIO_HAS_GETADDRINFO 1  // the resolver
#endif
#if !defined(ASIO_HAS_SIGNAL)
#define ASIO_HAS_SIGNAL 1  // signal_set
#endif
#if !defined(ASIO_HAS_PIPE)
#define ASIO_HAS_PIPE 1  // readable_pipe, writable_pipe, connect_pipe
#endif
#if !defined(ASIO_HAS_FILE) && (defined(_WIN32) || defined(ASIO_HAS_IO_URING))
#define ASIO_HAS_FILE 1  // stream_file, random_access_file
#endif

#if defined(_WIN32)
#if !defined(ASIO_HAS_IOCP)
#define ASIO_HAS_IOCP 1
#endif
#else
#if !defined(ASIO_HAS_LOCAL_SOCKETS)
#define ASIO_HAS_LOCAL_SOCKETS 1  // local::stream_protocol, datagram, seq_packet, connect_pair
#endif
#if !defined(ASIO_HAS_POSIX_STREAM_DESCRIPTOR)
#define ASIO_HAS_POSIX_STREAM_DESCRIPTOR 1  // posix::stream_descriptor
#endif
#if !defined(ASIO_HAS_SIGACTION)
#define ASIO_HAS_SIGACTION 1
#endif
#if !defined(ASIO_HAS_PTHREADS)
#define ASIO_HAS_PTHREADS 1
#endif
#if !defined(ASIO_HAS_UNISTD_H)
#define ASIO_HAS_UNISTD_H 1
#endif
#if !defined(ASIO_HAS_SSIZE_T)
#define ASIO_HAS_SSIZE_T 1
#endif
#if defined(__linux__)
#if !defined(ASIO_HAS_EPOLL)
#define ASIO_HAS_EPOLL 1  // the reactor ringport falls back to
#endif
#if !defined(ASIO_HAS_EVENTFD)
#define ASIO_HAS_EVENTFD 1
#endif
#if !defined(ASIO_HAS_MSG_NOSIGNAL)
#define ASIO_HAS_MSG_NOSIGNAL 1
#endif
#endif
#endif

#endif  // !RINGPORT_NO_ASIO_MACROS

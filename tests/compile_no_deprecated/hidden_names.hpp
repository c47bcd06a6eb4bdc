// Included after RINGPORT_NO_DEPRECATED or ASIO_NO_DEPRECATED is defined: none of the
// deprecated names may then be declared. A name that leaks makes this file fail to compile:
// the namespace-scope ones collide with the variables declared below, the members fail the
// static assertions.
#pragma once

#include "ringport/buffer.hpp"
#include "ringport/connect.hpp"
#include "ringport/io_context.hpp"
#include "ringport/io_context_strand.hpp"
#include "ringport/io_service.hpp"
#include "ringport/io_service_strand.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#if defined(RINGPORT_HAS_DEPRECATED)
#error "deprecated names were not switched off"
#endif

namespace ringport {
// Each collides with the deprecated entity of that name if it was declared.
inline int io_service = 0;
inline int buffer_cast = 0;
inline int mutable_buffers_1 = 0;
inline int const_buffers_1 = 0;
}  // namespace ringport

namespace no_deprecated_test {

template <typename T>
concept has_work = requires {
  typename T::work;
};
template <typename T>
concept has_reset = requires(T& t) {
  t.reset();
};
template <typename T>
concept has_legacy_post = requires(T& t) {
  t.post([] {});
};
template <typename T>
concept has_wrap = requires(T& t) {
  t.wrap([] {});
};
template <typename T>
concept has_from_string = requires {
  T::from_string("127.0.0.1");
};
template <typename T>
concept has_query = requires {
  typename T::query;
};
template <typename T>
concept has_to_ulong = requires(const T& a) {
  a.to_ulong();
};

static_assert(!has_work<ringport::io_context>);
static_assert(!has_reset<ringport::io_context>);
static_assert(!has_legacy_post<ringport::io_context>);
static_assert(!has_wrap<ringport::io_context>);
static_assert(!has_legacy_post<ringport::io_context::strand>);
static_assert(!has_wrap<ringport::io_context::strand>);
static_assert(!has_from_string<ringport::ip::address>);
static_assert(!has_from_string<ringport::ip::address_v4>);
static_assert(!has_from_string<ringport::ip::address_v6>);
static_assert(!has_to_ulong<ringport::ip::address_v4>);
static_assert(!has_query<ringport::ip::tcp::resolver>);

// What stays: io_context::strand itself (not deprecated in Asio 1.22).
static_assert(ringport::execution::executor<ringport::io_context::strand>);

}  // namespace no_deprecated_test

// The deprecated names Asio 1.22 still offers (unless ASIO_NO_DEPRECATED), each through the
// header older code includes: io_service, io_context::work, the error_code forms of run and
// poll, io_context::post/dispatch/wrap, address from_string and the classful helpers,
// buffer_cast and mutable_buffers_1/const_buffers_1, and asio::thread.

#include "context_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/error.hpp"
#include "ringport/io_context.hpp"
#include "ringport/io_service.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/address_v4.hpp"
#include "ringport/ip/address_v6.hpp"
#include "ringport/ip/bad_address_cast.hpp"
#include "ringport/post.hpp"
#include "ringport/thread.hpp"

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace asio_deprecated_names_test {

using AsioDeprecatedNames = ringport::test::context_test;
using ringport::error_code;

TEST_F(AsioDeprecatedNames, IoServiceIsIoContextAndWorkKeepsItRunning) {
  static_assert(std::is_same_v<ringport::io_service, ringport::io_context>);
  ringport::io_service& service = ctx();

  // While a work object exists, running out of handlers does not stop the context.
  std::optional<ringport::io_service::work> work;
  work.emplace(service);
  EXPECT_EQ(&work->get_io_context(), &ctx());
  EXPECT_EQ(service.poll(), 0u);
  EXPECT_FALSE(service.stopped());
  {
    ringport::io_context::work copy(*work);  // copies count as work too
    work.reset();
    EXPECT_EQ(service.poll(), 0u);
    EXPECT_FALSE(service.stopped());
  }
  EXPECT_EQ(service.poll(), 0u);
  EXPECT_TRUE(service.stopped());
  service.reset();  // the older name of restart()
  EXPECT_FALSE(service.stopped());

  // run() on another thread returns once a handler destroys the last work object.
  work.emplace(service);
  std::atomic<int> ran{0};
  ringport::thread runner([&] { service.run(); });
  ringport::post(service, [&] {
    ++ran;
    work.reset();
  });
  runner.join();
  EXPECT_EQ(ran.load(), 1);
}

TEST_F(AsioDeprecatedNames, RunAndPollTakeAnErrorCode) {
  int calls = 0;
  ringport::post(ctx(), [&] { ++calls; });
  ringport::post(ctx(), [&] { ++calls; });
  error_code ec = ringport::error::invalid_argument;
  EXPECT_EQ(ctx().poll_one(ec), 1u);
  EXPECT_FALSE(ec);
  ec = ringport::error::invalid_argument;
  EXPECT_EQ(ctx().run_one(ec), 1u);
  EXPECT_FALSE(ec);
  ctx().restart();  // running out of handlers stopped it
  ringport::post(ctx(), [&] { ++calls; });
  EXPECT_EQ(ctx().poll(ec), 1u);
  ctx().restart();
  ringport::post(ctx(), [&] { ++calls; });
  EXPECT_EQ(ctx().run(ec), 1u);
  EXPECT_FALSE(ec);
  EXPECT_EQ(calls, 4);
}

TEST_F(AsioDeprecatedNames, ContextPostDispatchAndWrap) {
  std::vector<std::string> order;
  // post never runs inside the call; dispatch from inside a handler runs at once.
  ctx().post([&] {
    order.push_back("post");
    ctx().dispatch([&] { order.push_back("dispatch inside"); });
    order.push_back("after dispatch");
  });
  EXPECT_TRUE(order.empty());

  // A wrapped handler called from outside the context runs later, inside run(), with the
  // arguments it was called with; called from inside, it runs at once.
  auto wrapped = ctx().wrap(
      [&](int a, const std::string& b) { order.push_back("wrapped " + std::to_string(a) + b); });
  wrapped(1, "x");
  EXPECT_EQ(order.size(), 0u);
  ctx().post([&] {
    wrapped(2, "y");
    order.push_back("after wrapped");
  });
  ctx().run();
  const std::vector<std::string> expected{"post",       "dispatch inside", "after dispatch",
                                          "wrapped 1x", "wrapped 2y",      "after wrapped"};
  EXPECT_EQ(order, expected);
}

TEST_F(AsioDeprecatedNames, AddressFromStringAndClassfulHelpers) {
  using ringport::ip::address;
  using ringport::ip::address_v4;
  using ringport::ip::address_v6;

  EXPECT_EQ(address_v4::from_string("10.1.2.3").to_ulong(), 0x0A010203ul);
  EXPECT_EQ(address_v4::from_string(std::string("192.0.2.1")).to_string(), "192.0.2.1");
  error_code ec;
  EXPECT_TRUE(address_v4::from_string("300.1.1.1", ec).is_unspecified());
  EXPECT_EQ(ec, ringport::error::invalid_argument);
  EXPECT_THROW(address_v4::from_string("nope"), ringport::system_error);
  EXPECT_EQ(address_v6::from_string("::1"), address_v6::loopback());
  EXPECT_TRUE(address::from_string("2001:db8::1").is_v6());
  EXPECT_TRUE(address::from_string(std::string("127.0.0.1")).is_loopback());
  address::from_string("x", ec);
  EXPECT_EQ(ec, ringport::error::invalid_argument);
  ec = ringport::error::invalid_argument;
  EXPECT_EQ(address::from_string("::").to_string(ec), "::");
  EXPECT_FALSE(ec);

  const address_v4 a = address_v4::from_string("10.20.30.40");
  const address_v4 b = address_v4::from_string("172.16.5.4");
  const address_v4 c = address_v4::from_string("192.168.7.9");
  const address_v4 d = address_v4::from_string("224.0.0.1");
  EXPECT_TRUE(a.is_class_a() && !a.is_class_b() && !a.is_class_c());
  EXPECT_TRUE(b.is_class_b() && !b.is_class_a() && !b.is_class_c());
  EXPECT_TRUE(c.is_class_c() && !c.is_class_a() && !c.is_class_b());
  EXPECT_FALSE(d.is_class_a() || d.is_class_b() || d.is_class_c());
  EXPECT_EQ(address_v4::netmask(a).to_string(), "255.0.0.0");
  EXPECT_EQ(address_v4::netmask(b).to_string(), "255.255.0.0");
  EXPECT_EQ(address_v4::netmask(c).to_string(), "255.255.255.0");
  EXPECT_EQ(address_v4::netmask(d).to_string(), "255.255.255.255");
  EXPECT_EQ(address_v4::broadcast(c, address_v4::netmask(c)).to_string(), "192.168.7.255");
  EXPECT_EQ(address_v4::broadcast(a, address_v4::from_string("255.255.240.0")).to_string(),
            "10.20.31.255");

  const address_v6 mapped = address_v6::v4_mapped(c);
  EXPECT_EQ(mapped.to_string(), "::ffff:192.168.7.9");
  EXPECT_EQ(mapped.to_v4(), c);
  const address_v6 compatible = address_v6::v4_compatible(c);
  EXPECT_TRUE(compatible.is_v4_compatible());
  EXPECT_FALSE(mapped.is_v4_compatible());
  EXPECT_FALSE(address_v6::loopback().is_v4_compatible());
  EXPECT_FALSE(address_v6::any().is_v4_compatible());
  EXPECT_EQ(compatible.to_v4(), c);
  EXPECT_THROW(address_v6::from_string("2001:db8::1").to_v4(), ringport::ip::bad_address_cast);
}

TEST_F(AsioDeprecatedNames, BufferCastAndSingleBufferSequences) {
  char data[8] = "abcdefg";
  const ringport::mutable_buffer mb = ringport::buffer(data);
  EXPECT_EQ(ringport::buffer_cast<char*>(mb), data);
  EXPECT_EQ(ringport::buffer_cast<const char*>(ringport::const_buffer(mb)), data);

  // What buffer() returned before Asio 1.11 is still a buffer and a sequence of one.
  ringport::mutable_buffers_1 m1 = ringport::buffer(data, 3);
  const ringport::const_buffers_1 c1(data + 3, 4);
  static_assert(ringport::is_mutable_buffer_sequence<ringport::mutable_buffers_1>::value);
  static_assert(ringport::is_const_buffer_sequence<ringport::const_buffers_1>::value);
  static_assert(!ringport::is_mutable_buffer_sequence<ringport::const_buffers_1>::value);
  EXPECT_EQ(std::distance(m1.begin(), m1.end()), 1);
  EXPECT_EQ(ringport::buffer_size(m1), 3u);
  char out[8] = {};
  EXPECT_EQ(ringport::buffer_copy(ringport::buffer(out), c1), 4u);
  EXPECT_EQ(std::string(out, 4), "defg");
  EXPECT_EQ(ringport::buffer_copy(m1, c1), 3u);
  EXPECT_EQ(std::string(data, 7), "defdefg");
}

}  // namespace asio_deprecated_names_test

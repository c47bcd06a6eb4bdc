// Tracing records a small echo exchange as Chrome trace-event JSON: every socket operation's
// start (kind, socket), its hand-over to the OS or completion at once, its completion
// (bytes, error) and its handler's run, on every backend; the file parses as JSON.
#include "backend_test.hpp"
#include "json_reader.hpp"

#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/trace.hpp"
#include "ringport/write.hpp"

#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace trace_echo_test {

using namespace ringport;
using ringport::ip::tcp;
using ringport::test::json_reader;
using ringport::test::json_value;

class TraceEcho : public ringport::test::backend_test {};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string trace_path(const char* name) {
  std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  for (char& c : test)
    if (c == '/') c = '_';
  return ::testing::TempDir() + "ringport_trace_" + name + "_" + test + ".json";
}

// One operation as its events tell it.
struct op_events {
  std::string kind;
  double socket = -1;
  double begin_ts = -1, step_ts = -1, end_ts = -1;
  int steps = 0, ends = 0;
  double bytes = -1, error = -1;
};

TEST_P(TraceEcho, RecordsEveryOperationOfAnEchoExchange) {
  std::string path = trace_path("echo");
  error_code ec;
  trace::start(path, ec);
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_TRUE(trace::is_active());

  tcp::acceptor acceptor(ctx(), tcp::endpoint(ip::make_address("127.0.0.1"), 0));
  tcp::socket server(ctx()), client(ctx());
  char server_buf[5] = {}, client_buf[5] = {};
  bool echoed = false;
  acceptor.async_accept(server, [&](error_code e) {
    ASSERT_FALSE(e) << e.message();
    server.async_read_some(buffer(server_buf), [&](error_code e, std::size_t n) {
      ASSERT_FALSE(e) << e.message();
      async_write(server, buffer(server_buf, n),
                  [](error_code e, std::size_t) { EXPECT_FALSE(e) << e.message(); });
    });
  });
  client.async_connect(acceptor.local_endpoint(), [&](error_code e) {
    ASSERT_FALSE(e) << e.message();
    async_write(client, buffer("hello", 5), [&](error_code e, std::size_t) {
      ASSERT_FALSE(e) << e.message();
      async_read(client, buffer(client_buf), [&](error_code e, std::size_t n) {
        EXPECT_FALSE(e) << e.message();
        echoed = n == 5 && std::string(client_buf, 5) == "hello";
      });
    });
  });
  auto listening = static_cast<double>(acceptor.native_handle());
  auto connecting = static_cast<double>(client.native_handle());
  ctx().run();
  ASSERT_TRUE(echoed);
  trace::stop();
  EXPECT_FALSE(trace::is_active());

  json_value root;
  try {
    root = json_reader::parse(read_file(path));
  } catch (const std::exception& e) {
    FAIL() << e.what();
  }
  ASSERT_EQ(root.kind, json_value::type::array);

  std::map<double, op_events> ops;          // by id
  std::map<std::string, int> handler_runs;  // by name
  std::map<double, bool> named_threads;     // tid -> has a thread_name
  double received = 0, sent = 0;
  for (const json_value& ev : root.items) {
    const std::string& ph = ev["ph"].text;
    if (ph == "M") {
      if (ev["name"].text == "thread_name") named_threads[ev["tid"].number] = true;
      continue;
    }
    ASSERT_TRUE(named_threads.count(ev["tid"].number)) << "an event on an unnamed track";
    if (ph == "X") {
      EXPECT_GE(ev["dur"].number, 0);
      ++handler_runs[ev["name"].text];
      continue;
    }
    ASSERT_EQ(ev["cat"].text, "op");
    op_events& op = ops[ev["id"].number];
    if (ph == "b") {
      op.kind = ev["name"].text;
      op.socket = ev["args"]["socket"].number;
      op.begin_ts = ev["ts"].number;
    } else if (ph == "n") {
      ++op.steps;
      op.step_ts = ev["ts"].number;
      EXPECT_TRUE(ev["args"].has("pending in") || ev["args"].has("finished"));
    } else if (ph == "e") {
      ++op.ends;
      op.end_ts = ev["ts"].number;
      op.bytes = ev["args"]["bytes"].number;
      op.error = ev["args"]["error"].number;
      EXPECT_EQ(ev["name"].text, op.kind) << "an end named unlike its begin";
      if (op.kind == "receive") received += op.bytes;
      if (op.kind == "send") sent += op.bytes;
    } else {
      ADD_FAILURE() << "unexpected phase " << ph;
    }
  }

  std::map<std::string, int> kinds;
  for (auto& [id, op] : ops) {
    SCOPED_TRACE("op " + std::to_string(id) + " (" + op.kind + ")");
    ++kinds[op.kind];
    EXPECT_GE(op.begin_ts, 0) << "no begin";
    EXPECT_EQ(op.steps, 1) << "no hand-over or at-once record";
    EXPECT_EQ(op.ends, 1) << "no completion";
    EXPECT_LE(op.begin_ts, op.step_ts);
    EXPECT_LE(op.step_ts, op.end_ts);
    EXPECT_EQ(op.error, 0);
    if (op.kind == "accept") EXPECT_EQ(op.socket, listening);
    if (op.kind == "connect") EXPECT_EQ(op.socket, connecting);
  }
  EXPECT_EQ(kinds["accept"], 1);
  EXPECT_EQ(kinds["connect"], 1);
  EXPECT_GE(kinds["send"], 2);
  EXPECT_GE(kinds["receive"], 2);
  EXPECT_EQ(received, 10);
  EXPECT_EQ(sent, 10);
  for (const char* name : {"accept handler", "connect handler", "send handler", "receive handler"})
    EXPECT_GE(handler_runs[name], 1) << name;
}

TEST_P(TraceEcho, NothingIsRecordedWhenStopped) {
  std::string path = trace_path("stopped");
  trace::start(path);
  trace::stop();
  std::string before = read_file(path);
  post(ctx(), [] {});
  ctx().run();
  EXPECT_EQ(read_file(path), before);
  EXPECT_NO_THROW(json_reader::parse(before));
}

TEST_P(TraceEcho, UnwritablePathIsAnError) {
  error_code ec;
  trace::start(::testing::TempDir() + "no-such-directory/trace.json", ec);
  EXPECT_TRUE(ec);
  EXPECT_FALSE(trace::is_active());
  EXPECT_THROW(trace::start(::testing::TempDir() + "no-such-directory/trace.json"),
               std::system_error);
}

RINGPORT_INSTANTIATE_BACKENDS(TraceEcho);

}  // namespace trace_echo_test

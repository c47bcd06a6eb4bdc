// The property test over the seeded fault-injection layer: for each of many seeds, a run of
// composed operations over loopback (an accept loop, coroutine echo sessions, clients that
// connect over an endpoint range whose first entry refuses, write their payload with
// async_write, read it back line by line with async_read_until and its tail with async_read,
// and cancel reads of their own, by cancel() and through a cancellation slot) with faults injected
// into the real calls by the plan of that seed. Whatever the faults, these must hold:
// - every operation's handler runs exactly once (a ledger counts starts and completions);
// - bytes are neither lost nor duplicated nor reordered: what a client gets back is a prefix
//   of what it sent, and all of it when its connection saw no error;
// - every error a handler sees is one Asio could report for such a fault;
// - run() ends by itself, and no operation object, socket implementation or descriptor
//   outlives the run.
// The first failing seed stops the test and is printed; RINGPORT_FAULT_SEED=<seed> replays
// just that one (the run is single-threaded, so the same seed makes the same decisions; the
// kernel's timing can still differ). RINGPORT_FAULT_SEEDS=<n> sets how many seeds run
// (default 200).

#include "backend_test.hpp"

#include "common/fault_plan.hpp"
#include "ringport/as_tuple.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/buffer.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/connect.hpp"
#include "ringport/detail/op_counter.hpp"
#include "ringport/detail/socket_impl_list.hpp"
#include "ringport/dynamic_buffer.hpp"
#include "ringport/error.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/read_until.hpp"
#include "ringport/use_awaitable.hpp"
#include "ringport/write.hpp"

#if !defined(_WIN32)
#include <dirent.h>
#endif

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <initializer_list>
#include <memory>
#include <random>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace fault_property_test {

using FaultProperty = ringport::test::backend_test;
using ringport::awaitable;
using ringport::error_code;
using ringport::ip::tcp;
namespace fault = ringport::detail::fault;
namespace re = ringport::error;

constexpr int clients = 4;

// The faults every run arms, in thousandths per eligible call. Each backend injects the
// kinds its calls can meet; the others never fire there.
fault::plan plan_for(std::uint64_t seed) {
  fault::plan p;
  p.seed = seed;
  p.with(fault::kind::short_transfer, 300);
  p.with(fault::kind::interrupted, 100);
  p.with(fault::kind::would_block, 100);
  p.with(fault::kind::reset, 8);
  p.with(fault::kind::no_descriptors, 60);
  p.with(fault::kind::full_submission_queue, 100);
  // Rare: a hold lasts until completions stop coming for a while, which in this
  // single-threaded run is every time.
  p.with(fault::kind::completion_overflow, 10);
  p.with(fault::kind::cancel_loses_race, 300);
  p.with(fault::kind::cancel_not_found, 300);
  p.with(fault::kind::late_completion, 100);
  p.with(fault::kind::accept_error, 60);
  p.with(fault::kind::connect_error, 60);
  return p;
}

bool one_of(const error_code& ec, std::initializer_list<error_code> allowed) {
  for (const error_code& a : allowed)
    if (ec == a) return true;
  return false;
}

error_code sys(int e) {
  return error_code(e, ringport::system_category());
}

// What a broken connection may report to a read or a write (not_connected: after this side
// aborted it).
bool connection_error(const error_code& ec) {
  return one_of(ec, {make_error_code(re::eof), make_error_code(re::connection_reset),
                     make_error_code(re::connection_aborted), make_error_code(re::broken_pipe),
                     make_error_code(re::shut_down), make_error_code(re::not_connected)});
}

// What an operation may report once its client closed the socket: aborted if it was
// pending, a bad descriptor if a composed operation started its next step after the close.
bool after_close(const error_code& ec) {
  return ec == ringport::error::operation_aborted || ec == ringport::error::bad_descriptor;
}

// What an accept may report when the process is out of descriptors or the connection went
// away before it was taken.
bool accept_error(const error_code& ec) {
  if (one_of(ec, {make_error_code(re::no_descriptors), make_error_code(re::connection_aborted),
                  make_error_code(re::connection_reset), make_error_code(re::no_buffer_space)}))
    return true;
#if !defined(_WIN32)
  if (ec == sys(ENFILE)) return true;
#endif
  return false;
}

// What a connect may report: the endpoint refused, could not be reached, or no socket could
// be opened; or the server reset the new connection (an accept the fault layer aborts closes
// it at once) before the connect's completion was collected: the kernel then reports the
// reset as the socket's error.
bool connect_error(const error_code& ec) {
  if (one_of(ec, {make_error_code(re::connection_refused), make_error_code(re::network_unreachable),
                  make_error_code(re::timed_out), make_error_code(re::no_descriptors),
                  make_error_code(re::no_buffer_space), make_error_code(re::connection_reset)}))
    return true;
#if !defined(_WIN32)
  if (ec == sys(ENFILE)) return true;
#endif
  return false;
}

long open_descriptors() {
#if defined(_WIN32)
  return 0;  // the socket implementation count stands for it on Windows
#else
  long n = 0;
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return -1;
  while (dirent* e = ::readdir(dir))
    if (e->d_name[0] != '.') ++n;
  ::closedir(dir);
  return n;
#endif
}

// One seed's run.
class run {
 public:
  run(ringport::io_context& ctx, std::uint64_t seed)
      : ctx_(ctx),
        acceptor_(ctx, tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0)),
        refusing_socket_(ctx, tcp::v4()) {
    // An endpoint that refuses: a port bound by a socket that does not listen. Held for the
    // whole run, so no other program (tests run in parallel) can start listening there.
    refusing_socket_.bind(tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
    refusing_ = refusing_socket_.local_endpoint();
    std::mt19937_64 rng(seed);
    for (int i = 0; i < clients; ++i)
      clients_.push_back(std::make_unique<client>(ctx, rng));
  }

  void start() {
    accept_next();
    for (auto& c : clients_)
      connect(*c);
  }

  bool finished() const { return done_ == clients && accepting_ended_; }
  long started() const { return started_; }
  long completed() const { return completed_; }
  std::vector<std::string>& violations() { return violations_; }

  std::string state() const {
    std::string s = "clients done " + std::to_string(done_) + "/" + std::to_string(clients) +
                    ", accept loop " + (accepting_ended_ ? "ended" : "running") + ", ops " +
                    std::to_string(completed_) + "/" + std::to_string(started_) + " completed";
    for (std::size_t id = 0; id < called_.size(); ++id)
      if (!called_[id]) s += std::string("; never completed: ") + names_[id];
    for (const auto& c : clients_)
      s += "; client " + std::to_string(&c - clients_.data()) + ": stage " + c->stage + ", got " +
           std::to_string(c->received.size()) + "/" + std::to_string(c->payload.size()) +
           (c->events.empty() ? "" : ", saw " + c->events);
    for (std::size_t i = 0; i < session_stage_.size(); ++i)
      s += "; session " + std::to_string(i) + ": " + session_stage_[i];
    return s;
  }

 private:
  struct client {
    client(ringport::io_context& ctx, std::mt19937_64& rng) : socket(ctx) {
      std::uniform_int_distribution<int> line_count(1, 12), line_len(1, 3000), ch('a', 'z');
      for (int n = line_count(rng); n > 0; --n) {
        std::string line(static_cast<std::size_t>(line_len(rng)), 'x');
        for (char& c : line)
          c = static_cast<char>(ch(rng));
        line += '\n';
        lines.push_back(line);
        payload += line;
      }
      // The tail read with async_read: an exact count, no delimiter.
      std::string tail(static_cast<std::size_t>(line_len(rng)), 'x');
      for (char& c : tail)
        c = static_cast<char>(ch(rng));
      tail_size = tail.size();
      payload += tail;
    }
    tcp::socket socket;
    std::vector<std::string> lines;
    std::string payload;
    std::size_t tail_size = 0;
    std::string received;  // bytes read back, in order
    std::string line_buffer;
    std::string tail_buffer;
    std::size_t next_line = 0;
    int connect_tries = 0;
    bool closing = false;     // the client closed its socket: aborts are expected now
    bool write_done = false;  // the write's handler ran
    bool read_done = false;   // the reading side ended
    bool broken = false;      // some operation of the connection failed
    char probe[16];
    ringport::cancellation_signal signal;
    const char* stage = "connecting";
    std::string events;  // the errors its operations saw, for the report
  };

  // Wraps a handler so the ledger sees it run exactly once. The id, not a pointer, marks it:
  // a handler invoked twice may be a moved-from copy.
  template <typename F>
  auto track(const char* what, F f) {
    ++started_;
    std::size_t id = called_.size();
    called_.push_back(false);
    names_.push_back(what);
    return [this, what, id, f = std::move(f)](auto&&... args) mutable {
      if (called_[id]) {
        violations_.push_back(std::string(what) + ": handler called a second time");
        return;
      }
      called_[id] = true;
      ++completed_;
      f(std::forward<decltype(args)>(args)...);
    };
  }

  void violation(const std::string& what) { violations_.push_back(what); }

  static void note(client& c, const char* what, const error_code& ec) {
    c.events += std::string(what) + " " + ec.message() + "; ";
  }

  void accept_next() {
    acceptor_.async_accept(track("accept", [this](error_code ec, tcp::socket s) {
      if (!ec) {
        ringport::co_spawn(ctx_, session(std::move(s)),
                           track("session", [this](std::exception_ptr e) {
                             if (e) violation("an echo session ended by an exception");
                           }));
        accept_next();
        return;
      }
      if (ec == ringport::error::operation_aborted && done_ == clients) {
        accepting_ended_ = true;
        return;
      }
      if (!accept_error(ec)) {
        violation("accept: unexpected error " + ec.message());
        accepting_ended_ = true;
        return;
      }
      accept_next();
    }));
  }

  awaitable<void> session(tcp::socket s) {
    using ringport::as_tuple;
    using ringport::use_awaitable;
    std::vector<char> data(4096);
    std::size_t me = session_stage_.size();
    session_stage_.push_back("started");
    for (;;) {
      session_stage_[me] = "reading";
      auto [ec, n] = co_await s.async_read_some(ringport::buffer(data), as_tuple(use_awaitable));
      session_stage_[me] = ec ? "read " + ec.message() : "writing";
      if (ec) {
        if (!connection_error(ec)) violation("echo read: unexpected error " + ec.message());
        break;
      }
      auto [wec, wn] = co_await ringport::async_write(s, ringport::buffer(data.data(), n),
                                                      as_tuple(use_awaitable));
      if (wec) {
        session_stage_[me] = "write " + wec.message();
        if (!connection_error(wec)) violation("echo write: unexpected error " + wec.message());
        break;
      }
      if (wn != n) violation("echo write: a successful async_write moved less than asked");
    }
  }

  void connect(client& c) {
    ++c.connect_tries;
    std::vector<tcp::endpoint> candidates{refusing_, acceptor_.local_endpoint()};
    ringport::async_connect(c.socket, candidates,
                            track("connect", [this, &c](error_code ec, tcp::endpoint ep) {
                              if (ec) {
                                note(c, "connect", ec);
                                if (!connect_error(ec))
                                  violation("connect: unexpected error " + ec.message());
                                if (c.connect_tries < 3 && connect_error(ec)) return connect(c);
                                c.stage = "gave up connecting";
                                // A connect reported as failed may have reached the server (an
                                // injected connect error comes after a real connect): a client
                                // that gives up closes its socket, as after any failed connect.
                                close(c);
                                return finish(c);
                              }
                              if (ep != acceptor_.local_endpoint())
                                violation("connect: reported an endpoint that refuses");
                              cancelled_read(c);
                            }));
  }

  // Reads that nothing will satisfy (the server only echoes what it gets): one cancelled by
  // cancel(), then one through its cancellation slot.
  void cancelled_read(client& c) {
    c.stage = "cancelled read";
    c.socket.async_read_some(ringport::buffer(c.probe),
                             track("cancelled read", [this, &c](error_code ec, std::size_t) {
                               if (cancel_ended(c, ec, "cancelled read")) slot_cancelled_read(c);
                             }));
    c.socket.cancel();
  }

  void slot_cancelled_read(client& c) {
    c.stage = "slot-cancelled read";
    c.socket.async_read_some(
        ringport::buffer(c.probe),
        ringport::bind_cancellation_slot(
            c.signal.slot(), track("slot-cancelled read", [this, &c](error_code ec, std::size_t) {
              if (cancel_ended(c, ec, "slot-cancelled read")) exchange(c);
            })));
    c.signal.emit(ringport::cancellation_type::terminal);
  }

  // Whether a cancelled read ended as it may (aborted, or the connection broke meanwhile);
  // false when the connection broke and the client is done.
  bool cancel_ended(client& c, const error_code& ec, const char* what) {
    if (ec) note(c, what, ec);
    if (ec != ringport::error::operation_aborted && !connection_error(ec))
      violation(std::string(what) + ": got " + (ec ? ec.message() : std::string("success")));
    if (ec && ec != ringport::error::operation_aborted) {
      c.write_done = true;
      c.read_done = true;
      broken(c);
      return false;
    }
    return true;
  }

  void exchange(client& c) {
    c.stage = "exchanging";
    ringport::async_write(c.socket, ringport::buffer(c.payload),
                          track("write", [this, &c](error_code ec, std::size_t n) {
                            c.write_done = true;
                            if (ec) {
                              note(c, "write", ec);
                              bool aborted = c.closing && after_close(ec);
                              if (!aborted && !connection_error(ec))
                                violation("write: unexpected error " + ec.message());
                              broken(c);
                            } else if (n != c.payload.size()) {
                              violation("write: success after " + std::to_string(n) + " of " +
                                        std::to_string(c.payload.size()) + " bytes");
                            }
                            maybe_finish(c);
                          }));
    read_line(c);
  }

  void read_line(client& c) {
    ringport::async_read_until(
        c.socket, ringport::dynamic_buffer(c.line_buffer), '\n',
        track("read_until", [this, &c](error_code ec, std::size_t n) {
          if (ec) return read_failed(c, ec, c.line_buffer);
          std::string line = c.line_buffer.substr(0, n);
          c.line_buffer.erase(0, n);
          if (line != c.lines[c.next_line]) {
            violation("read_until: line " + std::to_string(c.next_line) +
                      " differs from the one sent");
            c.read_done = true;
            return broken(c);
          }
          c.received += line;
          if (++c.next_line < c.lines.size()) return read_line(c);
          // The tail: what read_until fetched past the last delimiter, then the rest exactly.
          c.tail_buffer = std::move(c.line_buffer);
          if (c.tail_buffer.size() > c.tail_size) {
            violation("read_until: more bytes came back than were sent");
            c.read_done = true;
            return broken(c);
          }
          std::size_t have = c.tail_buffer.size();
          c.tail_buffer.resize(c.tail_size);
          ringport::async_read(c.socket,
                               ringport::buffer(c.tail_buffer.data() + have, c.tail_size - have),
                               track("read", [this, &c, have](error_code ec, std::size_t n) {
                                 c.tail_buffer.resize(have + n);
                                 if (ec) return read_failed(c, ec, c.tail_buffer);
                                 c.received += c.tail_buffer;
                                 c.read_done = true;
                                 if (c.received != c.payload)
                                   violation("read: the echoed bytes differ");
                                 c.stage = "read all";
                                 maybe_finish(c);
                               }));
        }));
  }

  void read_failed(client& c, const error_code& ec, const std::string& partial) {
    note(c, "read", ec);
    bool aborted = c.closing && after_close(ec);
    if (!aborted && !connection_error(ec)) violation("read: unexpected error " + ec.message());
    std::string got = c.received + partial;
    if (c.payload.compare(0, got.size(), got) != 0 || got.size() > c.payload.size())
      violation("read: what came back before the error is not a prefix of what was sent");
    c.read_done = true;
    broken(c);
  }

  // The connection failed: close it so that the other direction's operation ends too.
  void broken(client& c) {
    c.broken = true;
    c.stage = "broken";
    close(c);
    maybe_finish(c);
  }

  void close(client& c) {
    if (c.closing) return;
    c.closing = true;
    error_code ignored;
    c.socket.close(ignored);
  }

  void maybe_finish(client& c) {
    if (c.write_done && c.read_done && c.stage != std::string("done")) {
      if (!c.broken && c.received != c.payload)
        violation("a connection with no error did not get all its bytes back");
      close(c);
      finish(c);
    }
  }

  void finish(client& c) {
    c.stage = "done";
    if (++done_ == clients) {
      error_code ignored;
      acceptor_.close(ignored);
    }
  }

  ringport::io_context& ctx_;
  tcp::acceptor acceptor_;
  tcp::socket refusing_socket_;
  tcp::endpoint refusing_;
  std::vector<std::unique_ptr<client>> clients_;
  std::vector<bool> called_;
  std::vector<const char*> names_;  // of each tracked operation, for the report
  std::vector<std::string> session_stage_;
  std::vector<std::string> violations_;
  long started_ = 0;
  long completed_ = 0;
  int done_ = 0;
  bool accepting_ended_ = false;
};

// The kinds each backend's calls meet in this run.
std::vector<fault::kind> kinds_injected_by(ringport::backend_kind backend) {
  using k = fault::kind;
  switch (backend) {
    case ringport::backend_kind::io_uring:
      return {k::short_transfer,      k::interrupted,
              k::would_block,         k::reset,
              k::no_descriptors,      k::full_submission_queue,
              k::completion_overflow, k::cancel_loses_race};
    case ringport::backend_kind::epoll:
      return {k::short_transfer, k::interrupted, k::reset, k::no_descriptors, k::cancel_loses_race};
    default:  // IOCP
      return {k::short_transfer,  k::reset,        k::no_descriptors, k::cancel_not_found,
              k::late_completion, k::accept_error, k::connect_error};
  }
}

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtoull(v, nullptr, 10) : fallback;
}

TEST_P(FaultProperty, ComposedOperationsKeepTheirInvariantsUnderSeededFaults) {
  const char* replay = std::getenv("RINGPORT_FAULT_SEED");
  std::uint64_t first = replay && *replay ? std::strtoull(replay, nullptr, 10) : 1;
  std::uint64_t count = replay && *replay ? 1 : env_number("RINGPORT_FAULT_SEEDS", 200);
  std::uint64_t injected[fault::kind_count] = {};
  long ops = 0;
  for (std::uint64_t seed = first; seed < first + count; ++seed) {
    long ops_before = ringport::detail::op_counter::live();
    long impls_before = ringport::detail::socket_impl_list::live();
    long fds_before = open_descriptors();
    std::vector<std::string> violations;
    std::string state;
    {
      auto ctx = make_context();
      run r(*ctx, seed);
      {
        fault::scoped_plan armed(plan_for(seed));
        r.start();
        ctx->run_for(std::chrono::seconds(20));  // returns as soon as all is done
        for (unsigned k = 0; k < fault::kind_count; ++k)
          injected[k] += fault::injected(static_cast<fault::kind>(k));
      }
      if (!r.finished()) r.violations().push_back("run() stopped before the run was done");
      if (r.started() != r.completed())
        r.violations().push_back(std::to_string(r.started() - r.completed()) +
                                 " handlers never ran");
      ops += r.started();
      violations = std::move(r.violations());
      state = r.state();
    }
    if (ringport::detail::op_counter::enabled && ringport::detail::op_counter::live() != ops_before)
      violations.push_back("operation objects outlived the run");
    if (ringport::detail::socket_impl_list::live() != impls_before)
      violations.push_back("socket implementations outlived the run");
    if (open_descriptors() != fds_before) violations.push_back("descriptors leaked");
    if (!violations.empty()) {
      std::string all;
      for (const auto& v : violations)
        all += "\n  - " + v;
      ADD_FAILURE() << "seed " << seed << " broke an invariant on " << to_string(kind()) << ":"
                    << all << "\n  state: " << state
                    << "\n  replay with RINGPORT_FAULT_SEED=" << seed;
      return;
    }
  }
  std::string summary;
  for (unsigned k = 0; k < fault::kind_count; ++k)
    if (injected[k])
      summary += std::string(" ") + fault::name(static_cast<fault::kind>(k)) + "=" +
                 std::to_string(injected[k]);
  std::printf("%llu seeds from %llu, %ld operations; faults injected:%s\n",
              static_cast<unsigned long long>(count), static_cast<unsigned long long>(first), ops,
              summary.c_str());
  // Every kind that this backend injects must have fired, or the run proved little.
  if (count >= 50)
    for (fault::kind k : kinds_injected_by(kind()))
      EXPECT_GT(injected[static_cast<unsigned>(k)], 0u) << fault::name(k);
}

RINGPORT_INSTANTIATE_BACKENDS(FaultProperty);

}  // namespace fault_property_test

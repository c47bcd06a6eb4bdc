// The benchmark's load generator: plain C++ on liburing (ping-pong; batched: one
// io_uring_submit_and_wait per loop iteration, so the client spends as little as it can per
// round trip) and on epoll/blocking calls (ping-pong with --engine epoll, streaming, accept
// rate). It does not use ringport, so it drives every echo server identically. Loopback only.
//
//   loadgen pingpong <port> <connections> <bytes> [options]   N connections, one outstanding
//                                                             message of <bytes> each
//   loadgen stream   <port> [options]                         one connection, 64 KiB writes
//   loadgen accept   <port> [options]                         connect, 1 byte each way, close
//   loadgen idle     <port> <connections>                     open N connections, one round
//                                                             trip each, print "ready", hold
//                                                             them until stdin closes (<= 600 s)
// options: --warmup S (0.2)  --secs S (1.0)  --pid P (server pid: its CPU time is read from
//          /proc/P/stat at the start and end of the measurement)  --cpu C (pin to core C)
//          --engine uring|epoll (ping-pong only; default uring, epoll when no ring can be made)
// Prints "measuring" when the warm-up ends, then one JSON line with the result.
#include <arpa/inet.h>
#include <fcntl.h>
#include <liburing.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using clock_type = std::chrono::steady_clock;

[[noreturn]] void die(const char* what) {
  std::fprintf(stderr, "loadgen: %s: %s\n", what, std::strerror(errno));
  std::exit(1);
}

double now_s() {
  return std::chrono::duration<double>(clock_type::now().time_since_epoch()).count();
}

// utime + stime of a process in seconds, -1 when unknown.
double process_cpu_s(int pid) {
  if (pid <= 0) return -1;
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  std::string s((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  auto p = s.rfind(')');
  if (p == std::string::npos) return -1;
  std::istringstream in(s.substr(p + 2));
  std::string field;
  unsigned long long ut = 0, st = 0;
  // Fields after the command: state(3) ... utime(14) stime(15).
  for (int i = 3; i <= 15 && in >> field; ++i) {
    if (i == 14) ut = std::strtoull(field.c_str(), nullptr, 10);
    if (i == 15) st = std::strtoull(field.c_str(), nullptr, 10);
  }
  return static_cast<double>(ut + st) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

struct options {
  double warmup = 0.2;
  double secs = 1.0;
  int pid = 0;
  int cpu = -1;
  bool epoll = false;
};

int connect_to(int port, bool nonblocking) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) die("socket");
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) die("connect");
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (nonblocking) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

void write_all_blocking(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) die("write");
    p += w;
    n -= static_cast<size_t>(w);
  }
}

void read_all_blocking(int fd, char* p, size_t n) {
  while (n > 0) {
    ssize_t r = ::read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) {
      std::fprintf(stderr, "loadgen: server closed the connection\n");
      std::exit(1);
    }
    if (r < 0) die("read");
    p += r;
    n -= static_cast<size_t>(r);
  }
}

// Latency samples in ns, bounded in memory: beyond the cap every other sample is kept.
struct samples {
  std::vector<uint32_t> v;
  uint64_t seen = 0;
  unsigned stride = 1;
  void add(double ns) {
    if (seen++ % stride != 0) return;
    v.push_back(static_cast<uint32_t>(std::min(ns, 4e9)));
    if (v.size() >= (1u << 23)) {
      std::vector<uint32_t> half;
      half.reserve(v.size() / 2);
      for (size_t i = 0; i < v.size(); i += 2)
        half.push_back(v[i]);
      v.swap(half);
      stride *= 2;
    }
  }
  double pct_us(double q) {
    if (v.empty()) return 0;
    size_t k = std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
    return v[k] / 1000.0;
  }
};

void print_result(const char* mode, double secs, double ops, double bytes, double cpu_s,
                  samples* lat) {
  std::printf(
      "{\"mode\":\"%s\",\"secs\":%.4f,\"ops\":%.0f,\"ops_per_s\":%.1f,\"mb_per_s\":%.3f,"
      "\"p50_us\":%.2f,\"p99_us\":%.2f,\"server_cpu_s\":%.4f,\"cpu_us_per_op\":%.4f}\n",
      mode, secs, ops, ops / secs, bytes / secs / 1e6, lat ? lat->pct_us(0.5) : 0.0,
      lat ? lat->pct_us(0.99) : 0.0, cpu_s, (cpu_s >= 0 && ops > 0) ? cpu_s * 1e6 / ops : -1.0);
  std::fflush(stdout);
}

// ---- ping-pong --------------------------------------------------------------------------

struct conn {
  int fd = -1;
  size_t got = 0;   // bytes of the current echo received
  size_t sent = 0;  // bytes of the current message written
  double t0 = 0;
};

int pingpong(int port, int nconn, size_t size, const options& o) {
  std::vector<conn> conns(static_cast<size_t>(nconn));
  std::vector<char> out(size, 'x'), in(std::max<size_t>(size, 65536));
  int ep = ::epoll_create1(EPOLL_CLOEXEC);
  if (ep < 0) die("epoll_create1");
  for (int i = 0; i < nconn; ++i) {
    conns[static_cast<size_t>(i)].fd = connect_to(port, true);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u32 = static_cast<uint32_t>(i);
    if (::epoll_ctl(ep, EPOLL_CTL_ADD, conns[static_cast<size_t>(i)].fd, &ev) != 0)
      die("epoll_ctl");
  }
  // Sends what is left of the current message; true when all of it went out.
  auto send_more = [&](conn& c, uint32_t idx) {
    while (c.sent < size) {
      ssize_t w = ::send(c.fd, out.data() + c.sent, size - c.sent, MSG_NOSIGNAL);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLOUT;
        ev.data.u32 = idx;
        ::epoll_ctl(ep, EPOLL_CTL_MOD, c.fd, &ev);
        return false;
      }
      if (w <= 0) die("send");
      c.sent += static_cast<size_t>(w);
    }
    return true;
  };
  double start = now_s();
  for (size_t i = 0; i < conns.size(); ++i) {
    conns[i].t0 = start;
    send_more(conns[i], static_cast<uint32_t>(i));
  }
  samples lat;
  double t_measure = start + o.warmup, t_end = t_measure + o.secs;
  bool measuring = false;
  double ops = 0, cpu0 = -1, t_begin = 0;
  std::vector<epoll_event> evs(1024);
  for (;;) {
    int n = ::epoll_wait(ep, evs.data(), static_cast<int>(evs.size()), 100);
    if (n < 0 && errno != EINTR) die("epoll_wait");
    double t = now_s();
    if (!measuring && t >= t_measure) {
      measuring = true;
      std::printf("measuring\n");
      std::fflush(stdout);
      cpu0 = process_cpu_s(o.pid);
      t_begin = now_s();
      t = t_begin;
    }
    if (measuring && t >= t_end) break;
    if (t > t_end + 5) break;  // bound even if the server stalls
    for (int k = 0; k < n; ++k) {
      uint32_t idx = evs[static_cast<size_t>(k)].data.u32;
      conn& c = conns[idx];
      if (evs[static_cast<size_t>(k)].events & EPOLLOUT) {
        if (send_more(c, idx)) {
          epoll_event ev{};
          ev.events = EPOLLIN;
          ev.data.u32 = idx;
          ::epoll_ctl(ep, EPOLL_CTL_MOD, c.fd, &ev);
        }
      }
      if (evs[static_cast<size_t>(k)].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
        ssize_t r = ::recv(c.fd, in.data(), in.size(), 0);
        if (r < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (r == 0) {
          std::fprintf(stderr, "loadgen: server closed a connection\n");
          return 1;
        }
        if (r < 0) die("recv");
        c.got += static_cast<size_t>(r);
        if (c.got >= size && c.sent >= size) {
          double tn = now_s();
          if (measuring) {
            ops += 1;
            lat.add((tn - c.t0) * 1e9);
          }
          c.got -= size;
          c.sent = 0;
          c.t0 = tn;
          send_more(c, idx);
        }
      }
    }
  }
  double t_stop = now_s();
  double cpu1 = process_cpu_s(o.pid);
  double secs = t_stop - t_begin;
  print_result("pingpong", secs, ops, ops * static_cast<double>(size) * 2,
               cpu0 >= 0 ? cpu1 - cpu0 : -1, &lat);
  for (auto& c : conns)
    ::close(c.fd);
  ::close(ep);
  return ops > 0 ? 0 : 1;
}

// ---- ping-pong on io_uring: per connection a send and a recv in flight -----------------------

struct ring_conn {
  int fd = -1;
  size_t got = 0;
  size_t sent = 0;
  bool recv_pending = false;
  double t0 = 0;
  std::vector<char> in;
};

bool make_ring(io_uring& ring, unsigned entries) {
  io_uring_params p{};
  p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
  if (io_uring_queue_init_params(entries, &ring, &p) == 0) return true;
  p = io_uring_params{};
  p.flags = IORING_SETUP_COOP_TASKRUN;
  if (io_uring_queue_init_params(entries, &ring, &p) == 0) return true;
  p = io_uring_params{};
  return io_uring_queue_init_params(entries, &ring, &p) == 0;
}

int pingpong_uring(io_uring& ring, int port, int nconn, size_t size, const options& o) {
  std::vector<ring_conn> conns(static_cast<size_t>(nconn));
  std::vector<char> out(size, 'x');
  for (auto& c : conns) {
    c.fd = connect_to(port, false);
    c.in.resize(size);
  }
  auto sqe_get = [&] {
    io_uring_sqe* sqe = io_uring_get_sqe(&ring);
    while (sqe == nullptr) {
      io_uring_submit(&ring);
      sqe = io_uring_get_sqe(&ring);
    }
    return sqe;
  };
  auto send_rest = [&](ring_conn& c, uint64_t idx) {
    io_uring_sqe* sqe = sqe_get();
    io_uring_prep_send(sqe, c.fd, out.data() + c.sent, size - c.sent, MSG_NOSIGNAL);
    sqe->user_data = idx << 1;
  };
  auto recv_rest = [&](ring_conn& c, uint64_t idx) {
    io_uring_sqe* sqe = sqe_get();
    io_uring_prep_recv(sqe, c.fd, c.in.data() + c.got, size - c.got, 0);
    sqe->user_data = (idx << 1) | 1;
    c.recv_pending = true;
  };
  double start = now_s();
  for (size_t i = 0; i < conns.size(); ++i) {
    conns[i].t0 = start;
    send_rest(conns[i], i);
    recv_rest(conns[i], i);
  }
  samples lat;
  double t_measure = start + o.warmup, t_end = t_measure + o.secs;
  bool measuring = false;
  double ops = 0, cpu0 = -1, t_begin = 0;
  __kernel_timespec ts{0, 50 * 1000 * 1000};
  for (;;) {
    io_uring_cqe* cqe = nullptr;
    int r = io_uring_submit_and_wait_timeout(&ring, &cqe, 1, &ts, nullptr);
    if (r < 0 && r != -ETIME && r != -EINTR) {
      errno = -r;
      die("io_uring_submit_and_wait_timeout");
    }
    double t = now_s();
    if (!measuring && t >= t_measure) {
      measuring = true;
      std::printf("measuring\n");
      std::fflush(stdout);
      cpu0 = process_cpu_s(o.pid);
      t_begin = now_s();
      t = t_begin;
    }
    if (measuring && t >= t_end) break;
    if (t > t_end + 5) break;
    unsigned head, seen = 0;
    io_uring_for_each_cqe(&ring, head, cqe) {
      ++seen;
      uint64_t idx = cqe->user_data >> 1;
      ring_conn& c = conns[idx];
      int res = cqe->res;
      if (res < 0 || ((cqe->user_data & 1) && res == 0)) {
        std::fprintf(stderr, "loadgen: connection failed: %s\n",
                     res == 0 ? "closed by the server" : std::strerror(-res));
        std::exit(1);
      }
      if (cqe->user_data & 1) {
        c.recv_pending = false;
        c.got += static_cast<size_t>(res);
        if (c.got < size) recv_rest(c, idx);
      } else {
        c.sent += static_cast<size_t>(res);
        if (c.sent < size) send_rest(c, idx);
      }
      if (c.got >= size && c.sent >= size) {
        if (measuring) {
          ops += 1;
          lat.add((t - c.t0) * 1e9);
        }
        c.got = 0;
        c.sent = 0;
        c.t0 = t;
        send_rest(c, idx);
        recv_rest(c, idx);
      }
    }
    io_uring_cq_advance(&ring, seen);
  }
  double t_stop = now_s();
  double cpu1 = process_cpu_s(o.pid);
  print_result("pingpong", t_stop - t_begin, ops, ops * static_cast<double>(size) * 2,
               cpu0 >= 0 ? cpu1 - cpu0 : -1, &lat);
  io_uring_queue_exit(&ring);  // cancels what is still in flight
  for (auto& c : conns)
    ::close(c.fd);
  return ops > 0 ? 0 : 1;
}

// ---- streaming: one connection, 64 KiB writes, at most 1 MiB in flight ------------------

int stream(int port, const options& o) {
  const size_t chunk = 65536, window = 1 << 20;
  int fd = connect_to(port, true);
  std::vector<char> out(chunk, 's'), in(chunk);
  uint64_t sent = 0, received = 0;
  double start = now_s(), t_measure = start + o.warmup, t_end = t_measure + o.secs;
  bool measuring = false;
  double cpu0 = -1, t_begin = 0;
  uint64_t recv_at_begin = 0;
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (sent - received + chunk <= window) p.events |= POLLOUT;
    int n = ::poll(&p, 1, 100);
    if (n < 0 && errno != EINTR) die("poll");
    double t = now_s();
    if (!measuring && t >= t_measure) {
      measuring = true;
      std::printf("measuring\n");
      std::fflush(stdout);
      cpu0 = process_cpu_s(o.pid);
      t_begin = now_s();
      recv_at_begin = received;
    }
    if (measuring && t >= t_end) break;
    if (t > t_end + 5) break;
    if (p.revents & POLLOUT) {
      ssize_t w = ::send(fd, out.data(), chunk, MSG_NOSIGNAL);
      if (w > 0)
        sent += static_cast<uint64_t>(w);
      else if (w < 0 && errno != EAGAIN && errno != EINTR)
        die("send");
    }
    if (p.revents & (POLLIN | POLLERR | POLLHUP)) {
      ssize_t r = ::recv(fd, in.data(), in.size(), 0);
      if (r == 0) {
        std::fprintf(stderr, "loadgen: server closed the stream\n");
        return 1;
      }
      if (r > 0)
        received += static_cast<uint64_t>(r);
      else if (errno != EAGAIN && errno != EINTR)
        die("recv");
    }
  }
  double t_stop = now_s();
  double cpu1 = process_cpu_s(o.pid);
  double bytes = static_cast<double>(received - recv_at_begin);
  // ops = 64 KiB chunks echoed; mb_per_s counts the echoed bytes once.
  print_result("stream", t_stop - t_begin, bytes / chunk, bytes / 2, cpu0 >= 0 ? cpu1 - cpu0 : -1,
               nullptr);
  ::close(fd);
  return bytes > 0 ? 0 : 1;
}

// ---- accept rate: connect, one byte each way, close with RST (no TIME_WAIT pile-up) ----

int accept_rate(int port, const options& o) {
  double start = now_s(), t_measure = start + o.warmup, t_end = t_measure + o.secs;
  bool measuring = false;
  double ops = 0, cpu0 = -1, t_begin = 0;
  samples lat;
  for (;;) {
    double t = now_s();
    if (!measuring && t >= t_measure) {
      measuring = true;
      std::printf("measuring\n");
      std::fflush(stdout);
      cpu0 = process_cpu_s(o.pid);
      t_begin = now_s();
      t = t_begin;
    }
    if (measuring && t >= t_end) break;
    int fd = connect_to(port, false);
    char b = 'a';
    write_all_blocking(fd, &b, 1);
    read_all_blocking(fd, &b, 1);
    linger l{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    ::close(fd);
    if (measuring) {
      ops += 1;
      lat.add((now_s() - t) * 1e9);
    }
  }
  double t_stop = now_s();
  double cpu1 = process_cpu_s(o.pid);
  print_result("accept", t_stop - t_begin, ops, ops * 2, cpu0 >= 0 ? cpu1 - cpu0 : -1, &lat);
  return ops > 0 ? 0 : 1;
}

// ---- idle connections ---------------------------------------------------------------------

int idle(int port, int nconn) {
  std::vector<int> fds;
  fds.reserve(static_cast<size_t>(nconn));
  char buf[64];
  std::memset(buf, 'i', sizeof buf);
  for (int i = 0; i < nconn; ++i) {
    int fd = connect_to(port, false);
    write_all_blocking(fd, buf, sizeof buf);
    read_all_blocking(fd, buf, sizeof buf);
    fds.push_back(fd);
  }
  std::printf("ready\n");
  std::fflush(stdout);
  pollfd p{0, POLLIN, 0};
  ::poll(&p, 1, 600000);  // until stdin closes, at most 10 minutes
  for (int fd : fds)
    ::close(fd);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: loadgen pingpong <port> <connections> <bytes> | stream <port> | "
                 "accept <port> | idle <port> <connections>  [--warmup S] [--secs S] [--pid P] "
                 "[--cpu C]\n");
    return 2;
  }
  std::string mode = argv[1];
  int port = std::atoi(argv[2]);
  std::vector<std::string> pos;
  options o;
  for (int i = 3; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--warmup" && i + 1 < argc)
      o.warmup = std::atof(argv[++i]);
    else if (a == "--secs" && i + 1 < argc)
      o.secs = std::atof(argv[++i]);
    else if (a == "--pid" && i + 1 < argc)
      o.pid = std::atoi(argv[++i]);
    else if (a == "--cpu" && i + 1 < argc)
      o.cpu = std::atoi(argv[++i]);
    else if (a == "--engine" && i + 1 < argc)
      o.epoll = std::string(argv[++i]) == "epoll";
    else
      pos.push_back(a);
  }
  if (o.cpu >= 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(o.cpu, &set);
    ::sched_setaffinity(0, sizeof set, &set);
  }
  o.secs = std::clamp(o.secs, 0.01, 60.0);
  o.warmup = std::clamp(o.warmup, 0.0, 60.0);
  if (mode == "pingpong" && pos.size() == 2) {
    int nconn = std::clamp(std::atoi(pos[0].c_str()), 1, 20000);
    auto size = static_cast<size_t>(std::clamp(std::atoi(pos[1].c_str()), 1, 1 << 20));
    io_uring ring;
    if (!o.epoll && make_ring(ring, 4096)) return pingpong_uring(ring, port, nconn, size, o);
    return pingpong(port, nconn, size, o);
  }
  if (mode == "stream") return stream(port, o);
  if (mode == "accept") return accept_rate(port, o);
  if (mode == "idle" && pos.size() == 1)
    return idle(port, std::clamp(std::atoi(pos[0].c_str()), 1, 20000));
  std::fprintf(stderr, "loadgen: bad arguments\n");
  return 2;
}

// FD_SETSIZE is 64 by default in winsock2.h; a reactor thread serves every socket of the
// context that needs it.
#define FD_SETSIZE 1024

#include "select_reactor.hpp"

#include "ringport/detail/backend.hpp"
#include "ringport/detail/scheduler.hpp"
#include "ringport/error.hpp"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include <cstring>

namespace ringport::detail {

namespace {

error_code wsa_error(int e) {
  return error_code(e, ringport::system_category());
}

// A socket that select() no longer accepts (closed behind the reactor's back): its ops end.
bool still_a_socket(native_socket_type s) {
  int type = 0;
  int len = sizeof type;
  return ::getsockopt(static_cast<SOCKET>(s), SOL_SOCKET, SO_TYPE, reinterpret_cast<char*>(&type),
                      &len) == 0;
}

}  // namespace

select_reactor::select_reactor(execution_context& ctx)
    : execution_context_service_base<select_reactor>(ctx),
      scheduler_(use_service<scheduler>(ctx)),
      backend_(scheduler_.get_backend()) {
  // The interrupter: a UDP socket on loopback that the reactor watches for reading; a
  // datagram to itself wakes select().
  SOCKET s = ::WSASocketW(AF_INET, SOCK_DGRAM, IPPROTO_UDP, nullptr, 0, 0);
  if (s == INVALID_SOCKET)
    throw std::system_error(wsa_error(::WSAGetLastError()), "select_reactor: socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  int len = sizeof addr;
  u_long nb = 1;
  if (::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len) != 0 ||
      ::ioctlsocket(s, FIONBIO, &nb) != 0) {
    int e = ::WSAGetLastError();
    ::closesocket(s);
    throw std::system_error(wsa_error(e), "select_reactor: interrupter");
  }
  static_assert(sizeof interrupter_addr_ == sizeof(sockaddr_in));
  std::memcpy(interrupter_addr_, &addr, sizeof addr);
  interrupter_ = s;
  thread_ = std::thread([this] { run(); });
}

select_reactor::~select_reactor() {
  shutdown();
  if (interrupter_ != invalid_native_socket) ::closesocket(static_cast<SOCKET>(interrupter_));
}

void select_reactor::shutdown() {
  std::vector<entry> left;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
    left.swap(ops_);
  }
  interrupt();
  if (thread_.joinable()) thread_.join();
  for (entry& e : left) {
    e.op->ec_ = error::operation_aborted;
    e.op->bytes_ = 0;
    scheduler_.post_deferred_completion(e.op);
  }
}

void select_reactor::start_op(int kind, native_socket_type s, iocp_op* op) {
  {
    std::lock_guard lock(mutex_);
    if (!stop_) {
      ops_.push_back(entry{kind, s, op, next_serial_++});
      op = nullptr;
    }
  }
  if (op) {
    complete(op, error::operation_aborted);
    return;
  }
  interrupt();
}

void select_reactor::cancel_ops(native_socket_type s) {
  std::vector<iocp_op*> done;
  {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < ops_.size();) {
      if (ops_[i].socket == s) {
        done.push_back(ops_[i].op);
        ops_.erase(ops_.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        ++i;
      }
    }
  }
  for (iocp_op* op : done)
    complete(op, error::operation_aborted);
  if (!done.empty()) interrupt();
}

void select_reactor::cancel_op(iocp_op* op) {
  bool found = false;
  {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < ops_.size(); ++i) {
      if (ops_[i].op == op) {
        ops_.erase(ops_.begin() + static_cast<std::ptrdiff_t>(i));
        found = true;
        break;
      }
    }
  }
  if (found) {
    complete(op, error::operation_aborted);
    interrupt();
  }
}

void select_reactor::interrupt() {
  char byte = 0;
  ::sendto(static_cast<SOCKET>(interrupter_), &byte, 1, 0,
           reinterpret_cast<const sockaddr*>(interrupter_addr_), sizeof(sockaddr_in));
}

void select_reactor::complete(iocp_op* op, const error_code& ec) {
  op->ec_ = ec;
  op->bytes_ = 0;
  op->ready_.store(1, std::memory_order_release);
  // Back through the completion port, as Asio's reactor does; the scheduler's own
  // queue when the port cannot take the packet.
  if (!backend_.post_ready(op)) scheduler_.post_deferred_completion(op);
}

void select_reactor::run() {
  for (;;) {
    fd_set readable, writable, failed;
    FD_ZERO(&readable);
    FD_ZERO(&writable);
    FD_ZERO(&failed);
    unsigned long long built_up_to = 0;
    {
      std::lock_guard lock(mutex_);
      if (stop_) return;
      FD_SET(static_cast<SOCKET>(interrupter_), &readable);
      for (const entry& e : ops_) {
        SOCKET s = static_cast<SOCKET>(e.socket);
        switch (e.kind) {
          case read_op:
            FD_SET(s, &readable);
            break;
          case write_op:
            FD_SET(s, &writable);
            break;
          case except_op:
            FD_SET(s, &failed);
            break;
          case connect_op:
            // A failed connect is reported in the exception set on Windows.
            FD_SET(s, &writable);
            FD_SET(s, &failed);
            break;
        }
        built_up_to = e.serial;
      }
    }
    // Bounded, so that a set that filled up (FD_SETSIZE) is rebuilt in time.
    timeval tv{1, 0};
    int n = ::select(0, &readable, &writable, &failed, &tv);
    if (n == SOCKET_ERROR) {
      // A socket in the sets went away: end its ops, keep the others.
      std::vector<iocp_op*> dead;
      {
        std::lock_guard lock(mutex_);
        for (std::size_t i = 0; i < ops_.size();) {
          if (!still_a_socket(ops_[i].socket)) {
            dead.push_back(ops_[i].op);
            ops_.erase(ops_.begin() + static_cast<std::ptrdiff_t>(i));
          } else {
            ++i;
          }
        }
      }
      for (iocp_op* op : dead)
        complete(op, error::bad_descriptor);
      if (dead.empty()) ::Sleep(1);
      continue;
    }
    if (FD_ISSET(static_cast<SOCKET>(interrupter_), &readable)) {
      char buf[64];
      while (::recv(static_cast<SOCKET>(interrupter_), buf, sizeof buf, 0) > 0) {
      }
    }
    struct finished {
      iocp_op* op;
      error_code ec;
    };
    std::vector<finished> done;
    {
      std::lock_guard lock(mutex_);
      for (std::size_t i = 0; i < ops_.size();) {
        const entry& e = ops_[i];
        SOCKET s = static_cast<SOCKET>(e.socket);
        bool ready = false;
        error_code ec;
        // Only entries that were in the sets handed to select() can be judged by them.
        if (e.serial <= built_up_to) {
          switch (e.kind) {
            case read_op:
              ready = FD_ISSET(s, &readable) != 0;
              break;
            case write_op:
              ready = FD_ISSET(s, &writable) != 0;
              break;
            case except_op:
              ready = FD_ISSET(s, &failed) != 0;
              break;
            case connect_op:
              ready = FD_ISSET(s, &writable) || FD_ISSET(s, &failed);
              if (ready) {
                int err = 0;
                int len = sizeof err;
                if (::getsockopt(s, SOL_SOCKET, SO_ERROR, reinterpret_cast<char*>(&err), &len) != 0)
                  ec = wsa_error(::WSAGetLastError());
                else if (err != 0)
                  ec = wsa_error(err);
              }
              break;
          }
        }
        if (ready) {
          done.push_back(finished{e.op, ec});
          ops_.erase(ops_.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
          ++i;
        }
      }
    }
    for (finished& f : done)
      complete(f.op, f.ec);
  }
}

}  // namespace ringport::detail

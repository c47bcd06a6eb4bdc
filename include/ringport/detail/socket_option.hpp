// The generic socket option shapes behind socket_base's option names and tcp::no_delay. Each
// meets Asio's SettableSocketOption and GettableSocketOption: level(p), name(p), data(p),
// size(p) and resize(p, n), which basic_socket::set_option/get_option hand to setsockopt and
// getsockopt. Level and Name are the numbers from socket_option_constants.hpp.
#pragma once

#include "ringport/detail/socket_option_constants.hpp"

#include <cstddef>
#include <stdexcept>

namespace ringport::detail::socket_option {

// An on/off option. The kernel reads and writes an int.
template <int Level, int Name>
class boolean {
 public:
  boolean() noexcept = default;
  explicit boolean(bool v) noexcept : value_(v ? 1 : 0) {}

  boolean& operator=(bool v) noexcept {
    value_ = v ? 1 : 0;
    return *this;
  }

  bool value() const noexcept { return value_ != 0; }
  explicit operator bool() const noexcept { return value_ != 0; }
  bool operator!() const noexcept { return value_ == 0; }

  template <typename Protocol>
  int level(const Protocol&) const noexcept {
    return Level;
  }
  template <typename Protocol>
  int name(const Protocol&) const noexcept {
    return Name;
  }
  template <typename Protocol>
  int* data(const Protocol&) noexcept {
    return &value_;
  }
  template <typename Protocol>
  const int* data(const Protocol&) const noexcept {
    return &value_;
  }
  template <typename Protocol>
  std::size_t size(const Protocol&) const noexcept {
    return sizeof(value_);
  }

  // Some stacks answer getsockopt for a boolean with a single byte (Windows does for a few
  // options), which lands in the first byte of value_; anything else is not a boolean.
  template <typename Protocol>
  void resize(const Protocol&, std::size_t s) {
    if (s == sizeof(char))
      value_ = *reinterpret_cast<const unsigned char*>(&value_) ? 1 : 0;
    else if (s != sizeof(value_))
      throw std::length_error("boolean socket option resize");
  }

 private:
  int value_ = 0;
};

// A count or size option. The kernel reads and writes an int.
template <int Level, int Name>
class integer {
 public:
  integer() noexcept = default;
  explicit integer(int v) noexcept : value_(v) {}

  integer& operator=(int v) noexcept {
    value_ = v;
    return *this;
  }

  int value() const noexcept { return value_; }

  template <typename Protocol>
  int level(const Protocol&) const noexcept {
    return Level;
  }
  template <typename Protocol>
  int name(const Protocol&) const noexcept {
    return Name;
  }
  template <typename Protocol>
  int* data(const Protocol&) noexcept {
    return &value_;
  }
  template <typename Protocol>
  const int* data(const Protocol&) const noexcept {
    return &value_;
  }
  template <typename Protocol>
  std::size_t size(const Protocol&) const noexcept {
    return sizeof(value_);
  }
  template <typename Protocol>
  void resize(const Protocol&, std::size_t s) {
    if (s != sizeof(value_)) throw std::length_error("integer socket option resize");
  }

 private:
  int value_ = 0;
};

// SO_LINGER: whether close() waits for unsent data, and for how many seconds.
template <int Level, int Name>
class linger {
 public:
  linger() noexcept = default;
  linger(bool e, int t) noexcept {
    enabled(e);
    timeout(t);
  }

  void enabled(bool e) noexcept { value_.onoff = e ? 1 : 0; }
  bool enabled() const noexcept { return value_.onoff != 0; }

  // The field is u_short on Windows; the cast keeps Asio's int interface on both systems.
  void timeout(int t) noexcept { value_.linger = static_cast<decltype(value_.linger)>(t); }
  int timeout() const noexcept { return static_cast<int>(value_.linger); }

  template <typename Protocol>
  int level(const Protocol&) const noexcept {
    return Level;
  }
  template <typename Protocol>
  int name(const Protocol&) const noexcept {
    return Name;
  }
  template <typename Protocol>
  linger_layout* data(const Protocol&) noexcept {
    return &value_;
  }
  template <typename Protocol>
  const linger_layout* data(const Protocol&) const noexcept {
    return &value_;
  }
  template <typename Protocol>
  std::size_t size(const Protocol&) const noexcept {
    return sizeof(value_);
  }
  template <typename Protocol>
  void resize(const Protocol&, std::size_t s) {
    if (s != sizeof(value_)) throw std::length_error("linger socket option resize");
  }

 private:
  linger_layout value_{};
};

}  // namespace ringport::detail::socket_option

// Completion conditions for the composed read and write operations (Asio 1.22). A condition
// is called as cond(ec, bytes_transferred_so_far) before each step and returns the most
// bytes the next step may transfer; 0 means the operation is complete.
#pragma once

#include "ringport/detail/config.hpp"
#include <cstddef>

namespace ringport {

namespace detail {

// Each step is capped even when the condition wants "everything": one huge read or write
// would hold a large kernel request open and starve other work, and Asio users' programs
// are tuned to this step size.
enum default_max_transfer_size_t { default_max_transfer_size = 65536 };

// Conditions written for old Asio return bool (true = done); newer ones return a size.
inline std::size_t adapt_completion_condition_result(bool result) noexcept {
  return result ? 0 : default_max_transfer_size;
}
inline std::size_t adapt_completion_condition_result(std::size_t result) noexcept {
  return result;
}

class transfer_all_t {
 public:
  using result_type = std::size_t;

  template <typename Error>
  std::size_t operator()(const Error& err, std::size_t) const {
    return !!err ? 0 : default_max_transfer_size;
  }
};

class transfer_at_least_t {
 public:
  using result_type = std::size_t;

  explicit transfer_at_least_t(std::size_t minimum) noexcept : minimum_(minimum) {}

  template <typename Error>
  std::size_t operator()(const Error& err, std::size_t bytes_transferred) const {
    return (!!err || bytes_transferred >= minimum_) ? 0 : default_max_transfer_size;
  }

 private:
  std::size_t minimum_;
};

class transfer_exactly_t {
 public:
  using result_type = std::size_t;

  explicit transfer_exactly_t(std::size_t size) noexcept : size_(size) {}

  // Never asks for more than what is left, so a read cannot overshoot the requested size.
  template <typename Error>
  std::size_t operator()(const Error& err, std::size_t bytes_transferred) const {
    if (!!err || bytes_transferred >= size_) return 0;
    const std::size_t left = size_ - bytes_transferred;
    return left < default_max_transfer_size ? left : std::size_t(default_max_transfer_size);
  }

 private:
  std::size_t size_;
};

}  // namespace detail

/// Transfer until the buffers are full or an error occurs.
inline detail::transfer_all_t transfer_all() noexcept {
  return detail::transfer_all_t();
}

/// Transfer until at least `minimum` bytes have moved, the buffers are full, or an error.
inline detail::transfer_at_least_t transfer_at_least(std::size_t minimum) noexcept {
  return detail::transfer_at_least_t(minimum);
}

/// Transfer exactly `size` bytes (fewer only if the buffers are smaller or an error occurs).
inline detail::transfer_exactly_t transfer_exactly(std::size_t size) noexcept {
  return detail::transfer_exactly_t(size);
}

}  // namespace ringport

// cancellation_type: which kinds of cancellation a signal asks for and an operation honours.
// terminal: the operation may end in an unspecified state (the object can only be closed);
// partial: it ends with well-defined side effects the caller can inspect; total: it ends as
// if it had never started. The bitwise operators let filters combine and mask them.
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport {

/// Which kinds of cancellation a signal asks for and an operation honours. terminal: the operation
/// may end in an unspecified state (the object can only be closed); partial: it ends with
/// well-defined side effects the caller can inspect; total: it ends as if it had never started.
/// none asks for nothing; all is every kind.
enum class cancellation_type : unsigned int {
  none = 0,
  terminal = 1,
  partial = 2,
  total = 4,
  all = 0xFFFFFFFF
};

/// Asio's other name of cancellation_type.
using cancellation_type_t = cancellation_type;

/// @name Bitwise operators
//@{
/// The bitwise operators let filters combine and mask cancellation types, as on the underlying
/// unsigned int; `!x` is true when `x` is none.
constexpr bool operator!(cancellation_type x) noexcept {
  return static_cast<unsigned int>(x) == 0;
}

constexpr cancellation_type operator&(cancellation_type x, cancellation_type y) noexcept {
  return static_cast<cancellation_type>(static_cast<unsigned int>(x) &
                                        static_cast<unsigned int>(y));
}

constexpr cancellation_type operator|(cancellation_type x, cancellation_type y) noexcept {
  return static_cast<cancellation_type>(static_cast<unsigned int>(x) |
                                        static_cast<unsigned int>(y));
}

constexpr cancellation_type operator^(cancellation_type x, cancellation_type y) noexcept {
  return static_cast<cancellation_type>(static_cast<unsigned int>(x) ^
                                        static_cast<unsigned int>(y));
}

constexpr cancellation_type operator~(cancellation_type x) noexcept {
  return static_cast<cancellation_type>(~static_cast<unsigned int>(x));
}

constexpr cancellation_type& operator&=(cancellation_type& x, cancellation_type y) noexcept {
  return x = x & y;
}

constexpr cancellation_type& operator|=(cancellation_type& x, cancellation_type y) noexcept {
  return x = x | y;
}

constexpr cancellation_type& operator^=(cancellation_type& x, cancellation_type y) noexcept {
  return x = x ^ y;
}
//@}

}  // namespace ringport

// error_code and system_error are the standard ones, as in standalone Asio.
#pragma once

#include "ringport/detail/config.hpp"
#include <system_error>

namespace ringport {

/// @name Error types
//@{
/// error_code, error_category, error_condition and system_error are the standard ones, as in
/// standalone Asio.
using error_code = std::error_code;
using error_category = std::error_category;
using error_condition = std::error_condition;
using system_error = std::system_error;
//@}

/// The category of native OS errors: errno on POSIX, GetLastError/WSAGetLastError on Windows
/// (with the messages Windows gives them).
RINGPORT_DECL const error_category& system_category() noexcept;

namespace detail {

// Throws system_error(ec, location) when ec is set.
RINGPORT_DECL void throw_error(const error_code& ec, const char* location);
inline void throw_error(const error_code& ec) {
  throw_error(ec, nullptr);
}

}  // namespace detail

}  // namespace ringport

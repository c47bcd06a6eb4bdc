// ip::host_name: this machine's standard host name (gethostname), as in Asio.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/error_code.hpp"

#include <string>

namespace ringport::ip {

/// Throws std::system_error on failure.
RINGPORT_DECL std::string host_name();
/// Sets `ec` on failure and returns an empty string.
RINGPORT_DECL std::string host_name(error_code& ec);  // src/<os>/host_name.cpp

}  // namespace ringport::ip

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/error.hpp"

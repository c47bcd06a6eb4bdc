// Text <-> binary conversion of IP addresses and interface names. The OS does the work
// (inet_pton/inet_ntop, if_nametoindex/if_indextoname), so these are implemented once per OS in
// src/<os>/address_text.cpp; the Asio-shaped parsing rules (scope suffixes, error codes) live in
// src/common and stay the same everywhere.
#pragma once

#include "ringport/detail/config.hpp"

#include <array>
#include <cstdint>
#include <string>

namespace ringport::detail {

// `text` is NUL-terminated. False when it is not a dotted-quad / IPv6 literal.
RINGPORT_DECL bool parse_ipv4_text(const char* text, std::array<unsigned char, 4>& bytes) noexcept;
RINGPORT_DECL bool parse_ipv6_text(const char* text, std::array<unsigned char, 16>& bytes) noexcept;

RINGPORT_DECL std::string format_ipv4_text(const std::array<unsigned char, 4>& bytes);
RINGPORT_DECL std::string format_ipv6_text(const std::array<unsigned char, 16>& bytes);

// The index of the named network interface; 0 when there is none or the OS cannot say.
RINGPORT_DECL std::uint32_t interface_index(const char* name) noexcept;
// The name of interface `index`; empty when there is none or the OS cannot say.
RINGPORT_DECL std::string interface_name(std::uint32_t index);

}  // namespace ringport::detail

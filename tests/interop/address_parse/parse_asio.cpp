// The Asio side of the address-parsing differential test: standalone Asio only.
#include "parse_result.hpp"

#include <asio/ip/address.hpp>

namespace address_parse_interop {

namespace {

parse_result from_v4(const asio::ip::address_v4& addr) {
  parse_result result;
  result.version = 4;
  const auto bytes = addr.to_bytes();
  for (std::size_t i = 0; i < bytes.size(); ++i)
    result.bytes[i] = bytes[i];
  return result;
}

parse_result from_v6(const asio::ip::address_v6& addr) {
  parse_result result;
  result.version = 6;
  const auto bytes = addr.to_bytes();
  for (std::size_t i = 0; i < bytes.size(); ++i)
    result.bytes[i] = bytes[i];
  result.scope_id = static_cast<std::uint32_t>(addr.scope_id());
  return result;
}

}  // namespace

parse_result parse_with_asio(parser which, const std::string& text) {
  asio::error_code ec;
  parse_result result;
  switch (which) {
    case parser::address: {
      const asio::ip::address addr = asio::ip::make_address(text, ec);
      if (!ec) result = addr.is_v4() ? from_v4(addr.to_v4()) : from_v6(addr.to_v6());
      break;
    }
    case parser::address_v4: {
      const asio::ip::address_v4 addr = asio::ip::make_address_v4(text, ec);
      if (!ec) result = from_v4(addr);
      break;
    }
    case parser::address_v6: {
      const asio::ip::address_v6 addr = asio::ip::make_address_v6(text, ec);
      if (!ec) result = from_v6(addr);
      break;
    }
  }
  if (ec) result = parse_result{ec.value(), 0, {}, 0};
  return result;
}

}  // namespace address_parse_interop

// The Asio side of the address-parsing differential test: standalone Asio only.
#include "parse_result.hpp"

#include <asio/ip/address.hpp>

namespace address_parse_interop {

parse_result parse_with_asio(parser which, const std::string& text) {
  asio::error_code ec;
  parse_result result;
  switch (which) {
    case parser::address: {
      const asio::ip::address addr = asio::ip::make_address(text, ec);
      if (!ec) result = result_of(addr);
      break;
    }
    case parser::address_v4: {
      const asio::ip::address_v4 addr = asio::ip::make_address_v4(text, ec);
      if (!ec) result = result_of_v4(addr);
      break;
    }
    case parser::address_v6: {
      const asio::ip::address_v6 addr = asio::ip::make_address_v6(text, ec);
      if (!ec) result = result_of_v6(addr);
      break;
    }
  }
  if (ec) result = parse_result{ec.value(), 0, {}, 0};
  return result;
}

}  // namespace address_parse_interop

// The ringport side of the address-parsing differential test: ringport only.
#include "parse_result.hpp"

#include "ringport/ip/address.hpp"

#include <string_view>

namespace address_parse_interop {

namespace {

// Calls `make(input, ec)` with one of the argument types and records the result.
template <typename Make, typename Input>
parse_result with_error_code(Make make, const Input& input) {
  ringport::error_code ec;
  const auto addr = make(input, ec);
  if (ec) return parse_result{ec.value(), 0, {}, 0};
  return result_of(ringport::ip::address(addr));
}

// The same through the overload that throws.
template <typename Make, typename Input>
parse_result with_exception(Make make, const Input& input) {
  try {
    return result_of(ringport::ip::address(make(input)));
  } catch (const ringport::system_error& e) {
    return parse_result{e.code().value(), 0, {}, 0};
  }
}

template <typename MakeEc, typename Make>
int all_overloads(MakeEc make_ec, Make make, const std::string& text, bool throwing,
                  parse_result (&results)[ringport_overloads]) {
  const std::string_view view(text);
  const char* const c_string = text.c_str();
  results[0] = with_error_code(make_ec, text);
  results[1] = with_error_code(make_ec, view);
  results[2] = with_error_code(make_ec, c_string);
  if (!throwing) return 3;
  results[3] = with_exception(make, text);
  results[4] = with_exception(make, view);
  results[5] = with_exception(make, c_string);
  return 6;
}

}  // namespace

const char* const ringport_overload_names[ringport_overloads] = {
    "std::string, error_code&", "std::string_view, error_code&", "const char*, error_code&",
    "std::string (throwing)",   "std::string_view (throwing)",   "const char* (throwing)"};

int parse_with_ringport(parser which, const std::string& text, bool throwing,
                        parse_result (&results)[ringport_overloads]) {
  // Generic lambdas so that each call picks the overload for its argument's type.
  switch (which) {
    case parser::address:
      return all_overloads(
          [](const auto& s, ringport::error_code& ec) { return ringport::ip::make_address(s, ec); },
          [](const auto& s) { return ringport::ip::make_address(s); }, text, throwing, results);
    case parser::address_v4:
      return all_overloads(
          [](const auto& s, ringport::error_code& ec) {
            return ringport::ip::make_address_v4(s, ec);
          },
          [](const auto& s) { return ringport::ip::make_address_v4(s); }, text, throwing, results);
    case parser::address_v6:
      return all_overloads(
          [](const auto& s, ringport::error_code& ec) {
            return ringport::ip::make_address_v6(s, ec);
          },
          [](const auto& s) { return ringport::ip::make_address_v6(s); }, text, throwing, results);
  }
  return 0;
}

std::string describe(const parse_result& result) {
  if (result.error != 0) return "error " + std::to_string(result.error);
  if (result.version == 4) {
    return ringport::ip::address_v4(
               ringport::ip::address_v4::bytes_type{result.bytes[0], result.bytes[1],
                                                    result.bytes[2], result.bytes[3]})
        .to_string();
  }
  // Printed without the scope (which to_string might show as an interface name), then the
  // scope id as a number.
  return ringport::ip::address_v6(result.bytes).to_string() + " scope " +
         std::to_string(result.scope_id);
}

}  // namespace address_parse_interop

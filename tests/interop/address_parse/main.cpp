// Differential test of address parsing: make_address, make_address_v4 and make_address_v6 in
// ringport (through each of their overloads) against standalone Asio, on inputs generated from a
// fixed seed. Most inputs end in a "%scope" suffix or hold an embedded NUL, the two places where
// the text rules are subtle; the rest are address-like text and mutations of addresses.
//
// Usage: address_parse_differential [count [seed]]; exits 1 and prints the first mismatches when
// any input parses differently.
#include "parse_result.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

namespace address_parse_interop {

namespace {

// Choices from the engine's raw output (modulo: near enough uniform), so the inputs are the same
// with any standard library; the <random> distributions are not specified exactly.
class generator {
 public:
  explicit generator(std::uint64_t seed) : engine_(seed) {}

  std::size_t below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
  bool one_in(std::size_t n) { return below(n) == 0; }
  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[below(N)];
  }

  // 45% scope suffixes, 25% text with NULs, 15% mutated addresses, 15% random text.
  std::string input() {
    const std::size_t kind = below(20);
    if (kind < 9) return std::string(pick(scoped_bases)) + '%' + scope_text();
    if (kind < 14) return with_nuls(address_like());
    if (kind < 17) return mutated(address_like());
    return random_text();
  }

 private:
  static constexpr const char* scoped_bases[] = {"fe80::1",
                                                 "fe80::a:b",
                                                 "febf:ffff::1",
                                                 "fe80::192.0.2.1",
                                                 "fec0::1",
                                                 "fe7f::1",
                                                 "ff02::1",
                                                 "ff12::2",
                                                 "ff32::1",
                                                 "ff05::1",
                                                 "ff01::1",
                                                 "2001:db8::1",
                                                 "::1",
                                                 "::",
                                                 "::ffff:192.0.2.1",
                                                 "1:2:3:4:5:6:7:8",
                                                 "FE80::ABCD",
                                                 "fe80:0:0:0:0:0:0:1",
                                                 "1.2.3.4",
                                                 "fe80:::1",
                                                 "",
                                                 "g::1",
                                                 "fe80::1 "};
  static constexpr const char* addresses[] = {"1.2.3.4",     "255.255.255.255", "0.0.0.0",
                                              "192.0.2.33",  "10.0.0.1",        "::",
                                              "::1",         "fe80::1",         "ff02::1",
                                              "2001:db8::1", "::ffff:1.2.3.4",  "1:2:3:4:5:6:7:8",
                                              "fe80::a:b%5", "fe80::1%lo",      "2001:db8::1%42"};
  static constexpr const char* interface_names[] = {"lo", "eth0", "ifb0", "lo0", "eth0 ", "LO"};
  static constexpr const char* boundaries[] = {"2147483647",
                                               "2147483648",
                                               "4294967295",
                                               "4294967296",
                                               "4294967297",
                                               "9223372036854775807",
                                               "9223372036854775808",
                                               "18446744073709551615",
                                               "18446744073709551616",
                                               "42949684267175587295",
                                               "99999999999999999999999999"};

  std::string digits(std::size_t max_length) {
    std::string text;
    const std::size_t length = 1 + below(max_length);
    for (std::size_t i = 0; i < length; ++i)
      text += static_cast<char>('0' + below(10));
    return text;
  }

  // The text after '%': mostly [white space][sign][number][junk], sometimes an interface name
  // or arbitrary bytes.
  std::string scope_text() {
    static constexpr char spaces[] = {' ',  '\t',   '\n',   '\v',   '\f',
                                      '\r', '\x1c', '\x85', '\xa0', '\0'};
    static constexpr const char* junk[] = {"abc", "x",  ".",    ":",    "%",    " ", "%5",
                                           "e3",  "lo", "\x01", "\xff", "0x1f", "-", "+"};
    if (one_in(8)) return pick(interface_names);
    if (one_in(12)) return random_text();
    std::string text;
    if (one_in(3)) {
      for (std::size_t n = 1 + below(3); n > 0; --n)
        text += pick(spaces);
    }
    switch (below(6)) {
      case 0:
        text += '-';
        break;
      case 1:
        text += '+';
        break;
      case 2:
        text += one_in(2) ? "+-" : "-+";
        break;
      default:
        break;
    }
    if (one_in(3)) {
      if (one_in(2)) text += std::string(below(4), '0');
      text += pick(boundaries);
      // Nudge the last digit so both sides of each boundary come up.
      if (one_in(2)) text.back() = static_cast<char>('0' + below(10));
    } else if (!one_in(10)) {
      text += digits(one_in(4) ? 30 : 6);
    }
    if (one_in(3)) text += pick(junk);
    if (one_in(6)) text += digits(4);
    return text;
  }

  std::string address_like() {
    switch (below(4)) {
      case 0:
        return pick(addresses);
      case 1: {  // dotted quad, sometimes out of range or with leading zeros
        std::string text;
        for (int i = 0; i < 4; ++i) {
          if (i > 0) text += '.';
          if (one_in(30)) text += '0';
          text += std::to_string(one_in(8) ? below(1000) : below(256));
        }
        return text;
      }
      case 2: {  // colon groups, sometimes compressed, sometimes with a scope
        std::string text;
        const std::size_t groups = 1 + below(9);
        const std::size_t gap = below(groups + 2);
        for (std::size_t i = 0; i < groups; ++i) {
          if (i == gap)
            text += "::";
          else if (i > 0)
            text += ':';
          static constexpr char hex[] = "0123456789abcdefABCDEF";
          for (std::size_t n = 1 + below(one_in(10) ? 6 : 4); n > 0; --n) {
            text += hex[below(sizeof(hex) - 1)];
          }
        }
        if (gap == groups) text += "::";
        if (one_in(3)) {
          text += '%';
          text += scope_text();
        }
        return text;
      }
      default:
        return pick(scoped_bases) + std::string("%") + scope_text();
    }
  }

  // One to three NULs at random places, or a NUL then more text after a valid address.
  std::string with_nuls(std::string text) {
    if (one_in(3)) {
      text += '\0';
      text += one_in(2) ? random_text() : address_like();
      return text;
    }
    for (std::size_t n = 1 + below(3); n > 0; --n)
      text.insert(below(text.size() + 1), 1, '\0');
    return text;
  }

  std::string mutated(std::string text) {
    static constexpr char alphabet[] = "0123456789abcdefABCDEFgx:.%-+ \t";
    for (std::size_t n = 1 + below(3); n > 0; --n) {
      const std::size_t at = below(text.size() + 1);
      switch (below(3)) {
        case 0:
          text.insert(at, 1, alphabet[below(sizeof(alphabet) - 1)]);
          break;
        case 1:
          if (at < text.size()) text.erase(at, 1);
          break;
        default:
          if (at < text.size()) text[at] = alphabet[below(sizeof(alphabet) - 1)];
          break;
      }
    }
    return text;
  }

  std::string random_text() {
    static constexpr char alphabet[] = "0123456789abcdefABCDEF:::...%%% \t-+\0x";
    std::string text;
    const std::size_t length = below(one_in(20) ? 80 : 24);
    for (std::size_t i = 0; i < length; ++i)
      text += alphabet[below(sizeof(alphabet) - 1)];
    return text;
  }

  std::mt19937_64 engine_;
};

std::string escaped(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7F || c == '"' || c == '\\') {
      char hex[8];
      std::snprintf(hex, sizeof(hex), "\\x%02x", byte);
      out += hex;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

const char* name_of(parser which) {
  switch (which) {
    case parser::address:
      return "make_address";
    case parser::address_v4:
      return "make_address_v4";
    case parser::address_v6:
      return "make_address_v6";
  }
  return "?";
}

}  // namespace

}  // namespace address_parse_interop

int main(int argc, char** argv) {
  using namespace address_parse_interop;
  const std::uint64_t count = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 200000;
  const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20240601;
  const auto start = std::chrono::steady_clock::now();

  generator gen(seed);
  std::uint64_t mismatches = 0, parsed = 0, with_nul = 0, with_scope = 0;
  parse_result ringport_results[ringport_overloads];
  for (std::uint64_t n = 0; n < count; ++n) {
    const std::string text = gen.input();
    with_nul += text.find('\0') != std::string::npos;
    with_scope += text.find('%') != std::string::npos;
    for (const parser which : {parser::address, parser::address_v4, parser::address_v6}) {
      const parse_result expected = parse_with_asio(which, text);
      parsed += expected.error == 0;
      // The throwing overloads only wrap the others: every fourth input is enough for them.
      const int overloads = parse_with_ringport(which, text, n % 4 == 0, ringport_results);
      // One mismatch per input and function, shown with the first overload that differs.
      int first = -1, differing = 0;
      for (int i = 0; i < overloads; ++i) {
        if (ringport_results[i] == expected) continue;
        if (first < 0) first = i;
        ++differing;
      }
      if (first < 0) continue;
      if (++mismatches <= 20) {
        std::printf(
            "MISMATCH input #%llu %s(%s): asio %s; ringport %s through %s (%d of %d "
            "overloads differ)\n",
            static_cast<unsigned long long>(n), name_of(which), escaped(text).c_str(),
            describe(expected).c_str(), describe(ringport_results[first]).c_str(),
            ringport_overload_names[first], differing, overloads);
      }
    }
  }

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "%llu inputs (seed %llu; %llu with a NUL, %llu with '%%'), each through 3 functions: "
      "Asio accepts %llu of the %llu parses; ringport differs in %llu; %.1f s\n",
      static_cast<unsigned long long>(count), static_cast<unsigned long long>(seed),
      static_cast<unsigned long long>(with_nul), static_cast<unsigned long long>(with_scope),
      static_cast<unsigned long long>(parsed), static_cast<unsigned long long>(3 * count),
      static_cast<unsigned long long>(mismatches), seconds);
  return mismatches == 0 ? 0 : 1;
}

// A small JSON reader for tests that check files the library writes (the trace): objects,
// arrays, strings (\uXXXX kept as written), numbers, true/false/null. Throws
// std::runtime_error with the offset on malformed input, so a test fails with where.
#pragma once

#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ringport::test {

struct json_value {
  enum class type { null, boolean, number, string, array, object } kind = type::null;
  bool boolean = false;
  double number = 0;
  std::string text;
  std::vector<json_value> items;
  std::map<std::string, json_value> members;

  // The member `key` of an object, or null when absent.
  const json_value& operator[](const std::string& key) const {
    static const json_value none;
    auto it = members.find(key);
    return it == members.end() ? none : it->second;
  }
  bool has(const std::string& key) const { return members.count(key) != 0; }
};

class json_reader {
 public:
  // Parses the whole of `text`: one value, then only white space.
  static json_value parse(const std::string& text) {
    json_reader r(text);
    json_value v = r.value();
    r.skip_space();
    if (r.pos_ != text.size()) r.fail("text after the value");
    return v;
  }

 private:
  explicit json_reader(const std::string& text) : s_(text) {}

  [[noreturn]] void fail(const char* what) const {
    throw std::runtime_error(std::string("JSON: ") + what + " at offset " + std::to_string(pos_));
  }
  void skip_space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_])))
      ++pos_;
  }
  bool take(char c) {
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!take(c)) fail((std::string("expected '") + c + "'").c_str());
  }
  bool word(const char* w) {
    std::string t(w);
    if (s_.compare(pos_, t.size(), t) != 0) return false;
    pos_ += t.size();
    return true;
  }

  json_value value() {
    skip_space();
    if (pos_ >= s_.size()) fail("unexpected end");
    json_value v;
    char c = s_[pos_];
    if (c == '{') {
      ++pos_;
      v.kind = json_value::type::object;
      if (take('}')) return v;
      do {
        skip_space();
        std::string key = string_text();
        expect(':');
        v.members[key] = value();
      } while (take(','));
      expect('}');
    } else if (c == '[') {
      ++pos_;
      v.kind = json_value::type::array;
      if (take(']')) return v;
      do {
        v.items.push_back(value());
      } while (take(','));
      expect(']');
    } else if (c == '"') {
      v.kind = json_value::type::string;
      v.text = string_text();
    } else if (word("true")) {
      v.kind = json_value::type::boolean;
      v.boolean = true;
    } else if (word("false")) {
      v.kind = json_value::type::boolean;
    } else if (word("null")) {
    } else {
      const char* begin = s_.c_str() + pos_;
      char* end = nullptr;
      v.kind = json_value::type::number;
      v.number = std::strtod(begin, &end);
      if (end == begin) fail("not a value");
      pos_ += static_cast<std::size_t>(end - begin);
    }
    return v;
  }

  std::string string_text() {
    if (pos_ >= s_.size() || s_[pos_] != '"') fail("expected a string");
    ++pos_;
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != '"') {
      char c = s_[pos_++];
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in a string");
      if (c == '\\') {
        if (pos_ >= s_.size()) fail("unexpected end");
        char e = s_[pos_++];
        switch (e) {
          case 'n':
            out += '\n';
            break;
          case 't':
            out += '\t';
            break;
          case 'r':
            out += '\r';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'u':
            if (pos_ + 4 > s_.size()) fail("short \\u escape");
            out += "\\u" + s_.substr(pos_, 4);
            pos_ += 4;
            break;
          case '"':
          case '\\':
          case '/':
            out += e;
            break;
          default:
            fail("unknown escape");
        }
      } else {
        out += c;
      }
    }
    if (pos_ >= s_.size()) fail("unterminated string");
    ++pos_;
    return out;
  }

  const std::string& s_;
  std::size_t pos_ = 0;
};

}  // namespace ringport::test

// The machinery behind read_until / async_read_until: searchers for each kind of delimiter,
// the synchronous loop and the composed operation.
//
// A searcher looks at the readable bytes of the dynamic buffer from a start position and
// says either "found: the bytes up to and including the delimiter" or "not found: start the
// next search here" (where a partial delimiter at the end of the data begins, or at the end).
#pragma once

#include "ringport/buffers_iterator.hpp"
#include "ringport/cancellation_state.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/detail/dynamic_buffer_io.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"

#include <algorithm>
#include <cstddef>
#include <regex>
#include <string>
#include <string_view>
#include <utility>

namespace ringport::detail {

struct until_result {
  bool found;
  std::size_t position;  // found: bytes up to the match's end; else: the next search start
};

// Each read_until step asks for at most this much, as Asio does.
inline constexpr std::size_t read_until_step_size = 65536;

class char_searcher {
 public:
  explicit char_searcher(char delim) noexcept : delim_(delim) {}

  template <typename Buffers>
  until_result operator()(const Buffers& data, std::size_t from) const {
    using iterator = buffers_iterator<Buffers>;
    const iterator begin = iterator::begin(data);
    const iterator end = iterator::end(data);
    const iterator it = std::find(begin + static_cast<std::ptrdiff_t>(from), end, delim_);
    if (it != end) return {true, static_cast<std::size_t>(it - begin) + 1};
    return {false, static_cast<std::size_t>(end - begin)};
  }

 private:
  char delim_;
};

// String holds the delimiter: std::string_view for the synchronous calls, std::string (a
// copy) for the asynchronous ones, whose caller's string may be gone before they end.
template <typename String>
class string_searcher {
 public:
  explicit string_searcher(String delim) : delim_(std::move(delim)) {}

  template <typename Buffers>
  until_result operator()(const Buffers& data, std::size_t from) const {
    using iterator = buffers_iterator<Buffers>;
    const iterator begin = iterator::begin(data);
    const iterator end = iterator::end(data);
    const std::size_t m = delim_.size();
    for (iterator it = begin + static_cast<std::ptrdiff_t>(from); it != end; ++it) {
      iterator a = it;
      std::size_t k = 0;
      while (k < m && a != end && *a == delim_[k]) {
        ++a;
        ++k;
      }
      if (k == m) return {true, static_cast<std::size_t>(a - begin)};
      // The data ended inside a match: the next search starts where it began.
      if (a == end) return {false, static_cast<std::size_t>(it - begin)};
    }
    if (m == 0) return {true, from};
    return {false, static_cast<std::size_t>(end - begin)};
  }

 private:
  String delim_;
};

// Regex is a reference to the caller's regex (synchronous calls) or a copy (asynchronous).
// std::regex has no partial matching, so every search looks at all the readable bytes: a
// match may begin in data searched before and end in data just read.
template <typename Regex>
class regex_searcher {
 public:
  explicit regex_searcher(Regex expr) : expr_(expr) {}

  template <typename Buffers>
  until_result operator()(const Buffers& data, std::size_t) const {
    using iterator = buffers_iterator<Buffers>;
    const iterator begin = iterator::begin(data);
    const iterator end = iterator::end(data);
    std::match_results<iterator> match;
    if (std::regex_search(begin, end, match, expr_))
      return {true, static_cast<std::size_t>(match[0].second - begin)};
    return {false, 0};
  }

 private:
  Regex expr_;
};

// A match condition: called as cond(first, last) over buffers_iterator, returns
// pair<iterator, bool>: (end of the match, true), or (where a later search should start,
// false).
template <typename MatchCondition>
class match_searcher {
 public:
  explicit match_searcher(MatchCondition cond) : cond_(std::move(cond)) {}

  template <typename Buffers>
  until_result operator()(const Buffers& data, std::size_t from) {
    using iterator = buffers_iterator<Buffers>;
    const iterator begin = iterator::begin(data);
    const iterator end = iterator::end(data);
    std::pair<iterator, bool> r = cond_(begin + static_cast<std::ptrdiff_t>(from), end);
    if (r.second) return {true, static_cast<std::size_t>(r.first - begin)};
    if (r.first != end) return {false, static_cast<std::size_t>(r.first - begin)};
    return {false, static_cast<std::size_t>(end - begin)};
  }

 private:
  MatchCondition cond_;
};

// read_until on a dynamic buffer. Returns the bytes up to and including the delimiter, or 0
// with an error: the stream's (eof with partial data included: those bytes stay in the
// buffer), or not_found once the buffer is at max_size() without a match.
template <typename SyncReadStream, typename DynamicBuffer, typename Searcher>
std::size_t read_until_impl(SyncReadStream& s, DynamicBuffer& b, Searcher& search, error_code& ec) {
  std::size_t from = 0;
  for (;;) {
    {
      const auto data = dynbuf_readable(std::as_const(b));
      const until_result r = search(data, from);
      if (r.found) {
        ec = error_code();
        return r.position;
      }
      from = r.position;
    }
    if (b.size() >= b.max_size()) {
      ec = error::not_found;
      return 0;
    }
    const std::size_t want = dynbuf_read_size(b, read_until_step_size);
    const std::size_t n = s.read_some(dynbuf_prepare(b, want), ec);
    dynbuf_commit(b, want, n);
    if (ec) return 0;
    if (n == 0) {  // a stream that makes no progress: treated as its end
      ec = error::eof;
      return 0;
    }
  }
}

// async_read_until: searches what the buffer already holds, then one async_read_some per
// step until a match, an error, or max_size().
template <typename AsyncReadStream, typename DynamicBuffer, typename Searcher>
class read_until_op {
 public:
  read_until_op(AsyncReadStream& stream, DynamicBuffer buffers, Searcher search)
      : stream_(&stream), buffers_(std::move(buffers)), search_(std::move(search)) {}

  template <typename Self>
  void operator()(Self& self) {
    // As Asio's read_until: partial cancellation reaches the steps too.
    self.reset_cancellation_state(enable_partial_cancellation());
    search_or_read(self);
  }

  template <typename Self>
  void operator()(Self& self, error_code ec, std::size_t n) {
    dynbuf_commit(buffers_, want_, n);
    if (ec) {
      self.complete(ec, 0);
      return;
    }
    if (n == 0) {
      self.complete(error::eof, 0);
      return;
    }
    // A cancellation that arrived after the last step completed found no inner operation
    // to abort; it must still end the composed operation.
    if (self.cancelled() != cancellation_type::none) {
      self.complete(error::operation_aborted, 0);
      return;
    }
    search_or_read(self);
  }

 private:
  template <typename Self>
  void search_or_read(Self& self) {
    {
      const auto data = dynbuf_readable(std::as_const(buffers_));
      const until_result r = search_(data, from_);
      if (r.found) {
        self.complete(error_code(), r.position);
        return;
      }
      from_ = r.position;
    }
    if (buffers_.size() >= buffers_.max_size()) {
      self.complete(error::not_found, 0);
      return;
    }
    want_ = dynbuf_read_size(buffers_, read_until_step_size);
    stream_->async_read_some(dynbuf_prepare(buffers_, want_), std::move(self));
  }

  AsyncReadStream* stream_;
  DynamicBuffer buffers_;
  Searcher search_;
  std::size_t from_ = 0;
  std::size_t want_ = 0;
};

}  // namespace ringport::detail

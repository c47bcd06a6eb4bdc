// read_until / async_read_until (Asio 1.22): read into a dynamic buffer (v1 or v2) or a
// streambuf until its readable bytes contain a delimiter: a char, a string, a std::regex, or
// what a match condition accepts.
//
// Success gives the number of bytes up to and including the delimiter (the match); the
// buffer may hold more after it, which the next call sees first. Errors give 0: the stream's
// error (eof included: bytes read before the end stay in the buffer), or error::not_found
// when the buffer reached max_size() without a match. Each step asks for at most 65536
// bytes and at least 512 (or the spare capacity), never past max_size().
//
// A match condition is called as cond(begin, end) over buffers_iterator<the buffer's
// const_buffers_type> and returns pair<iterator, bool>: (end of the match, true), or
// (where the next search may start, false). is_match_condition<T> says what is accepted:
// functions, classes with a result_type (as in Asio), and anything callable that way;
// specialise it to true for other types, as in Asio.
//
// std::regex cannot report partial matches, so each regex search looks at all the readable
// bytes again. A stream whose read_some succeeds with 0 bytes ends the operation with eof.
//
// async_read_until is built on async_compose: each step is one async_read_some started with
// the composed op as its handler. The delimiter string and the regex are copied into the
// operation; a match condition is moved in.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_compose.hpp"
#include "ringport/async_result.hpp"
#include "ringport/basic_streambuf.hpp"
#include "ringport/buffer.hpp"
#include "ringport/buffer_sequence.hpp"
#include "ringport/buffers_iterator.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/detail/dynamic_buffer_io.hpp"
#include "ringport/detail/read_until_op.hpp"
#include "ringport/error_code.hpp"

#include <cstddef>
#include <regex>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace ringport {

namespace detail {

template <typename T>
concept match_condition_like = std::is_function_v<std::remove_pointer_t<T>> || requires {
  typename T::result_type;
} || requires(T& t, const buffers_iterator<const_buffer>& it) {
  { t(it, it) } -> std::convertible_to<std::pair<buffers_iterator<const_buffer>, bool>>;
};

}  // namespace detail

template <typename T>
struct is_match_condition : std::bool_constant<detail::match_condition_like<T>> {};

namespace detail {
// A user's specialisation may give `value` as anything convertible to bool (Asio's
// documentation shows `enum { value = true };`).
template <typename T>
inline constexpr bool is_match_condition_v = static_cast<bool>(is_match_condition<T>::value);
}  // namespace detail

// ---- Dynamic buffers, v1 (a type that is only v1; a copy of it is used, as in Asio) ----

/// @name Reading until a character (dynamic buffer v1)
//@{
/// Reads from `s` into the dynamic buffer `buffers` (a type that is only a v1 dynamic buffer; a
/// copy of it is used, as in Asio) until its readable bytes contain the character `delim`. Success
/// gives the number of bytes up to and including the delimiter (the match); the buffer may hold
/// more after it, which the next call sees first. Errors give 0: the stream's error (error::eof
/// included: bytes read before the end stay in the buffer), or error::not_found when the buffer
/// reached max_size() without a match. The overload with `ec` reports the error there; the one
/// without throws std::system_error. async_read_until starts the same read as a composed operation
/// of async_read_some calls on `s`: completion signature void(error_code, std::size_t), with the
/// same count and errors.
template <typename SyncReadStream, typename DynamicBuffer_v1>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> std::size_t read_until(
    SyncReadStream& s, DynamicBuffer_v1&& buffers, char delim, error_code& ec) {
  std::decay_t<DynamicBuffer_v1> b(std::forward<DynamicBuffer_v1>(buffers));
  detail::char_searcher search(delim);
  return detail::read_until_impl(s, b, search, ec);
}

template <typename SyncReadStream, typename DynamicBuffer_v1>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> std::size_t read_until(
    SyncReadStream& s, DynamicBuffer_v1&& buffers, char delim) {
  error_code ec;
  const std::size_t n = ringport::read_until(s, std::forward<DynamicBuffer_v1>(buffers), delim, ec);
  detail::throw_error(ec, "read_until");
  return n;
}

template <typename AsyncReadStream, typename DynamicBuffer_v1,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1>
decltype(auto) async_read_until(
    AsyncReadStream& s, DynamicBuffer_v1&& buffers, char delim,
    ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return async_compose<ReadToken, void(error_code, std::size_t)>(
      detail::read_until_op<AsyncReadStream, std::decay_t<DynamicBuffer_v1>, detail::char_searcher>(
          s, std::forward<DynamicBuffer_v1>(buffers), detail::char_searcher(delim)),
      token, s);
}
//@}

/// @name Reading until a string (dynamic buffer v1)
//@{
/// Reads from `s` into the dynamic buffer `buffers` (a type that is only a v1 dynamic buffer; a
/// copy of it is used, as in Asio) until its readable bytes contain the string `delim`
/// (async_read_until copies it into the operation). Success gives the number of bytes up to and
/// including the delimiter (the match); the buffer may hold more after it, which the next call sees
/// first. Errors give 0: the stream's error (error::eof included: bytes read before the end stay in
/// the buffer), or error::not_found when the buffer reached max_size() without a match. The
/// overload with `ec` reports the error there; the one without throws std::system_error.
/// async_read_until starts the same read as a composed operation of async_read_some calls on `s`:
/// completion signature void(error_code, std::size_t), with the same count and errors.
template <typename SyncReadStream, typename DynamicBuffer_v1>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> std::size_t read_until(
    SyncReadStream& s, DynamicBuffer_v1&& buffers, std::string_view delim, error_code& ec) {
  std::decay_t<DynamicBuffer_v1> b(std::forward<DynamicBuffer_v1>(buffers));
  detail::string_searcher<std::string_view> search(delim);
  return detail::read_until_impl(s, b, search, ec);
}

template <typename SyncReadStream, typename DynamicBuffer_v1>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> std::size_t read_until(
    SyncReadStream& s, DynamicBuffer_v1&& buffers, std::string_view delim) {
  error_code ec;
  const std::size_t n = ringport::read_until(s, std::forward<DynamicBuffer_v1>(buffers), delim, ec);
  detail::throw_error(ec, "read_until");
  return n;
}

template <typename AsyncReadStream, typename DynamicBuffer_v1,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1>
decltype(auto) async_read_until(
    AsyncReadStream& s, DynamicBuffer_v1&& buffers, std::string_view delim,
    ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return async_compose<ReadToken, void(error_code, std::size_t)>(
      detail::read_until_op<AsyncReadStream, std::decay_t<DynamicBuffer_v1>,
                            detail::string_searcher<std::string>>(
          s, std::forward<DynamicBuffer_v1>(buffers),
          detail::string_searcher<std::string>(std::string(delim))),
      token, s);
}
//@}

/// @name Reading until a regular expression (dynamic buffer v1)
//@{
/// Reads from `s` into the dynamic buffer `buffers` (a type that is only a v1 dynamic buffer; a
/// copy of it is used, as in Asio) until its readable bytes contain a match of the regular
/// expression `expr` (async_read_until copies it into the operation; std::regex cannot report
/// partial matches, so each search looks at all the readable bytes again). Success gives the number
/// of bytes up to and including the delimiter (the match); the buffer may hold more after it, which
/// the next call sees first. Errors give 0: the stream's error (error::eof included: bytes read
/// before the end stay in the buffer), or error::not_found when the buffer reached max_size()
/// without a match. The overload with `ec` reports the error there; the one without throws
/// std::system_error. async_read_until starts the same read as a composed operation of
/// async_read_some calls on `s`: completion signature void(error_code, std::size_t), with the same
/// count and errors.
template <typename SyncReadStream, typename DynamicBuffer_v1, typename Traits>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> std::size_t read_until(
    SyncReadStream& s, DynamicBuffer_v1&& buffers, const std::basic_regex<char, Traits>& expr,
    error_code& ec) {
  std::decay_t<DynamicBuffer_v1> b(std::forward<DynamicBuffer_v1>(buffers));
  detail::regex_searcher<const std::basic_regex<char, Traits>&> search(expr);
  return detail::read_until_impl(s, b, search, ec);
}

template <typename SyncReadStream, typename DynamicBuffer_v1, typename Traits>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> std::size_t read_until(
    SyncReadStream& s, DynamicBuffer_v1&& buffers, const std::basic_regex<char, Traits>& expr) {
  error_code ec;
  const std::size_t n = ringport::read_until(s, std::forward<DynamicBuffer_v1>(buffers), expr, ec);
  detail::throw_error(ec, "read_until");
  return n;
}

template <typename AsyncReadStream, typename DynamicBuffer_v1, typename Traits,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1>
decltype(auto) async_read_until(
    AsyncReadStream& s, DynamicBuffer_v1&& buffers, const std::basic_regex<char, Traits>& expr,
    ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return async_compose<ReadToken, void(error_code, std::size_t)>(
      detail::read_until_op<AsyncReadStream, std::decay_t<DynamicBuffer_v1>,
                            detail::regex_searcher<std::basic_regex<char, Traits>>>(
          s, std::forward<DynamicBuffer_v1>(buffers),
          detail::regex_searcher<std::basic_regex<char, Traits>>(expr)),
      token, s);
}
//@}

/// @name Reading until a match condition (dynamic buffer v1)
//@{
/// Reads from `s` into the dynamic buffer `buffers` (a type that is only a v1 dynamic buffer; a
/// copy of it is used, as in Asio) until its readable bytes satisfy `match_condition`, called as
/// cond(begin, end) over buffers_iterator<the buffer's const_buffers_type>, which returns
/// pair<iterator, bool>: (end of the match, true), or (where the next search may start, false);
/// is_match_condition says which types are accepted (async_read_until moves the condition into the
/// operation). Success gives the number of bytes up to and including the delimiter (the match); the
/// buffer may hold more after it, which the next call sees first. Errors give 0: the stream's error
/// (error::eof included: bytes read before the end stay in the buffer), or error::not_found when
/// the buffer reached max_size() without a match. The overload with `ec` reports the error there;
/// the one without throws std::system_error. async_read_until starts the same read as a composed
/// operation of async_read_some calls on `s`: completion signature void(error_code, std::size_t),
/// with the same count and errors.
template <typename SyncReadStream, typename DynamicBuffer_v1, typename MatchCondition>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> &&
    detail::is_match_condition_v<MatchCondition>
        std::size_t read_until(SyncReadStream& s, DynamicBuffer_v1&& buffers,
                               MatchCondition match_condition, error_code& ec) {
  std::decay_t<DynamicBuffer_v1> b(std::forward<DynamicBuffer_v1>(buffers));
  detail::match_searcher<MatchCondition> search(std::move(match_condition));
  return detail::read_until_impl(s, b, search, ec);
}

template <typename SyncReadStream, typename DynamicBuffer_v1, typename MatchCondition>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> &&
    detail::is_match_condition_v<MatchCondition>
        std::size_t read_until(SyncReadStream& s, DynamicBuffer_v1&& buffers,
                               MatchCondition match_condition) {
  error_code ec;
  const std::size_t n = ringport::read_until(s, std::forward<DynamicBuffer_v1>(buffers),
                                             std::move(match_condition), ec);
  detail::throw_error(ec, "read_until");
  return n;
}

template <typename AsyncReadStream, typename DynamicBuffer_v1, typename MatchCondition,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> &&
    detail::is_match_condition_v<MatchCondition>
decltype(auto) async_read_until(
    AsyncReadStream& s, DynamicBuffer_v1&& buffers, MatchCondition match_condition,
    ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return async_compose<ReadToken, void(error_code, std::size_t)>(
      detail::read_until_op<AsyncReadStream, std::decay_t<DynamicBuffer_v1>,
                            detail::match_searcher<MatchCondition>>(
          s, std::forward<DynamicBuffer_v1>(buffers),
          detail::match_searcher<MatchCondition>(std::move(match_condition))),
      token, s);
}
//@}

// ---- Dynamic buffers, v2 (taken by value: copies refer to the same storage) ----

/// @name Reading until a character (dynamic buffer v2)
//@{
/// Reads from `s` into the dynamic buffer `buffers` (v2, taken by value: copies refer to the same
/// storage) until its readable bytes contain the character `delim`. Success gives the number of
/// bytes up to and including the delimiter (the match); the buffer may hold more after it, which
/// the next call sees first. Errors give 0: the stream's error (error::eof included: bytes read
/// before the end stay in the buffer), or error::not_found when the buffer reached max_size()
/// without a match. The overload with `ec` reports the error there; the one without throws
/// std::system_error. async_read_until starts the same read as a composed operation of
/// async_read_some calls on `s`: completion signature void(error_code, std::size_t), with the same
/// count and errors.
template <typename SyncReadStream, typename DynamicBuffer_v2>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> std::size_t read_until(
    SyncReadStream& s, DynamicBuffer_v2 buffers, char delim, error_code& ec) {
  DynamicBuffer_v2& b = buffers;
  detail::char_searcher search(delim);
  return detail::read_until_impl(s, b, search, ec);
}

template <typename SyncReadStream, typename DynamicBuffer_v2>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> std::size_t read_until(
    SyncReadStream& s, DynamicBuffer_v2 buffers, char delim) {
  error_code ec;
  const std::size_t n = ringport::read_until(s, std::move(buffers), delim, ec);
  detail::throw_error(ec, "read_until");
  return n;
}

template <typename AsyncReadStream, typename DynamicBuffer_v2,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2>
decltype(auto) async_read_until(
    AsyncReadStream& s, DynamicBuffer_v2 buffers, char delim,
    ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return async_compose<ReadToken, void(error_code, std::size_t)>(
      detail::read_until_op<AsyncReadStream, DynamicBuffer_v2, detail::char_searcher>(
          s, std::move(buffers), detail::char_searcher(delim)),
      token, s);
}
//@}

/// @name Reading until a string (dynamic buffer v2)
//@{
/// Reads from `s` into the dynamic buffer `buffers` (v2, taken by value: copies refer to the same
/// storage) until its readable bytes contain the string `delim` (async_read_until copies it into
/// the operation). Success gives the number of bytes up to and including the delimiter (the match);
/// the buffer may hold more after it, which the next call sees first. Errors give 0: the stream's
/// error (error::eof included: bytes read before the end stay in the buffer), or error::not_found
/// when the buffer reached max_size() without a match. The overload with `ec` reports the error
/// there; the one without throws std::system_error. async_read_until starts the same read as a
/// composed operation of async_read_some calls on `s`: completion signature void(error_code,
/// std::size_t), with the same count and errors.
template <typename SyncReadStream, typename DynamicBuffer_v2>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> std::size_t read_until(
    SyncReadStream& s, DynamicBuffer_v2 buffers, std::string_view delim, error_code& ec) {
  DynamicBuffer_v2& b = buffers;
  detail::string_searcher<std::string_view> search(delim);
  return detail::read_until_impl(s, b, search, ec);
}

template <typename SyncReadStream, typename DynamicBuffer_v2>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> std::size_t read_until(
    SyncReadStream& s, DynamicBuffer_v2 buffers, std::string_view delim) {
  error_code ec;
  const std::size_t n = ringport::read_until(s, std::move(buffers), delim, ec);
  detail::throw_error(ec, "read_until");
  return n;
}

template <typename AsyncReadStream, typename DynamicBuffer_v2,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2>
decltype(auto) async_read_until(
    AsyncReadStream& s, DynamicBuffer_v2 buffers, std::string_view delim,
    ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return async_compose<ReadToken, void(error_code, std::size_t)>(
      detail::read_until_op<AsyncReadStream, DynamicBuffer_v2,
                            detail::string_searcher<std::string>>(
          s, std::move(buffers), detail::string_searcher<std::string>(std::string(delim))),
      token, s);
}
//@}

/// @name Reading until a regular expression (dynamic buffer v2)
//@{
/// Reads from `s` into the dynamic buffer `buffers` (v2, taken by value: copies refer to the same
/// storage) until its readable bytes contain a match of the regular expression `expr`
/// (async_read_until copies it into the operation; std::regex cannot report partial matches, so
/// each search looks at all the readable bytes again). Success gives the number of bytes up to and
/// including the delimiter (the match); the buffer may hold more after it, which the next call sees
/// first. Errors give 0: the stream's error (error::eof included: bytes read before the end stay in
/// the buffer), or error::not_found when the buffer reached max_size() without a match. The
/// overload with `ec` reports the error there; the one without throws std::system_error.
/// async_read_until starts the same read as a composed operation of async_read_some calls on `s`:
/// completion signature void(error_code, std::size_t), with the same count and errors.
template <typename SyncReadStream, typename DynamicBuffer_v2, typename Traits>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> std::size_t read_until(
    SyncReadStream& s, DynamicBuffer_v2 buffers, const std::basic_regex<char, Traits>& expr,
    error_code& ec) {
  DynamicBuffer_v2& b = buffers;
  detail::regex_searcher<const std::basic_regex<char, Traits>&> search(expr);
  return detail::read_until_impl(s, b, search, ec);
}

template <typename SyncReadStream, typename DynamicBuffer_v2, typename Traits>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> std::size_t read_until(
    SyncReadStream& s, DynamicBuffer_v2 buffers, const std::basic_regex<char, Traits>& expr) {
  error_code ec;
  const std::size_t n = ringport::read_until(s, std::move(buffers), expr, ec);
  detail::throw_error(ec, "read_until");
  return n;
}

template <typename AsyncReadStream, typename DynamicBuffer_v2, typename Traits,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2>
decltype(auto) async_read_until(
    AsyncReadStream& s, DynamicBuffer_v2 buffers, const std::basic_regex<char, Traits>& expr,
    ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return async_compose<ReadToken, void(error_code, std::size_t)>(
      detail::read_until_op<AsyncReadStream, DynamicBuffer_v2,
                            detail::regex_searcher<std::basic_regex<char, Traits>>>(
          s, std::move(buffers), detail::regex_searcher<std::basic_regex<char, Traits>>(expr)),
      token, s);
}
//@}

/// @name Reading until a match condition (dynamic buffer v2)
//@{
/// Reads from `s` into the dynamic buffer `buffers` (v2, taken by value: copies refer to the same
/// storage) until its readable bytes satisfy `match_condition`, called as cond(begin, end) over
/// buffers_iterator<the buffer's const_buffers_type>, which returns pair<iterator, bool>: (end of
/// the match, true), or (where the next search may start, false); is_match_condition says which
/// types are accepted (async_read_until moves the condition into the operation). Success gives the
/// number of bytes up to and including the delimiter (the match); the buffer may hold more after
/// it, which the next call sees first. Errors give 0: the stream's error (error::eof included:
/// bytes read before the end stay in the buffer), or error::not_found when the buffer reached
/// max_size() without a match. The overload with `ec` reports the error there; the one without
/// throws std::system_error. async_read_until starts the same read as a composed operation of
/// async_read_some calls on `s`: completion signature void(error_code, std::size_t), with the same
/// count and errors.
template <typename SyncReadStream, typename DynamicBuffer_v2, typename MatchCondition>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> &&
    detail::is_match_condition_v<MatchCondition>
        std::size_t read_until(SyncReadStream& s, DynamicBuffer_v2 buffers,
                               MatchCondition match_condition, error_code& ec) {
  DynamicBuffer_v2& b = buffers;
  detail::match_searcher<MatchCondition> search(std::move(match_condition));
  return detail::read_until_impl(s, b, search, ec);
}

template <typename SyncReadStream, typename DynamicBuffer_v2, typename MatchCondition>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> &&
    detail::is_match_condition_v<MatchCondition>
        std::size_t read_until(SyncReadStream& s, DynamicBuffer_v2 buffers,
                               MatchCondition match_condition) {
  error_code ec;
  const std::size_t n = ringport::read_until(s, std::move(buffers), std::move(match_condition), ec);
  detail::throw_error(ec, "read_until");
  return n;
}

template <typename AsyncReadStream, typename DynamicBuffer_v2, typename MatchCondition,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> &&
    detail::is_match_condition_v<MatchCondition>
decltype(auto) async_read_until(
    AsyncReadStream& s, DynamicBuffer_v2 buffers, MatchCondition match_condition,
    ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return async_compose<ReadToken, void(error_code, std::size_t)>(
      detail::read_until_op<AsyncReadStream, DynamicBuffer_v2,
                            detail::match_searcher<MatchCondition>>(
          s, std::move(buffers),
          detail::match_searcher<MatchCondition>(std::move(match_condition))),
      token, s);
}
//@}

// ---- basic_streambuf (through basic_streambuf_ref; the streambuf must outlive the op) ----

/// @name Reading until a character (streambuf)
//@{
/// Reads from `s` into the streambuf `sb` (through basic_streambuf_ref; for async_read_until the
/// streambuf must outlive the operation) until its readable bytes contain the character `delim`.
/// Success gives the number of bytes up to and including the delimiter (the match); the buffer may
/// hold more after it, which the next call sees first. Errors give 0: the stream's error
/// (error::eof included: bytes read before the end stay in the buffer), or error::not_found when
/// the buffer reached max_size() without a match. The overload with `ec` reports the error there;
/// the one without throws std::system_error. async_read_until starts the same read as a composed
/// operation of async_read_some calls on `s`: completion signature void(error_code, std::size_t),
/// with the same count and errors.
template <typename SyncReadStream, typename Allocator>
std::size_t read_until(SyncReadStream& s, basic_streambuf<Allocator>& sb, char delim,
                       error_code& ec) {
  basic_streambuf_ref<Allocator> b(sb);
  detail::char_searcher search(delim);
  return detail::read_until_impl(s, b, search, ec);
}

template <typename SyncReadStream, typename Allocator>
std::size_t read_until(SyncReadStream& s, basic_streambuf<Allocator>& sb, char delim) {
  error_code ec;
  const std::size_t n = ringport::read_until(s, sb, delim, ec);
  detail::throw_error(ec, "read_until");
  return n;
}

template <typename AsyncReadStream, typename Allocator,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
decltype(auto) async_read_until(
    AsyncReadStream& s, basic_streambuf<Allocator>& sb, char delim,
    ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return async_compose<ReadToken, void(error_code, std::size_t)>(
      detail::read_until_op<AsyncReadStream, basic_streambuf_ref<Allocator>, detail::char_searcher>(
          s, basic_streambuf_ref<Allocator>(sb), detail::char_searcher(delim)),
      token, s);
}
//@}

/// @name Reading until a string (streambuf)
//@{
/// Reads from `s` into the streambuf `sb` (through basic_streambuf_ref; for async_read_until the
/// streambuf must outlive the operation) until its readable bytes contain the string `delim`
/// (async_read_until copies it into the operation). Success gives the number of bytes up to and
/// including the delimiter (the match); the buffer may hold more after it, which the next call sees
/// first. Errors give 0: the stream's error (error::eof included: bytes read before the end stay in
/// the buffer), or error::not_found when the buffer reached max_size() without a match. The
/// overload with `ec` reports the error there; the one without throws std::system_error.
/// async_read_until starts the same read as a composed operation of async_read_some calls on `s`:
/// completion signature void(error_code, std::size_t), with the same count and errors.
template <typename SyncReadStream, typename Allocator>
std::size_t read_until(SyncReadStream& s, basic_streambuf<Allocator>& sb, std::string_view delim,
                       error_code& ec) {
  basic_streambuf_ref<Allocator> b(sb);
  detail::string_searcher<std::string_view> search(delim);
  return detail::read_until_impl(s, b, search, ec);
}

template <typename SyncReadStream, typename Allocator>
std::size_t read_until(SyncReadStream& s, basic_streambuf<Allocator>& sb, std::string_view delim) {
  error_code ec;
  const std::size_t n = ringport::read_until(s, sb, delim, ec);
  detail::throw_error(ec, "read_until");
  return n;
}

template <typename AsyncReadStream, typename Allocator,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
decltype(auto) async_read_until(
    AsyncReadStream& s, basic_streambuf<Allocator>& sb, std::string_view delim,
    ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return async_compose<ReadToken, void(error_code, std::size_t)>(
      detail::read_until_op<AsyncReadStream, basic_streambuf_ref<Allocator>,
                            detail::string_searcher<std::string>>(
          s, basic_streambuf_ref<Allocator>(sb),
          detail::string_searcher<std::string>(std::string(delim))),
      token, s);
}
//@}

/// @name Reading until a regular expression (streambuf)
//@{
/// Reads from `s` into the streambuf `sb` (through basic_streambuf_ref; for async_read_until the
/// streambuf must outlive the operation) until its readable bytes contain a match of the regular
/// expression `expr` (async_read_until copies it into the operation; std::regex cannot report
/// partial matches, so each search looks at all the readable bytes again). Success gives the number
/// of bytes up to and including the delimiter (the match); the buffer may hold more after it, which
/// the next call sees first. Errors give 0: the stream's error (error::eof included: bytes read
/// before the end stay in the buffer), or error::not_found when the buffer reached max_size()
/// without a match. The overload with `ec` reports the error there; the one without throws
/// std::system_error. async_read_until starts the same read as a composed operation of
/// async_read_some calls on `s`: completion signature void(error_code, std::size_t), with the same
/// count and errors.
template <typename SyncReadStream, typename Allocator, typename Traits>
std::size_t read_until(SyncReadStream& s, basic_streambuf<Allocator>& sb,
                       const std::basic_regex<char, Traits>& expr, error_code& ec) {
  basic_streambuf_ref<Allocator> b(sb);
  detail::regex_searcher<const std::basic_regex<char, Traits>&> search(expr);
  return detail::read_until_impl(s, b, search, ec);
}

template <typename SyncReadStream, typename Allocator, typename Traits>
std::size_t read_until(SyncReadStream& s, basic_streambuf<Allocator>& sb,
                       const std::basic_regex<char, Traits>& expr) {
  error_code ec;
  const std::size_t n = ringport::read_until(s, sb, expr, ec);
  detail::throw_error(ec, "read_until");
  return n;
}

template <typename AsyncReadStream, typename Allocator, typename Traits,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
decltype(auto) async_read_until(
    AsyncReadStream& s, basic_streambuf<Allocator>& sb, const std::basic_regex<char, Traits>& expr,
    ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return async_compose<ReadToken, void(error_code, std::size_t)>(
      detail::read_until_op<AsyncReadStream, basic_streambuf_ref<Allocator>,
                            detail::regex_searcher<std::basic_regex<char, Traits>>>(
          s, basic_streambuf_ref<Allocator>(sb),
          detail::regex_searcher<std::basic_regex<char, Traits>>(expr)),
      token, s);
}
//@}

/// @name Reading until a match condition (streambuf)
//@{
/// Reads from `s` into the streambuf `sb` (through basic_streambuf_ref; for async_read_until the
/// streambuf must outlive the operation) until its readable bytes satisfy `match_condition`, called
/// as cond(begin, end) over buffers_iterator<the buffer's const_buffers_type>, which returns
/// pair<iterator, bool>: (end of the match, true), or (where the next search may start, false);
/// is_match_condition says which types are accepted (async_read_until moves the condition into the
/// operation). Success gives the number of bytes up to and including the delimiter (the match); the
/// buffer may hold more after it, which the next call sees first. Errors give 0: the stream's error
/// (error::eof included: bytes read before the end stay in the buffer), or error::not_found when
/// the buffer reached max_size() without a match. The overload with `ec` reports the error there;
/// the one without throws std::system_error. async_read_until starts the same read as a composed
/// operation of async_read_some calls on `s`: completion signature void(error_code, std::size_t),
/// with the same count and errors.
template <typename SyncReadStream, typename Allocator, typename MatchCondition>
requires detail::is_match_condition_v<MatchCondition> std::size_t read_until(
    SyncReadStream& s, basic_streambuf<Allocator>& sb, MatchCondition match_condition,
    error_code& ec) {
  basic_streambuf_ref<Allocator> b(sb);
  detail::match_searcher<MatchCondition> search(std::move(match_condition));
  return detail::read_until_impl(s, b, search, ec);
}

template <typename SyncReadStream, typename Allocator, typename MatchCondition>
requires detail::is_match_condition_v<MatchCondition> std::size_t read_until(
    SyncReadStream& s, basic_streambuf<Allocator>& sb, MatchCondition match_condition) {
  error_code ec;
  const std::size_t n = ringport::read_until(s, sb, std::move(match_condition), ec);
  detail::throw_error(ec, "read_until");
  return n;
}

template <typename AsyncReadStream, typename Allocator, typename MatchCondition,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
requires detail::is_match_condition_v<MatchCondition>
decltype(auto) async_read_until(
    AsyncReadStream& s, basic_streambuf<Allocator>& sb, MatchCondition match_condition,
    ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return async_compose<ReadToken, void(error_code, std::size_t)>(
      detail::read_until_op<AsyncReadStream, basic_streambuf_ref<Allocator>,
                            detail::match_searcher<MatchCondition>>(
          s, basic_streambuf_ref<Allocator>(sb),
          detail::match_searcher<MatchCondition>(std::move(match_condition))),
      token, s);
}
//@}

}  // namespace ringport

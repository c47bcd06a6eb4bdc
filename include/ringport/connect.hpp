// connect / async_connect over several candidate endpoints (Asio 1.22's free functions):
// each endpoint is tried in order, the socket closed before every attempt so that it is
// reopened with that endpoint's protocol, until one connects. A connect condition, called
// as condition(last_error, endpoint) and returning whether to try it, can skip candidates;
// so can one of Asio's older form, called as condition(last_error, next) with the iterator of
// the next candidate and returning the iterator to try (end: stop). When every attempt fails the
// result is the last attempt's error; when nothing was tried it is error::not_found.
//
// The sequence overloads take any type with begin()/end() whose elements convert to the
// socket's endpoint (a vector of endpoints, a resolver's results) and report the connected
// endpoint; the iterator overloads report the iterator that connected (end on failure).
// Asio's deprecated single-iterator overloads take a default-constructed iterator as the end
// (a resolver iterator's end, for instance); they are offered unless deprecated names are
// switched off.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_compose.hpp"
#include "ringport/async_result.hpp"
#include "ringport/basic_socket.hpp"
#include "ringport/detail/connect_op.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"

#include <concepts>
#include <iterator>
#include <type_traits>
#include <utility>

namespace ringport {

namespace detail {

// What Asio calls is_endpoint_sequence. The element test also keeps a socket's iterator
// overloads and sequence overloads apart.
template <typename T, typename Endpoint>
concept endpoint_sequence_of = requires(const T& t) {
  t.begin();
  t.end();
  { *t.begin() } -> std::convertible_to<Endpoint>;
};

}  // namespace detail

/// @name Connecting to one of an iterator range's endpoints
//@{
/// Tries each candidate endpoint in order, closing the socket before every attempt so that it is
/// reopened with that endpoint's protocol, until one connects. A connect condition, called as
/// condition(last_error, endpoint) and returning whether to try it, can skip candidates; so can one
/// of Asio's older form, called as condition(last_error, next) with the iterator of the next
/// candidate and returning the iterator to try (end: stop). When every attempt fails the error is
/// the last attempt's; when nothing was tried it is error::not_found. The overloads with `ec`
/// report the error there; the others throw std::system_error.
/// Returns the iterator that connected, or `end` on failure.
template <typename Protocol, typename Executor, typename Iterator, typename ConnectCondition>
requires(!detail::endpoint_sequence_of<Iterator, typename Protocol::endpoint>) &&
    detail::connect_condition_over<ConnectCondition, Iterator> Iterator
    connect(basic_socket<Protocol, Executor>& s, Iterator begin, Iterator end,
            ConnectCondition connect_condition, error_code& ec) {
  ec = error_code();
  for (Iterator iter = detail::next_accepted(begin, end, connect_condition, ec); iter != end;
       iter = detail::next_accepted(++iter, end, connect_condition, ec)) {
    s.close(ec);
    s.connect(*iter, ec);
    if (!ec) return iter;
  }
  // Every candidate rejected before any attempt: there is no attempt's error to report.
  if (!ec) ec = error::not_found;
  return end;
}

template <typename Protocol, typename Executor, typename Iterator, typename ConnectCondition>
requires(!detail::endpoint_sequence_of<Iterator, typename Protocol::endpoint>) &&
    detail::connect_condition_over<ConnectCondition, Iterator> Iterator
    connect(basic_socket<Protocol, Executor>& s, Iterator begin, Iterator end,
            ConnectCondition connect_condition) {
  error_code ec;
  Iterator iter = ringport::connect(s, begin, end, std::move(connect_condition), ec);
  detail::throw_error(ec, "connect");
  return iter;
}

template <typename Protocol, typename Executor, typename Iterator>
requires(!detail::endpoint_sequence_of<Iterator, typename Protocol::endpoint>) Iterator
    connect(basic_socket<Protocol, Executor>& s, Iterator begin, Iterator end, error_code& ec) {
  return ringport::connect(s, begin, end, detail::default_connect_condition(), ec);
}

template <typename Protocol, typename Executor, typename Iterator>
requires(!detail::endpoint_sequence_of<Iterator, typename Protocol::endpoint>) Iterator
    connect(basic_socket<Protocol, Executor>& s, Iterator begin, Iterator end) {
  return ringport::connect(s, begin, end, detail::default_connect_condition());
}
//@}

/// @name Connecting to one of a sequence's endpoints
//@{
/// The sequence is any type with begin()/end() whose elements convert to the socket's endpoint (a
/// vector of endpoints, a resolver's results). Tries each candidate endpoint in order, closing the
/// socket before every attempt so that it is reopened with that endpoint's protocol, until one
/// connects. A connect condition, called as condition(last_error, endpoint) and returning whether
/// to try it, can skip candidates; so can one of Asio's older form, called as condition(last_error,
/// next) with the iterator of the next candidate and returning the iterator to try (end: stop).
/// When every attempt fails the error is the last attempt's; when nothing was tried it is
/// error::not_found. The overloads with `ec` report the error there; the others throw
/// std::system_error.
/// Returns the endpoint the socket connected to (built on the iterator overloads above).
template <typename Protocol, typename Executor, typename EndpointSequence,
          typename ConnectCondition>
requires detail::endpoint_sequence_of<EndpointSequence, typename Protocol::endpoint> &&
    detail::connect_condition_over<ConnectCondition, detail::sequence_iterator_t<EndpointSequence>>
typename Protocol::endpoint connect(basic_socket<Protocol, Executor>& s,
                                    const EndpointSequence& endpoints,
                                    ConnectCondition connect_condition, error_code& ec) {
  auto iter =
      ringport::connect(s, endpoints.begin(), endpoints.end(), std::move(connect_condition), ec);
  return ec ? typename Protocol::endpoint() : typename Protocol::endpoint(*iter);
}

template <typename Protocol, typename Executor, typename EndpointSequence,
          typename ConnectCondition>
requires detail::endpoint_sequence_of<EndpointSequence, typename Protocol::endpoint> &&
    detail::connect_condition_over<ConnectCondition, detail::sequence_iterator_t<EndpointSequence>>
typename Protocol::endpoint connect(basic_socket<Protocol, Executor>& s,
                                    const EndpointSequence& endpoints,
                                    ConnectCondition connect_condition) {
  error_code ec;
  auto ep = ringport::connect(s, endpoints, std::move(connect_condition), ec);
  detail::throw_error(ec, "connect");
  return ep;
}

template <typename Protocol, typename Executor, typename EndpointSequence>
requires detail::endpoint_sequence_of<EndpointSequence, typename Protocol::endpoint>
typename Protocol::endpoint connect(basic_socket<Protocol, Executor>& s,
                                    const EndpointSequence& endpoints, error_code& ec) {
  return ringport::connect(s, endpoints, detail::default_connect_condition(), ec);
}

template <typename Protocol, typename Executor, typename EndpointSequence>
requires detail::endpoint_sequence_of<EndpointSequence, typename Protocol::endpoint>
typename Protocol::endpoint connect(basic_socket<Protocol, Executor>& s,
                                    const EndpointSequence& endpoints) {
  return ringport::connect(s, endpoints, detail::default_connect_condition());
}
//@}

/// @name Connecting asynchronously to one of a sequence's endpoints
//@{
/// The sequence is any type with begin()/end() whose elements convert to the socket's endpoint (a
/// vector of endpoints, a resolver's results). Tries each candidate endpoint in order, closing the
/// socket before every attempt so that it is reopened with that endpoint's protocol, until one
/// connects. A connect condition, called as condition(last_error, endpoint) and returning whether
/// to try it, can skip candidates; so can one of Asio's older form, called as condition(last_error,
/// next) with the iterator of the next candidate and returning the iterator to try (end: stop).
/// When every attempt fails the error is the last attempt's; when nothing was tried it is
/// error::not_found. It ends with error::operation_aborted when the user closes the socket while an
/// attempt is pending or when a cancellation is requested through the handler's cancellation slot.
/// Completion signature void(error_code, typename Protocol::endpoint): the connected endpoint,
/// or a default-constructed one on failure. The sequence is copied into the operation.
template <typename Protocol, typename Executor, typename EndpointSequence,
          typename ConnectCondition, typename ConnectToken = default_completion_token_t<Executor>>
requires detail::endpoint_sequence_of<EndpointSequence, typename Protocol::endpoint> &&
    detail::connect_condition_over<ConnectCondition,
                                   detail::sequence_iterator_t<EndpointSequence>> &&
    completion_token_for<ConnectToken, void(error_code, typename Protocol::endpoint)>
decltype(auto) async_connect(basic_socket<Protocol, Executor>& s, const EndpointSequence& endpoints,
                             ConnectCondition connect_condition,
                             ConnectToken&& token = default_completion_token_t<Executor>()) {
  return async_compose<ConnectToken, void(error_code, typename Protocol::endpoint)>(
      detail::connect_op<basic_socket<Protocol, Executor>, EndpointSequence, ConnectCondition,
                         true>(s, endpoints, std::move(connect_condition)),
      token, s);
}

/// The token must not itself look like a connect condition, or async_connect(s, eps, cond)
/// would be ambiguous with the overload above.
template <typename Protocol, typename Executor, typename EndpointSequence,
          typename ConnectToken = default_completion_token_t<Executor>>
requires detail::endpoint_sequence_of<EndpointSequence, typename Protocol::endpoint> &&
    (!detail::connect_condition_over<
        ConnectToken,
        detail::sequence_iterator_t<
            EndpointSequence>>)&&completion_token_for<ConnectToken,
                                                      void(error_code, typename Protocol::
                                                                           endpoint)> decltype(auto)
        async_connect(basic_socket<Protocol, Executor>& s, const EndpointSequence& endpoints,
                      ConnectToken&& token = default_completion_token_t<Executor>()) {
  return ringport::async_connect(s, endpoints, detail::default_connect_condition(),
                                 std::forward<ConnectToken>(token));
}
//@}

/// @name Connecting asynchronously to one of an iterator range's endpoints
//@{
/// Tries each candidate endpoint in order, closing the socket before every attempt so that it is
/// reopened with that endpoint's protocol, until one connects. A connect condition, called as
/// condition(last_error, endpoint) and returning whether to try it, can skip candidates; so can one
/// of Asio's older form, called as condition(last_error, next) with the iterator of the next
/// candidate and returning the iterator to try (end: stop). When every attempt fails the error is
/// the last attempt's; when nothing was tried it is error::not_found. It ends with
/// error::operation_aborted when the user closes the socket while an attempt is pending or when a
/// cancellation is requested through the handler's cancellation slot.
/// Completion signature void(error_code, Iterator): the iterator that connected, or `end`.
template <typename Protocol, typename Executor, typename Iterator, typename ConnectCondition,
          typename ConnectToken = default_completion_token_t<Executor>>
requires(!detail::endpoint_sequence_of<Iterator, typename Protocol::endpoint>) &&
    detail::connect_condition_over<ConnectCondition, Iterator>&& completion_token_for<
        ConnectToken, void(error_code, Iterator)> decltype(auto)
        async_connect(basic_socket<Protocol, Executor>& s, Iterator begin, Iterator end,
                      ConnectCondition connect_condition,
                      ConnectToken&& token = default_completion_token_t<Executor>()) {
  return async_compose<ConnectToken, void(error_code, Iterator)>(
      detail::connect_op<basic_socket<Protocol, Executor>, detail::iterator_pair<Iterator>,
                         ConnectCondition, false>(s, detail::iterator_pair<Iterator>{begin, end},
                                                  std::move(connect_condition)),
      token, s);
}

template <typename Protocol, typename Executor, typename Iterator,
          typename ConnectToken = default_completion_token_t<Executor>>
requires(!detail::endpoint_sequence_of<Iterator, typename Protocol::endpoint>) &&
    (!detail::connect_condition_over<ConnectToken, Iterator>)&&completion_token_for<
        ConnectToken, void(error_code, Iterator)> decltype(auto)
        async_connect(basic_socket<Protocol, Executor>& s, Iterator begin, Iterator end,
                      ConnectToken&& token = default_completion_token_t<Executor>()) {
  return ringport::async_connect(s, begin, end, detail::default_connect_condition(),
                                 std::forward<ConnectToken>(token));
}
//@}

#if defined(RINGPORT_HAS_DEPRECATED)
// The deprecated single-iterator forms: the candidates run from `begin` to Iterator().
namespace detail {
template <typename T, typename Iterator>
concept legacy_connect_condition =
    !std::same_as<T, Iterator> && connect_condition_over<T, Iterator>;
}  // namespace detail

/// @name Connecting from a single iterator (deprecated)
//@{
/// Asio's deprecated single-iterator forms: the candidates run from `begin` to a
/// default-constructed Iterator() (a resolver iterator's end, for instance), as the overloads
/// taking `begin` and `end` do. They are offered unless deprecated names are switched off.
template <typename Protocol, typename Executor, typename Iterator>
requires(!detail::endpoint_sequence_of<Iterator, typename Protocol::endpoint>) Iterator
    connect(basic_socket<Protocol, Executor>& s, Iterator begin) {
  return ringport::connect(s, begin, Iterator());
}

template <typename Protocol, typename Executor, typename Iterator>
requires(!detail::endpoint_sequence_of<Iterator, typename Protocol::endpoint>) Iterator
    connect(basic_socket<Protocol, Executor>& s, Iterator begin, error_code& ec) {
  return ringport::connect(s, begin, Iterator(), ec);
}

template <typename Protocol, typename Executor, typename Iterator, typename ConnectCondition>
requires(!detail::endpoint_sequence_of<Iterator, typename Protocol::endpoint>) &&
    detail::legacy_connect_condition<ConnectCondition, Iterator> Iterator
    connect(basic_socket<Protocol, Executor>& s, Iterator begin,
            ConnectCondition connect_condition) {
  return ringport::connect(s, begin, Iterator(), std::move(connect_condition));
}

template <typename Protocol, typename Executor, typename Iterator, typename ConnectCondition>
requires(!detail::endpoint_sequence_of<Iterator, typename Protocol::endpoint>) &&
    detail::legacy_connect_condition<ConnectCondition, Iterator> Iterator
    connect(basic_socket<Protocol, Executor>& s, Iterator begin, ConnectCondition connect_condition,
            error_code& ec) {
  return ringport::connect(s, begin, Iterator(), std::move(connect_condition), ec);
}

template <typename Protocol, typename Executor, typename Iterator,
          typename ConnectToken = default_completion_token_t<Executor>>
requires(!detail::endpoint_sequence_of<Iterator, typename Protocol::endpoint>) &&
    (!std::same_as<std::decay_t<ConnectToken>, Iterator>)&&(
        !detail::connect_condition_over<
            ConnectToken, Iterator>)&&completion_token_for<ConnectToken,
                                                           void(error_code,
                                                                Iterator)> decltype(auto)
        async_connect(basic_socket<Protocol, Executor>& s, Iterator begin,
                      ConnectToken&& token = default_completion_token_t<Executor>()) {
  return ringport::async_connect(s, begin, Iterator(), std::forward<ConnectToken>(token));
}

template <typename Protocol, typename Executor, typename Iterator, typename ConnectCondition,
          typename ConnectToken = default_completion_token_t<Executor>>
requires(!detail::endpoint_sequence_of<Iterator, typename Protocol::endpoint>) &&
    detail::legacy_connect_condition<ConnectCondition, Iterator>&& completion_token_for<
        ConnectToken, void(error_code, Iterator)> decltype(auto)
        async_connect(basic_socket<Protocol, Executor>& s, Iterator begin,
                      ConnectCondition connect_condition,
                      ConnectToken&& token = default_completion_token_t<Executor>()) {
  return ringport::async_connect(s, begin, Iterator(), std::move(connect_condition),
                                 std::forward<ConnectToken>(token));
}
//@}
#endif

}  // namespace ringport

// connect_op: the implementation async_connect hands to async_compose. It walks the
// candidate endpoints in order; for each one the connect condition accepts, it closes the
// socket (so the next attempt opens one of that endpoint's protocol) and starts an
// async_connect with itself as the handler. The first success ends the operation; so does
// running out of candidates (the last error, or not_found when nothing was tried), the
// socket being closed by the user, or a cancellation requested through the handler's slot.
#pragma once

#include "ringport/cancellation_type.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"

#include <concepts>
#include <cstddef>
#include <iterator>
#include <utility>

namespace ringport::detail {

// Accepts every endpoint: what the overloads without a condition use.
struct default_connect_condition {
  template <typename Endpoint>
  bool operator()(const error_code&, const Endpoint&) const noexcept {
    return true;
  }
};

// A pair of iterators seen as a sequence, so that one op serves both kinds of overload.
template <typename Iterator>
struct iterator_pair {
  Iterator first;
  Iterator last;
  Iterator begin() const { return first; }
  Iterator end() const { return last; }
};

// The iterator a sequence hands out through a const reference, as connect reads it.
template <typename Sequence>
using sequence_iterator_t = decltype(std::declval<const Sequence&>().begin());

// Asio's two forms of connect condition: bool(last_error, endpoint), and the older
// Iterator(last_error, next) that returns the candidate to try (end: none).
template <typename C, typename Iterator>
concept bool_connect_condition = requires(C& c, const error_code& ec, Iterator it) {
  { c(ec, *it) } -> std::convertible_to<bool>;
};
// TRICKY: the older form is probed only for what cannot be called with an endpoint at all.
// A completion handler that takes (error_code, endpoint) is such a callable; probing it with
// an iterator would instantiate a generic handler's body with arguments it cannot take (a
// hard error, not a failed constraint).
template <typename C, typename Iterator>
concept callable_with_endpoint = requires(C& c, const error_code& ec, Iterator it) {
  c(ec, *it);
};
template <typename C, typename Iterator>
concept iterator_connect_condition =
    !callable_with_endpoint<C, Iterator> && requires(C & c, const error_code& ec, Iterator it) {
  { c(ec, it) } -> std::convertible_to<Iterator>;
};
template <typename C, typename Iterator>
concept connect_condition_over =
    bool_connect_condition<C, Iterator> || iterator_connect_condition<C, Iterator>;

// The next candidate the condition accepts, from `iter` on; `ec` is the last attempt's
// result, as Asio passes it.
template <typename Iterator, typename ConnectCondition>
Iterator next_accepted(Iterator iter, Iterator end, ConnectCondition& condition,
                       const error_code& ec) {
  if constexpr (iterator_connect_condition<ConnectCondition, Iterator>) {
    return iter == end ? iter : static_cast<Iterator>(condition(ec, iter));
  } else {
    while (iter != end && !static_cast<bool>(condition(ec, *iter)))
      ++iter;
    return iter;
  }
}

// Sequence is the user's EndpointSequence (held by value: the caller's may not outlive the
// operation) or an iterator_pair. ReportEndpoint selects the completion's second argument:
// the connected endpoint (a default one on failure) or the iterator (end on failure).
template <typename Socket, typename Sequence, typename ConnectCondition, bool ReportEndpoint>
class connect_op {
 public:
  connect_op(Socket& socket, Sequence sequence, ConnectCondition condition)
      : socket_(&socket), sequence_(std::move(sequence)), condition_(std::move(condition)) {}

  template <typename Self>
  void operator()(Self& self) {
    auto iter = next_accepted(first(), last(), condition_, error_code());
    if (iter == last()) {
      complete(self, error::not_found, iter);
      return;
    }
    start_attempt(self, iter);
  }

  template <typename Self>
  void operator()(Self& self, error_code ec) {
    auto iter = std::next(first(), static_cast<std::ptrdiff_t>(index_));
    if (!ec) {
      complete(self, ec, iter);
      return;
    }
    // The user closed the socket while an attempt was pending: trying further endpoints
    // would reopen a socket the user meant to be closed.
    if (!socket_->is_open()) {
      complete(self, error::operation_aborted, last());
      return;
    }
    if (self.cancelled() != cancellation_type::none) {
      complete(self, error::operation_aborted, last());
      return;
    }
    iter = next_accepted(std::next(iter), last(), condition_, ec);
    if (iter == last()) {
      complete(self, ec, iter);
      return;
    }
    start_attempt(self, iter);
  }

 private:
  template <typename Self, typename Iterator>
  void start_attempt(Self& self, Iterator iter) {
    for (;;) {
      index_ = static_cast<std::size_t>(std::distance(first(), iter));
      error_code ec;
      socket_->close(ec);
      typename Socket::endpoint_type endpoint = *iter;
      // Opened here, not by async_connect: a socket that cannot be opened (no descriptor
      // left) then reports why and the next endpoint is tried, while a socket found closed
      // after an attempt still means that the user closed it.
      socket_->open(endpoint.protocol(), ec);
      if (!ec) {
        socket_->async_connect(endpoint, std::move(self));
        return;
      }
      iter = next_accepted(std::next(iter), last(), condition_, ec);
      if (iter == last()) {
        complete(self, ec, iter);
        return;
      }
    }
  }

  template <typename Self, typename Iterator>
  void complete(Self& self, const error_code& ec, Iterator iter) {
    if constexpr (ReportEndpoint) {
      using endpoint_type = typename Socket::endpoint_type;
      // Copy before completing: complete() destroys this op, and the sequence with it.
      endpoint_type ep = ec ? endpoint_type() : endpoint_type(*iter);
      self.complete(ec, std::move(ep));
    } else {
      Iterator result = ec ? last() : iter;
      self.complete(ec, std::move(result));
    }
  }

  // The candidates as a const sequence hands them out (the iterators a condition sees).
  auto first() const { return sequence_.begin(); }
  auto last() const { return sequence_.end(); }

  Socket* socket_;
  Sequence sequence_;
  ConnectCondition condition_;
  // The attempt in flight, by position rather than iterator: the op (and a sequence held by
  // value in it) moves between steps, which may invalidate iterators into the sequence.
  std::size_t index_ = 0;
};

}  // namespace ringport::detail

// The completion signatures of an asynchronous operation packaged as a function object (a
// deferred operation, a member of a parallel group, a hand-written `[&](auto token) {...}`):
// found by calling it, unevaluated, with a probe token whose async_result hands the
// signatures back as a type instead of starting anything.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_result.hpp"

#include <type_traits>
#include <utility>

namespace ringport {

// Several completion signatures, as one template argument (deferred_async_operation of an
// operation that has more than one).
template <typename... Signatures>
struct deferred_signatures {};

namespace detail {

// The probe token. Only ever used inside decltype.
struct deferred_signature_probe {};

template <typename... Signatures>
struct deferred_signature_probe_result {
  using signatures = deferred_signatures<Signatures...>;
};

template <typename Op>
using deferred_probe_result_t =
    decltype(std::declval<Op>()(std::declval<deferred_signature_probe>()));

// An rvalue `op(token)` initiates an asynchronous operation.
template <typename Op>
concept async_operation_object = requires {
  typename deferred_probe_result_t<Op>::signatures;
};

// deferred_signatures<...> of every completion signature of Op.
template <typename Op>
using completion_signatures_of_t = typename deferred_probe_result_t<Op>::signatures;

// The signature of an operation that has exactly one (no `type` otherwise).
template <typename Signatures>
struct single_completion_signature {};
template <typename Signature>
struct single_completion_signature<deferred_signatures<Signature>> {
  using type = Signature;
};

template <typename Op>
using completion_signature_of_t =
    typename single_completion_signature<completion_signatures_of_t<Op>>::type;

}  // namespace detail

template <completion_signature... Signatures>
class async_result<detail::deferred_signature_probe, Signatures...> {
 public:
  using return_type = detail::deferred_signature_probe_result<Signatures...>;

  template <typename Initiation, typename RawToken, typename... Args>
  static return_type initiate(Initiation&&, RawToken&&, Args&&...) {
    return {};
  }
};

}  // namespace ringport

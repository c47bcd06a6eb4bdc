// The extra values a completion-token adapter (append, prepend, consign) carries to its
// handler: moved out of a token passed as a non-const rvalue, copied otherwise, so a token
// kept in a variable can start any number of operations.
#pragma once

#include <type_traits>
#include <utility>

namespace ringport::detail {

// RawToken is the token's type as a forwarding reference deduced it.
template <typename RawToken, typename Token>
decltype(auto) adapter_values(Token& token) {
  if constexpr (!std::is_lvalue_reference_v<RawToken> &&
                !std::is_const_v<std::remove_reference_t<RawToken>>)
    return std::move(token.values_);
  else
    return static_cast<const decltype(token.values_)&>(token.values_);
}

}  // namespace ringport::detail

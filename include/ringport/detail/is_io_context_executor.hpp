// True for io_context's own executor types: a handler bound to one of them that completes
// inside that io_context can be called directly, with no work guard and no second queueing.
#pragma once

#include "ringport/io_context.hpp"

#include <cstdint>
#include <type_traits>

namespace ringport::detail {

template <typename T>
struct is_io_context_executor : std::false_type {};

template <typename Allocator, std::uintptr_t Bits>
struct is_io_context_executor<io_context::basic_executor_type<Allocator, Bits>> : std::true_type {};

template <typename T>
inline constexpr bool is_io_context_executor_v = is_io_context_executor<T>::value;

}  // namespace ringport::detail

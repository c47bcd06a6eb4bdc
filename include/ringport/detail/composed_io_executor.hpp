// The executor async_compose tracks for each of its io_objects_or_executors arguments: an
// executor stands for itself, an I/O object for the executor it reports.
#pragma once

#include "ringport/execution/execute.hpp"

#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename T>
auto composed_io_executor(T&& io_object_or_executor) {
  using type = std::remove_cvref_t<T>;
  if constexpr (execution::executor<type>)
    return type(std::forward<T>(io_object_or_executor));
  else
    return io_object_or_executor.get_executor();
}

template <typename T>
using composed_io_executor_t = decltype(composed_io_executor(std::declval<T>()));

}  // namespace ringport::detail

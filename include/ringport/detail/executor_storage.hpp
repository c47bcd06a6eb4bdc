// The storage of a type-erased executor (any_io_executor, any_completion_executor): `Size`
// bytes that hold the executor itself when it fits, else a pointer to a heap copy. The
// wrapper's table of functions knows the type; these are the typed steps it takes.
#pragma once

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace ringport::detail {

template <std::size_t Size>
struct executor_storage {
  // TRICKY: only nothrow-movable executors go inline, so moving the wrapper (and swap) can stay
  // noexcept; the rest live on the heap and move by pointer.
  template <typename Executor>
  static constexpr bool in_buffer =
      sizeof(Executor) <= Size &&
      alignof(Executor) <= alignof(void*) && std::is_nothrow_move_constructible_v<Executor>;

  template <typename Executor>
  const Executor& get() const noexcept {
    if constexpr (in_buffer<Executor>)
      return *std::launder(reinterpret_cast<const Executor*>(bytes));
    else
      return **std::launder(reinterpret_cast<Executor* const*>(bytes));
  }

  // The storage holds nothing.
  template <typename Executor, typename E>
  void construct(E&& e) {
    if constexpr (in_buffer<Executor>)
      ::new (static_cast<void*>(bytes)) Executor(std::forward<E>(e));
    else
      ::new (static_cast<void*>(bytes)) Executor*(new Executor(std::forward<E>(e)));
  }

  template <typename Executor>
  void destroy() noexcept {
    if constexpr (in_buffer<Executor>)
      std::launder(reinterpret_cast<Executor*>(bytes))->~Executor();
    else
      delete *std::launder(reinterpret_cast<Executor**>(bytes));
  }

  // This storage holds nothing; `from` holds nothing afterwards.
  template <typename Executor>
  void move_from(executor_storage& from) noexcept {
    if constexpr (in_buffer<Executor>) {
      auto* source = std::launder(reinterpret_cast<Executor*>(from.bytes));
      ::new (static_cast<void*>(bytes)) Executor(std::move(*source));
      source->~Executor();
    } else {
      ::new (static_cast<void*>(bytes))
          Executor*(*std::launder(reinterpret_cast<Executor**>(from.bytes)));
    }
  }

  alignas(void*) unsigned char bytes[Size];
};

}  // namespace ringport::detail

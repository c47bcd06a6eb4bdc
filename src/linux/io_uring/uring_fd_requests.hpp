// How many requests on each descriptor number the io_uring backend has prepared and not yet
// reaped. A descriptor with none needs no cancel request when it is cancelled or closed:
// closing a socket that has nothing pending (the usual end of a connection) then makes no
// system call for the ring.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <type_traits>

namespace ringport::detail {

class uring_fd_requests {
 public:
  uring_fd_requests() = default;
  uring_fd_requests(const uring_fd_requests&) = delete;
  uring_fd_requests& operator=(const uring_fd_requests&) = delete;
  ~uring_fd_requests() {
    for (auto& c : chunks_)
      std::free(c.load(std::memory_order_relaxed));  // the counters need no destruction
  }

  // The backend's submission lock held (the only writer of the chunk table). A descriptor
  // number beyond the table, or a chunk that cannot be allocated, is simply not counted:
  // none() then stays false for it.
  void added(int fd) noexcept {
    counter* c = slot(fd, true);
    if (c) c->fetch_add(1, std::memory_order_relaxed);
  }

  // The thread that reaps the request's completion, without the lock.
  // TRICKY: the chunk is there (added() made it before the request went to the kernel, and
  // chunks live as long as the table). Release: a none() that reads zero comes after the
  // completion was reaped, so the kernel holds no request on the descriptor any more.
  void removed(int fd) noexcept {
    counter* c = slot(fd, false);
    if (c) c->fetch_sub(1, std::memory_order_release);
  }

  // The submission lock held: true when every request prepared on `fd` has been reaped.
  bool none(int fd) const noexcept {
    const counter* c = const_cast<uring_fd_requests*>(this)->slot(fd, false);
    return c != nullptr && c->load(std::memory_order_acquire) == 0;
  }

 private:
  using counter = std::atomic<std::uint32_t>;
  static_assert(std::is_trivially_destructible_v<counter>, "chunks are freed without destruction");
  static constexpr unsigned chunk_bits = 10;
  static constexpr std::size_t chunk_size = std::size_t{1} << chunk_bits;
  static constexpr std::size_t chunk_count = 1024;  // descriptor numbers below 1 Mi

  counter* slot(int fd, bool create) noexcept {
    if (fd < 0) return nullptr;
    auto n = static_cast<std::size_t>(fd);
    std::size_t i = n >> chunk_bits;
    if (i >= chunk_count) return nullptr;
    counter* chunk = chunks_[i].load(std::memory_order_acquire);
    if (chunk == nullptr) {
      if (!create) return nullptr;
      // malloc rather than operator new: a table of the library's own, kept out of the
      // program's replacement of operator new (and of its nothrow forms, which sanitizers
      // supply themselves).
      void* memory = std::malloc(chunk_size * sizeof(counter));
      if (memory == nullptr) return nullptr;
      chunk = static_cast<counter*>(memory);
      for (std::size_t k = 0; k < chunk_size; ++k)
        new (&chunk[k]) counter(0);
      chunks_[i].store(chunk, std::memory_order_release);
    }
    return &chunk[n & (chunk_size - 1)];
  }

  std::atomic<counter*> chunks_[chunk_count] = {};
};

}  // namespace ringport::detail

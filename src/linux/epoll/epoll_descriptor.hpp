// Per-descriptor state of the epoll reactor: the ops waiting for readiness, per direction.
#pragma once

#include "ringport/detail/backend.hpp"
#include "ringport/detail/op_queue.hpp"

#include <mutex>

namespace ringport::detail {

class epoll_descriptor : public descriptor_state {
 public:
  explicit epoll_descriptor(int fd) noexcept : fd_(fd) {}

  enum { read_queue = 0, write_queue = 1, except_queue = 2, queue_count = 3 };

  // Guards the queues and shut_down_. Held while a queued op is retried, so an edge that
  // fires between a failed attempt and the op's queuing is never lost.
  std::mutex mutex_;
  op_queue<scheduler_operation> queues_[queue_count];
  int fd_;
  bool shut_down_ = false;
  // False after a stream receive took less than it asked for (the socket was drained): the
  // next receive is queued for the next readable edge without a call that would only say
  // EAGAIN. Any readable edge sets it again.
  bool may_have_data_ = true;
  // The peer shut down or the connection failed (an edge said so). A receive then always
  // tries first: a short read can leave the end of file behind, and its edge has passed.
  bool peer_closed_ = false;
  // Not in the epoll set (a regular file): ready at all times; reads and writes go to the
  // backend's file worker.
  bool always_ready_ = false;
  // EPOLLOUT is in the descriptor's epoll mask. Added the first time a write-side op has to
  // wait and kept from then on: a socket whose writes always go through at once (most of
  // them) never wakes the reactor for the space its sends leave.
  bool watching_writes_ = false;
  // Links in the backend's list of live descriptors, then in its retired list.
  epoll_descriptor* prev_ = nullptr;
  epoll_descriptor* next_ = nullptr;
};

}  // namespace ringport::detail

// The service behind every channel of one execution context and one kind (one per mutex
// type: channels for one thread or strand use a lock that does nothing, concurrent channels a
// std::mutex). It keeps the list of live channel implementations, so that shutting the
// context down destroys the operations still waiting (without calling their handlers), and
// it implements every channel operation on an implementation.
//
// A channel implementation is its capacity, whether it is open, a buffer of messages (the
// traits' container) and two FIFOs of waiting operations. Under its mutex:
//   - receivers wait only while nothing is buffered and no sender waits;
//   - senders wait only while the buffer is full (a capacity of 0 is always full);
//   - a closed channel has neither; its buffered messages can still be received.
// Operations are ended (given their result, taken out of the queues) under that mutex and
// completed after it is released, so no executor, allocator or handler runs under it.
//
// Per-operation cancellation: an op whose handler has a connected slot installs a
// slot_cancellation_link there (detail/slot_cancellation_link.hpp). Both ends of every link
// of the service are set and cleared under the service's link mutex, which is taken before an
// implementation's mutex. Whoever ends a linked op (a send, a receive, close, cancel, the
// slot, shutdown) takes it out of its queue under the implementation's mutex first
// (`queued_` says who won) and detaches the link afterwards, under the link mutex, before the
// op's memory goes.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/op_queue.hpp"
#include "ringport/detail/slot_cancellation_link.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/experimental/channel_error.hpp"
#include "ringport/experimental/detail/channel_message.hpp"
#include "ringport/experimental/detail/channel_op.hpp"

#include <atomic>
#include <cstddef>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <type_traits>
#include <utility>

namespace ringport::experimental::detail {

// The lock of a channel used by one thread, or one strand, at a time.
struct channel_null_mutex {
  void lock() noexcept {}
  void unlock() noexcept {}
};

template <typename Mutex>
class channel_service;

// What a channel op's cancellation handler keeps: the service whose link mutex guards it.
template <typename Mutex>
struct channel_slot_owner {
  channel_service<Mutex>* service;

  template <typename Link>
  void cancel_linked(Link& l) {
    // TRICKY: a null link means the op has ended, and the service may be gone with its
    // context: it is not touched.
    if (l.op_.load(std::memory_order_acquire) == nullptr) return;
    service->cancel_linked(l);
  }
  template <typename Link>
  void unlink(Link& l) {
    service->unlink(l);
  }
};

template <typename Mutex>
class channel_service final
    : public ringport::detail::execution_context_service_base<channel_service<Mutex>> {
 public:
  using op_queue = ringport::detail::op_queue<channel_op>;
  using link_type = ringport::detail::slot_cancellation_link<channel_slot_owner<Mutex>, channel_op>;

  struct base_implementation_type {
    std::size_t capacity = 0;
    bool open = true;
    op_queue receivers;
    op_queue senders;
    mutable Mutex mutex;
    // The service's list of live implementations, under its list mutex.
    base_implementation_type* prev = nullptr;
    base_implementation_type* next = nullptr;
  };

  template <typename Payload, typename Container>
  struct implementation_type : base_implementation_type {
    using payload_type = Payload;
    Container buffer;
  };

  explicit channel_service(execution_context& ctx)
      : ringport::detail::execution_context_service_base<channel_service>(ctx) {}

  // Destroys every waiting op without calling its handler. A handler destroyed here may own
  // a channel (a coroutine frame, say): no lock is held while the ops go.
  void shutdown() override {
    op_queue ops;
    {
      std::lock_guard<std::mutex> list_lock(list_mutex_);
      for (base_implementation_type* impl = impls_; impl != nullptr; impl = impl->next) {
        std::lock_guard<Mutex> lock(impl->mutex);
        take_all(impl->receivers, ops);
        take_all(impl->senders, ops);
      }
    }
    detach_links(ops);
  }

  void construct(base_implementation_type& impl, std::size_t capacity) {
    impl.capacity = capacity;
    impl.open = true;
    add(impl);
  }

  // Waiting ops complete with channel_cancelled (receivers through the traits).
  template <typename Impl>
  void destroy(Impl& impl) {
    cancel(impl);
    remove(impl);
  }

  // `impl` takes over the state of `other` (in this service), waiting ops included; `other`
  // is left open and empty, with its capacity.
  template <typename Impl>
  void move_construct(Impl& impl, Impl& other) {
    impl.capacity = other.capacity;
    take_state(impl, other);
    add(impl);
  }

  // The ops waiting on `impl` are cancelled, then `impl` takes over the state of `other` and
  // joins `other_service`.
  template <typename Impl>
  void move_assign(Impl& impl, channel_service& other_service, Impl& other) {
    cancel(impl);
    if (this != &other_service) {
      remove(impl);
      other_service.add(impl);
    }
    decltype(impl.buffer) old(std::move(impl.buffer));
    impl.buffer.clear();
    impl.capacity = other.capacity;
    other_service.take_state(impl, other);
  }

  std::size_t capacity(const base_implementation_type& impl) const noexcept {
    return impl.capacity;
  }

  bool is_open(const base_implementation_type& impl) const noexcept {
    std::lock_guard<Mutex> lock(impl.mutex);
    return impl.open;
  }

  // Whether a receive would complete without waiting: a message is buffered, a sender waits,
  // or the channel is closed.
  template <typename Impl>
  bool ready(const Impl& impl) const noexcept {
    std::lock_guard<Mutex> lock(impl.mutex);
    return impl.buffer.size() != 0 || !impl.senders.empty() || !impl.open;
  }

  // Waiting receivers get the traits' closed notification, waiting senders channel_closed.
  // Buffered messages stay receivable.
  template <typename Impl>
  void close(Impl& impl) {
    op_queue done;
    {
      std::lock_guard<Mutex> lock(impl.mutex);
      impl.open = false;
      end_all(impl, error::channel_closed, done);
    }
    finish(done, false);
  }

  // Waiting ops complete with channel_cancelled (receivers through the traits).
  template <typename Impl>
  void cancel(Impl& impl) {
    op_queue done;
    {
      std::lock_guard<Mutex> lock(impl.mutex);
      end_all(impl, error::channel_cancelled, done);
    }
    finish(done, false);
  }

  // Cancels the waiting ops, reopens the channel and discards its buffered messages.
  template <typename Impl>
  void reset(Impl& impl) {
    op_queue done;
    decltype(impl.buffer) discarded;
    {
      std::lock_guard<Mutex> lock(impl.mutex);
      end_all(impl, error::channel_cancelled, done);
      impl.open = true;
      discarded = std::move(impl.buffer);
      impl.buffer.clear();
    }
    finish(done, false);
  }

  // Sends a message of Signature built from `args`, to the first waiting receiver or into
  // the buffer; false (the arguments untouched) when neither can take it or the channel is
  // closed.
  template <typename Signature, typename Impl, typename... Args>
  bool try_send(Impl& impl, bool dispatch, Args&&... args) {
    using payload_type = typename Impl::payload_type;
    op_queue done;
    {
      std::lock_guard<Mutex> lock(impl.mutex);
      if (!impl.open) return false;
      if (channel_op* r = impl.receivers.front()) {
        receive_of<payload_type>(r).result_.emplace(std::in_place_type<channel_message<Signature>>,
                                                    std::forward<Args>(args)...);
        impl.receivers.pop();
        r->queued_ = false;
        done.push(r);
      } else if (impl.buffer.size() < impl.capacity) {
        impl.buffer.push_back(payload_type(std::in_place_type<channel_message<Signature>>,
                                           std::forward<Args>(args)...));
      } else {
        return false;
      }
    }
    finish(done, dispatch);
    return true;
  }

  // Sends up to `count` copies of one message; returns how many went.
  template <typename Signature, typename Impl, typename... Args>
  std::size_t try_send_n(Impl& impl, bool dispatch, std::size_t count, Args&&... args) {
    using payload_type = typename Impl::payload_type;
    if (count == 0) return 0;
    op_queue done;
    std::size_t sent = 0;
    {
      std::lock_guard<Mutex> lock(impl.mutex);
      if (!impl.open || (impl.receivers.empty() && impl.buffer.size() >= impl.capacity)) return 0;
      const payload_type payload(std::in_place_type<channel_message<Signature>>,
                                 std::forward<Args>(args)...);
      for (; sent < count; ++sent) {
        if (channel_op* r = impl.receivers.front()) {
          receive_of<payload_type>(r).result_.emplace(payload);
          impl.receivers.pop();
          r->queued_ = false;
          done.push(r);
        } else if (impl.buffer.size() < impl.capacity) {
          impl.buffer.push_back(payload);
        } else {
          break;
        }
      }
    }
    finish(done, dispatch);
    return sent;
  }

  // Takes the next message, if there is one, and hands it to `handler` in the calling
  // thread. A sender it frees completes through its executor.
  template <typename Impl, typename Handler>
  bool try_receive(Impl& impl, Handler& handler) {
    std::optional<typename Impl::payload_type> message;
    op_queue done;
    {
      std::lock_guard<Mutex> lock(impl.mutex);
      channel_op* freed = nullptr;
      if (!take(impl, message, freed)) return false;
      if (freed) done.push(freed);
    }
    finish(done, false);
    message->deliver(handler);
    return true;
  }

  template <typename Impl, typename Handler, typename IoExecutor>
  void async_send(Impl& impl, typename Impl::payload_type&& payload, Handler&& handler,
                  const IoExecutor& io_ex) {
    using op = channel_send_op<typename Impl::payload_type, std::decay_t<Handler>, IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = ringport::detail::allocate_op<op>(get_associated_allocator(handler), std::move(payload),
                                              std::forward<Handler>(handler), io_ex);
    start_op(impl, p, slot);
  }

  template <typename Impl, typename Handler, typename IoExecutor>
  void async_receive(Impl& impl, channel_op::end_func end, Handler&& handler,
                     const IoExecutor& io_ex) {
    using op = channel_receive_op<typename Impl::payload_type, std::decay_t<Handler>, IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = ringport::detail::allocate_op<op>(get_associated_allocator(handler), end,
                                              std::forward<Handler>(handler), io_ex);
    start_op(impl, p, slot);
  }

  // The cancellation handler's calls (channel_slot_owner).
  // Only called while the link was seen set (channel_slot_owner).
  void cancel_linked(link_type& l) {
    op_queue done;
    {
      std::lock_guard<Mutex> link_lock(link_mutex_);
      channel_op* op = l.op_.load(std::memory_order_relaxed);
      if (op == nullptr) return;
      // TRICKY: a linked op is alive (whoever ends it detaches under the link mutex before
      // freeing it) and its owner_ is current (moves rewrite it under the link mutex).
      auto& impl = *static_cast<base_implementation_type*>(op->owner_);
      {
        std::lock_guard<Mutex> lock(impl.mutex);
        // Taken out of its queue already: its ender will detach and complete it.
        if (!op->queued_) return;
        op->end(error::channel_cancelled);
        remove_from(op->is_send_ ? impl.senders : impl.receivers, op);
        op->queued_ = false;
      }
      op->detach_canceller();
      op->linked_ = false;
      done.push(op);
    }
    finish(done, false);
  }

  void unlink(link_type& l) {
    std::lock_guard<Mutex> link_lock(link_mutex_);
    if (channel_op* op = l.op_.load(std::memory_order_relaxed)) op->detach_canceller();
  }

 private:
  template <typename Payload>
  static channel_receive<Payload>& receive_of(channel_op* op) noexcept {
    return *static_cast<channel_receive<Payload>*>(op);
  }
  template <typename Payload>
  static channel_send<Payload>& send_of(channel_op* op) noexcept {
    return *static_cast<channel_send<Payload>*>(op);
  }

  void add(base_implementation_type& impl) {
    std::lock_guard<std::mutex> lock(list_mutex_);
    impl.prev = nullptr;
    impl.next = impls_;
    if (impls_ != nullptr) impls_->prev = &impl;
    impls_ = &impl;
  }

  void remove(base_implementation_type& impl) {
    std::lock_guard<std::mutex> lock(list_mutex_);
    if (impls_ == &impl) impls_ = impl.next;
    if (impl.prev != nullptr) impl.prev->next = impl.next;
    if (impl.next != nullptr) impl.next->prev = impl.prev;
    impl.prev = impl.next = nullptr;
  }

  // Moves the state of `other` (in this service) into `impl`, which nobody else uses yet.
  template <typename Impl>
  void take_state(Impl& impl, Impl& other) {
    std::lock_guard<Mutex> link_lock(link_mutex_);
    std::lock_guard<Mutex> lock(other.mutex);
    impl.open = other.open;
    other.open = true;
    impl.buffer = std::move(other.buffer);
    other.buffer.clear();
    impl.receivers.push(other.receivers);
    impl.senders.push(other.senders);
    for (channel_op* op = impl.receivers.front(); op != nullptr; op = op->next_)
      op->owner_ = &impl;
    for (channel_op* op = impl.senders.front(); op != nullptr; op = op->next_)
      op->owner_ = &impl;
  }

  static void take_all(op_queue& from, op_queue& to) {
    while (channel_op* op = from.front()) {
      from.pop();
      op->queued_ = false;
      to.push(op);
    }
  }

  static void remove_from(op_queue& q, channel_op* target) {
    op_queue rest;
    while (channel_op* op = q.front()) {
      q.pop();
      if (op != target) rest.push(op);
    }
    q.push(rest);
  }

  // Ends every waiting op of `impl` with `reason` (under its mutex).
  template <typename Impl>
  static void end_all(Impl& impl, error::channel_errors reason, op_queue& done) {
    for (op_queue* q : {&impl.receivers, &impl.senders}) {
      while (channel_op* op = q->front()) {
        op->end(reason);
        q->pop();
        op->queued_ = false;
        done.push(op);
      }
    }
  }

  // Takes the next message into `out` (under the mutex): the oldest buffered one, or the
  // oldest waiting sender's. A sender whose message moved (into the buffer's freed place, or
  // out) is returned in `freed`, to complete with success.
  template <typename Impl>
  static bool take(Impl& impl, std::optional<typename Impl::payload_type>& out,
                   channel_op*& freed) {
    using payload_type = typename Impl::payload_type;
    channel_op* sender = impl.senders.front();
    if (impl.buffer.size() != 0) {
      // The sender's message first, so that a failed allocation changes nothing.
      if (sender != nullptr)
        impl.buffer.push_back(std::move(send_of<payload_type>(sender).payload_));
      out.emplace(std::move(impl.buffer.front()));
      impl.buffer.pop_front();
    } else if (sender != nullptr) {
      out.emplace(std::move(send_of<payload_type>(sender).payload_));
    } else {
      return false;
    }
    if (sender != nullptr) {
      impl.senders.pop();
      sender->queued_ = false;
      freed = sender;
    }
    return true;
  }

  // Starts a send (under the mutex). True when the op waits.
  template <typename Impl>
  static bool start_send(Impl& impl, channel_op* op, op_queue& done) {
    using payload_type = typename Impl::payload_type;
    auto& send = send_of<payload_type>(op);
    if (!impl.open) {
      op->end(error::channel_closed);
      done.push(op);
      return false;
    }
    if (channel_op* r = impl.receivers.front()) {
      receive_of<payload_type>(r).result_.emplace(std::move(send.payload_));
      impl.receivers.pop();
      r->queued_ = false;
      done.push(r);
      done.push(op);
      return false;
    }
    if (impl.buffer.size() < impl.capacity) {
      impl.buffer.push_back(std::move(send.payload_));
      done.push(op);
      return false;
    }
    op->owner_ = &impl;
    op->queued_ = true;
    impl.senders.push(op);
    return true;
  }

  // Starts a receive (under the mutex). True when the op waits.
  template <typename Impl>
  static bool start_receive(Impl& impl, channel_op* op, op_queue& done) {
    using payload_type = typename Impl::payload_type;
    channel_op* freed = nullptr;
    if (take(impl, receive_of<payload_type>(op).result_, freed)) {
      done.push(op);
      if (freed != nullptr) done.push(freed);
      return false;
    }
    if (!impl.open) {
      op->end(error::channel_closed);
      done.push(op);
      return false;
    }
    op->owner_ = &impl;
    op->queued_ = true;
    impl.receivers.push(op);
    return true;
  }

  template <typename Impl, typename Slot>
  void start_op(Impl& impl, channel_op* op, Slot& slot) {
    link_type* canceller = nullptr;
    if (slot.is_connected()) {
      try {
        // Outside every lock: replacing the slot's previous handler may take the link mutex.
        canceller = &slot.template emplace<link_type>(channel_slot_owner<Mutex>{this});
      } catch (...) {
        op->destroy();
        throw;
      }
    }
    op_queue done;
    try {
      std::unique_lock<Mutex> link_lock(link_mutex_, std::defer_lock);
      if (canceller != nullptr) link_lock.lock();
      std::lock_guard<Mutex> lock(impl.mutex);
      const bool waits = op->is_send_ ? start_send(impl, op, done) : start_receive(impl, op, done);
      // TRICKY: linked under the mutex that queued it, so an emit sees the op either
      // queued and linked, or not at all.
      if (waits && canceller != nullptr) {
        canceller->link(*op);
        op->linked_ = true;
      }
    } catch (...) {
      // Nothing was changed: the op is neither queued nor done.
      op->destroy();
      throw;
    }
    finish(done, false);
  }

  // Detaches the links of ops taken out of their queues (under the link mutex).
  void detach_links(op_queue& ops) {
    bool linked = false;
    for (channel_op* op = ops.front(); op != nullptr; op = op->next_)
      linked = linked || op->linked_;
    if (!linked) return;
    std::lock_guard<Mutex> link_lock(link_mutex_);
    for (channel_op* op = ops.front(); op != nullptr; op = op->next_)
      if (op->linked_) op->detach_canceller();
  }

  // Completes ops that were ended under an implementation's mutex, in order, after it was
  // released. Should a completion throw, the rest are destroyed with the queue, their links
  // already detached.
  void finish(op_queue& done, bool dispatch) {
    if (done.empty()) return;
    detach_links(done);
    while (channel_op* op = done.front()) {
      done.pop();
      op->complete(dispatch);
    }
  }

  std::mutex list_mutex_;
  base_implementation_type* impls_ = nullptr;
  Mutex link_mutex_;
};

}  // namespace ringport::experimental::detail

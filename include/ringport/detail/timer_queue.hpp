// The timers of one clock: a 4-ary min-heap of the timers that have pending waits, ordered
// by deadline. Each timer's waits hang from its per_timer_data. Every member runs with the
// scheduler's mutex held (the scheduler calls the timer_queue_base members; the timer service
// takes lock_timers() for the others).
#pragma once

#include "ringport/detail/op_queue.hpp"
#include "ringport/detail/per_timer_data.hpp"
#include "ringport/detail/scheduler_operation.hpp"
#include "ringport/detail/timer_queue_base.hpp"
#include "ringport/detail/wait_op.hpp"
#include "ringport/error.hpp"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <utility>
#include <vector>

namespace ringport::detail {

template <typename TimeTraits>
class timer_queue final : public timer_queue_base {
 public:
  using time_type = typename TimeTraits::time_type;

  timer_queue() = default;
  timer_queue(const timer_queue&) = delete;
  timer_queue& operator=(const timer_queue&) = delete;

  // Adds `op` to the waits of `timer`, which expires at `expiry` (all waits of one timer
  // share its deadline). Returns true when the timer became the earliest, so that a thread
  // blocked in the backend must recompute its timeout. Throws only before changing anything.
  bool enqueue_timer(const time_type& expiry, per_timer_data& timer, wait_op& op) {
    if (!timer.in_queue()) {
      heap_.push_back(heap_entry{expiry, &timer});
      up_heap(heap_.size() - 1);
    }
    op.timer_ = &timer;
    timer.ops_.push(&op);
    return timer.heap_index_ == 0 && timer.ops_.front() == &op;
  }

  long long wait_duration_ns(long long max_ns) const override {
    if (heap_.empty()) return max_ns;
    return TimeTraits::to_wait_ns(TimeTraits::subtract(heap_[0].time_, TimeTraits::now()), max_ns);
  }

  void get_ready_timers(op_queue<scheduler_operation>& ops) override {
    if (heap_.empty()) return;
    const time_type now = TimeTraits::now();
    // The heap yields expired timers earliest first, so their handlers queue in deadline order.
    std::size_t taken = 0;
    while (!heap_.empty() && !TimeTraits::less_than(now, heap_[0].time_)) {
      if (++taken >= bulk_after && taken * bulk_share >= heap_.size()) {
        take_expired_in_bulk(now, ops);
        return;
      }
      per_timer_data& timer = *heap_[0].timer_;
      take_ops(timer, ops, error_code(), static_cast<std::size_t>(-1));
      remove_timer(timer);
    }
  }

  void get_all_timers(op_queue<scheduler_operation>& ops) override {
    for (heap_entry& e : heap_) {
      take_ops(*e.timer_, ops, error_code(), static_cast<std::size_t>(-1));
      e.timer_->heap_index_ = per_timer_data::npos;
    }
    heap_.clear();
  }

  // Moves up to `max` of the timer's waits to `ops` with operation_aborted; returns how many.
  std::size_t cancel_timer(per_timer_data& timer, op_queue<scheduler_operation>& ops,
                           std::size_t max = static_cast<std::size_t>(-1)) {
    if (!timer.in_queue()) return 0;
    std::size_t n = take_ops(timer, ops, error::operation_aborted, max);
    if (timer.ops_.empty()) remove_timer(timer);
    return n;
  }

  // Moves one pending wait to `ops` with operation_aborted (per-operation cancellation).
  void cancel_op(wait_op& op, op_queue<scheduler_operation>& ops) {
    per_timer_data& timer = *op.timer_;
    op_queue<scheduler_operation> others;
    while (scheduler_operation* o = timer.ops_.front()) {
      timer.ops_.pop();
      if (o != &op) others.push(o);
    }
    timer.ops_.push(others);
    release_op(op, ops, error::operation_aborted);
    if (timer.ops_.empty()) remove_timer(timer);
  }

  // Gives the waits and heap position of `source` to `target` (the timer object was moved).
  void move_timer(per_timer_data& target, per_timer_data& source) {
    assert(!target.in_queue() && target.ops_.empty());
    target.ops_.push(source.ops_);
    for (scheduler_operation* o = target.ops_.front(); o != nullptr; o = o->next_)
      static_cast<wait_op*>(o)->timer_ = &target;
    target.heap_index_ = source.heap_index_;
    source.heap_index_ = per_timer_data::npos;
    if (target.in_queue()) heap_[target.heap_index_].timer_ = &target;
  }

 private:
  struct heap_entry {
    time_type time_;
    per_timer_data* timer_;
  };

  static void release_op(wait_op& op, op_queue<scheduler_operation>& ops, const error_code& ec) {
    op.ec_ = ec;
    op.detach_canceller();
    op.timer_ = nullptr;
    ops.push(&op);
  }

  static std::size_t take_ops(per_timer_data& timer, op_queue<scheduler_operation>& ops,
                              const error_code& ec, std::size_t max) {
    std::size_t n = 0;
    while (n != max) {
      scheduler_operation* o = timer.ops_.front();
      if (o == nullptr) break;
      timer.ops_.pop();
      release_op(*static_cast<wait_op*>(o), ops, ec);
      ++n;
    }
    return n;
  }

  // The heap is 4-ary: half the depth of a binary heap, and a node's children sit side by
  // side in one or two cache lines. With many timers every level is a cache miss (on the
  // entry, and on the timer whose index moves), so fewer levels is what pays.
  static constexpr std::size_t arity = 4;

  // When one collection has taken bulk_after timers from the heap and at least one in
  // bulk_share of those left, the rest of the expired ones go in bulk: a burst of timers due
  // together (a million zero-delay waits, a storm of timeouts) costs a pass over the heap
  // and a sort instead of a sift-down through every level, with a cache miss at each, per
  // timer. The pass costs about what a few pops do, so it is taken only when that many were
  // already popped for each entry it reads.
  static constexpr std::size_t bulk_after = 64;
  static constexpr std::size_t bulk_share = 16;

  void take_expired_in_bulk(const time_type& now, op_queue<scheduler_operation>& ops) {
    auto expired_end = std::partition(heap_.begin(), heap_.end(), [&now](const heap_entry& e) {
      return !TimeTraits::less_than(now, e.time_);
    });
    std::sort(heap_.begin(), expired_end, [](const heap_entry& a, const heap_entry& b) {
      return TimeTraits::less_than(a.time_, b.time_);
    });
    for (auto it = heap_.begin(); it != expired_end; ++it) {
      take_ops(*it->timer_, ops, error_code(), static_cast<std::size_t>(-1));
      it->timer_->heap_index_ = per_timer_data::npos;
    }
    heap_.erase(heap_.begin(), expired_end);
    // The timers left form a heap again: every entry learns its new index, then each parent,
    // last first, sifts down.
    for (std::size_t i = 0; i < heap_.size(); ++i)
      heap_[i].timer_->heap_index_ = i;
    if (heap_.size() > 1) {
      for (std::size_t i = (heap_.size() - 2) / arity + 1; i-- > 0;)
        down_heap(i);
    }
  }

  // Entries move into a hole rather than swap: each moved entry and its timer are written
  // once, and the entry being placed only at the end.
  void place(std::size_t index, const heap_entry& e) {
    heap_[index] = e;
    e.timer_->heap_index_ = index;
  }

  void up_heap(std::size_t index) {
    const heap_entry e = heap_[index];
    while (index > 0) {
      std::size_t parent = (index - 1) / arity;
      if (!TimeTraits::less_than(e.time_, heap_[parent].time_)) break;
      place(index, heap_[parent]);
      index = parent;
    }
    place(index, e);
  }

  void down_heap(std::size_t index) {
    const heap_entry e = heap_[index];
    const std::size_t size = heap_.size();
    for (;;) {
      const std::size_t first = index * arity + 1;
      if (first >= size) break;
      const std::size_t end = first + arity < size ? first + arity : size;
      std::size_t best = first;
      for (std::size_t c = first + 1; c < end; ++c)
        if (TimeTraits::less_than(heap_[c].time_, heap_[best].time_)) best = c;
      if (!TimeTraits::less_than(heap_[best].time_, e.time_)) break;
      place(index, heap_[best]);
      index = best;
    }
    place(index, e);
  }

  void remove_timer(per_timer_data& timer) {
    const std::size_t index = timer.heap_index_;
    assert(index < heap_.size());
    timer.heap_index_ = per_timer_data::npos;
    const heap_entry last = heap_.back();
    heap_.pop_back();
    if (index == heap_.size()) return;  // it was the last entry
    // The last entry fills the hole; it may belong above or below it.
    place(index, last);
    if (index > 0 && TimeTraits::less_than(last.time_, heap_[(index - 1) / arity].time_))
      up_heap(index);
    else
      down_heap(index);
  }

  // Capacity is kept when entries are removed, so a steady number of timers never allocates.
  std::vector<heap_entry> heap_;
};

}  // namespace ringport::detail

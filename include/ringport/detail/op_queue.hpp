// Intrusive FIFO of operations linked through their next_ member: pushing and popping never
// allocates, so a completion can always be queued, even when memory is exhausted.
#pragma once

namespace ringport::detail {

template <typename Operation>
class op_queue {
 public:
  op_queue() noexcept = default;
  op_queue(const op_queue&) = delete;
  op_queue& operator=(const op_queue&) = delete;

  // Destroys (without invoking) any operation left in the queue.
  ~op_queue() {
    while (Operation* op = front_) {
      pop();
      op->destroy();
    }
  }

  Operation* front() const noexcept { return front_; }
  bool empty() const noexcept { return front_ == nullptr; }

  void pop() noexcept {
    if (Operation* op = front_) {
      front_ = op->next_;
      if (front_ == nullptr) back_ = nullptr;
      op->next_ = nullptr;
    }
  }

  void push(Operation* op) noexcept {
    op->next_ = nullptr;
    if (back_) {
      back_->next_ = op;
      back_ = op;
    } else {
      front_ = back_ = op;
    }
  }

  // Takes `op` out of the queue, keeping the others' order; false when it was not there.
  // Linear: for cancels, not for hot paths.
  bool remove(Operation* op) noexcept {
    Operation* prev = nullptr;
    for (Operation* o = front_; o; prev = o, o = o->next_) {
      if (o != op) continue;
      (prev ? prev->next_ : front_) = o->next_;
      if (back_ == o) back_ = prev;
      o->next_ = nullptr;
      return true;
    }
    return false;
  }

  // Moves every operation of `other` to the back of this queue.
  template <typename Other>
  void push(op_queue<Other>& other) noexcept {
    if (Operation* other_front = other.front_) {
      if (back_)
        back_->next_ = other_front;
      else
        front_ = other_front;
      back_ = other.back_;
      other.front_ = other.back_ = nullptr;
    }
  }

 private:
  template <typename>
  friend class op_queue;
  Operation* front_ = nullptr;
  Operation* back_ = nullptr;
};

}  // namespace ringport::detail

// The signal_set service: every set's registrations and pending waits, under one
// process-wide mutex. The OS's half (src/<os>/signal_set_service.cpp) catches the signals and
// runs the dispatcher thread that calls deliver_signal().
#include "ringport/detail/signal_set_service.hpp"

#include "signal_set_service_os.hpp"
#include "ringport/detail/scheduler.hpp"
#include "ringport/error.hpp"

#include <cstddef>
#include <mutex>

namespace ringport::detail {

execution_context::id signal_set_service::id;

// One signal of one set.
struct signal_registration {
  int signal_ = 0;
  signal_set_impl* set_ = nullptr;
  signal_registration* next_in_set_ = nullptr;
  signal_registration* prev_in_signal_ = nullptr;
  signal_registration* next_in_signal_ = nullptr;
  // Signals that arrived while the set had no wait pending, for its next waits.
  std::size_t undelivered_ = 0;
};

namespace {

constexpr int max_signal = signal_os::table_size;

struct signal_state {
  std::mutex mutex;
  signal_registration* by_signal[max_signal] = {};
  int count[max_signal] = {};
  // The flags the installed handler was given (dont_care while no registration cared).
  signal_set_base::flags flags[max_signal] = {};
};

// Never destroyed: the detached dispatcher thread may still use it while the process exits.
signal_state& state() {
  static signal_state* s = new signal_state;
  return *s;
}

// Needs the mutex. One pending wait of every set that has the signal completes with it; a
// set with no wait pending keeps it for its next wait.
void deliver_locked(int signal_number) {
  if (signal_number <= 0 || signal_number >= max_signal) return;
  for (signal_registration* r = state().by_signal[signal_number]; r; r = r->next_in_signal_) {
    signal_set_impl* set = r->set_;
    if (scheduler_operation* o = set->waits_.front()) {
      set->waits_.pop();
      auto* op = static_cast<signal_op*>(o);
      op->detach_canceller();
      op->set_ = nullptr;
      op->ec_.clear();
      op->bytes_ = static_cast<std::size_t>(signal_number);
      set->service_->get_scheduler().post_deferred_completion(op);
    } else {
      ++r->undelivered_;
    }
  }
}

// Needs the mutex. Unlinks and frees `r`; the last registration of a signal restores its
// default action.
void drop_registration(signal_registration* r) {
  signal_state& s = state();
  int sig = r->signal_;
  if (r->prev_in_signal_)
    r->prev_in_signal_->next_in_signal_ = r->next_in_signal_;
  else
    s.by_signal[sig] = r->next_in_signal_;
  if (r->next_in_signal_) r->next_in_signal_->prev_in_signal_ = r->prev_in_signal_;
  if (--s.count[sig] == 0) {
    signal_os::uninstall(sig);
    s.flags[sig] = signal_set_base::dont_care;
  }
  delete r;
}

// Needs the mutex. Takes every pending wait of `impl` into `out` with `ec`.
void take_waits_locked(signal_set_impl& impl, op_queue<scheduler_operation>& out,
                       const error_code& ec) {
  while (scheduler_operation* o = impl.waits_.front()) {
    impl.waits_.pop();
    auto* op = static_cast<signal_op*>(o);
    op->detach_canceller();
    op->set_ = nullptr;
    op->ec_ = ec;
    op->bytes_ = 0;
    out.push(op);
  }
}

}  // namespace

void deliver_signal(int signal_number, std::size_t count) {
  std::lock_guard lock(state().mutex);
  for (std::size_t i = 0; i < count; ++i)
    deliver_locked(signal_number);
}

signal_set_service::signal_set_service(execution_context& ctx)
    : execution_context_service_base<signal_set_service>(ctx),
      scheduler_(use_service<scheduler>(ctx)) {}

signal_set_service::~signal_set_service() = default;

void signal_set_service::shutdown() {
  op_queue<scheduler_operation> ops;
  {
    std::lock_guard lock(state().mutex);
    for (signal_set_impl* set = sets_; set; set = set->next_)
      take_waits_locked(*set, ops, error_code());
  }
  while (scheduler_operation* op = ops.front()) {
    ops.pop();
    op->destroy();
  }
}

void signal_set_service::construct(implementation_type& impl) {
  impl.service_ = this;
  std::lock_guard lock(state().mutex);
  impl.next_ = sets_;
  if (sets_) sets_->prev_ = &impl;
  sets_ = &impl;
}

void signal_set_service::destroy(implementation_type& impl) {
  error_code ignored;
  clear(impl, ignored);
  cancel(impl, ignored);
  std::lock_guard lock(state().mutex);
  if (impl.prev_)
    impl.prev_->next_ = impl.next_;
  else
    sets_ = impl.next_;
  if (impl.next_) impl.next_->prev_ = impl.prev_;
  impl.next_ = impl.prev_ = nullptr;
}

error_code signal_set_service::add(implementation_type& impl, int signal_number,
                                   signal_set_base::flags f, error_code& ec) {
  if (signal_number <= 0 || signal_number >= max_signal || !signal_os::valid(signal_number)) {
    ec = error::invalid_argument;
    return ec;
  }
  if (error_code flags_ec = signal_os::check_flags(f)) {
    ec = flags_ec;
    return ec;
  }
  signal_state& s = state();
  std::lock_guard lock(s.mutex);
  for (signal_registration* r = impl.registrations_; r; r = r->next_in_set_) {
    if (r->signal_ == signal_number) {
      ec.clear();  // already in the set
      return ec;
    }
  }
  bool first = s.count[signal_number] == 0;
  signal_set_base::flags installed = first ? signal_set_base::dont_care : s.flags[signal_number];
  if (f != signal_set_base::dont_care && installed != signal_set_base::dont_care &&
      installed != f) {
    ec = error::invalid_argument;  // another registration asked for other flags
    return ec;
  }
  if (!signal_os::start_dispatcher(ec)) return ec;
  if (first || (installed == signal_set_base::dont_care && f != signal_set_base::dont_care)) {
    if (!signal_os::install(signal_number, f, ec)) return ec;
    s.flags[signal_number] = f;
  }
  auto* r = new signal_registration;
  r->signal_ = signal_number;
  r->set_ = &impl;
  r->next_in_set_ = impl.registrations_;
  impl.registrations_ = r;
  r->next_in_signal_ = s.by_signal[signal_number];
  if (r->next_in_signal_) r->next_in_signal_->prev_in_signal_ = r;
  s.by_signal[signal_number] = r;
  ++s.count[signal_number];
  ec.clear();
  return ec;
}

error_code signal_set_service::remove(implementation_type& impl, int signal_number,
                                      error_code& ec) {
  if (signal_number <= 0 || signal_number >= max_signal || !signal_os::valid(signal_number)) {
    ec = error::invalid_argument;
    return ec;
  }
  std::lock_guard lock(state().mutex);
  for (signal_registration** p = &impl.registrations_; *p; p = &(*p)->next_in_set_) {
    if ((*p)->signal_ == signal_number) {
      signal_registration* r = *p;
      *p = r->next_in_set_;
      drop_registration(r);
      break;
    }
  }
  ec.clear();
  return ec;
}

error_code signal_set_service::clear(implementation_type& impl, error_code& ec) {
  std::lock_guard lock(state().mutex);
  while (signal_registration* r = impl.registrations_) {
    impl.registrations_ = r->next_in_set_;
    drop_registration(r);
  }
  ec.clear();
  return ec;
}

error_code signal_set_service::cancel(implementation_type& impl, error_code& ec) {
  op_queue<scheduler_operation> ops;
  {
    std::lock_guard lock(state().mutex);
    take_waits_locked(impl, ops, error::operation_aborted);
  }
  scheduler_.post_deferred_completions(ops);
  ec.clear();
  return ec;
}

void signal_set_service::start_wait(implementation_type& impl, signal_op* op,
                                    op_cancellation* canceller) {
  scheduler_.work_started();
  std::unique_lock lock(state().mutex);
  for (signal_registration* r = impl.registrations_; r; r = r->next_in_set_) {
    if (r->undelivered_ > 0) {
      // A signal came while no wait was pending: this wait takes it, through the queue.
      --r->undelivered_;
      op->ec_.clear();
      op->bytes_ = static_cast<std::size_t>(r->signal_);
      lock.unlock();
      scheduler_.post_deferred_completion(op);
      return;
    }
  }
  op->set_ = &impl;
  if (canceller) {
    canceller->link(*op);
  }
  impl.waits_.push(op);
}

void signal_set_service::cancel_linked(op_cancellation& c) {
  std::lock_guard lock(state().mutex);
  signal_op* op = c.op_.load(std::memory_order_acquire);
  if (op == nullptr || op->set_ == nullptr) return;
  signal_set_impl* set = op->set_;
  op_queue<scheduler_operation> keep;
  while (scheduler_operation* o = set->waits_.front()) {
    set->waits_.pop();
    if (o != op) keep.push(o);
  }
  set->waits_.push(keep);
  op->detach_canceller();
  op->set_ = nullptr;
  op->ec_ = error::operation_aborted;
  op->bytes_ = 0;
  set->service_->get_scheduler().post_deferred_completion(op);
}

void signal_set_service::unlink(op_cancellation& c) {
  std::lock_guard lock(state().mutex);
  if (signal_op* op = c.op_.load(std::memory_order_acquire)) {
    op->canceller_ = nullptr;
    c.op_.store(nullptr, std::memory_order_release);
  }
}

}  // namespace ringport::detail

// Tracing (ringport/trace.hpp, trace.hpp here): one writer per process, behind a mutex. An
// operation is an async slice ("b" ... "e", its id a number of the trace's own) with an instant
// ("n") where it was handed to the OS; a handler run is a complete event ("X") on its thread's
// track. The file is a JSON array of events, the closing bracket written by stop(): a
// program that dies before that leaves a file the trace viewers still read.
#include "ringport/trace.hpp"

#include "trace.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <system_error>
#include <unordered_map>

namespace ringport::detail::trace_point {

std::atomic<bool> active{false};

namespace {

struct live_op {
  const char* kind;
  std::uintptr_t handle;
  unsigned long long id;  // the trace's own number: an op's memory is reused by the next one
};

struct writer {
  std::mutex mutex;
  std::FILE* file = nullptr;  // guarded by mutex
  bool first = true;
  unsigned generation = 0;  // counts start() calls: a new trace numbers threads again
  unsigned next_thread = 0;
  unsigned long long next_op = 0;
  std::chrono::steady_clock::time_point epoch;
  std::unordered_map<const void*, live_op> ops;  // started and not yet run
};

writer& the_writer() {
  static writer* w = new writer;  // never destroyed: threads may trace during exit
  return *w;
}

// A small number per thread, in the order threads first trace something (their track).
thread_local unsigned thread_number = 0;
thread_local unsigned thread_generation = 0;

double now_us(const writer& w) {
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - w.epoch)
      .count();
}

void json_string(std::FILE* f, const char* s) {
  std::fputc('"', f);
  for (; *s; ++s) {
    unsigned char c = static_cast<unsigned char>(*s);
    if (c == '"' || c == '\\')
      std::fprintf(f, "\\%c", c);
    else if (c < 0x20)
      std::fprintf(f, "\\u%04x", c);
    else
      std::fputc(c, f);
  }
  std::fputc('"', f);
}

// Needs w.mutex and an open file: the separator, and this thread's track name the first time.
void begin_event(writer& w) {
  if (thread_generation != w.generation) {
    thread_generation = w.generation;
    thread_number = ++w.next_thread;
    std::fprintf(w.file,
                 "%s{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":%u,"
                 "\"args\":{\"name\":\"thread %u\"}}",
                 w.first ? "\n" : ",\n", thread_number, thread_number);
    w.first = false;
  }
  std::fputs(w.first ? "\n" : ",\n", w.file);
  w.first = false;
}

void async_event(writer& w, char phase, const live_op& op, double ts) {
  begin_event(w);
  std::fprintf(w.file,
               "{\"name\":\"%s\",\"cat\":\"op\",\"ph\":\"%c\",\"id\":%llu,\"ts\":%.3f,"
               "\"pid\":1,\"tid\":%u",
               op.kind, phase, op.id, ts, thread_number);
}

}  // namespace

void started(const scheduler_operation* op, const char* kind, std::uintptr_t handle) noexcept {
  writer& w = the_writer();
  std::lock_guard lock(w.mutex);
  if (!w.file) return;
  live_op record{kind, handle, ++w.next_op};
  try {
    w.ops[op] = record;
  } catch (...) {
    return;  // out of memory: the op goes untraced
  }
  async_event(w, 'b', record, now_us(w));
  std::fprintf(w.file, ",\"args\":{\"socket\":%llu}}", static_cast<unsigned long long>(handle));
}

namespace {

// An instant on a traced op's slice, with one argument.
void op_step(const scheduler_operation* op, const char* key, const char* value) noexcept {
  writer& w = the_writer();
  std::lock_guard lock(w.mutex);
  if (!w.file) return;
  auto it = w.ops.find(op);
  if (it == w.ops.end()) return;
  async_event(w, 'n', it->second, now_us(w));
  std::fprintf(w.file, ",\"args\":{\"%s\":\"%s\"}}", key, value);
}

}  // namespace

void handed_over(const scheduler_operation* op, const char* where) noexcept {
  op_step(op, "pending in", where);
}

void finished_at_once(const scheduler_operation* op) noexcept {
  op_step(op, "finished", "at once");
}

handler_run::handler_run(const scheduler_operation* op) noexcept
    : id_(0), name_("handler"), start_us_(0) {
  writer& w = the_writer();
  std::lock_guard lock(w.mutex);
  if (!w.file) return;
  start_us_ = now_us(w);
  auto it = w.ops.find(op);
  if (it == w.ops.end()) return;
  name_ = it->second.kind;
  id_ = it->second.id;
  // The result the backend recorded, read before the handler runs (the op's memory is freed
  // before its handler is called).
  std::string message = op->ec_ ? op->ec_.message() : std::string();
  async_event(w, 'e', it->second, start_us_);
  std::fprintf(w.file, ",\"args\":{\"bytes\":%llu,\"error\":%d,\"message\":",
               static_cast<unsigned long long>(op->bytes_), op->ec_.value());
  json_string(w.file, message.c_str());
  std::fputs("}}", w.file);
  w.ops.erase(it);
}

handler_run::~handler_run() {
  writer& w = the_writer();
  std::lock_guard lock(w.mutex);
  if (!w.file) return;
  double end = now_us(w);
  begin_event(w);
  // A traced op's handler is "<kind> handler" with the op's id; any other is "handler".
  std::fprintf(w.file,
               "{\"name\":\"%s%s\",\"cat\":\"handler\",\"ph\":\"X\",\"ts\":%.3f,"
               "\"dur\":%.3f,\"pid\":1,\"tid\":%u",
               name_, id_ ? " handler" : "", start_us_, end - start_us_, thread_number);
  if (id_)
    std::fprintf(w.file, ",\"args\":{\"op\":%llu}}", id_);
  else
    std::fputs("}", w.file);
}

namespace {

void start_locked(writer& w, const std::string& path, std::error_code& ec) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f) {
    ec = std::error_code(errno, std::generic_category());
    return;
  }
  w.file = f;
  w.first = true;
  ++w.generation;
  w.next_thread = 0;
  w.next_op = 0;
  w.ops.clear();
  w.epoch = std::chrono::steady_clock::now();
  std::fputs("[", f);
  begin_event(w);
  std::fputs("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"args\":{\"name\":\"ringport\"}}",
             f);
  active.store(true, std::memory_order_relaxed);
  ec.clear();
}

void stop_locked(writer& w) {
  active.store(false, std::memory_order_relaxed);
  if (!w.file) return;
  std::fputs("\n]\n", w.file);
  std::fclose(w.file);
  w.file = nullptr;
  w.ops.clear();
}

}  // namespace

// RINGPORT_TRACE=<file>: traced from the first io_context to the program's exit.
void start_from_environment() {
  static std::once_flag once;
  std::call_once(once, [] {
    const char* path = std::getenv("RINGPORT_TRACE");
    if (!path || !*path || ringport::trace::is_active()) return;
    error_code ec;
    ringport::trace::start(path, ec);
    if (ec) {
      std::fprintf(stderr, "ringport: RINGPORT_TRACE=%s: %s (not tracing)\n", path,
                   ec.message().c_str());
      return;
    }
    std::atexit([] { ringport::trace::stop(); });
  });
}

}  // namespace ringport::detail::trace_point

namespace ringport::trace {

void start(const std::string& path, error_code& ec) {
  auto& w = detail::trace_point::the_writer();
  std::lock_guard lock(w.mutex);
  detail::trace_point::stop_locked(w);
  detail::trace_point::start_locked(w, path, ec);
}

void start(const std::string& path) {
  error_code ec;
  start(path, ec);
  if (ec) throw std::system_error(ec, "ringport::trace::start: " + path);
}

void stop() noexcept {
  auto& w = detail::trace_point::the_writer();
  std::lock_guard lock(w.mutex);
  detail::trace_point::stop_locked(w);
}

bool is_active() noexcept {
  return detail::trace_point::on();
}

}  // namespace ringport::trace

// An executor adapter for tests: forwards everything to an inner executor, counts the
// functions submitted through it, and marks while one of them runs, so a test can prove a
// handler was run through its associated executor.
#pragma once

#include "ringport/execution.hpp"

#include <atomic>
#include <type_traits>
#include <utility>

namespace ringport::test {

struct execution_record {
  std::atomic<int> submitted{0};
  std::atomic<int> running{0};
};

template <typename Inner>
class recording_executor {
 public:
  recording_executor(const Inner& inner, execution_record& record) noexcept
      : inner_(inner), record_(&record) {}

  template <typename Property>
  requires can_require_v<Inner, Property>
  auto require(const Property& p) const {
    using other = std::decay_t<decltype(ringport::require(inner_, p))>;
    return recording_executor<other>(ringport::require(inner_, p), *record_);
  }

  template <typename Property>
  requires can_query_v<Inner, Property>
  decltype(auto) query(const Property& p) const { return ringport::query(inner_, p); }

  template <typename Function>
  void execute(Function&& f) const {
    ++record_->submitted;
    execution::execute(inner_, [record = record_,
                                f = std::decay_t<Function>(std::forward<Function>(f))]() mutable {
      ++record->running;
      std::move(f)();
      --record->running;
    });
  }

  const Inner& inner() const noexcept { return inner_; }
  execution_record& record() const noexcept { return *record_; }

  friend bool operator==(const recording_executor& a, const recording_executor& b) noexcept {
    return a.inner_ == b.inner_ && a.record_ == b.record_;
  }

 private:
  Inner inner_;
  execution_record* record_;
};

}  // namespace ringport::test

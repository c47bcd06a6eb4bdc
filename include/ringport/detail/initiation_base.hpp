// The base of a completion-token adapter's initiation wrapper: it holds the wrapped initiation
// and, when that initiation names its I/O executor (executor_type, get_executor()), names the
// same one. An adapter nested inside another (append(cancel_after(...)), say) then still
// finds the operation's executor, as cancel_after needs to start its timer there.
#pragma once

#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename Initiation>
concept initiation_with_executor = requires(const Initiation& i) {
  typename Initiation::executor_type;
  i.get_executor();
};

template <typename Initiation>
class initiation_base {
 public:
  template <typename I>
  explicit initiation_base(I&& initiation) : initiation_(std::forward<I>(initiation)) {}

 protected:
  Initiation initiation_;
};

template <initiation_with_executor Initiation>
class initiation_base<Initiation> {
 public:
  using executor_type = typename Initiation::executor_type;

  template <typename I>
  explicit initiation_base(I&& initiation) : initiation_(std::forward<I>(initiation)) {}

  executor_type get_executor() const noexcept { return initiation_.get_executor(); }

 protected:
  Initiation initiation_;
};

}  // namespace ringport::detail

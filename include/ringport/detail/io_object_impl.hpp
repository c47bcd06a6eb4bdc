// What an I/O object (timer, later socket) is made of: its service, its implementation
// (owned by the object, operated on by the service) and its executor.
#pragma once

#include "ringport/execution.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/io_context.hpp"

#include <type_traits>
#include <utility>

namespace ringport::detail {

// A context an I/O object can be built on (io_context, thread_pool, ...).
template <typename T>
concept execution_context_type = std::is_convertible_v<T&, execution_context&>;

// An executor of type From that an I/O object whose executor type is To can adopt.
template <typename From, typename To>
concept executor_convertible_to = std::is_convertible_v<const From&, To>;

template <typename IoObjectService, typename Executor>
class io_object_impl {
 public:
  using service_type = IoObjectService;
  using implementation_type = typename service_type::implementation_type;
  using executor_type = Executor;

  // TRICKY: the leading tag keeps this constructor out of overload resolution for copies and
  // moves of io_object_impl; without it, asking whether an io_object_impl converts to a
  // polymorphic executor can recurse back into these constructors.
  io_object_impl(int, const executor_type& ex)
      : service_(&use_service<service_type>(context_of(ex))), executor_(ex) {
    service_->construct(impl_);
  }

  template <execution_context_type ExecutionContext>
  explicit io_object_impl(ExecutionContext& ctx)
      : service_(&use_service<service_type>(ctx)), executor_(ctx.get_executor()) {
    service_->construct(impl_);
  }

  // The source keeps its service and a copy of its executor, so it stays usable (as if newly
  // constructed on that executor), as Asio documents.
  io_object_impl(io_object_impl&& other) : service_(other.service_), executor_(other.executor_) {
    service_->move_construct(impl_, other.impl_);
  }

  template <executor_convertible_to<Executor> Executor1>
  io_object_impl(io_object_impl<IoObjectService, Executor1>&& other)
      : service_(&other.get_service()), executor_(other.get_executor()) {
    service_->move_construct(impl_, other.get_implementation());
  }

  io_object_impl(const io_object_impl&) = delete;
  io_object_impl& operator=(const io_object_impl&) = delete;

  io_object_impl& operator=(io_object_impl&& other) {
    if (this != &other) {
      service_->move_assign(impl_, *other.service_, other.impl_);
      executor_ = other.executor_;
      service_ = other.service_;
    }
    return *this;
  }

  template <executor_convertible_to<Executor> Executor1>
  io_object_impl& operator=(io_object_impl<IoObjectService, Executor1>&& other) {
    service_->move_assign(impl_, other.get_service(), other.get_implementation());
    executor_ = other.get_executor();
    service_ = &other.get_service();
    return *this;
  }

  ~io_object_impl() { service_->destroy(impl_); }

  service_type& get_service() noexcept { return *service_; }
  const service_type& get_service() const noexcept { return *service_; }
  implementation_type& get_implementation() noexcept { return impl_; }
  const implementation_type& get_implementation() const noexcept { return impl_; }
  const executor_type& get_executor() const noexcept { return executor_; }

 private:
  // The context an executor submits to: io_context's executors answer execution::context;
  // polymorphic ones (any_io_executor) at least context_as<execution_context&>.
  static auto& context_of(const executor_type& ex) {
    if constexpr (requires { ringport::query(ex, execution::context); })
      return ringport::query(ex, execution::context);
    else
      return ringport::query(ex, execution::context_as<execution_context&>);
  }

  service_type* service_;
  implementation_type impl_;
  executor_type executor_;
};

}  // namespace ringport::detail

// execution_context: a registry of services, shut down and destroyed in reverse order of
// creation (Asio's model). io_context, thread_pool and user contexts derive from it.
#pragma once

#include "ringport/detail/config.hpp"
#include <memory>
#include <mutex>
#include <stdexcept>
#include <type_traits>
#include <typeinfo>

namespace ringport {

class execution_context;
class io_context;

template <typename Service>
Service& use_service(execution_context& e);
template <typename Service>
Service& use_service(io_context& ioc);
template <typename Service, typename... Args>
Service& make_service(execution_context& e, Args&&... args);
template <typename Service>
void add_service(execution_context& e, Service* svc);
template <typename Service>
bool has_service(execution_context& e);

/// A registry of services, shut down and destroyed in reverse order of creation (Asio's
/// model): Asio's execution_context. io_context, thread_pool and user contexts derive from it.
class RINGPORT_DECL execution_context {
 public:
  class id;
  class service;
  /// The fork events notify_fork() passes on: before fork(), then in the parent or the child.
  enum fork_event { fork_prepare, fork_parent, fork_child };

  /// @name Construction and destruction
  //@{
  /// A context with no services; it cannot be copied.
  execution_context();
  execution_context(const execution_context&) = delete;
  execution_context& operator=(const execution_context&) = delete;
  /// Shuts down and destroys every service (reverse order of creation).
  ~execution_context();

  //@}
  /// Tells every service about a fork event (Asio's notify_fork()).
  void notify_fork(fork_event event);

 protected:
  /// Calls shutdown() on every service, newest first. Idempotent.
  void shutdown();
  /// Deletes every service, newest first. Idempotent.
  void destroy();

 private:
  template <typename Service>
  friend Service& use_service(execution_context& e);
  template <typename Service>
  friend Service& use_service(io_context& ioc);
  template <typename Service, typename... Args>
  friend Service& make_service(execution_context& e, Args&&... args);
  template <typename Service>
  friend void add_service(execution_context& e, Service* svc);
  template <typename Service>
  friend bool has_service(execution_context& e);

  using factory_type = service* (*)(execution_context&);
  service* find_or_create(const void* key, factory_type factory);
  void add(const void* key, service* svc);  // throws service_already_exists
  bool has(const void* key);

  std::mutex mutex_;
  service* first_ = nullptr;  // newest first
};

/// A service's identity (Asio's execution_context::id): a service that declares a
/// `static id id;` member is looked up by it.
class execution_context::id {
 public:
  /// @name Construction
  //@{
  /// Identities are not copyable.
  id() = default;
  id(const id&) = delete;
  id& operator=(const id&) = delete;
  //@}
};

/// Base for the services an execution_context owns (Asio's execution_context::service). A
/// service implements shutdown(), which the context calls before it destroys its services.
class execution_context::service {
 public:
  /// The context that owns the service.
  execution_context& context() noexcept { return owner_; }
  /// @name Copying
  //@{
  /// Services are not copyable.
  service(const service&) = delete;
  service& operator=(const service&) = delete;

 protected:
  //@}
  /// @name Construction and destruction
  //@{
  /// Registers the service with `owner`.
  explicit service(execution_context& owner) : owner_(owner) {}
  virtual ~service() = default;

  //@}
 private:
  friend class execution_context;
  virtual void shutdown() = 0;
  virtual void notify_fork(execution_context::fork_event) {}

  execution_context& owner_;
  const void* key_ = nullptr;
  service* next_ = nullptr;
  bool shut_down_ = false;
};

/// Thrown by add_service() when the context already has a service of that type.
class service_already_exists : public std::logic_error {
 public:
  /// Constructs the exception ("Service already exists.").
  service_already_exists() : std::logic_error("Service already exists.") {}
};

/// Thrown by add_service() when the service belongs to another context.
class invalid_service_owner : public std::logic_error {
 public:
  /// Constructs the exception ("Invalid service owner.").
  invalid_service_owner() : std::logic_error("Invalid service owner.") {}
};

namespace detail {

// An id per type, for services that do not declare their own `static id id;`.
template <typename Type>
class service_id : public execution_context::id {};

// Base for the library's own services: supplies the id from the type. A service that the
// library's compiled code looks up as well as its headers (the scheduler, for one) hides this
// id with a `static id id;` of its own, defined in the library: a DLL and the program using it
// each have their own copy of an inline static, and the two would find two services.
template <typename Type>
class execution_context_service_base : public execution_context::service {
 public:
  static inline service_id<Type> id;
  explicit execution_context_service_base(execution_context& e) : execution_context::service(e) {}
};

// The key of a service identified by its type: one object per service type.
template <typename Service>
inline service_id<Service> type_key;

// A service that declares a `key_type` it derives from (usually itself) is identified by its
// type and needs no static id, as in Asio; any other by the address of its static `id`.
template <typename Service>
const void* service_key() noexcept {
  if constexpr (requires { typename Service::key_type; }) {
    if constexpr (std::is_base_of_v<typename Service::key_type, Service>)
      return &type_key<Service>;
    else
      return &Service::id;
  } else {
    return &Service::id;
  }
}

}  // namespace detail

/// The service of type Service in `e`, created (as Service(e)) the first time it is asked for.
template <typename Service>
Service& use_service(execution_context& e) {
  static_assert(std::is_base_of_v<execution_context::service, Service>);
  return static_cast<Service&>(*e.find_or_create(
      detail::service_key<Service>(),
      [](execution_context& owner) -> execution_context::service* { return new Service(owner); }));
}

/// Creates a service of type Service in `e` from `e` and `args`; throws service_already_exists
/// when `e` already has one.
template <typename Service, typename... Args>
Service& make_service(execution_context& e, Args&&... args) {
  auto svc = std::make_unique<Service>(e, std::forward<Args>(args)...);
  e.add(detail::service_key<Service>(), svc.get());
  return *svc.release();
}

/// Gives `e` the service `svc`, which it then owns; throws invalid_service_owner when `svc`
/// belongs to another context and service_already_exists when `e` already has one of its type.
template <typename Service>
void add_service(execution_context& e, Service* svc) {
  if (&e != &svc->context()) throw invalid_service_owner();
  e.add(detail::service_key<Service>(), svc);
}

/// Whether `e` has a service of type Service.
template <typename Service>
bool has_service(execution_context& e) {
  return e.has(detail::service_key<Service>());
}

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/async_result.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"

#include "ringport/detail/strand_service.hpp"

namespace ringport::detail {

execution_context::id strand_service::id;

strand_service::strand_service(execution_context& owner)
    : execution_context_service_base<strand_service>(owner),
      registry_(std::make_shared<strand_registry>()) {}

std::shared_ptr<strand_impl> strand_service::create_implementation() {
  return std::make_shared<strand_impl>(registry_);
}

void strand_service::shutdown() {
  registry_->shutdown();
}

}  // namespace ringport::detail

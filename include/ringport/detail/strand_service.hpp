// The service that gives an execution context's strands their shared registry, so that
// shutting the context down destroys handlers still queued in strands (and breaks the
// strand -> queued handler -> strand cycles that would otherwise leak).
#pragma once

#include "ringport/detail/config.hpp"

#include "ringport/detail/strand_impl.hpp"
#include "ringport/detail/strand_registry.hpp"
#include "ringport/execution_context.hpp"

#include <memory>

namespace ringport::detail {

class RINGPORT_DECL strand_service : public execution_context_service_base<strand_service> {
 public:
  static execution_context::id id;  // defined in the library: see execution_context_service_base
  explicit strand_service(execution_context& owner);

  std::shared_ptr<strand_impl> create_implementation();

  void shutdown() override;

 private:
  std::shared_ptr<strand_registry> registry_;
};

}  // namespace ringport::detail

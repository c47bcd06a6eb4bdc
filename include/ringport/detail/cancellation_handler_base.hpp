// The non-template face of a handler installed in a cancellation slot: the signal calls it
// and destroys it without knowing its type.
#pragma once

#include "ringport/cancellation_type.hpp"

namespace ringport::detail {

class cancellation_handler_base {
 public:
  virtual void call(cancellation_type type) = 0;
  // Runs the handler's destructor. The memory stays with the signal, which reuses it for the
  // next handler.
  virtual void destroy() noexcept = 0;

 protected:
  cancellation_handler_base() = default;
  ~cancellation_handler_base() = default;
  cancellation_handler_base(const cancellation_handler_base&) = delete;
  cancellation_handler_base& operator=(const cancellation_handler_base&) = delete;
};

}  // namespace ringport::detail

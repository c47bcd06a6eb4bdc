// experimental::deferred: the name Asio 1.22 gave to deferred, with the other names its
// experimental header offered (deferred_async_operation, deferred_sequence, ...).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/deferred.hpp"

namespace ringport::experimental {
using ringport::deferred;
using ringport::deferred_async_operation;
using ringport::deferred_conditional;
using ringport::deferred_function;
using ringport::deferred_init_tag;
using ringport::deferred_noop;
using ringport::deferred_sequence;
using ringport::deferred_t;
using ringport::deferred_values;
using ringport::is_deferred;
}  // namespace ringport::experimental

// The executor properties and execute().
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/execution/allocator.hpp"
#include "ringport/execution/blocking.hpp"
#include "ringport/execution/bulk_guarantee.hpp"
#include "ringport/execution/context.hpp"
#include "ringport/execution/execute.hpp"
#include "ringport/execution/mapping.hpp"
#include "ringport/execution/occupancy.hpp"
#include "ringport/execution/outstanding_work.hpp"
#include "ringport/execution/relationship.hpp"
#include "ringport/prefer.hpp"
#include "ringport/query.hpp"
#include "ringport/require.hpp"

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/associated_allocator.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution/bad_executor.hpp"

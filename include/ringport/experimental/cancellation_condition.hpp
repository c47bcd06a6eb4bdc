// experimental::wait_for_all, wait_for_one, wait_for_one_success and wait_for_one_error: the
// conditions that tell a parallel group when to cancel its remaining operations.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/parallel_group_cancellation_condition.hpp"

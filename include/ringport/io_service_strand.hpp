// The io_service-era header name of io_context::strand.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/io_context_strand.hpp"
#include "ringport/io_service.hpp"

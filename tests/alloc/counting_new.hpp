// Global operator new/delete replaced by counting versions (only in ringport_alloc_tests).
#pragma once

#include <atomic>
#include <cstddef>

namespace ringport::test {

// Number of global operator new calls made so far by any thread.
std::size_t allocations() noexcept;

}  // namespace ringport::test

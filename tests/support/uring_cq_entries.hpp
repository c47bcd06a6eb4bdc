// For the tests that overflow the io_uring completion queue on purpose: rings set up while an
// object of this type lives get a queue of the given size instead of the default, so such a
// test starts a few hundred ops rather than thousands. Only contexts created inside its scope
// are affected; they keep their ring after it ends.
#pragma once

#include "linux/io_uring/uring_backend.hpp"

namespace ringport::test {

class uring_cq_entries {
 public:
  explicit uring_cq_entries(unsigned entries) noexcept {
    detail::uring_set_cq_entries_for_testing(entries);
  }
  ~uring_cq_entries() { detail::uring_set_cq_entries_for_testing(0); }
  uring_cq_entries(const uring_cq_entries&) = delete;
  uring_cq_entries& operator=(const uring_cq_entries&) = delete;
};

}  // namespace ringport::test

// What tests of transfers need again and again: the outcome one completion handler saw (how
// often it ran, with what), and running a context until it is out of work, bounded so that a
// lost completion fails an expectation instead of hanging the test.
#pragma once

#include "ringport/error_code.hpp"
#include "ringport/io_context.hpp"

#include <chrono>
#include <cstddef>

namespace ringport::test {

struct transfer_outcome {
  int calls = 0;
  error_code ec;
  std::size_t bytes = 0;
  auto handler() {
    return [this](error_code e, std::size_t n) {
      ++calls;
      ec = e;
      bytes = n;
    };
  }
};

inline void drain(io_context& ctx) {
  ctx.restart();
  ctx.run_for(std::chrono::seconds(30));
}

}  // namespace ringport::test

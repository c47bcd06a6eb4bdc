// Records what a signal_set wait delivered: how many times the handler ran, with which
// error and which signal number.
#pragma once

#include "ringport/error_code.hpp"

namespace ringport::test {

struct signal_recorder {
  int calls = 0;
  error_code ec;
  int signal = 0;

  // A handler for async_wait that records into this object (which must outlive the wait).
  auto handler() {
    return [this](error_code e, int s) {
      ++calls;
      ec = e;
      signal = s;
    };
  }
};

}  // namespace ringport::test

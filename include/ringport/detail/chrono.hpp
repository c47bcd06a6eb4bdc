// ringport::chrono names std::chrono, as asio::chrono does in standalone Asio, so that
// `asio::chrono::seconds(1)` compiles with `namespace asio = ringport;`.
#pragma once

#include <chrono>

namespace ringport {
namespace chrono = std::chrono;
}  // namespace ringport

// Built against the installed package: posts a handler and runs it.
#include <ringport.hpp>

#include <cstdio>

int main() {
  ringport::io_context ctx;
  int ran = 0;
  ringport::post(ctx, [&] { ++ran; });
  ctx.run();
  std::printf("consumer ran %d handler on %s\n", ran, ringport::to_string(ctx.backend()));
  return ran == 1 ? 0 : 1;
}

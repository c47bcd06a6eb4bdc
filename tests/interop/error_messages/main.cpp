// Every error enumerator of Asio's error.hpp has, in ringport, the same value, the same
// category kind (system or not) and the same message text as in Asio on this machine: what a
// program prints for an error does not change when it switches libraries.
#include "error_list.hpp"

#include <cstdio>
#include <cstdlib>

int main() {
  using namespace error_messages_interop;
  const std::vector<error_text> asio = asio_errors();
  const std::vector<error_text> ours = ringport_errors();
  if (asio.size() != ours.size() || asio.empty()) {
    std::printf("FAIL: %zu Asio errors, %zu ringport errors\n", asio.size(), ours.size());
    return EXIT_FAILURE;
  }
  int failures = 0;
  for (std::size_t i = 0; i < asio.size(); ++i) {
    const error_text& a = asio[i];
    const error_text& r = ours[i];
    if (a.value != r.value || a.system != r.system || a.message != r.message) {
      ++failures;
      std::printf("FAIL %s: Asio %d%s \"%s\", ringport %d%s \"%s\"\n", a.name.c_str(), a.value,
                  a.system ? " (system)" : "", a.message.c_str(), r.value,
                  r.system ? " (system)" : "", r.message.c_str());
    }
  }
  for (const error_text& r : ours)
    if (r.name == "operation_aborted")
      std::printf("operation_aborted reads \"%s\" in ringport\n", r.message.c_str());
  std::printf("%zu errors compared, %d differ\n", asio.size(), failures);
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

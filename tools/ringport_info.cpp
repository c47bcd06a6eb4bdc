// ringport-info: what ringport would do on this machine and why. Prints the version, the OS,
// the backend the automatic choice picks (and why, when it falls back or RINGPORT_BACKEND
// decides), what the completion mechanism was probed to offer, and the limits that matter.
// Exit status 0, or 1 when no io_context can start (the reason is printed).
#include <ringport/io_context.hpp>
#include <ringport/version.hpp>

#include <ringport/platform_report.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

namespace {

void line(const char* name, const std::string& value) {
  std::printf("%-32s %s\n", (std::string(name) + ":").c_str(), value.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
    std::printf("%s\n", RINGPORT_VERSION_STRING);
    return 0;
  }
  if (argc > 1) {
    std::fprintf(stderr, "usage: ringport-info [--version]\n");
    return 2;
  }
  line("ringport", RINGPORT_VERSION_STRING);
  for (const auto& fact : ringport::describe_platform())
    line(fact.name.c_str(), fact.value);

  const char* env = std::getenv("RINGPORT_BACKEND");
  line("RINGPORT_BACKEND", env && *env ? env : "(not set)");
  try {
    ringport::io_context ctx;
    line("backend", ringport::to_string(ctx.backend()));
    std::string why = ctx.backend_fallback_reason();
    if (why.empty())
      why = env && *env && std::strcmp(env, "automatic") != 0
                ? std::string("RINGPORT_BACKEND asks for it")
                : std::string("the automatic choice's first candidate started");
    line("why", why);
  } catch (const std::exception& e) {
    line("backend", "none");
    line("why", e.what());
    return 1;
  }
  return 0;
}

#include <gtest/gtest.h>

#if defined(_WIN32)
#include <cstdio>
#include <cstdlib>
#else
#include <csignal>
#endif

int main(int argc, char** argv) {
#if defined(_WIN32)
  // Under scripts/wine-run.sh: tells it that Wine started the program (see there).
  if (const char* path = std::getenv("RINGPORT_WINE_STARTED_FILE")) {
    if (std::FILE* f = std::fopen(path, "w")) std::fclose(f);
  }
#else
  std::signal(SIGPIPE, SIG_IGN);
#endif
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}

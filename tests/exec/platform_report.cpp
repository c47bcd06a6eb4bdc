// describe_platform(): the report ringport-info prints. Each fact has a name and a one-line
// value, no name twice; the OS's facts are there and agree with what the OS says itself.
#include <ringport/platform_report.hpp>

#include <gtest/gtest.h>

#include <map>
#include <string>

#if defined(_WIN32)
#include <winsock2.h>  // before windows.h, which other files of the same unity batch include
#include <windows.h>
#else
#include <sys/resource.h>
#include <sys/utsname.h>
#endif

namespace {

std::map<std::string, std::string> report() {
  std::map<std::string, std::string> facts;
  for (const ringport::platform_fact& fact : ringport::describe_platform()) {
    EXPECT_FALSE(fact.name.empty());
    EXPECT_FALSE(fact.value.empty()) << fact.name;
    EXPECT_EQ(fact.value.find('\n'), std::string::npos) << fact.name << ": " << fact.value;
    EXPECT_TRUE(facts.emplace(fact.name, fact.value).second) << fact.name << " twice";
  }
  return facts;
}

TEST(PlatformReport, NamesTheOsAndAgreesWithIt) {
  const auto facts = report();
#if defined(_WIN32)
  ASSERT_TRUE(facts.count("os"));
  EXPECT_EQ(facts.at("os").rfind("Windows ", 0), 0u) << facts.at("os");
  ASSERT_TRUE(facts.count("winsock extensions"));
  EXPECT_EQ(facts.at("winsock extensions"), "AcceptEx ConnectEx");  // the IOCP backend's needs
  SYSTEM_INFO si{};
  ::GetSystemInfo(&si);
  ASSERT_TRUE(facts.count("processors"));
  EXPECT_EQ(facts.at("processors"), std::to_string(si.dwNumberOfProcessors));
#else
  utsname u{};
  ASSERT_EQ(::uname(&u), 0);
  ASSERT_TRUE(facts.count("kernel"));
  EXPECT_EQ(facts.at("kernel"), std::string(u.sysname) + " " + u.release + " " + u.machine);
  ASSERT_TRUE(facts.count("kernel.io_uring_disabled"));
  ASSERT_TRUE(facts.count("io_uring"));
  if (facts.at("io_uring").rfind("starts", 0) == 0) {
    EXPECT_TRUE(facts.count("io_uring features"));
    EXPECT_TRUE(facts.count("io_uring opcodes ringport uses"));
  }
  // The soft limit comes first, as getrlimit gives it now.
  rlimit nofile{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &nofile), 0);
  ASSERT_TRUE(facts.count("RLIMIT_NOFILE"));
  const std::string soft =
      nofile.rlim_cur == RLIM_INFINITY ? "unlimited" : std::to_string(nofile.rlim_cur);
  EXPECT_EQ(facts.at("RLIMIT_NOFILE").rfind(soft + " (hard ", 0), 0u) << facts.at("RLIMIT_NOFILE");
  EXPECT_TRUE(facts.count("RLIMIT_MEMLOCK"));
#endif
}

}  // namespace

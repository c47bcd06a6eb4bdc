// Linux's half of the platform report (ringport-info): the kernel, io_uring as probed, the
// sysctl that can disable it, and the resource limits that matter to a server.
#include "ringport/platform_report.hpp"

#include "io_uring/uring_backend.hpp"

#include <sys/resource.h>
#include <sys/utsname.h>

#include <fstream>
#include <string>
#include <vector>

namespace ringport {

namespace {

std::string limit_text(rlim_t value) {
  return value == RLIM_INFINITY ? std::string("unlimited") : std::to_string(value);
}

void add_limit(std::vector<platform_fact>& facts, const char* name, int resource,
               const char* meaning) {
  rlimit limit{};
  if (::getrlimit(resource, &limit) != 0) return;
  facts.push_back({name, limit_text(limit.rlim_cur) + " (hard " + limit_text(limit.rlim_max) +
                             "): " + meaning});
}

}  // namespace

std::vector<platform_fact> describe_platform() {
  std::vector<platform_fact> facts;
  utsname u{};
  if (::uname(&u) == 0)
    facts.push_back({"kernel", std::string(u.sysname) + " " + u.release + " " + u.machine});
  std::ifstream sysctl("/proc/sys/kernel/io_uring_disabled");
  std::string disabled;
  if (sysctl >> disabled)
    facts.push_back(
        {"kernel.io_uring_disabled",
         disabled + (disabled == "0"   ? " (io_uring allowed)"
                     : disabled == "1" ? " (only kernel.io_uring_group and CAP_SYS_ADMIN)"
                                       : " (io_uring disabled)")});
  else
    facts.push_back({"kernel.io_uring_disabled", "absent (a kernel before 6.6)"});
  detail::describe_uring(facts);
  add_limit(facts, "RLIMIT_NOFILE", RLIMIT_NOFILE, "open sockets and files per process");
  add_limit(facts, "RLIMIT_MEMLOCK", RLIMIT_MEMLOCK,
            "bytes of locked memory (io_uring rings before Linux 5.12)");
  return facts;
}

}  // namespace ringport

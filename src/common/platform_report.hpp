// What ringport-info prints about the machine a program runs on, gathered by each OS's half
// (src/linux/platform_report.cpp, src/windows/platform_report.cpp): the facts that decide which
// completion mechanism runs and how far it can go.
#pragma once

#include <string>
#include <vector>

namespace ringport::detail {

struct platform_fact {
  std::string name;   // e.g. "kernel", "io_uring features", "RLIMIT_NOFILE"
  std::string value;  // one line
};

// The OS and its release, what the completion mechanism was probed to offer, and the limits
// that bound how many sockets a process can open and how much memory it can lock.
std::vector<platform_fact> describe_platform();

}  // namespace ringport::detail

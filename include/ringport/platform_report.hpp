// What the machine offers ringport: the OS and its release, what the completion mechanism was
// probed to offer, and the limits that bound a process's sockets and locked memory. The
// ringport-info program prints it; a server may log it when it starts.
#pragma once

#include "ringport/detail/config.hpp"

#include <string>
#include <vector>

namespace ringport {

/// One line of the platform report.
struct platform_fact {
  std::string name;   ///< What is reported: "kernel", "io_uring features", "RLIMIT_NOFILE", ...
  std::string value;  ///< Its value, on one line.
};

/// The platform report: the OS and its release, what the completion mechanism was probed to
/// offer (on Linux the `kernel.io_uring_disabled` sysctl and io_uring's opcodes and
/// features; on Windows the Winsock extension functions, and Wine when it runs under Wine)
/// and the limits that matter (RLIMIT_NOFILE, RLIMIT_MEMLOCK). This is what `ringport-info`
/// prints before the backend. Probing io_uring creates a small ring and closes it again.
RINGPORT_DECL std::vector<platform_fact> describe_platform();

}  // namespace ringport

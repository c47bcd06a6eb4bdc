// IOCP only: on Windows the automatic choice is IOCP with no fallback reason, RINGPORT_BACKEND
// accepts "iocp", and a Linux backend, asked for in code or in the environment, is refused
// loudly instead of silently replaced.

#include "backend_test.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <system_error>

namespace iocp_backend_choice_test {

using IocpBackendChoice = ringport::test::backend_test;

// Sets RINGPORT_BACKEND for one scope (MinGW has no setenv; _putenv_s updates what getenv
// reads).
class backend_env {
 public:
  explicit backend_env(const char* value) { ::_putenv_s("RINGPORT_BACKEND", value); }
  ~backend_env() { ::_putenv_s("RINGPORT_BACKEND", ""); }
  backend_env(const backend_env&) = delete;
  backend_env& operator=(const backend_env&) = delete;
};

TEST_P(IocpBackendChoice, AutomaticIsIocpWithoutFallback) {
  ringport::io_context automatic;
  EXPECT_EQ(automatic.backend(), ringport::backend_kind::iocp);
  EXPECT_TRUE(automatic.backend_fallback_reason().empty());
}

TEST_P(IocpBackendChoice, EnvironmentAcceptsIocp) {
  backend_env env("iocp");
  ringport::io_context chosen;
  EXPECT_EQ(chosen.backend(), ringport::backend_kind::iocp);
}

TEST_P(IocpBackendChoice, EnvironmentNamingALinuxBackendThrows) {
  for (const char* value : {"epoll", "io_uring", "kqueue"}) {
    backend_env env(value);
    try {
      ringport::io_context refused;
      ADD_FAILURE() << "RINGPORT_BACKEND=" << value << " was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(value), std::string::npos) << e.what();
    }
  }
}

TEST_P(IocpBackendChoice, ForcingALinuxBackendInCodeThrows) {
  EXPECT_THROW({ ringport::io_context c(ringport::backend_kind::io_uring); }, std::system_error);
  EXPECT_THROW({ ringport::io_context c(ringport::backend_kind::epoll); }, std::system_error);
}

RINGPORT_INSTANTIATE_BACKENDS(IocpBackendChoice);

}  // namespace iocp_backend_choice_test

// The resolver service's test hook, compiled in only with RINGPORT_TESTING_HOOKS (the test
// suite's build): while held, every resolver worker of the process stops after taking an op
// from its queue, before its lookup, as if getaddrinfo were slow. A resolver service's
// shutdown releases the hold.
#pragma once

#include <chrono>

namespace ringport::detail::resolver_testing {

#if RINGPORT_TESTING_HOOKS
void hold_workers(bool hold);
// Called by a worker, with no lock held, between taking an op and its lookup.
void pass_hold();
// Waits up to `timeout` for a worker to stop at the hold; true once one has.
bool wait_until_held(std::chrono::milliseconds timeout);
#endif

}  // namespace ringport::detail::resolver_testing

#include "../common/mutex_spin.hpp"

namespace ringport::detail {

// MinGW's std::mutex offers no spinning mode to choose; it keeps its own behaviour.
void prefer_spinning(std::mutex&) noexcept {}

}  // namespace ringport::detail

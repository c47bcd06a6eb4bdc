// The errors a channel reports: error::channel_closed (the channel was closed, or a receive
// found it closed and empty) and error::channel_cancelled (cancel(), reset(), destruction,
// or the operation's cancellation slot), in their own category, "ringport.channel". The
// namespace channel_errc names the same values, as a scoped enum would.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/error_code.hpp"

#include <system_error>

namespace ringport::experimental {

namespace error {

/// The errors a channel reports: channel_closed (the channel was closed, or a receive found
/// it closed and empty) and channel_cancelled (cancel(), reset(), destruction, or the
/// operation's cancellation slot).
enum channel_errors {
  channel_closed = 1,
  channel_cancelled = 2,
};

/// @name Category
//@{
/// The category of the channel errors, "ringport.channel"; channel_category refers to the
/// same object.
RINGPORT_DECL const error_category& get_channel_category() noexcept;

inline const error_category& channel_category = get_channel_category();
//@}

/// An error code of the value `e` in the channel category.
inline error_code make_error_code(channel_errors e) {
  return error_code(static_cast<int>(e), get_channel_category());
}

}  // namespace error

namespace channel_errc {
using error::channel_cancelled;
using error::channel_closed;
}  // namespace channel_errc

}  // namespace ringport::experimental

namespace std {
template <>
struct is_error_code_enum<ringport::experimental::error::channel_errors> : true_type {};
}  // namespace std

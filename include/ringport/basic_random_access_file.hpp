// basic_random_access_file<Executor>: a file read and written at offsets, with Asio's
// interface (read_some_at, write_some_at and their async forms). Several transfers may be in
// flight at once. Reading at or past the end of the file fails with error::eof.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/basic_file.hpp"

#include <cstddef>
#include <cstdint>
#include <utility>

namespace ringport {

/// A file read and written at offsets, with Asio's interface: read_some_at, write_some_at and
/// their async forms (Asio's basic_random_access_file).
///
/// Several transfers may be in flight at once. Reading at or past the end of the file fails with
/// error::eof.
template <typename Executor = any_io_executor>
class basic_random_access_file : public basic_file<Executor> {
  using base = basic_file<Executor>;

 public:
  /// @name Types
  //@{
  /// The executor type and the OS handle type.
  using typename base::executor_type;
  using typename base::native_handle_type;
  //@}

  /// The same class on another executor type.
  template <typename Executor1>
  struct rebind_executor {
    /// The class on `Executor1`.
    using other = basic_random_access_file<Executor1>;
  };

  /// Constructs a closed object from an executor or an execution context.
  using base::base;

  /// @name Moves
  //@{
  /// Moves take pending operations along and leave the source closed; the move assignment
  /// closes this object first. An object on another executor type converts when its executor
  /// does.
  basic_random_access_file(basic_random_access_file&&) = default;
  basic_random_access_file& operator=(basic_random_access_file&&) = default;
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_random_access_file(basic_random_access_file<Executor1>&& other) : base(std::move(other)) {}
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_random_access_file& operator=(basic_random_access_file<Executor1>&& other) {
    base::operator=(std::move(other));
    return *this;
  }
  //@}
  ~basic_random_access_file() = default;

  /// @name Transfers
  //@{
  /// read_some_at(), write_some_at() and their async forms (completion signature
  /// void(error_code, std::size_t)) at the offset given; reading at or past the end of the file
  /// fails with error::eof.
  using base::async_read_some_at;
  using base::async_write_some_at;
  using base::read_some_at;
  using base::write_some_at;
  //@}
};

}  // namespace ringport

// file_base: the open flags and seek bases shared by stream_file and random_access_file.
// The flag values are ringport's own on every OS (each OS half translates them), so a set of
// flags means the same everywhere; only their names are portable in Asio too.
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport {

/// The open flags and seek bases shared by basic_stream_file and basic_random_access_file.
///
/// The flag values are ringport's own on every OS (Asio uses `O_*` values on POSIX); only their
/// names are portable.
class file_base {
 public:
  /// A bitmask type: combine with |, test with &.
  enum flags : unsigned int {
    read_only = 1,
    write_only = 2,
    read_write = 4,
    append = 8,              // every write goes to the end of the file
    create = 16,             // create the file if it does not exist
    exclusive = 32,          // with create: fail if the file exists
    truncate = 64,           // discard the existing contents
    sync_all_on_write = 128  // each write reaches the disk, data and metadata, before it completes
  };

  friend constexpr flags operator&(flags x, flags y) noexcept {
    return static_cast<flags>(static_cast<unsigned int>(x) & static_cast<unsigned int>(y));
  }
  friend constexpr flags operator|(flags x, flags y) noexcept {
    return static_cast<flags>(static_cast<unsigned int>(x) | static_cast<unsigned int>(y));
  }
  friend constexpr flags operator^(flags x, flags y) noexcept {
    return static_cast<flags>(static_cast<unsigned int>(x) ^ static_cast<unsigned int>(y));
  }
  friend constexpr flags operator~(flags x) noexcept {
    return static_cast<flags>(~static_cast<unsigned int>(x));
  }
  friend constexpr flags& operator&=(flags& x, flags y) noexcept { return x = x & y; }
  friend constexpr flags& operator|=(flags& x, flags y) noexcept { return x = x | y; }
  friend constexpr flags& operator^=(flags& x, flags y) noexcept { return x = x ^ y; }

  /// Where a stream file's seek() counts from.
  enum seek_basis { seek_set = 0, seek_cur = 1, seek_end = 2 };

 protected:
  ~file_base() = default;
};

}  // namespace ringport

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

template <typename Executor = any_io_executor>
class basic_random_access_file : public basic_file<Executor> {
  using base = basic_file<Executor>;

 public:
  using typename base::executor_type;
  using typename base::native_handle_type;

  template <typename Executor1>
  struct rebind_executor {
    using other = basic_random_access_file<Executor1>;
  };

  using base::base;

  basic_random_access_file(basic_random_access_file&&) = default;
  basic_random_access_file& operator=(basic_random_access_file&&) = default;
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_random_access_file(basic_random_access_file<Executor1>&& other) : base(std::move(other)) {}
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_random_access_file& operator=(basic_random_access_file<Executor1>&& other) {
    base::operator=(std::move(other));
    return *this;
  }
  ~basic_random_access_file() = default;

  template <typename ConstBufferSequence>
  std::size_t write_some_at(std::uint64_t offset, const ConstBufferSequence& buffers) {
    error_code ec;
    std::size_t n = write_some_at(offset, buffers, ec);
    detail::throw_error(ec, "write_some_at");
    return n;
  }
  template <typename ConstBufferSequence>
  std::size_t write_some_at(std::uint64_t offset, const ConstBufferSequence& buffers,
                            error_code& ec) {
    return this->service().write_some_at(this->impl(), offset, buffers, ec);
  }

  template <typename MutableBufferSequence>
  std::size_t read_some_at(std::uint64_t offset, const MutableBufferSequence& buffers) {
    error_code ec;
    std::size_t n = read_some_at(offset, buffers, ec);
    detail::throw_error(ec, "read_some_at");
    return n;
  }
  template <typename MutableBufferSequence>
  std::size_t read_some_at(std::uint64_t offset, const MutableBufferSequence& buffers,
                           error_code& ec) {
    return this->service().read_some_at(this->impl(), offset, buffers, ec);
  }

  template <typename ConstBufferSequence,
            completion_token_for<void(error_code, std::size_t)> WriteToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_write_some_at(
      std::uint64_t offset, const ConstBufferSequence& buffers,
      WriteToken&& token = default_completion_token_t<executor_type>()) {
    return this->initiate_write(offset, buffers, std::forward<WriteToken>(token));
  }

  template <typename MutableBufferSequence,
            completion_token_for<void(error_code, std::size_t)> ReadToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_read_some_at(
      std::uint64_t offset, const MutableBufferSequence& buffers,
      ReadToken&& token = default_completion_token_t<executor_type>()) {
    return this->initiate_read(offset, buffers, std::forward<ReadToken>(token));
  }
};

}  // namespace ringport

// short_io_stream: an in-memory stream for the composed read/write tests. Each read_some and
// write_some moves at most `max_chunk` bytes, so a composed operation must loop; reads past
// the end of `input` report eof. Asynchronous completions are always posted to the handler's
// associated executor, never run inside the initiating call, like a real socket's.
#pragma once

#include "ringport/associated_executor.hpp"
#include "ringport/buffer.hpp"
#include "ringport/buffer_copy.hpp"
#include "ringport/buffer_size.hpp"
#include "ringport/buffer_sequence.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"
#include "ringport/io_context.hpp"
#include "ringport/post.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace ringport::test {

class short_io_stream {
 public:
  using executor_type = io_context::executor_type;

  short_io_stream(io_context& ctx, std::size_t max_chunk)
      : ex_(ctx.get_executor()), max_chunk_(max_chunk) {}

  executor_type get_executor() const noexcept { return ex_; }

  // Bytes the reads deliver, in order; reading past them reports eof.
  std::string input;
  std::size_t read_pos = 0;
  // Everything written so far.
  std::string output;
  // The size of the buffers offered to each read_some/write_some call, in order.
  std::vector<std::size_t> read_requests;
  std::vector<std::size_t> write_requests;

  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers, error_code& ec) {
    const std::size_t offered = ringport::buffer_size(buffers);
    read_requests.push_back(offered);
    ec = error_code();
    // A zero-sized read succeeds with 0 bytes, as on a socket.
    if (offered == 0) return 0;
    if (read_pos == input.size()) {
      ec = error::eof;
      return 0;
    }
    const std::size_t n = std::min({offered, max_chunk_, input.size() - read_pos});
    ringport::buffer_copy(buffers, ringport::buffer(input.data() + read_pos, n));
    read_pos += n;
    return n;
  }

  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers) {
    error_code ec;
    const std::size_t n = read_some(buffers, ec);
    ringport::detail::throw_error(ec, "read_some");
    return n;
  }

  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers, error_code& ec) {
    const std::size_t offered = ringport::buffer_size(buffers);
    write_requests.push_back(offered);
    ec = error_code();
    const std::size_t n = std::min(offered, max_chunk_);
    const std::size_t old_size = output.size();
    output.resize(old_size + n);
    ringport::buffer_copy(ringport::buffer(output.data() + old_size, n), buffers);
    return n;
  }

  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers) {
    error_code ec;
    const std::size_t n = write_some(buffers, ec);
    ringport::detail::throw_error(ec, "write_some");
    return n;
  }

  // The transfer happens now, the completion later: enough to test the composed ops' loops.
  template <typename MutableBufferSequence, typename Handler>
  void async_read_some(const MutableBufferSequence& buffers, Handler&& handler) {
    error_code ec;
    const std::size_t n = read_some(buffers, ec);
    complete_later(std::forward<Handler>(handler), ec, n);
  }

  template <typename ConstBufferSequence, typename Handler>
  void async_write_some(const ConstBufferSequence& buffers, Handler&& handler) {
    error_code ec;
    const std::size_t n = write_some(buffers, ec);
    complete_later(std::forward<Handler>(handler), ec, n);
  }

 private:
  template <typename Handler>
  void complete_later(Handler&& handler, error_code ec, std::size_t n) {
    auto handler_ex = ringport::get_associated_executor(handler, ex_);
    ringport::post(handler_ex,
                   [h = std::forward<Handler>(handler), ec, n]() mutable { std::move(h)(ec, n); });
  }

  executor_type ex_;
  std::size_t max_chunk_;
};

}  // namespace ringport::test

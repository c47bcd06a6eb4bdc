// Files with run() on two threads, on every backend (on epoll they go through the backend's
// file worker thread): many transfers in flight at once, started from handlers on both
// threads, each completing exactly once with its own data; cancel() and close() racing the
// transfers leave every op with exactly one outcome (its result, or operation_aborted), and
// a descriptor closed while transfers are queued is never used for another file.

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/error.hpp"
#include "ringport/executor_work_guard.hpp"
#include "ringport/io_context.hpp"
#include "ringport/post.hpp"
#include "ringport/random_access_file.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace file_ops_threads_test {

using FileOpsThreads = ringport::test::backend_test;
using ringport::error_code;
using ringport::file_base;
using ringport::random_access_file;

std::string temp_path(const char* name) {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path();
  return (dir / ("ringport-" + std::string(name) + "-" +
                 std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                 std::to_string(counter++)))
      .string();
}

constexpr int chunk = 4096;
constexpr int chunks = 256;

// Runs the context on two threads until it is out of work.
void run_two_threads(ringport::io_context& ctx) {
  ctx.restart();
  std::thread other([&] { ctx.run(); });
  ctx.run();
  other.join();
}

char pattern(int block, int i) {
  return static_cast<char>('a' + (block * 7 + i) % 26);
}

TEST_P(FileOpsThreads, ManyWritesAndReadsFromTwoThreads) {
  std::string path = temp_path("threads");
  {
    random_access_file file(ctx(), path,
                            file_base::read_write | file_base::create | file_base::truncate);
    std::vector<std::string> blocks(chunks);
    for (int b = 0; b < chunks; ++b) {
      blocks[b].resize(chunk);
      for (int i = 0; i < chunk; ++i)
        blocks[b][i] = pattern(b, i);
    }
    std::vector<std::atomic<int>> write_calls(chunks);
    std::atomic<int> write_errors{0};
    // Each write is started from a handler (posted), so both run() threads start some.
    for (int b = 0; b < chunks; ++b) {
      ringport::post(ctx(), [&, b] {
        file.async_write_some_at(std::uint64_t(b) * chunk, ringport::buffer(blocks[b]),
                                 [&, b](error_code ec, std::size_t n) {
                                   ++write_calls[b];
                                   if (ec || n != chunk) ++write_errors;
                                 });
      });
    }
    run_two_threads(ctx());
    for (int b = 0; b < chunks; ++b)
      ASSERT_EQ(write_calls[b].load(), 1) << "block " << b;
    EXPECT_EQ(write_errors.load(), 0);
    EXPECT_EQ(file.size(), std::uint64_t(chunk) * chunks);

    std::vector<std::string> back(chunks, std::string(chunk, '\0'));
    std::vector<std::atomic<int>> read_calls(chunks);
    std::atomic<int> read_errors{0};
    for (int b = 0; b < chunks; ++b) {
      ringport::post(ctx(), [&, b] {
        file.async_read_some_at(std::uint64_t(b) * chunk, ringport::buffer(back[b]),
                                [&, b](error_code ec, std::size_t n) {
                                  ++read_calls[b];
                                  if (ec || n != chunk) ++read_errors;
                                });
      });
    }
    run_two_threads(ctx());
    for (int b = 0; b < chunks; ++b) {
      ASSERT_EQ(read_calls[b].load(), 1) << "block " << b;
      ASSERT_EQ(back[b], blocks[b]) << "block " << b;
    }
    EXPECT_EQ(read_errors.load(), 0);
  }
  std::filesystem::remove(path);
}

// cancel() or close() from another thread while many writes are in flight or queued: each
// ends exactly once, with its bytes written or with operation_aborted; after close() a file
// opened at once (which likely gets the same descriptor number) receives none of them.
TEST_P(FileOpsThreads, CancelAndCloseRaceTransfers) {
  std::string path = temp_path("cancel"), other_path = temp_path("other");
  std::string data(chunk, 'q');
  for (int round = 0; round < 4; ++round) {
    random_access_file file(ctx(), path,
                            file_base::write_only | file_base::create | file_base::truncate);
    std::vector<std::atomic<int>> calls(64);
    std::atomic<int> bad{0};
    for (int b = 0; b < 64; ++b) {
      file.async_write_some_at(std::uint64_t(b) * chunk, ringport::buffer(data),
                               [&, b](error_code ec, std::size_t n) {
                                 ++calls[b];
                                 if (ec != ringport::error::operation_aborted && (ec || n != chunk))
                                   ++bad;
                               });
    }
    bool closing = round % 2 == 1;
    std::thread canceller([&] {
      if (closing)
        file.close();
      else
        file.cancel();
    });
    canceller.join();
    random_access_file other(ctx(), other_path,
                             file_base::read_write | file_base::create | file_base::truncate);
    run_two_threads(ctx());
    for (int b = 0; b < 64; ++b)
      ASSERT_EQ(calls[b].load(), 1) << "round " << round << " write " << b;
    EXPECT_EQ(bad.load(), 0) << "round " << round;
    EXPECT_EQ(other.size(), 0u) << "a write meant for a closed file reached another";
  }
  std::filesystem::remove(path);
  std::filesystem::remove(other_path);
}

RINGPORT_INSTANTIATE_BACKENDS(FileOpsThreads);

}  // namespace file_ops_threads_test

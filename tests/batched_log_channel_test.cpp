// The access log's channel: lines are written in batches (not one write per line), after the
// flush interval or as soon as a batch is full, in the order they were logged; close() writes
// what is left; a log that cannot keep up drops lines and says how many, and loses none silently.
#include "itkal/serve/batched_log_channel.hpp"

#include <gtest/gtest.h>

#include <Poco/AutoPtr.h>
#include <Poco/Message.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace itkal {
namespace {

using namespace std::chrono_literals;

class BatchedLogChannelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("itkal-batched-log-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "access.log").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static Poco::Message line(const std::string& text) {
    return Poco::Message("itkal.access", text, Poco::Message::PRIO_INFORMATION);
  }

  /// The message texts written so far, without their time prefix.
  [[nodiscard]] std::vector<std::string> written() const { return texts(slurp()); }
  [[nodiscard]] std::string slurp() const {
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  static std::vector<std::string> texts(const std::string& log) {
    static const std::regex prefix(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d )");
    std::vector<std::string> result;
    std::istringstream in(log);
    for (std::string text; std::getline(in, text);) {
      EXPECT_TRUE(std::regex_search(text, prefix)) << "no time prefix: " << text;
      result.push_back(std::regex_replace(text, prefix, ""));
    }
    return result;
  }
  /// Waits up to 5 s for `count` lines in the log.
  [[nodiscard]] std::vector<std::string> wait_for_lines(std::size_t count) const {
    std::vector<std::string> lines;
    for (auto waited = 0ms; waited < 5000ms; waited += 10ms) {
      lines = written();
      if (lines.size() >= count) break;
      std::this_thread::sleep_for(10ms);
    }
    return lines;
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(BatchedLogChannelTest, EachLineHasAnIsoTimeWithOffsetAndTheMessageText) {
  Poco::AutoPtr<BatchedLogChannel> channel(new BatchedLogChannel(path_));
  Poco::Message message = line("127.0.0.1 \"GET /calendar.ics HTTP/1.1\" 200 1234");
  channel->log(message);
  channel->close();
  const std::string log = slurp();
  EXPECT_TRUE(std::regex_match(
      log,
      std::regex(
          R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d 127\.0\.0\.1 "GET /calendar\.ics HTTP/1\.1" 200 1234\n)")))
      << log;
}

TEST_F(BatchedLogChannelTest, AppendsToAnExistingLog) {
  std::ofstream(path_) << "2026-05-04T10:00:00+02:00 earlier\n";
  Poco::AutoPtr<BatchedLogChannel> channel(new BatchedLogChannel(path_));
  channel->log(line("later"));
  channel->close();
  EXPECT_EQ(written(), (std::vector<std::string>{"earlier", "later"}));
}

TEST_F(BatchedLogChannelTest, LinesAreWrittenAfterTheFlushIntervalWithoutClose) {
  Poco::AutoPtr<BatchedLogChannel> channel(
      new BatchedLogChannel(path_, BatchedLogLimits{.flush_interval = 50ms}));
  channel->log(line("one"));
  channel->log(line("two"));
  channel->log(line("three"));
  EXPECT_EQ(wait_for_lines(3), (std::vector<std::string>{"one", "two", "three"}));
  channel->close();
}

TEST_F(BatchedLogChannelTest, LinesWaitForTheIntervalUntilABatchIsFull) {
  // An interval longer than the test: only a full batch or close() writes.
  Poco::AutoPtr<BatchedLogChannel> channel(new BatchedLogChannel(
      path_, BatchedLogLimits{.flush_interval = std::chrono::hours(1), .write_at = 1000}));
  channel->log(line("held back"));
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(slurp(), "") << "a single line is not written before the interval";

  // One line that fills the batch alone: with several smaller ones the writer could take the
  // batch between two of them and leave the rest waiting for the (hour-long) interval.
  const std::string text(1000, 'x');
  channel->log(line(text));
  const std::vector<std::string> lines = wait_for_lines(2);
  ASSERT_EQ(lines.size(), 2u) << "a full batch is written at once";
  EXPECT_EQ(lines.front(), "held back");
  EXPECT_EQ(lines.back(), text);

  channel->log(line("last"));
  channel->close();
  EXPECT_EQ(written().size(), 3u);
  EXPECT_EQ(written().back(), "last") << "close() writes what is left";
}

TEST_F(BatchedLogChannelTest, ManyThreadsLoseNoLineAndKeepEachThreadsOrder) {
  constexpr int kThreads = 4;
  constexpr int kLines = 5000;
  Poco::AutoPtr<BatchedLogChannel> channel(
      new BatchedLogChannel(path_, BatchedLogLimits{.flush_interval = 5ms, .write_at = 4096}));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&channel, t] {
      for (int n = 0; n < kLines; ++n)
        channel->log(line(std::to_string(t) + " " + std::to_string(n)));
    });
  }
  for (auto& thread : threads) thread.join();
  channel->close();

  const std::vector<std::string> lines = written();
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kThreads * kLines));
  std::vector<int> next(kThreads, 0);
  for (const std::string& text : lines) {
    std::istringstream fields(text);
    int t = -1;
    int n = -1;
    fields >> t >> n;
    ASSERT_TRUE(t >= 0 && t < kThreads) << text;
    ASSERT_EQ(n, next[static_cast<std::size_t>(t)]) << "out of order: " << text;
    ++next[static_cast<std::size_t>(t)];
  }
}

TEST_F(BatchedLogChannelTest, ALogThatCannotKeepUpDropsLinesAndCountsThem) {
  int ends[2];
  ASSERT_EQ(::pipe(ends), 0);
  const std::string path = "/dev/fd/" + std::to_string(ends[1]);
  Poco::AutoPtr<BatchedLogChannel> channel(new BatchedLogChannel(
      path, BatchedLogLimits{.flush_interval = 1ms, .write_at = 1024, .max_pending = 4096}));
  ::close(ends[1]);  // the channel holds its own descriptor of the pipe

  // Nobody reads yet: once the pipe is full (64 KiB) the writer blocks, and the pending lines
  // reach max_pending.
  constexpr int kLines = 4000;
  const std::string padding(90, '.');
  for (int n = 0; n < kLines; ++n) channel->log(line(std::to_string(n) + " " + padding));

  std::string log;
  std::thread reader([&] {
    char buffer[65536];
    for (ssize_t got; (got = ::read(ends[0], buffer, sizeof buffer)) > 0;)
      log.append(buffer, static_cast<std::size_t>(got));
  });
  channel->close();
  channel = nullptr;  // closes the channel's descriptor: the reader sees the end
  reader.join();
  ::close(ends[0]);

  int kept = 0;
  int dropped = 0;
  int previous = -1;
  const std::regex dropped_note(
      R"(^itkal: (\d+) access log lines dropped: the log could not keep up$)");
  std::istringstream in(log);
  for (std::string text; std::getline(in, text);) {
    std::smatch match;
    if (std::regex_match(text, match, dropped_note)) {
      dropped += std::stoi(match[1]);
      continue;
    }
    const std::vector<std::string> parsed = texts(text + "\n");
    ASSERT_EQ(parsed.size(), 1u);
    const int n = std::stoi(parsed.front());
    EXPECT_GT(n, previous) << "out of order";
    previous = n;
    ++kept;
  }
  EXPECT_GT(dropped, 0) << "the pipe was full: lines must have been dropped";
  EXPECT_GT(kept, 0);
  EXPECT_EQ(kept + dropped, kLines) << "every line is written or counted as dropped";
}

TEST_F(BatchedLogChannelTest, AnUnwritableLogIsRefusedWithItsPath) {
  const std::string path = (dir_ / "missing" / "access.log").string();
  try {
    Poco::AutoPtr<BatchedLogChannel> channel(new BatchedLogChannel(path));
    FAIL() << "opened " << path;
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()), "cannot open the access log '" + path + "'");
  }
}

}  // namespace
}  // namespace itkal

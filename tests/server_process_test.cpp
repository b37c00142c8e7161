// The process set-up of `itkal serve` (itkal/serve/server_process.hpp): connections the file
// limit allows, the server's options from a configuration, the start-up line, the logs and the
// blocked stop signals. become_daemon() forks and is run by feed_server_process_test.
#include "itkal/serve/server_process.hpp"

#include <gtest/gtest.h>

#include <Poco/Logger.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace itkal {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class ServerProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("itkal-server-process-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    flush_access_log();
    fs::remove_all(dir_);
  }
  fs::path dir_;
};

TEST(ServerProcess, ConnectionsLeaveDescriptorsToSpare) {
  const std::vector<std::pair<std::uint64_t, int>> cases = {
      {1024, 896}, {65536, 65408}, {129, 16}, {128, 64},
      {100, 50},   {20, 16},       {0, 16},   {std::uint64_t{1} << 40, 1000000},
  };
  for (const auto& [open_files, allowed] : cases) {
    EXPECT_EQ(connections_allowed(open_files), allowed) << open_files << " open files";
  }
  EXPECT_GE(connections_allowed_by_file_limit(), 16);
}

TEST(ServerProcess, OptionsComeFromTheConfigurationWithConnectionsCappedByTheFileLimit) {
  Config config;
  config.max_connections = 10000;
  config.keep_alive_seconds = 7;
  config.output = "/srv/itkal/public";
  const FeedServerOptions capped = feed_server_options(config, 896);
  EXPECT_EQ(capped.config.max_connections, 896);
  EXPECT_EQ(capped.keep_alive_timeout.totalSeconds(), 7);
  EXPECT_EQ(capped.config.output, "/srv/itkal/public");

  config.max_connections = 500;
  EXPECT_EQ(feed_server_options(config, 896).config.max_connections, 500);
}

TEST(ServerProcess, TheStartUpLineSaysWhatIsServedAndHow) {
  Config config;
  config.output = "/srv/public";
  config.bind_address = "127.0.0.1";
  config.event_loops = 0;
  config.max_threads = 16;
  config.max_connections = 10000;
  EXPECT_EQ(serving_message(config, 8080, 2),
            "serving '/srv/public' on http://127.0.0.1:8080/ with 2 (one per core) event loops, "
            "up to 16 render threads, at most 10000 connections");
  // hardware_concurrency() may say 0: one loop all the same.
  EXPECT_NE(serving_message(config, 8080, 0).find(" with 1 (one per core) event loops"),
            std::string::npos);
  config.event_loops = 3;
  EXPECT_NE(serving_message(config, 9000, 8).find(":9000/ with 3 event loops,"), std::string::npos);
}

TEST_F(ServerProcessTest, TheAccessLogGoesToItsFileOrNowhere) {
  const fs::path log = dir_ / "access.log";
  set_up_server_logs(log.string());
  Poco::Logger& access = Poco::Logger::get("itkal.access");
  ASSERT_TRUE(access.information());
  access.information("127.0.0.1 \"GET /healthz HTTP/1.1\" 200");
  flush_access_log();
  EXPECT_TRUE(std::regex_match(
      slurp(log), std::regex(R"(\d{4}-\d\d-\d\dT\S+ 127\.0\.0\.1 "GET /healthz HTTP/1\.1" 200\n)")))
      << slurp(log);
  EXPECT_TRUE(Poco::Logger::get("itkal.server").information());

  set_up_server_logs("off");
  EXPECT_FALSE(access.information()) << "off: no access line is even formatted";
  EXPECT_TRUE(access.fatal());
}

TEST_F(ServerProcessTest, AnAccessLogThatCannotBeOpenedIsRefusedWithItsPath) {
  const std::string path = (dir_ / "missing" / "access.log").string();
  for (const auto& step : {check_access_log, set_up_server_logs}) {
    try {
      step(path);
      ADD_FAILURE() << "accepted " << path;
    } catch (const std::runtime_error& error) {
      EXPECT_EQ(std::string(error.what()), "cannot open the access log '" + path + "'");
    }
  }
  EXPECT_NO_THROW(check_access_log("-"));
  EXPECT_NO_THROW(check_access_log("off"));
  EXPECT_NO_THROW(check_access_log((dir_ / "access.log").string()));
}

TEST(ServerProcess, StopSignalsAreBlockedInTheThreadAndTheThreadsItStarts) {
  // In a thread of its own, so that the test process keeps its signal mask.
  bool blocked_here = false;
  bool blocked_in_child = false;
  std::thread([&] {
    prepare_server_process();
    sigset_t mask;
    ::pthread_sigmask(SIG_BLOCK, nullptr, &mask);
    blocked_here = sigismember(&mask, SIGTERM) == 1 && sigismember(&mask, SIGINT) == 1 &&
                   sigismember(&mask, SIGQUIT) == 1;
    std::thread([&] {
      sigset_t inherited;
      ::pthread_sigmask(SIG_BLOCK, nullptr, &inherited);
      blocked_in_child = sigismember(&inherited, SIGTERM) == 1;
    }).join();
  }).join();
  EXPECT_TRUE(blocked_here);
  EXPECT_TRUE(blocked_in_child);
}

}  // namespace
}  // namespace itkal

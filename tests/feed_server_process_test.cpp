// `itkal serve` as a process: options, SIGTERM and SIGINT stop it cleanly (exit 0), --daemon
// detaches and --pidfile names the daemon's pid. Loopback only.
#include <gtest/gtest.h>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/Thread.h>
#include <signal.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <thread>

#include "feed_server_fixture.hpp"

namespace itkal {
namespace {

/// The itkal binary of this build folder (tests run in <build>/tests).
std::string itkal_binary() {
  return (std::filesystem::current_path().parent_path() / "itkal").string();
}

/// Writes the configuration of `build` to a file, as an operator would.
std::string write_config(const testing::TempBuild& build, int port) {
  const std::string path = (build.root() / "itkal.json").string();
  std::ofstream(path) << "{\"inbox\": \"" << build.config.inbox << "\", \"output\": \""
                      << build.config.output << "\", \"organizers\": \"" << build.config.organizers
                      << "\", \"server\": {\"port\": " << port
                      << ", \"max_threads\": 4, \"reload_seconds\": 1}}";
  return path;
}

/// A child process whose standard error is collected while it runs.
class ServeProcess {
 public:
  explicit ServeProcess(const std::vector<std::string>& args)
      : handle_(Poco::Process::launch(itkal_binary(), args, nullptr, nullptr, &err_)),
        reader_([this] {
          Poco::PipeInputStream stream(err_);
          std::string line;
          while (std::getline(stream, line)) {
            const std::lock_guard lock(mutex_);
            log_ += line + "\n";
          }
          read_all_ = true;
        }) {}
  ~ServeProcess() {
    if (exit_code_ == -1 && handle_.tryWait() == -1) {
      Poco::Process::kill(handle_);
      handle_.wait();
    }
    if (!closed_write_) err_.close(Poco::Pipe::CLOSE_WRITE);
    reader_.join();
  }
  /// What the process wrote so far; once it has exited, everything it wrote.
  std::string log() {
    const std::lock_guard lock(mutex_);
    return log_;
  }
  /// The port from "serving '…' on http://127.0.0.1:PORT/", waiting up to 10 s.
  int port() {
    const std::regex serving("on http://127\\.0\\.0\\.1:(\\d+)/");
    for (int waited = 0; waited < 10000; waited += 50) {
      std::smatch match;
      const std::string text = log();
      if (std::regex_search(text, match, serving)) return std::stoi(match[1]);
      if (wait_for_exit(0) != -1) return 0;
      Poco::Thread::sleep(50);
    }
    return 0;
  }
  /// The exit code (256 + signal when killed), or -1 when it has not exited within
  /// `milliseconds`.
  int wait_for_exit(int milliseconds) {
    // Poco's tryWait reaps the child: ask it once, remember the answer.
    for (int waited = 0; exit_code_ == -1; waited += 20) {
      exit_code_ = handle_.tryWait();
      if (exit_code_ != -1 || waited >= milliseconds) break;
      Poco::Thread::sleep(20);
    }
    if (exit_code_ != -1) wait_for_the_last_words();
    return exit_code_;
  }
  [[nodiscard]] Poco::ProcessHandle::PID pid() const { return handle_.id(); }

 private:
  /// The process has exited, but the reader may not have read its last lines yet (a busy
  /// machine): close our end of the pipe and give the reader up to 5 s to reach the end. Not a
  /// join: a daemon the process started may hold the pipe longer.
  void wait_for_the_last_words() {
    if (!closed_write_) {
      err_.close(Poco::Pipe::CLOSE_WRITE);
      closed_write_ = true;
    }
    for (int waited = 0; !read_all_ && waited < 5000; waited += 10) Poco::Thread::sleep(10);
  }

  Poco::Pipe err_;
  Poco::ProcessHandle handle_;
  int exit_code_ = -1;
  bool closed_write_ = false;
  std::atomic<bool> read_all_{false};
  std::mutex mutex_;
  std::string log_;
  std::thread reader_;
};

class FeedServerProcess : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(itkal_binary())) GTEST_SKIP() << "no " << itkal_binary();
    build_ = std::make_unique<testing::TempBuild>(testing::fixture_sources());
    build_->build();
  }
  std::unique_ptr<testing::TempBuild> build_;
};

TEST_F(FeedServerProcess, StopsCleanlyOnSigtermAndSigint) {
  for (const int signal_number : {SIGTERM, SIGINT}) {
    SCOPED_TRACE(signal_number);
    ServeProcess serve({"serve", "--config", write_config(*build_, 0), "--access-log", "off"});
    const int port = serve.port();
    ASSERT_GT(port, 0) << serve.log();
    EXPECT_EQ(testing::http_request(static_cast<unsigned short>(port), "GET", "/calendar.ics").body,
              build_->output_file("calendar.ics"));
    ASSERT_EQ(::kill(serve.pid(), signal_number), 0);
    EXPECT_EQ(serve.wait_for_exit(15000), 0) << serve.log();
    EXPECT_NE(serve.log().find("stopped"), std::string::npos) << serve.log();
  }
}

TEST_F(FeedServerProcess, OptionsOverrideTheConfiguration) {
  ServeProcess bad({"serve", "--config", write_config(*build_, 0), "--threads", "many"});
  EXPECT_EQ(bad.wait_for_exit(10000), 64);
  EXPECT_NE(bad.log().find("--threads 'many'"), std::string::npos) << bad.log();

  const auto free_port = static_cast<int>(bind_server_socket("127.0.0.1", 0).address().port());
  ServeProcess serve({"serve", "--config", write_config(*build_, 1), "--port",
                      std::to_string(free_port), "--no-gzip", "--access-log", "off"});
  ASSERT_EQ(serve.port(), free_port) << serve.log();
  const auto reply = testing::http_request(static_cast<unsigned short>(free_port), "GET",
                                           "/calendar.ics", {{"Accept-Encoding", "gzip"}});
  EXPECT_FALSE(reply.has("content-encoding"));
  ::kill(serve.pid(), SIGTERM);
  EXPECT_EQ(serve.wait_for_exit(15000), 0) << serve.log();
}

TEST_F(FeedServerProcess, RunsAsDaemonWithPidFile) {
  const auto free_port = static_cast<int>(bind_server_socket("127.0.0.1", 0).address().port());
  const std::string pid_file = (build_->root() / "itkal.pid").string();
  const std::string access_log = (build_->root() / "access.log").string();
  ServeProcess launcher({"serve", "--config", write_config(*build_, free_port), "--daemon",
                         "--pidfile=" + pid_file, "--access-log", access_log});
  EXPECT_EQ(launcher.wait_for_exit(10000), 0) << "the launching process returns at once";
  int daemon_pid = 0;
  for (int waited = 0; waited < 10000 && daemon_pid == 0; waited += 50) {
    std::ifstream(pid_file) >> daemon_pid;
    if (daemon_pid == 0 || daemon_pid == static_cast<int>(launcher.pid())) daemon_pid = 0;
    Poco::Thread::sleep(50);
  }
  ASSERT_GT(daemon_pid, 0) << "no daemon pid in " << pid_file;
  testing::HttpReply reply;
  for (int attempt = 0; attempt < 100 && reply.status != 200; ++attempt) {
    try {
      reply = testing::http_request(static_cast<unsigned short>(free_port), "GET", "/healthz");
    } catch (const Poco::Exception&) {
      Poco::Thread::sleep(50);
    }
  }
  EXPECT_EQ(reply.status, 200);
  ASSERT_EQ(::kill(daemon_pid, SIGTERM), 0);
  bool gone = false;
  for (int waited = 0; waited < 15000 && !gone; waited += 50) {
    gone = ::kill(daemon_pid, 0) != 0;
    Poco::Thread::sleep(50);
  }
  EXPECT_TRUE(gone) << "the daemon stops on SIGTERM";
  EXPECT_FALSE(std::filesystem::exists(pid_file)) << "the pid file is removed on exit";
  EXPECT_NE(testing::slurp(access_log).find("\"GET /healthz HTTP/1.1\" 200"), std::string::npos);
}

}  // namespace
}  // namespace itkal

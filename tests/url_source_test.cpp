// Web-page sources against a real nginx started by the test in a temporary folder on a free
// loopback port, through the real itkal binary: 200, 304 on the next fetch, a changed page, a
// redirect, a redirect loop, 404, a server that never answers (timeout) and an oversized body.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "support/fixtures.hpp"
#include "support/itkal_argv.hpp"

namespace itkal {
namespace {

namespace fs = std::filesystem;

constexpr const char* kNginx = "/usr/sbin/nginx";

struct FetchRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

FetchRun run_fetch(const fs::path& cwd) {
  const testing::ItkalArgv argv({"fetch", "--config", "feeds/itkal.json"});
  const fs::path out = cwd / ".stdout";
  const fs::path err = cwd / ".stderr";
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out_fd < 0 || err_fd < 0 || ::chdir(cwd.c_str()) != 0) ::_exit(126);
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
    ::execv(argv.program(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
          testing::read_file(out.string()), testing::read_file(err.string())};
}

/// A loopback listening socket on a free port (a server that accepts and never answers).
int listen_socket(int& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::listen(fd, 8);
  port = ntohs(address.sin_port);
  return fd;
}

bool accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

const char* kPage =
    "<html><body><p>15. April 2026</p><h2>Termine</h2>"
    "<p>3.6., 10.00-12.00, Hannover: <b>Kommunalforum</b>, hannIT</p>"
    "<h2>Impressum</h2></body></html>\n";

class UrlSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kNginx)) GTEST_SKIP() << "nginx-light is not installed";
    root_ = fs::temp_directory_path() / ("itkal-url-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "feeds");
    fs::create_directories(root_ / "www");
    fs::permissions(root_, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    std::ofstream(root_ / "www" / "aktuell.html") << kPage;
    // One byte over the 32 MiB limit, sparse.
    fs::resize_file((std::ofstream(root_ / "www" / "big.html"), root_ / "www" / "big.html"),
                    32u * 1024u * 1024u + 1u);
    const int probe = listen_socket(port_);
    ::close(probe);
    const std::string prefix = root_.string();
    std::ofstream(root_ / "nginx.conf")
        << "daemon off;\nmaster_process off;\npid " << prefix << "/nginx.pid;\nerror_log " << prefix
        << "/error.log warn;\nevents { worker_connections 64; }\nhttp {\n"
        << " types { text/html html; text/plain txt; }\n access_log off;\n"
        << " client_body_temp_path " << prefix << "/cb;\n proxy_temp_path " << prefix
        << "/px;\n fastcgi_temp_path " << prefix << "/fc;\n uwsgi_temp_path " << prefix
        << "/uw;\n scgi_temp_path " << prefix << "/sc;\n server {\n  listen 127.0.0.1:" << port_
        << ";\n  root " << prefix << "/www;\n  location = /alt { return 301 /aktuell.html; }\n"
        << "  location = /loop { return 302 /loop; }\n }\n}\n";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl(kNginx, kNginx, "-p", prefix.c_str(), "-c", (root_ / "nginx.conf").c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    for (int i = 0; i < 200 && !accepts(port_); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    ASSERT_TRUE(accepts(port_)) << testing::read_file((root_ / "error.log").string());
  }
  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
    if (!root_.empty()) fs::remove_all(root_);
  }

  void configure(const std::string& url, const std::string& extra = "") {
    std::ofstream(root_ / "feeds" / "itkal.json")
        << "{\"output\": \"public\", \"sources\": [{\"type\": \"url\", \"url\": \"" << url << "\""
        << extra << "}]}";
  }
  std::string page(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::size_t fetched_files() const {
    std::size_t count = 0;
    const fs::path folder = root_ / "feeds" / "public" / ".state" / "fetched";
    if (!fs::exists(folder)) return 0;
    for (const auto& item : fs::recursive_directory_iterator(folder))
      count += item.is_regular_file() ? 1 : 0;
    return count;
  }

  fs::path root_;
  int port_ = 0;
  pid_t pid_ = -1;
};

TEST_F(UrlSourceTest, FetchesAPageThenAsksConditionallyAndTakesAChange) {
  configure(page("/aktuell.html"));
  const FetchRun first = run_fetch(root_);
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find(": 1 new"), std::string::npos) << first.out;
  EXPECT_EQ(fetched_files(), 1u);
  const FetchRun second = run_fetch(root_);
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find(": unchanged"), std::string::npos) << second.out;
  const std::string state = testing::read_file(
      (root_ / "feeds/public/.state/sources").string() + "/" +
      fs::directory_iterator(root_ / "feeds/public/.state/sources")->path().filename().string());
  EXPECT_NE(state.find("etag"), std::string::npos) << state;

  // A changed page (a later mtime: nginx's validators change) is a new reading.
  std::ofstream(root_ / "www" / "aktuell.html") << kPage << "<!-- korrigiert -->\n";
  fs::last_write_time(root_ / "www" / "aktuell.html",
                      fs::last_write_time(root_ / "www" / "aktuell.html") + std::chrono::hours(1));
  const FetchRun third = run_fetch(root_);
  EXPECT_NE(third.out.find(": 1 new"), std::string::npos) << third.out;
  EXPECT_EQ(fetched_files(), 2u);
}

TEST_F(UrlSourceTest, FollowsARedirect) {
  configure(page("/alt"));
  const FetchRun run = run_fetch(root_);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find(": 1 new"), std::string::npos) << run.out;
}

TEST_F(UrlSourceTest, FailuresAreNamedAndStoreNothing) {
  struct Case {
    std::string path;
    std::string extra;
    std::string reason;
  };
  int silent_port = 0;
  const int silent = listen_socket(silent_port);  // accepts, never answers
  const std::vector<Case> cases = {
      {page("/fehlt.html"), "", "HTTP status 404"},
      {page("/loop"), "", "redirect"},
      {page("/big.html"), "", "more than the 33554432 bytes"},
      {"http://127.0.0.1:" + std::to_string(silent_port) + "/", ", \"timeout_seconds\": 1",
       "timed out"},
  };
  for (const Case& c : cases) {
    configure(c.path, c.extra);
    const FetchRun run = run_fetch(root_);
    EXPECT_EQ(run.exit_code, 4) << c.path;
    EXPECT_NE(run.err.find(c.reason), std::string::npos) << c.path << ": " << run.err;
    EXPECT_NE(run.err.find("warning: source url " + c.path), std::string::npos) << run.err;
    EXPECT_EQ(fetched_files(), 0u) << c.path;
  }
  ::close(silent);
}

}  // namespace
}  // namespace itkal

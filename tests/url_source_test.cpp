// Web-page sources against a real nginx started by the test in a temporary folder on a free
// loopback port, through the real itkal binary: 200, 304 on the next fetch, a changed page, a
// redirect, a redirect loop, 404, a server that never answers (timeout) and an oversized body.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "support/nginx_server.hpp"

namespace itkal {
namespace {

namespace fs = std::filesystem;

using testing::kNginx;
using testing::listen_socket;
using FetchRun = testing::ItkalRun;

FetchRun run_fetch(const fs::path& cwd) {
  return testing::run_itkal_in(cwd, {"fetch", "--config", "feeds/itkal.json"});
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
    nginx_ =
        std::make_unique<testing::NginxServer>(root_, "text/html html; text/plain txt;",
                                               "  location = /alt { return 301 /aktuell.html; }\n"
                                               "  location = /loop { return 302 /loop; }\n");
    ASSERT_TRUE(nginx_->started()) << nginx_->log();
  }
  void TearDown() override {
    nginx_.reset();
    if (!root_.empty()) fs::remove_all(root_);
  }

  void configure(const std::string& url, const std::string& extra = "") {
    std::ofstream(root_ / "feeds" / "itkal.json")
        << "{\"output\": \"public\", \"sources\": [{\"type\": \"url\", \"url\": \"" << url << "\""
        << extra << "}]}";
  }
  std::string page(const std::string& path) const { return nginx_->url(path); }
  std::size_t fetched_files() const {
    std::size_t count = 0;
    const fs::path folder = root_ / "feeds" / "public" / ".state" / "fetched";
    if (!fs::exists(folder)) return 0;
    for (const auto& item : fs::recursive_directory_iterator(folder))
      count += item.is_regular_file() ? 1 : 0;
    return count;
  }

  fs::path root_;
  std::unique_ptr<testing::NginxServer> nginx_;
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

// The index page in a real browser: Debian's chromium, headless, loads "/" from the in-process
// server; the test reads the DOM after the page's script ran and keeps a screenshot under the
// build folder (tests/browser/index-page.png) as an artifact.
#include <gtest/gtest.h>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/Thread.h>

#include <filesystem>
#include <random>
#include <regex>
#include <thread>

#include "feed_server_fixture.hpp"

namespace itkal {
namespace {

constexpr const char* kChromium = "/usr/bin/chromium";

struct BrowserRun {
  int exit_code = -1;
  std::string output;
  bool timed_out = false;
};

/// Runs chromium headless with a fresh profile; kills it after `seconds`.
BrowserRun run_chromium(const std::vector<std::string>& extra, int seconds = 90) {
  std::random_device random;
  const auto profile = std::filesystem::temp_directory_path() /
                       ("itkal-chromium-" + std::to_string(random()) + std::to_string(random()));
  std::filesystem::create_directories(profile);
  std::vector<std::string> args = {"--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--disable-quic",
                                   "--no-first-run",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--disable-dev-shm-usage",
                                   "--user-data-dir=" + profile.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  Poco::Pipe out;
  Poco::ProcessHandle handle = Poco::Process::launch(kChromium, args, nullptr, &out, nullptr);
  BrowserRun run;
  // Read while it runs, so that a full pipe cannot block it; a watchdog kills a hung browser.
  std::thread reader([&] {
    Poco::PipeInputStream stream(out);
    Poco::StreamCopier::copyToString(stream, run.output);
  });
  // tryWait, not isRunning: an exited child stays a zombie, which isRunning counts as running.
  for (int waited = 0; (run.exit_code = handle.tryWait()) == -1; waited += 100) {
    if (waited > seconds * 1000) {
      run.timed_out = true;
      Poco::Process::kill(handle);
      run.exit_code = handle.wait();
      break;
    }
    Poco::Thread::sleep(100);
  }
  out.close(Poco::Pipe::CLOSE_WRITE);
  reader.join();
  std::error_code ignored;
  std::filesystem::remove_all(profile, ignored);
  return run;
}

TEST(FeedServerBrowser, IndexPageRendersFeedsOrganizersAndSubscribeLinks) {
  if (!std::filesystem::exists(kChromium)) {
    GTEST_FAIL() << kChromium << " is missing: run scripts/install-deps.sh";
  }
  testing::TempBuild build(testing::fixture_sources());
  build.build();
  testing::TestServer server(build.config, [](FeedServerOptions& options) {
    options.today = [] { return boost::gregorian::date(2026, 5, 1); };
  });
  const std::string url = server.base_url() + "/";
  const std::string host = "127.0.0.1:" + std::to_string(server.port());

  const BrowserRun dom = run_chromium({"--dump-dom", url});
  ASSERT_FALSE(dom.timed_out) << dom.output;
  ASSERT_EQ(dom.exit_code, 0) << dom.output;
  const std::string& html = dom.output;
  // The feed list: the all-feed and the named feeds, each with its subscribe links.
  EXPECT_NE(html.find("<li class=\"feed\" data-file=\"calendar.ics\">"), std::string::npos) << html;
  EXPECT_NE(html.find("data-file=\"online.ics\""), std::string::npos);
  EXPECT_NE(html.find("data-file=\"nrw.ics\""), std::string::npos);
  EXPECT_NE(html.find("href=\"webcal://" + host + "/calendar.ics\""), std::string::npos);
  EXPECT_NE(
      html.find("href=\"https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2F127.0.0.1%3A" +
                std::to_string(server.port()) + "%2Fcalendar.ics\""),
      std::string::npos);
  EXPECT_NE(html.find("value=\"http://" + host + "/calendar.ics\""), std::string::npos);
  // An organizer line with its link and count.
  EXPECT_TRUE(std::regex_search(
      html,
      std::regex("<tr class=\"organizer\" data-file=\"organizers/kdo.ics\"><th scope=\"row\">KDO"
                 "</th><td class=\"count\">\\d+ Termine?</td>")))
      << html;
  EXPECT_NE(html.find("href=\"webcal://" + host + "/organizers/kdo.ics\""), std::string::npos);
  // The script ran: the copy buttons are shown.
  EXPECT_NE(html.find("class=\"copy\" data-for=\"feed-calendar\">Adresse kopieren</button>"),
            std::string::npos);
  EXPECT_EQ(html.find("data-for=\"feed-calendar\" hidden"), std::string::npos);
  EXPECT_NE(html.find("Abonnieren, nicht herunterladen"), std::string::npos);

  const auto artifacts = std::filesystem::current_path() / "browser";
  std::filesystem::create_directories(artifacts);
  const auto screenshot = artifacts / "index-page.png";
  std::filesystem::remove(screenshot);
  const BrowserRun shot = run_chromium(
      {"--hide-scrollbars", "--window-size=1280,2400", "--screenshot=" + screenshot.string(), url});
  ASSERT_FALSE(shot.timed_out) << shot.output;
  EXPECT_EQ(shot.exit_code, 0) << shot.output;
  ASSERT_TRUE(std::filesystem::exists(screenshot)) << shot.output;
  EXPECT_GT(std::filesystem::file_size(screenshot), 10000u);
  std::cout << "screenshot: " << screenshot.string() << "\n";
}

}  // namespace
}  // namespace itkal

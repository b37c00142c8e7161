// itkal build: files, determinism, unchanged files, failure keeps the previous output, keep-going,
// the lock, and atomic replacement under a concurrent reader.
#include "itkal/build/feed_builder.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "support/fixtures.hpp"

namespace itkal {
namespace {

namespace fs = std::filesystem;

class FeedBuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("itkal-build-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "inbox");
    config_ = load_config("");
    config_.inbox = (root_ / "inbox").string();
    config_.output = (root_ / "public").string();
    config_.organizers = std::string(ITKAL_SOURCE_DIR) + "/feeds/organizers.json";
    config_.uid_domain = "itkal.example";
    config_.named_feeds = {{"online", "Online-Termine", "online=1"}};
  }
  void TearDown() override { fs::remove_all(root_); }

  void add_issue(const std::string& name, const std::string& content) {
    std::ofstream(root_ / "inbox" / name, std::ios::binary) << content;
  }
  void add_example() {
    fs::copy_file(
        std::string(ITKAL_SOURCE_DIR) + "/feeds/inbox/kommunal-it-kalender-2026-04-15.txt",
        root_ / "inbox" / "kommunal-it-kalender-2026-04-15.txt");
  }
  std::map<std::string, std::string> output_files(const fs::path& folder) const {
    std::map<std::string, std::string> files;
    for (const auto& item : fs::recursive_directory_iterator(folder)) {
      const std::string relative = fs::relative(item.path(), folder).string();
      if (item.is_regular_file() && !relative.starts_with("."))
        files[relative] = testing::read_file(item.path());
    }
    return files;
  }

  fs::path root_;
  Config config_;
  /// A fixed build day: what the feed window keeps never depends on the clock.
  BuildOptions options_{.keep_going = false, .today = boost::gregorian::date(2026, 4, 16)};
};

const char* kSecondIssue =
    "15. Mai 2026\n\nTermine\n\n3.6., 10.00-12.00, Hannover: **Kommunalforum**, hannIT\n\n"
    "9.6.: **Webinar Barrierefreiheit**, KDO\n\nImpressum\n";

TEST_F(FeedBuilderTest, WritesEveryFeedAndTheManifest) {
  add_example();
  const BuildReport report = build_feeds(config_, options_);
  EXPECT_EQ(report.sources_read, 1u);
  EXPECT_GT(report.events, 10u);
  EXPECT_EQ(report.new_events, report.events);
  for (const char* file : {"calendar.ics", "events.json", "manifest.json", "organizers/kdo.ics",
                           "organizers/freie-hansestadt-bremen.ics", "online.ics"}) {
    EXPECT_TRUE(fs::exists(root_ / "public" / file)) << file;
  }
  const std::string calendar = testing::read_file(root_ / "public" / "calendar.ics");
  EXPECT_TRUE(calendar.starts_with("BEGIN:VCALENDAR\r\n"));
  EXPECT_TRUE(calendar.ends_with("END:VCALENDAR\r\n"));
  const std::string kdo = testing::read_file(root_ / "public" / "organizers" / "kdo.ics");
  EXPECT_NE(kdo.find("Management Kommunen"), std::string::npos);
  EXPECT_EQ(kdo.find("DMEA"), std::string::npos);
  EXPECT_NE(report.summary().find("sources read"), std::string::npos);
}

TEST_F(FeedBuilderTest, SameInputsGiveSameBytesAndUnchangedFilesAreNotRewritten) {
  add_example();
  build_feeds(config_, options_);
  const auto first = output_files(root_ / "public");
  const auto mtime = fs::last_write_time(root_ / "public" / "calendar.ics");
  const BuildReport again = build_feeds(config_, options_);
  EXPECT_EQ(again.feeds_written, 0u);
  EXPECT_EQ(fs::last_write_time(root_ / "public" / "calendar.ics"), mtime);
  Config elsewhere = config_;
  elsewhere.output = (root_ / "public2").string();
  build_feeds(elsewhere, options_);
  EXPECT_EQ(output_files(root_ / "public2"), first);
}

TEST_F(FeedBuilderTest, ABrokenSourceFailsTheBuildAndLeavesThePreviousFeeds) {
  add_example();
  build_feeds(config_, options_);
  const auto before = output_files(root_ / "public");
  add_issue("kaputt.txt", "Kein Kalender hier.\n");
  try {
    build_feeds(config_, options_);
    FAIL() << "the build should fail";
  } catch (const BuildError& error) {
    EXPECT_NE(std::string(error.what()).find("kaputt.txt"), std::string::npos) << error.what();
  }
  EXPECT_EQ(output_files(root_ / "public"), before);
}

TEST_F(FeedBuilderTest, KeepGoingSkipsTheBrokenSourceAndKeepsItsLastGoodReading) {
  add_example();
  add_issue("mai.txt", kSecondIssue);
  const BuildReport good = build_feeds(config_, options_);
  add_issue("mai.txt", std::string("\0\1\2 binary", 10));  // the same file, now unreadable
  BuildOptions options = options_;
  options.keep_going = true;
  const BuildReport report = build_feeds(config_, options);
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_NE(report.skipped.front().find("mai.txt"), std::string::npos);
  EXPECT_NE(report.skipped.front().find("last good reading"), std::string::npos);
  EXPECT_EQ(report.events, good.events);
  EXPECT_NE(testing::read_file(root_ / "public" / "calendar.ics").find("Kommunalforum"),
            std::string::npos);
}

TEST_F(FeedBuilderTest, ASecondBuildWhileOneRunsStopsAtOnce) {
  add_example();
  fs::create_directories(root_ / "public");
  const int fd = ::open((root_ / "public" / ".itkal.lock").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  EXPECT_THROW(build_feeds(config_, options_), BuildLockedError);
  ::close(fd);
  EXPECT_NO_THROW(build_feeds(config_, options_));
}

TEST_F(FeedBuilderTest, AReaderNeverSeesAPartialFeed) {
  add_example();
  build_feeds(config_, options_);
  std::atomic<bool> done{false};
  std::atomic<int> reads{0};
  std::atomic<int> torn{0};
  std::thread reader([&] {
    while (!done) {
      const std::string bytes = testing::read_file(root_ / "public" / "calendar.ics");
      if (!bytes.starts_with("BEGIN:VCALENDAR\r\n") || !bytes.ends_with("END:VCALENDAR\r\n"))
        ++torn;
      ++reads;
    }
  });
  for (int i = 0; i < 20; ++i) {
    // Alternate between two inboxes so that every build rewrites the feed.
    if (i % 2 == 0) {
      add_issue("mai.txt", kSecondIssue);
    } else {
      fs::remove(root_ / "inbox" / "mai.txt");
    }
    build_feeds(config_, options_);
  }
  done = true;
  reader.join();
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(torn.load(), 0);
}

TEST_F(FeedBuilderTest, AnInboxThatIsNotAFolderIsAClearError) {
  config_.inbox = (root_ / "missing").string();
  try {
    build_feeds(config_, options_);
    FAIL();
  } catch (const BuildError& error) {
    EXPECT_NE(std::string(error.what()).find("missing"), std::string::npos);
  }
}

// --- feed window ---------------------------------------------------------------------------

TEST_F(FeedBuilderTest, TheWindowDropsPastEventsFromTheFeedsOnly) {
  add_example();
  add_issue("mai.txt", kSecondIssue);
  options_.today = boost::gregorian::date(2027, 5, 20);  // 365 days back: 2026-05-20
  const BuildReport report = build_feeds(config_, options_);
  const std::string calendar = testing::read_file(root_ / "public" / "calendar.ics");
  // Ended before 2026-05-20: left out; 3.6. and later: kept.
  EXPECT_EQ(calendar.find("DMEA 2026"), std::string::npos);
  EXPECT_NE(calendar.find("Kommunalforum"), std::string::npos);
  EXPECT_NE(calendar.find("Kommunaler IT-Sicherheitskongress"), std::string::npos);
  // events.json keeps everything, so an event never comes back with a new UID.
  const std::string events = testing::read_file(root_ / "public" / "events.json");
  EXPECT_NE(events.find("DMEA 2026"), std::string::npos);
  EXPECT_GT(report.events_before_window, 5u);
  EXPECT_NE(report.summary().find("past events left out"), std::string::npos);
  EXPECT_NE(testing::read_file(root_ / "public" / "manifest.json")
                .find("\"feed_window_start\": \"2026-05-20\""),
            std::string::npos);

  config_.feed_past_days = 0;  // keep everything
  const BuildReport all = build_feeds(config_, options_);
  EXPECT_EQ(all.events_before_window, 0u);
  EXPECT_NE(testing::read_file(root_ / "public" / "calendar.ics").find("DMEA 2026"),
            std::string::npos);
  EXPECT_EQ(testing::read_file(root_ / "public" / "manifest.json").find("feed_window_start"),
            std::string::npos);
}

// --- corrections ---------------------------------------------------------------------------

/// The id events.json gives the event whose title contains `title`.
std::string event_id(const fs::path& events_json, const std::string& title) {
  const std::string events = testing::read_file(events_json);
  const auto at = events.find(title);
  const auto id = events.rfind("\"id\": \"", at);
  if (at == std::string::npos || id == std::string::npos) return {};
  const auto start = id + 7;
  return events.substr(start, events.find('"', start) - start);
}

TEST_F(FeedBuilderTest, CorrectionsSetHideAndAddInEveryFeedAndEventsJson) {
  add_example();
  build_feeds(config_, options_);
  const fs::path events_json = root_ / "public" / "events.json";
  const std::string dmea = event_id(events_json, "DMEA 2026");
  const std::string kisa = event_id(events_json, "KISA-Digitaltag");
  ASSERT_FALSE(dmea.empty());
  ASSERT_FALSE(kisa.empty());
  config_.corrections = (root_ / "corrections.json").string();
  std::ofstream(config_.corrections)
      << "[\n"
         "  {\"event\": \"" +
             dmea +
             "\", \"set\": {\"title\": \"DMEA 2026 (Messe Berlin)\",\n"
             "   \"occurrences\": [{\"start_date\": \"2026-04-21\", \"end_date\": "
             "\"2026-04-24\"}]},\n"
             "   \"reason\": \"vier Tage laut Veranstalter\"},\n"
             "  {\"event\": \"" +
             kisa +
             "\", \"hide\": true, \"reason\": \"intern\"},\n"
             "  {\"add\": {\"id\": \"sommerfest-2026\", \"title\": \"Sommerfest\",\n"
             "   \"occurrences\": [{\"start_date\": \"2026-07-03\", \"end_date\": \"2026-07-03\",\n"
             "   \"start_time\": \"18:00\", \"end_time\": null}], \"organizers\": [\"KDO\"]}},\n"
             "  {\"event\": \"0000000000000000\", \"hide\": true}\n"
             "]\n";
  const BuildReport report = build_feeds(config_, options_);
  EXPECT_EQ(report.corrections_applied.size(), 3u);
  ASSERT_EQ(report.corrections_unmatched.size(), 1u);
  EXPECT_NE(report.corrections_unmatched[0].find("0000000000000000"), std::string::npos);
  EXPECT_NE(report.summary().find("3 corrections applied"), std::string::npos);

  const std::string calendar = testing::read_file(root_ / "public" / "calendar.ics");
  const auto vevent = calendar.find("UID:" + dmea + "@");
  ASSERT_NE(vevent, std::string::npos) << "the UID stays";
  const std::string dmea_text =
      calendar.substr(vevent, calendar.find("END:VEVENT", vevent) - vevent);
  EXPECT_NE(dmea_text.find("SUMMARY:DMEA 2026 (Messe Berlin)"), std::string::npos) << dmea_text;
  EXPECT_NE(dmea_text.find("DTEND;VALUE=DATE:20260425"), std::string::npos) << dmea_text;
  EXPECT_NE(dmea_text.find("SEQUENCE:1"), std::string::npos) << dmea_text;
  EXPECT_EQ(calendar.find("KISA-Digitaltag"), std::string::npos);
  EXPECT_NE(calendar.find("UID:sommerfest-2026@itkal.example"), std::string::npos);
  EXPECT_NE(testing::read_file(root_ / "public" / "organizers" / "kdo.ics").find("Sommerfest"),
            std::string::npos);
  const std::string events = testing::read_file(events_json);
  EXPECT_NE(events.find("DMEA 2026 (Messe Berlin)"), std::string::npos);
  EXPECT_EQ(events.find("KISA-Digitaltag"), std::string::npos);

  // Built again: the sequence is raised once, not once per build.
  build_feeds(config_, options_);
  EXPECT_EQ(testing::read_file(root_ / "public" / "calendar.ics"), calendar);
}

TEST_F(FeedBuilderTest, AMalformedCorrectionsFileStopsTheBuildAndKeepsTheFeeds) {
  add_example();
  build_feeds(config_, options_);
  const auto before = output_files(root_ / "public");
  config_.corrections = (root_ / "corrections.json").string();
  std::ofstream(config_.corrections) << "[\n  {\"event\": \"x\", \"hide\": true,,\n]\n";
  try {
    build_feeds(config_, options_);
    FAIL() << "the build should fail";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("corrections.json:2:"), std::string::npos)
        << error.what();
  }
  EXPECT_EQ(output_files(root_ / "public"), before);
}

// --- review report -------------------------------------------------------------------------

TEST_F(FeedBuilderTest, TheReviewReportListsWhatToCheckAndMarksNewItems) {
  add_example();
  const BuildReport first = build_feeds(config_, options_);
  EXPECT_TRUE(fs::exists(root_ / "public" / "review.html"));
  const std::string manifest = testing::read_file(root_ / "public" / "manifest.json");
  EXPECT_EQ(manifest.find("review"), std::string::npos) << "never served";
  EXPECT_EQ(first.new_review_items, first.review_items);
  const BuildReport again = build_feeds(config_, options_);
  EXPECT_EQ(again.new_review_items, 0u);
  EXPECT_EQ(again.review_items, first.review_items);

  add_issue("dezember-2026-12-02.txt",
            "2. Dezember 2026\n\nTermine\n\n13.1.: **Neujahrsempfang**\n\n"
            "31.4.: **Unmöglich**\n\nHerbst 2027: **Zukunftskongress**\n");
  const BuildReport third = build_feeds(config_, options_);
  EXPECT_EQ(third.new_review_items, 3u);
  const std::string review = testing::read_file(root_ / "public" / "review.json");
  for (const char* text : {"\"kind\": \"year_across_boundary\"", "13.1.: Neujahrsempfang",
                           "\"kind\": \"warning\"", "31.4.", "\"kind\": \"undated\"",
                           "\"source\": \"dezember-2026-12-02.txt\"", "\"new\": true"}) {
    EXPECT_NE(review.find(text), std::string::npos) << text << "\n" << review;
  }
  EXPECT_NE(testing::read_file(root_ / "public" / "review.html").find("Neujahrsempfang"),
            std::string::npos);
}

}  // namespace
}  // namespace itkal

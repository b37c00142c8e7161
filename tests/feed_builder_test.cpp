// itkal build: files, determinism, unchanged files, failure keeps the previous output, keep-going,
// the lock, and atomic replacement under a concurrent reader.
#include "itkal/feed_builder.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

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
};

const char* kSecondIssue =
    "15. Mai 2026\n\nTermine\n\n3.6., 10.00-12.00, Hannover: **Kommunalforum**, hannIT\n\n"
    "9.6.: **Webinar Barrierefreiheit**, KDO\n\nImpressum\n";

TEST_F(FeedBuilderTest, WritesEveryFeedAndTheManifest) {
  add_example();
  const BuildReport report = build_feeds(config_);
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
  build_feeds(config_);
  const auto first = output_files(root_ / "public");
  const auto mtime = fs::last_write_time(root_ / "public" / "calendar.ics");
  const BuildReport again = build_feeds(config_);
  EXPECT_EQ(again.feeds_written, 0u);
  EXPECT_EQ(fs::last_write_time(root_ / "public" / "calendar.ics"), mtime);
  Config elsewhere = config_;
  elsewhere.output = (root_ / "public2").string();
  build_feeds(elsewhere);
  EXPECT_EQ(output_files(root_ / "public2"), first);
}

TEST_F(FeedBuilderTest, ABrokenSourceFailsTheBuildAndLeavesThePreviousFeeds) {
  add_example();
  build_feeds(config_);
  const auto before = output_files(root_ / "public");
  add_issue("kaputt.txt", "Kein Kalender hier.\n");
  try {
    build_feeds(config_);
    FAIL() << "the build should fail";
  } catch (const BuildError& error) {
    EXPECT_NE(std::string(error.what()).find("kaputt.txt"), std::string::npos) << error.what();
  }
  EXPECT_EQ(output_files(root_ / "public"), before);
}

TEST_F(FeedBuilderTest, KeepGoingSkipsTheBrokenSourceAndKeepsItsLastGoodReading) {
  add_example();
  add_issue("mai.txt", kSecondIssue);
  const BuildReport good = build_feeds(config_);
  add_issue("mai.txt", std::string("\0\1\2 binary", 10));  // the same file, now unreadable
  BuildOptions options;
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
  EXPECT_THROW(build_feeds(config_), BuildLockedError);
  ::close(fd);
  EXPECT_NO_THROW(build_feeds(config_));
}

TEST_F(FeedBuilderTest, AReaderNeverSeesAPartialFeed) {
  add_example();
  build_feeds(config_);
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
    build_feeds(config_);
  }
  done = true;
  reader.join();
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(torn.load(), 0);
}

TEST_F(FeedBuilderTest, AnInboxThatIsNotAFolderIsAClearError) {
  config_.inbox = (root_ / "missing").string();
  try {
    build_feeds(config_);
    FAIL();
  } catch (const BuildError& error) {
    EXPECT_NE(std::string(error.what()).find("missing"), std::string::npos);
  }
}

}  // namespace
}  // namespace itkal

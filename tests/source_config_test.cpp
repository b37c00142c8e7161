// `sources` in feeds/itkal.json: types, relative paths, refused passwords and URLs, the old
// `inbox` key as a folder source, and the folders a build reads.
#include "itkal/config/source_config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "itkal/build/feed_builder.hpp"
#include "itkal/config/config.hpp"
#include "itkal/fetch/source_store.hpp"

namespace itkal {
namespace {

namespace fs = std::filesystem;

class SourceConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("itkal-sources-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "inbox");
  }
  void TearDown() override { fs::remove_all(root_); }

  Config load(const std::string& json) {
    std::ofstream(root_ / "itkal.json") << json;
    return load_config((root_ / "itkal.json").string());
  }
  std::string error_of(const std::string& json) {
    try {
      load(json);
    } catch (const std::runtime_error& error) {
      return error.what();
    }
    return "no error";
  }

  fs::path root_;
};

TEST_F(SourceConfigTest, ReadsEveryTypeWithPathsRelativeToTheFile) {
  const Config config = load(R"({"inbox": "inbox", "sources": [
    {"type": "folder", "path": "more"},
    {"type": "imap", "url": "imaps://mail.example.org/INBOX", "user": "kalender",
     "password_file": "imap.pass", "from": "newsletter@vitako.de", "subject": "VITAKO aktuell",
     "ca_file": "ca.pem"},
    {"type": "pop3", "url": "pop3s://mail.example.org", "user": "kalender", "password_env": "P",
     "tls_verify": false, "timeout_seconds": 5}]})");
  ASSERT_EQ(config.sources.size(), 4u);
  EXPECT_EQ(config.sources[0].type, SourceType::folder);
  EXPECT_EQ(config.sources[0].path, (root_ / "inbox").string());
  EXPECT_EQ(config.sources[1].path, (root_ / "more").string());
  EXPECT_EQ(config.sources[2].type, SourceType::imap);
  EXPECT_EQ(config.sources[2].password_file, (root_ / "imap.pass").string());
  EXPECT_EQ(config.sources[2].ca_file, (root_ / "ca.pem").string());
  EXPECT_EQ(config.sources[2].subject, "VITAKO aktuell");
  EXPECT_TRUE(config.sources[2].tls_verify);
  EXPECT_EQ(config.sources[3].password_env, "P");
  EXPECT_FALSE(config.sources[3].tls_verify);
  EXPECT_EQ(config.sources[3].timeout_seconds, 5);
  EXPECT_EQ(config.sources[3].connect_timeout_seconds, 10);
  EXPECT_EQ(config.sources[2].label(), "imap imaps://mail.example.org/INBOX (kalender)");
  EXPECT_TRUE(config.sources[2].key().starts_with("imap-"));
  EXPECT_NE(config.sources[2].key(), config.sources[3].key());
}

TEST_F(SourceConfigTest, RefusesWhatCannotWork) {
  struct Case {
    const char* json;
    const char* message;
  };
  const Case cases[] = {
      {R"({"sources": [{"type": "ftp", "url": "ftp://x"}]})", "is not one of folder"},
      {R"({"sources": [{"type": "imap", "url": "http://x", "user": "u"}]})", "does not fit type"},
      {R"({"sources": [{"type": "imap", "url": "imap://x", "user": "u", "password": "p"}]})",
       "'password' is not read from the configuration"},
      {R"({"sources": [{"type": "folder"}]})", "needs 'path'"},
      {R"({"sources": [{"type": "pop3", "url": "pop3://x", "timeout_seconds": 0}]})",
       "timeouts must be"},
  };
  for (const Case& c : cases) {
    const std::string error = error_of(c.json);
    EXPECT_NE(error.find(c.message), std::string::npos) << c.json << " → " << error;
    EXPECT_NE(error.find("itkal.json"), std::string::npos) << error;
  }
}

TEST_F(SourceConfigTest, TheFoldersABuildReads) {
  fs::create_directories(root_ / "more");
  Config legacy = load(R"({"inbox": "inbox"})");
  EXPECT_TRUE(legacy.sources.empty());
  EXPECT_EQ(issue_folders(legacy), std::vector<std::string>{(root_ / "inbox").string()});

  Config both = load(R"({"inbox": "inbox", "sources": [{"type": "folder", "path": "more"}]})");
  EXPECT_EQ(issue_folders(both),
            (std::vector<std::string>{(root_ / "inbox").string(), (root_ / "more").string()}));
  override_inbox(both, (root_ / "more").string());
  EXPECT_EQ(issue_folders(both), std::vector<std::string>{(root_ / "more").string()});

  Config missing = load(R"({"sources": [{"type": "folder", "path": "nowhere"}]})");
  EXPECT_THROW(issue_folders(missing), SourceFolderError);

  // Only a mailbox: no folder is required (the default inbox is read only where it exists), the
  // mailbox's fetched files are read.
  fs::remove(root_ / "inbox");
  Config mailbox = load(R"({"output": "public", "sources": [
    {"type": "pop3", "url": "pop3://127.0.0.1:1", "user": "u", "password_env": "P"}]})");
  EXPECT_TRUE(issue_folders(mailbox).empty());
  SourceStore store(mailbox.output, mailbox.sources[0]);
  EXPECT_TRUE(store.add("From: a@b\r\n\r\nx\r\n", "eml"));
  EXPECT_FALSE(store.add("From: a@b\r\n\r\nx\r\n", "eml"));
  EXPECT_EQ(issue_folders(mailbox), std::vector<std::string>{store.folder()});
}

}  // namespace
}  // namespace itkal

// StagedFiles: nothing replaced before commit, everything after; unchanged files are not staged;
// an uncommitted batch leaves the old files and no temporary file. file_holds compares exactly.
#include "itkal/text/staged_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "itkal/text/file_io.hpp"

namespace itkal {
namespace {

namespace fs = std::filesystem;

class StagedFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("itkal-staged-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  [[nodiscard]] std::string path(const std::string& name) const { return (dir_ / name).string(); }
  [[nodiscard]] std::string content(const std::string& name) const {
    return read_whole_file(path(name)).value_or("<missing>");
  }
  [[nodiscard]] std::size_t files_in(const fs::path& folder) const {
    std::size_t count = 0;
    for (const auto& item : fs::recursive_directory_iterator(folder))
      count += item.is_regular_file();
    return count;
  }
  fs::path dir_;
};

TEST_F(StagedFilesTest, TargetsChangeOnlyAtCommit) {
  write_file_atomically(path("a.ics"), "old a");
  StagedFiles staged;
  EXPECT_TRUE(staged.stage(path("a.ics"), "new a"));
  EXPECT_TRUE(staged.stage(path("sub/b.ics"), "new b"));
  EXPECT_EQ(content("a.ics"), "old a");
  EXPECT_EQ(content("sub/b.ics"), "<missing>");
  staged.commit();
  EXPECT_EQ(content("a.ics"), "new a");
  EXPECT_EQ(content("sub/b.ics"), "new b");
  EXPECT_EQ(files_in(dir_), 2u);  // no temporary file left
}

TEST_F(StagedFilesTest, UnchangedBytesAreNotStaged) {
  write_file_atomically(path("a.ics"), "same");
  const auto before = fs::last_write_time(path("a.ics"));
  StagedFiles staged;
  EXPECT_FALSE(staged.stage(path("a.ics"), "same"));
  staged.commit();
  EXPECT_EQ(fs::last_write_time(path("a.ics")), before);
}

TEST_F(StagedFilesTest, WithoutCommitNothingChangesAndNoTemporaryRemains) {
  write_file_atomically(path("a.ics"), "old a");
  {
    StagedFiles staged(false);
    EXPECT_TRUE(staged.stage(path("a.ics"), "new a"));
    EXPECT_TRUE(staged.stage(path("b.ics"), "new b"));
  }
  EXPECT_EQ(content("a.ics"), "old a");
  EXPECT_EQ(content("b.ics"), "<missing>");
  EXPECT_EQ(files_in(dir_), 1u);
}

TEST_F(StagedFilesTest, AFileWrittenInPiecesIsComparedOnceWritten) {
  write_file_atomically(path("events.json"), "same bytes");
  const auto in_pieces = [](std::string text) {
    return [text](std::ostream& out) {
      for (const char c : text) out << c;
    };
  };
  StagedFiles staged;
  EXPECT_FALSE(staged.stage(path("events.json"), in_pieces("same bytes")));
  EXPECT_EQ(files_in(dir_), 1u);  // the temporary file is gone again
  EXPECT_TRUE(staged.stage(path("other.json"), in_pieces("new")));
  EXPECT_TRUE(files_equal(path("events.json"), path("events.json")));
  EXPECT_FALSE(files_equal(path("events.json"), path("missing")));
  EXPECT_EQ(content("other.json"), "<missing>");
  staged.commit();
  EXPECT_EQ(content("other.json"), "new");
  EXPECT_EQ(content("events.json"), "same bytes");
}

TEST_F(StagedFilesTest, AWriterThatThrowsLeavesNoTemporaryFile) {
  StagedFiles staged;
  EXPECT_THROW(staged.stage(path("broken.json"),
                            [](std::ostream& out) {
                              out << "half";
                              throw std::runtime_error("failed half-way");
                            }),
               std::runtime_error);
  EXPECT_EQ(files_in(dir_), 0u);
}

TEST_F(StagedFilesTest, FileHoldsComparesEveryByte) {
  // Larger than one comparison piece (64 KB), differing only in the last byte.
  std::string bytes(200 * 1024, 'x');
  write_file_atomically(path("big"), bytes);
  EXPECT_TRUE(file_holds(path("big"), bytes));
  std::string last_differs = bytes;
  last_differs.back() = 'y';
  EXPECT_FALSE(file_holds(path("big"), last_differs));
  EXPECT_FALSE(file_holds(path("big"), bytes.substr(1)));
  EXPECT_FALSE(file_holds(path("big"), bytes + "x"));
  EXPECT_FALSE(file_holds(path("missing"), ""));
  write_file_atomically(path("empty"), "");
  EXPECT_TRUE(file_holds(path("empty"), ""));
}

}  // namespace
}  // namespace itkal

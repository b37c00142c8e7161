// read_newsletter_file: the bytes of a file, read without a zero-filled buffer and kept once by
// the text its lines point into; a file that cannot be a newsletter is named (the path, or the
// file name once it was read) with what is wrong.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "itkal/read/newsletter_reader.hpp"

namespace itkal {
namespace {

namespace fs = std::filesystem;

class NewsletterFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("itkal-newsletter-file-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }
  fs::path dir_;
};

std::vector<std::string> texts(const NewsletterText& text) {
  std::vector<std::string> lines;
  for (const auto& line : text.lines) lines.emplace_back(line.text);
  return lines;
}

TEST_F(NewsletterFile, ReadsEveryByteAndKeepsThemAsLongAsACopyLives) {
  const std::string path = write("issue.txt", "\xEF\xBB\xBF# Ausgabe\r\n\n11.6.: **Workshop**");
  std::optional<NewsletterText> text = read_newsletter_file(path);
  EXPECT_EQ(text->source, "issue.txt");
  EXPECT_EQ(texts(*text), (std::vector<std::string>{"Ausgabe", "", "11.6.: **Workshop**"}));
  EXPECT_TRUE(text->lines.front().heading);
  const NewsletterText copy = *text;
  text.reset();  // the copy's lines still point into bytes it keeps
  EXPECT_EQ(texts(copy), (std::vector<std::string>{"Ausgabe", "", "11.6.: **Workshop**"}));
}

TEST_F(NewsletterFile, ReadsAnEmptyFileAndWindows1252) {
  EXPECT_EQ(texts(read_newsletter_file(write("empty.txt", ""))), std::vector<std::string>{""});
  const NewsletterText text = read_newsletter_file(write("cp1252.txt",
                                                         "Gr\xFC\xDF"
                                                         "e"));
  EXPECT_EQ(texts(text), std::vector<std::string>{"Grüße"});
  ASSERT_EQ(text.warnings.size(), 1u);
}

TEST_F(NewsletterFile, NamesWhatIsWrongWithAFileThatIsNoNewsletter) {
  struct Case {
    std::string path;
    std::string message;
  };
  fs::create_directories(dir_ / "a-directory");
  const std::vector<Case> cases = {
      {(dir_ / "a-directory").string(), "not a regular file"},
      {(dir_ / "missing.txt").string(), "no such file or not readable"},
      {write("binary.txt", std::string("Ausgabe\0\0\0", 10)), "binary content"},
  };
  for (const Case& c : cases) {
    try {
      read_newsletter_file(c.path);
      ADD_FAILURE() << c.path << " was read";
    } catch (const SourceError& error) {
      EXPECT_NE(std::string(error.what()).find(c.message), std::string::npos) << error.what();
      const std::string name = fs::path(c.path).filename().string();
      EXPECT_NE(std::string(error.what()).find("'"), std::string::npos) << error.what();
      EXPECT_NE(std::string(error.what()).find(name), std::string::npos) << error.what();
    }
  }
}

}  // namespace
}  // namespace itkal

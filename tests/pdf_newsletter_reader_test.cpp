// PDF newsletters: the example text issue set as a PDF by the test itself reads and extracts
// exactly as the text issue does; damaged, foreign and text-less PDFs are errors naming the file.
#include "itkal/read/pdf_newsletter_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/read/mail_newsletter_reader.hpp"
#include "itkal/read/newsletter_reader.hpp"
#include "support/fixtures.hpp"
#include "support/itkal_run.hpp"
#include "support/minimal_pdf.hpp"
#include "support/pdf_mail.hpp"

namespace itkal {
namespace {

const std::string kIssue = "kommunal-it-kalender-2026-04-15";

std::string issue_dir() { return std::string(ITKAL_SOURCE_DIR) + "/tests/data/issues"; }

std::string issue_text() { return testing::read_file(issue_dir() + "/" + kIssue + ".txt"); }

std::string joined_lines(const NewsletterText& text) {
  std::string joined;
  for (const auto& line : text.lines) (joined += line.text) += "\n";
  return joined;
}

/// The error message read_pdf_newsletter throws for `bytes`, or "no error".
std::string pdf_error(const std::string& source, const std::string& bytes) {
  try {
    read_pdf_newsletter(source, bytes);
  } catch (const SourceError& error) {
    return error.what();
  }
  return "no error";
}

TEST(PdfNewsletterReader, TextIssueSetAsPdfExtractsLikeTheTextIssue) {
  // The CreationDate (Christmas 2025) is when the file was made, not the issue date.
  const std::string pdf =
      testing::minimal_pdf(testing::paged(issue_text()), "", "D:20251224120000+01'00'");
  const std::string source = kIssue + ".pdf";
  const NewsletterText text = read_newsletter(source, pdf);
  EXPECT_TRUE(text.warnings.empty());
  // Line for line the text issue: bold runs as "**…**", blank lines where the gaps are.
  std::string expected_lines = issue_text();
  while (expected_lines.ends_with("\n\n")) expected_lines.pop_back();
  EXPECT_EQ(joined_lines(text), expected_lines);

  const Extraction extraction = extract_calendar(text, testing::project_directory());
  EXPECT_EQ(extraction.source, source);
  EXPECT_TRUE(extraction.warnings.empty()) << extraction_to_json(extraction);
  testing::expect_matches_expected(extraction, issue_dir() + "/expected/" + kIssue + ".json");
}

TEST(PdfNewsletterReader, RunningFootersAreDroppedAndPagesJoin) {
  // Two pages split at a blank line, each with a footer that must not end up in an entry.
  const std::string text = issue_text();
  const std::size_t split = text.find("\n\n6.5.");
  ASSERT_NE(split, std::string::npos);
  std::vector<testing::PdfPage> pages = testing::paged(text.substr(0, split + 1));
  pages.push_back(testing::paged(text.substr(split + 2)).front());
  const std::string pdf = testing::minimal_pdf(pages, "Kommunal-IT Rundbrief, Seite {page} von 2");
  const NewsletterText read = read_newsletter(kIssue + ".pdf", pdf);
  // (The issue's own text says "Seiten", so the footer is looked for whole.)
  EXPECT_EQ(joined_lines(read).find("Seite 1 von 2"), std::string::npos) << joined_lines(read);
  EXPECT_EQ(joined_lines(read).find("Seite 2 von 2"), std::string::npos) << joined_lines(read);
  const Extraction extraction = extract_calendar(read, testing::project_directory());
  testing::expect_matches_expected(extraction, issue_dir() + "/expected/" + kIssue + ".json");
}

TEST(PdfNewsletterReader, FileNamedPdfIsReadAsPdfFromAFolder) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("itkal-pdf-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / (kIssue + ".pdf")).string();
  std::ofstream(path, std::ios::binary) << testing::minimal_pdf(testing::paged(issue_text()));
  const NewsletterText text = read_newsletter_file(path);
  std::filesystem::remove_all(dir);
  const Extraction extraction = extract_calendar(text, testing::project_directory());
  EXPECT_EQ(extraction.source, kIssue + ".pdf");
  testing::expect_matches_expected(extraction, issue_dir() + "/expected/" + kIssue + ".json");
}

TEST(PdfNewsletterReader, WithoutTheSupportModulePdfsAreErrorsNamingItAndTextIsRead) {
  // Poppler is loaded only for a PDF: a folder without the module still reads text issues.
  const auto dir = std::filesystem::temp_directory_path() /
                   ("itkal-pdf-module-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / (kIssue + ".pdf"), std::ios::binary)
      << testing::minimal_pdf(testing::paged(issue_text()));
  std::ofstream(dir / (kIssue + ".txt"), std::ios::binary) << issue_text();
  const std::string module_dir = std::getenv("ITKAL_MODULE_DIR");
  ::setenv("ITKAL_MODULE_DIR", dir.c_str(), 1);
  const testing::ItkalRun pdf = testing::run_itkal_in(dir, {"extract", kIssue + ".pdf"});
  const testing::ItkalRun text = testing::run_itkal_in(dir, {"extract", kIssue + ".txt"});
  ::setenv("ITKAL_MODULE_DIR", module_dir.c_str(), 1);
  std::filesystem::remove_all(dir);
  EXPECT_NE(pdf.exit_code, 0);
  EXPECT_NE(pdf.err.find("cannot read '" + kIssue + ".pdf': PDF support module " +
                         (dir / "itkal-pdf.so").string() + " not found"),
            std::string::npos)
      << pdf.err;
  EXPECT_EQ(text.exit_code, 0) << text.err;
}

TEST(PdfNewsletterReader, DetectsPdfByHeaderOrName) {
  EXPECT_EQ(detect_form("%PDF-1.7\n...", "issue"), SourceForm::pdf);
  EXPECT_EQ(detect_form("\n\n%PDF-1.4\n", "issue.bin"), SourceForm::pdf);  // leading junk
  EXPECT_EQ(detect_form("Hallo", "issue.pdf"), SourceForm::pdf);
  EXPECT_EQ(detect_form("Hallo", "issue.txt"), SourceForm::text);
}

TEST(PdfNewsletterReader, BrokenPdfsAreErrorsNamingTheFile) {
  const std::string good = testing::minimal_pdf(testing::paged(issue_text()));
  struct Case {
    std::string name;
    std::string bytes;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"not a PDF, named .pdf", "Kommunal-IT Rundbrief\n",
       "cannot read 'x.pdf': not a PDF (no %PDF- header)"},
      {"header only", "%PDF-1.4\n", "cannot read 'x.pdf': a damaged or truncated PDF"},
      {"garbage after the header", "%PDF-1.4\n" + std::string(2000, '\x7f'),
       "cannot read 'x.pdf': a damaged or truncated PDF"},
      {"a page without text", testing::minimal_pdf({testing::PdfPage{}}),
       "cannot read 'x.pdf': no text in its 1 page (a scanned image? itkal reads text, not "
       "pictures)"},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    EXPECT_TRUE(pdf_error("x.pdf", test.bytes).starts_with(test.message))
        << pdf_error("x.pdf", test.bytes);
    EXPECT_THROW(read_newsletter("x.pdf", test.bytes), SourceError);
  }
  // Cut anywhere: an error naming the file or whatever text is left, never a crash.
  for (std::size_t length = 0; length < good.size(); length += 97) {
    const std::string message = pdf_error("cut.pdf", good.substr(0, length));
    EXPECT_TRUE(message == "no error" || message.starts_with("cannot read 'cut.pdf': "))
        << length << ": " << message;
  }
}

TEST(PdfNewsletterReader, PdfAttachedToAMailIsRead) {
  const std::string pdf = testing::minimal_pdf(testing::paged(issue_text()));
  for (const std::string type :
       {"application/pdf", "application/octet-stream; name=\"rundbrief-april.pdf\""}) {
    SCOPED_TRACE(type);
    const NewsletterText text = read_newsletter("april.eml", testing::mail_with_pdf(pdf, type));
    EXPECT_TRUE(text.warnings.empty());
    // The cover note, then the PDF's lines.
    EXPECT_TRUE(
        joined_lines(text).starts_with("Guten Tag,\nanbei der neue Rundbrief.\n\n"
                                       "Kommunal-IT Rundbrief\n"))
        << joined_lines(text);
    const Extraction extraction = extract_calendar(text, testing::project_directory());
    EXPECT_EQ(extraction.issue_date, boost::gregorian::date(2026, 4, 15));
    EXPECT_EQ(extraction.entries.size(), 17u) << extraction_to_json(extraction);
  }
}

TEST(PdfNewsletterReader, BrokenPdfAttachmentIsNamed) {
  const std::string mail = testing::mail_with_pdf("%PDF-1.4\nkaputt", "application/pdf");
  // The cover note is read; the attachment is a warning naming mail and file.
  const NewsletterText text = read_mail_newsletter("april.eml", mail);
  ASSERT_EQ(text.warnings.size(), 1u);
  EXPECT_TRUE(text.warnings[0].message.starts_with(
      "cannot read 'april.eml (rundbrief-april.pdf)': a damaged or truncated PDF"))
      << text.warnings[0].message;
}

}  // namespace
}  // namespace itkal

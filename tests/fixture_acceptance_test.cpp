// Acceptance: the shared newsletter issues extract to their expected/*.json exactly.
#include <gtest/gtest.h>

#include "itkal/calendar_extractor.hpp"
#include "itkal/newsletter_reader.hpp"
#include "support/fixtures.hpp"

namespace itkal {
namespace {

using testing::expect_matches_expected;
using testing::newsletters_dir;

void check_issue(const std::string& file, const std::string& expected) {
  const OrganizerDirectory directory = testing::project_directory();
  const NewsletterText text = read_newsletter_file(newsletters_dir() + "/" + file);
  const Extraction extraction = extract_calendar(text, directory);
  EXPECT_EQ(extraction.source, file);
  EXPECT_TRUE(extraction.warnings.empty()) << extraction_to_json(extraction);
  expect_matches_expected(extraction, newsletters_dir() + "/expected/" + expected);
}

TEST(FixtureAcceptance, AprilTextIssue) {
  ITKAL_REQUIRE_SHARED();
  check_issue("vitako-aktuell-2026-04-15.txt", "vitako-aktuell-2026-04-15.json");
}

TEST(FixtureAcceptance, MayHtmlIssue) {
  ITKAL_REQUIRE_SHARED();
  check_issue("vitako-aktuell-2026-05-13.html", "vitako-aktuell-2026-05-13.json");
}

TEST(FixtureAcceptance, JuneMailIssue) {
  ITKAL_REQUIRE_SHARED();
  check_issue("vitako-aktuell-2026-06-10.eml", "vitako-aktuell-2026-06-10.json");
}

}  // namespace
}  // namespace itkal

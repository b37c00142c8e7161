// Acceptance: each issue of the project's own example set (tests/data/issues) and of the shared
// set (../shared/newsletters, optional) extracts to its expected/<issue>.json exactly.
#include <gtest/gtest.h>

#include <filesystem>

#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/read/newsletter_reader.hpp"
#include "support/fixtures.hpp"

namespace itkal {
namespace {

using testing::IssueSet;

class FixtureAcceptance : public ::testing::TestWithParam<IssueSet> {};

TEST_P(FixtureAcceptance, EveryIssueExtractsToItsExpectedFile) {
  const IssueSet& set = GetParam();
  ITKAL_REQUIRE_ISSUE_SET(set);
  const OrganizerDirectory directory = testing::project_directory();
  for (const std::string& file : set.issues) {
    SCOPED_TRACE(file);
    const Extraction extraction =
        extract_calendar(read_newsletter_file(set.dir + "/" + file), directory);
    EXPECT_EQ(extraction.source, file);
    EXPECT_TRUE(extraction.warnings.empty()) << extraction_to_json(extraction);
    const std::string stem = std::filesystem::path(file).stem().string();
    testing::expect_matches_expected(extraction, set.expected(stem + ".json"));
  }
}

INSTANTIATE_TEST_SUITE_P(Sets, FixtureAcceptance, ::testing::ValuesIn(testing::issue_sets()),
                         testing::issue_set_name);

}  // namespace
}  // namespace itkal

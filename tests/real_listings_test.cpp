// Real calendar lines from many German sources (cities, councils, chambers, universities,
// schools, associations, parishes, trade fairs), hand-annotated: tests/data/real_listings.inc.
// The date is the contract: a row must give exactly the annotated occurrences, or a warning
// where the annotation says WARN; a wrong date is never acceptable.
#include <gtest/gtest.h>

#include "support/entry_expectation.hpp"
#include "support/fixtures.hpp"

namespace itkal {
namespace {

using testing::EntryRow;

const EntryRow kRealListings[] = {
#include "data/real_listings.inc"
};

// A second set from other sources, collected after the parser was tuned on the first.
const EntryRow kHeldOutListings[] = {
#include "data/real_listings_2.inc"
};

// A third set for the entry forms of whole newsletters (issue 16): agenda views, school and
// kindergarten plans, programme lines.
const EntryRow kNewsletterFormListings[] = {
#include "data/real_listings_3.inc"
};

class RealListings : public ::testing::TestWithParam<EntryRow> {};

TEST_P(RealListings, GivesTheAnnotatedEntry) {
  static const OrganizerDirectory directory = testing::project_directory();
  const EntryRow& row = GetParam();
  const testing::RowOutcome got = testing::run_row(row, directory);
  SCOPED_TRACE(std::string("line: ") + row.line);
  const std::string want = row.occurrences;
  if (want == "WARN") {
    EXPECT_TRUE(got.occurrences.starts_with("WARN") || got.occurrences.empty())
        << "expected a warning, got dates " << got.occurrences;
    return;
  }
  EXPECT_EQ(got.occurrences, want)
      << "OCC|" << row.line << "|want " << want << "|got " << got.occurrences;
  if (got.occurrences.starts_with("WARN") || got.status == "not an entry" || row.prose) return;
  EXPECT_EQ(got.location, row.location)
      << "LOCATION|" << row.line << "|want " << row.location << "|got " << got.location;
  EXPECT_EQ(got.title, row.title) << "TITLE|" << row.line << "|want " << row.title << "|got "
                                  << got.title;
  EXPECT_EQ(got.organizers, row.organizers)
      << "ORGANIZERS|" << row.line << "|want " << row.organizers << "|got " << got.organizers;
  EXPECT_EQ(got.status, row.status)
      << "STATUS|" << row.line << "|want " << row.status << "|got " << got.status;
  EXPECT_EQ(got.online, row.online);
}

INSTANTIATE_TEST_SUITE_P(Table, RealListings, ::testing::ValuesIn(kRealListings));
INSTANTIATE_TEST_SUITE_P(HeldOut, RealListings, ::testing::ValuesIn(kHeldOutListings));
INSTANTIATE_TEST_SUITE_P(NewsletterForms, RealListings,
                         ::testing::ValuesIn(kNewsletterFormListings));

}  // namespace
}  // namespace itkal

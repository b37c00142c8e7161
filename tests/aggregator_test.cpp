// Aggregation: the shared fixtures aggregate to expected/aggregate-2026-04-to-06.json, identities
// survive reordering and renaming, and the matching rule's edges hold.
#include "itkal/aggregate/aggregator.hpp"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <map>

#include "itkal/read/newsletter_reader.hpp"
#include "support/entry_expectation.hpp"
#include "support/fixtures.hpp"

namespace itkal {
namespace {

namespace greg = boost::gregorian;

std::vector<Extraction> set_extractions(const testing::IssueSet& set) {
  const OrganizerDirectory directory = testing::project_directory();
  std::vector<Extraction> extractions;
  for (const std::string& issue : set.issues) {
    extractions.push_back(extract_calendar(read_newsletter_file(set.dir + "/" + issue), directory));
  }
  return extractions;
}

std::string occurrence_key(const Occurrence& occurrence) {
  auto time = [](const std::optional<TimeOfDay>& t) {
    return t ? t->to_string() : std::string("null");
  };
  return iso_date(occurrence.start_date) + ".." + iso_date(occurrence.end_date) + " " +
         time(occurrence.start_time) + "-" + time(occurrence.end_time);
}

class AggregatorAcceptance : public ::testing::TestWithParam<testing::IssueSet> {};

TEST_P(AggregatorAcceptance, ThreeIssuesGiveTheExpectedEvents) {
  const testing::IssueSet& set = GetParam();
  ITKAL_REQUIRE_ISSUE_SET(set);
  const Aggregation aggregation = aggregate(set_extractions(set));
  const auto expected = testing::parse_json(testing::read_file(set.expected(set.aggregate)));
  auto events = expected->getArray("events");
  ASSERT_EQ(aggregation.events.size(), events->size());
  std::map<std::string, const Event*> by_title;
  for (const auto& event : aggregation.events) by_title[event.title] = &event;
  for (unsigned i = 0; i < events->size(); ++i) {
    auto want = events->getObject(i);
    const std::string title = want->getValue<std::string>("title");
    SCOPED_TRACE(title);
    ASSERT_TRUE(by_title.contains(title));
    const Event& got = *by_title[title];
    std::string want_occurrences;
    auto list = want->getArray("occurrences");
    for (unsigned k = 0; k < list->size(); ++k) {
      auto occurrence = list->getObject(k);
      want_occurrences += (k ? "; " : "") + occurrence->getValue<std::string>("start_date") + ".." +
                          occurrence->getValue<std::string>("end_date") + " " +
                          testing::optional_string(occurrence, "start_time") + "-" +
                          testing::optional_string(occurrence, "end_time");
    }
    std::string got_occurrences;
    for (std::size_t k = 0; k < got.occurrences.size(); ++k) {
      got_occurrences += (k ? "; " : "") + occurrence_key(got.occurrences[k]);
    }
    EXPECT_EQ(got_occurrences, want_occurrences);
    EXPECT_EQ(got.location.value_or("null"), testing::optional_string(want, "location"));
    EXPECT_EQ(testing::join(got.organizers), testing::string_list(want, "organizers"));
    EXPECT_EQ(got.online, want->getValue<bool>("online"));
    EXPECT_EQ(to_string(got.status), want->getValue<std::string>("status"));
    EXPECT_EQ(got.sequence, want->getValue<int>("sequence"));
    EXPECT_EQ(iso_date(got.first_seen), want->getValue<std::string>("first_seen"));
    EXPECT_EQ(iso_date(got.last_seen), want->getValue<std::string>("last_seen"));
    EXPECT_EQ(testing::join(got.sources), testing::string_list(want, "sources"));
  }
  EXPECT_EQ(aggregation.undated.size(), set.undated);  // "on demand" is not an event
}

std::map<std::string, std::string> ids_by_title(const Aggregation& aggregation) {
  std::map<std::string, std::string> ids;
  for (const auto& event : aggregation.events)
    ids[event.title + "@" + iso_date(event.occurrences.front().start_date)] = event.id;
  return ids;
}

TEST_P(AggregatorAcceptance, IdsDoNotDependOnInputOrderOrFileNames) {
  const testing::IssueSet& set = GetParam();
  ITKAL_REQUIRE_ISSUE_SET(set);
  auto extractions = set_extractions(set);
  const auto forward = aggregate(extractions);
  std::reverse(extractions.begin(), extractions.end());
  for (auto& extraction : extractions) extraction.source = "renamed-" + extraction.source;
  const auto reversed = aggregate(extractions);
  EXPECT_EQ(ids_by_title(forward), ids_by_title(reversed));
  // Adding an issue keeps every id that existed.
  auto first_two = set_extractions(set);
  first_two.pop_back();
  const auto earlier = aggregate(first_two);
  for (const auto& event : earlier.events) {
    bool found = false;
    for (const auto& later : forward.events) found = found || later.id == event.id;
    EXPECT_TRUE(found) << event.title;
  }
}

INSTANTIATE_TEST_SUITE_P(Sets, AggregatorAcceptance, ::testing::ValuesIn(testing::issue_sets()),
                         testing::issue_set_name);

// --- the matching rule's edges, on small hand-made issues ---------------------------------

Entry entry(const std::string& title, greg::date day,
            std::optional<TimeOfDay> start = std::nullopt) {
  Entry e;
  e.dated = true;
  e.title = title;
  e.text = title;
  e.occurrences.push_back({day, day, start, std::nullopt, false});
  return e;
}

Extraction issue(const std::string& source, greg::date date, std::vector<Entry> entries) {
  Extraction extraction;
  extraction.source = source;
  extraction.issue_date = date;
  extraction.entries = std::move(entries);
  return extraction;
}

const greg::date kApril(2026, 4, 15);
const greg::date kMay(2026, 5, 13);

TEST(AggregatorMatching, NumberedEventsStayApart) {
  auto result =
      aggregate({issue("a", kApril, {entry("2. Workshop \"API first\"", greg::date(2026, 4, 20))}),
                 issue("b", kMay, {entry("3. Workshop \"API first\"", greg::date(2026, 4, 27))})});
  ASSERT_EQ(result.events.size(), 2u);
  EXPECT_NE(result.events[0].id, result.events[1].id);
}

TEST(AggregatorMatching, AddedTimeIsAChangeOfTheSameEvent) {
  auto result = aggregate(
      {issue("a", kApril, {entry("Cybersicherheit", greg::date(2026, 5, 13))}),
       issue("b", kMay, {entry("Cybersicherheit", greg::date(2026, 5, 13), TimeOfDay{14, 0})})});
  ASSERT_EQ(result.events.size(), 1u);
  EXPECT_EQ(result.events[0].sequence, 1);
  EXPECT_EQ(result.events[0].last_modified, kMay);
}

TEST(AggregatorMatching, MovedByAFewDaysIsTheSameEvent) {
  auto result =
      aggregate({issue("a", kApril, {entry("Fachtag Digitalisierung", greg::date(2026, 6, 10))}),
                 issue("b", kMay, {entry("Fachtag Digitalisierung", greg::date(2026, 6, 17))})});
  ASSERT_EQ(result.events.size(), 1u);
  EXPECT_EQ(result.events[0].occurrences.front().start_date, greg::date(2026, 6, 17));
}

TEST(AggregatorMatching, SameTitleMonthsApartIsAnotherEvent) {
  auto result = aggregate({issue("a", kApril, {entry("Stammtisch", greg::date(2026, 5, 5))}),
                           issue("b", kMay, {entry("Stammtisch", greg::date(2026, 6, 2))})});
  EXPECT_EQ(result.events.size(), 2u);
}

TEST(AggregatorMatching, AnnouncedMoveMatchesBeyondTheWindow) {
  Entry moved = entry("Anwendertreffen", greg::date(2026, 9, 1));
  moved.details.push_back("verschoben vom 25.6.");
  auto result = aggregate({issue("a", kApril, {entry("Anwendertreffen", greg::date(2026, 6, 25))}),
                           issue("b", kMay, {moved})});
  ASSERT_EQ(result.events.size(), 1u);
  EXPECT_EQ(result.events[0].sequence, 1);
}

TEST(AggregatorMatching, TwoEntriesOfOneIssueNeverMerge) {
  auto result = aggregate({issue("a", kApril,
                                 {entry("Sprechstunde", greg::date(2026, 7, 8)),
                                  entry("Sprechstunde", greg::date(2026, 7, 15))})});
  ASSERT_EQ(result.events.size(), 2u);
  EXPECT_NE(result.events[0].id, result.events[1].id);
}

// Each issue matches an event once, in every issue: two entries of one event in a later issue are
// the event and a new one, and the issue after that again matches both.
TEST(AggregatorMatching, EachIssueMatchesAnEventOnce) {
  auto result = aggregate({issue("a", kApril, {entry("Sprechstunde", greg::date(2026, 7, 8))}),
                           issue("b", kMay,
                                 {entry("Sprechstunde", greg::date(2026, 7, 8)),
                                  entry("Sprechstunde", greg::date(2026, 7, 9))}),
                           issue("c", greg::date(2026, 6, 10),
                                 {entry("Sprechstunde", greg::date(2026, 7, 8)),
                                  entry("Sprechstunde", greg::date(2026, 7, 9))})});
  ASSERT_EQ(result.events.size(), 2u);
  for (const Event& event : result.events) {
    EXPECT_EQ(event.last_seen, greg::date(2026, 6, 10)) << event.id;
    EXPECT_EQ(event.sequence, 0) << event.id;
  }
  EXPECT_EQ(result.events[0].sources, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(result.events[1].sources, (std::vector<std::string>{"b", "c"}));
}

// The issues are read where they are (the build keeps them for the review report and the state
// files): given in any order, they stay as given.
TEST(AggregatorMatching, LeavesTheGivenIssuesAsTheyAre) {
  const std::vector<Extraction> issues{
      issue("b", kMay, {entry("Tagung", greg::date(2026, 9, 1))}),
      issue("a", kApril, {entry("Tagung", greg::date(2026, 9, 1), TimeOfDay{9, 0})})};
  const auto result = aggregate(issues);
  ASSERT_EQ(result.events.size(), 1u);
  EXPECT_EQ(result.events[0].sources, (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(result.events[0].occurrences.front().start_time);  // May's version wins
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].source, "b");
  EXPECT_EQ(issues[0].entries.size(), 1u);
  EXPECT_EQ(issues[1].source, "a");
  EXPECT_EQ(issues[1].entries.front().title, "Tagung");
}

TEST(AggregatorMatching, VanishedEventsStayAsTheyWere) {
  auto result = aggregate({issue("a", kApril, {entry("Tagung", greg::date(2026, 9, 1))}),
                           issue("b", kMay, {entry("Anderes", greg::date(2026, 9, 2))})});
  ASSERT_EQ(result.events.size(), 2u);
  EXPECT_EQ(result.events[0].status, EntryStatus::confirmed);
  EXPECT_EQ(result.events[0].last_seen, kApril);
}

TEST(AggregatorMatching, CancellationKeepsTheIdAndRaisesTheSequence) {
  Entry cancelled = entry("Tagung", greg::date(2026, 9, 1));
  cancelled.status = EntryStatus::cancelled;
  const auto before = aggregate({issue("a", kApril, {entry("Tagung", greg::date(2026, 9, 1))})});
  const auto after = aggregate({issue("a", kApril, {entry("Tagung", greg::date(2026, 9, 1))}),
                                issue("b", kMay, {cancelled})});
  ASSERT_EQ(after.events.size(), 1u);
  EXPECT_EQ(after.events[0].id, before.events[0].id);
  EXPECT_EQ(after.events[0].status, EntryStatus::cancelled);
  EXPECT_EQ(after.events[0].sequence, 1);
}

}  // namespace
}  // namespace itkal

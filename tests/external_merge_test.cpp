// External events merged with newsletter events: what is the same event, which id stays, what
// the merged event holds, and how SEQUENCE follows an external calendar's changes.
#include "itkal/aggregate/external_merge.hpp"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <string>
#include <vector>

namespace itkal {
namespace {

namespace greg = boost::gregorian;

Occurrence timed(greg::date day, TimeOfDay start, TimeOfDay end) {
  return {.start_date = day, .end_date = day, .start_time = start, .end_time = end};
}

/// "22.4., 9.30-16.00, Radebeul: KISA-Digitaltag" as aggregated from the issue of 15.4.
Event newsletter_event() {
  Event event;
  event.id = "newsletter00000000001";
  event.title = "KISA-Digitaltag";
  event.occurrences = {timed(greg::date(2026, 4, 22), {9, 30}, {16, 0})};
  event.location = "Radebeul";
  event.organizers = {"KISA"};
  event.details = {"Anmeldung bis 15.4."};
  event.first_seen = event.last_seen = event.last_modified = greg::date(2026, 4, 15);
  event.sources = {"kommunal-it-kalender-2026-04-15.txt"};
  event.source_text = "22.4., 9.30-16.00, Radebeul: KISA-Digitaltag";
  event.source_line = 19;
  return event;
}

/// The organizer's own entry of the same day, with its exact times and room.
Event external_event() {
  Event event;
  event.id = "external0000000000001";
  event.title = "KISA-Digitaltag";
  event.occurrences = {timed(greg::date(2026, 4, 22), {9, 0}, {16, 30})};
  event.location = "Radebeul, Kulturbahnhof";
  event.organizers = {"KISA"};
  event.url = "https://www.kisa.example/digitaltag";
  event.sources = {"KISA-Termine"};
  event.source_text = "Programm und Anmeldung online";
  return event;
}

ExternalMergeState state_on(greg::date today) { return {.today = today, .previous = {}}; }

TEST(ExternalMerge, SameDaysAndTitleOrUrlAreOneEvent) {
  struct Case {
    const char* name;
    void (*change)(Event& newsletter, Event& external);
    bool merged;
  };
  const std::vector<Case> cases = {
      {"same day, same title", [](Event&, Event&) {}, true},
      {"title matched as in aggregation (words in another order)",
       [](Event&, Event& e) { e.title = "Digitaltag KISA"; }, true},
      {"another title, same URL",
       [](Event& n, Event& e) {
         e.title = "Tag der Digitalisierung";
         n.url = "http://www.kisa.example/digitaltag/";
       },
       true},
      {"another title, no URL", [](Event&, Event& e) { e.title = "Tag der Digitalisierung"; },
       false},
      {"a number tells them apart", [](Event&, Event& e) { e.title = "KISA-Digitaltag 2"; }, false},
      {"same title, another day",
       [](Event&, Event& e) {
         e.occurrences.front().start_date = e.occurrences.front().end_date =
             greg::date(2026, 4, 23);
       },
       false},
      {"same title, the newsletter lists two dates",
       [](Event& n, Event&) {
         n.occurrences.push_back(timed(greg::date(2026, 4, 29), {9, 30}, {16, 0}));
       },
       false},
  };
  for (const Case& c : cases) {
    Aggregation aggregation;
    aggregation.events = {newsletter_event()};
    Event external = external_event();
    c.change(aggregation.events.front(), external);
    const auto ids =
        merge_external_events(aggregation, {external}, state_on(greg::date(2026, 4, 20)));
    EXPECT_EQ(aggregation.events.size(), c.merged ? 1u : 2u) << c.name;
    EXPECT_EQ(ids.size(), 1u) << c.name;
  }
}

TEST(ExternalMerge, TheFeedsTimesAndPlaceWinAndTheNewsletterTextStays) {
  Aggregation aggregation;
  aggregation.events = {newsletter_event()};
  merge_external_events(aggregation, {external_event()}, state_on(greg::date(2026, 4, 20)));
  ASSERT_EQ(aggregation.events.size(), 1u);
  const Event& merged = aggregation.events.front();
  EXPECT_EQ(merged.occurrences, external_event().occurrences);
  EXPECT_EQ(merged.location, "Radebeul, Kulturbahnhof");
  EXPECT_EQ(merged.url, "https://www.kisa.example/digitaltag");
  EXPECT_EQ(merged.organizers, std::vector<std::string>{"KISA"});
  EXPECT_EQ(merged.details, (std::vector<std::string>{
                                "Anmeldung bis 15.4.",
                                "Im Rundbrief: 22.4., 9.30-16.00, Radebeul: KISA-Digitaltag"}));
  EXPECT_EQ(merged.sources,
            (std::vector<std::string>{"kommunal-it-kalender-2026-04-15.txt", "KISA-Termine"}));
  EXPECT_EQ(merged.source_text, "Programm und Anmeldung online");
  EXPECT_EQ(merged.first_seen, greg::date(2026, 4, 15));
  EXPECT_EQ(merged.status, EntryStatus::confirmed);

  // Cancelled on either side is cancelled.
  Aggregation cancelled;
  cancelled.events = {newsletter_event()};
  cancelled.events.front().status = EntryStatus::cancelled;
  merge_external_events(cancelled, {external_event()}, state_on(greg::date(2026, 4, 20)));
  EXPECT_EQ(cancelled.events.front().status, EntryStatus::cancelled);
}

TEST(ExternalMerge, TheIdSeenFirstStays) {
  const Event newsletter = newsletter_event();
  Event published_external = external_event();
  published_external.first_seen = greg::date(2026, 4, 1);
  Event published_newsletter = newsletter;
  struct Case {
    const char* name;
    std::vector<const Event*> previous;
    greg::date today;
    std::string id;
  };
  const std::vector<Case> cases = {
      {"neither published: the newsletter's (first seen 15.4., the feed on the build day)",
       {},
       greg::date(2026, 4, 20),
       newsletter.id},
      {"neither published, the build day before the issue date: the feed's",
       {},
       greg::date(2026, 4, 10),
       external_event().id},
      {"the newsletter's published",
       {&published_newsletter},
       greg::date(2026, 4, 20),
       newsletter.id},
      {"the feed's published", {&published_external}, greg::date(2026, 4, 20), external_event().id},
      {"both published: the earlier first_seen (the feed's, 1.4.)",
       {&published_newsletter, &published_external},
       greg::date(2026, 4, 20),
       external_event().id},
  };
  for (const Case& c : cases) {
    ExternalMergeState state = state_on(c.today);
    for (const Event* event : c.previous) state.previous[event->id] = event;
    Aggregation aggregation;
    aggregation.events = {newsletter};
    const auto ids = merge_external_events(aggregation, {external_event()}, state);
    ASSERT_EQ(aggregation.events.size(), 1u) << c.name;
    EXPECT_EQ(aggregation.events.front().id, c.id) << c.name;
    EXPECT_EQ(ids, std::set<std::string>{c.id}) << c.name;
  }
}

TEST(ExternalMerge, SequenceRisesOnlyWhenTheFeedChangesTheEvent) {
  const greg::date first_day(2026, 4, 10);
  Aggregation first;
  const auto ids = merge_external_events(first, {external_event()}, state_on(first_day));
  version_external_events(first.events, ids, state_on(first_day));
  ASSERT_EQ(first.events.size(), 1u);
  const Event published = first.events.front();
  EXPECT_EQ(published.first_seen, first_day);
  EXPECT_EQ(published.sequence, 0);

  struct Case {
    const char* name;
    void (*change)(Event&);
    int sequence;
    greg::date last_modified;
  };
  const greg::date later(2026, 4, 12);
  const std::vector<Case> cases = {
      {"unchanged", [](Event&) {}, 0, first_day},
      {"moved by an hour",
       [](Event& e) {
         e.occurrences.front().start_time = TimeOfDay{10, 0};
       },
       1, later},
      {"cancelled", [](Event& e) { e.status = EntryStatus::cancelled; }, 1, later},
      {"the feed raised its own SEQUENCE to 3",
       [](Event& e) {
         e.sequence = 3;
         e.location = "Dresden";
       },
       3, later},
  };
  for (const Case& c : cases) {
    ExternalMergeState state = state_on(later);
    state.previous[published.id] = &published;
    Event external = external_event();
    c.change(external);
    Aggregation next;
    const auto next_ids = merge_external_events(next, {external}, state);
    version_external_events(next.events, next_ids, state);
    ASSERT_EQ(next.events.size(), 1u) << c.name;
    EXPECT_EQ(next.events.front().id, published.id) << c.name;
    EXPECT_EQ(next.events.front().first_seen, first_day) << c.name;
    EXPECT_EQ(next.events.front().sequence, c.sequence) << c.name;
    EXPECT_EQ(next.events.front().last_modified, c.last_modified) << c.name;
  }
}

}  // namespace
}  // namespace itkal

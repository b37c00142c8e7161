#include "itkal/ical/feed_filter.hpp"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <string>
#include <utility>
#include <vector>

namespace itkal {
namespace {

using boost::gregorian::date;
using Params = std::vector<std::pair<std::string, std::string>>;

OrganizerDirectory directory() {
  return OrganizerDirectory(
      std::vector<Organizer>{{"KDO", {"Kommunale Datenverarbeitung Oldenburg"}},
                             {"Komm.ONE", {"Komm ONE"}},
                             {"Freie Hansestadt Bremen", {}},
                             {"Dataport", {"Dataport AöR"}}});
}

Event event(const std::string& title, std::vector<std::string> organizers,
            std::optional<std::string> location = std::nullopt, bool online = false) {
  Event result;
  result.id = title;
  result.title = title;
  result.organizers = std::move(organizers);
  result.location = std::move(location);
  result.online = online;
  result.occurrences = {Occurrence{date(2026, 5, 6), date(2026, 5, 6), {}, {}, false}};
  return result;
}

TEST(FeedFilterParse, ReadsEveryParameter) {
  const auto parsed = parse_feed_filter({{"organizer", "KDO"},
                                         {"organizer", "Dataport"},
                                         {"location", "Berlin"},
                                         {"from", "2026-04-01"},
                                         {"to", "2026-06-30"},
                                         {"q", "KI"},
                                         {"online", "nein"}});
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.filter.organizers, (std::vector<std::string>{"KDO", "Dataport"}));
  EXPECT_EQ(parsed.filter.location, "Berlin");
  EXPECT_EQ(parsed.filter.from, date(2026, 4, 1));
  EXPECT_EQ(parsed.filter.to, date(2026, 6, 30));
  EXPECT_EQ(parsed.filter.text, "KI");
  EXPECT_EQ(parsed.filter.online, false);
  EXPECT_FALSE(parsed.filter.empty());
  EXPECT_TRUE(parse_feed_filter({}).filter.empty());
}

TEST(FeedFilterParse, OnlineFlagSpellings) {
  for (const char* yes : {"true", "1", "yes", "ja", "TRUE", "Ja"}) {
    EXPECT_EQ(parse_feed_filter({{"online", yes}}).filter.online, true) << yes;
  }
  for (const char* no : {"false", "0", "no", "nein"}) {
    EXPECT_EQ(parse_feed_filter({{"online", no}}).filter.online, false) << no;
  }
}

TEST(FeedFilterParse, BadInputIsAnErrorWithAMessage) {
  const std::vector<std::pair<Params, std::string>> cases = {
      {{{"from", "2026-13-01"}}, "parameter 'from': '2026-13-01' is not a date like 2026-04-20"},
      {{{"to", "2026-02-30"}}, "parameter 'to': '2026-02-30' is not a date like 2026-04-20"},
      {{{"from", "1.5.2026"}}, "parameter 'from': '1.5.2026' is not a date like 2026-04-20"},
      {{{"from", "2026-05-02"}, {"to", "2026-05-01"}},
       "parameter 'from' (2026-05-02) is after 'to' (2026-05-01)"},
      {{{"online", "maybe"}}, "parameter 'online': 'maybe' is not true or false"},
      {{{"organizer", "  "}}, "parameter 'organizer' is empty"},
      {{{"organizer", "--"}}, "parameter 'organizer': '--' names no organizer"},
      {{{"q", "..."}}, "parameter 'q': '...' has no letters or digits"},
      {{{"q", "a"}, {"q", "b"}}, "parameter 'q' is given more than once"},
      {{{"organiser", "KDO"}},
       "unknown parameter 'organiser'; known are organizer, location, from, to, q, online"},
  };
  for (const auto& [params, message] : cases) {
    const auto parsed = parse_feed_filter(params);
    EXPECT_FALSE(parsed.ok()) << message;
    EXPECT_EQ(parsed.error, message);
  }
}

TEST(FeedMatcher, OrganizersMatchThroughCaseUmlautsPunctuationAndAliases) {
  const OrganizerDirectory known = directory();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"KDO", "kdo"},
      {"KDO", "Kommunale Datenverarbeitung Oldenburg"},
      {"Kommunale Datenverarbeitung Oldenburg", "KDO"},
      {"Komm.ONE", "komm one"},
      {"Komm.ONE", "KOMM-ONE"},
      {"Dataport", "Dataport AoeR"},
      {"Freie Hansestadt Bremen", "freie hansestadt bremen"},
      {"Unbekannt e.V.", "unbekannt ev"},
  };
  for (const auto& [event_organizer, wanted] : cases) {
    FeedFilter filter;
    filter.organizers = {wanted};
    EXPECT_TRUE(FeedMatcher(filter, known).matches(event("x", {event_organizer})))
        << event_organizer << " should match " << wanted;
  }
  FeedFilter kdo;
  kdo.organizers = {"KDO"};
  EXPECT_FALSE(FeedMatcher(kdo, known).matches(event("x", {"Dataport"})));
  EXPECT_FALSE(FeedMatcher(kdo, known).matches(event("x", {})));
  kdo.organizers.push_back("Dataport");
  EXPECT_TRUE(FeedMatcher(kdo, known).matches(event("x", {"Dataport"})));
}

TEST(FeedMatcher, PlaceTextAndOnline) {
  const OrganizerDirectory known = directory();
  const Event berlin = event("Fachtagung Daten nutzen, Bildung gestalten", {"SWK"}, "Berlin");
  const Event webinar = event("Künstliche Intelligenz im Bürgerbüro", {"KDO"}, std::nullopt, true);
  FeedFilter place;
  place.location = "berlin";
  EXPECT_TRUE(FeedMatcher(place, known).matches(berlin));
  EXPECT_FALSE(FeedMatcher(place, known).matches(webinar));
  FeedFilter text;
  text.text = "kuenstliche intelligenz";
  EXPECT_TRUE(FeedMatcher(text, known).matches(webinar));
  EXPECT_FALSE(FeedMatcher(text, known).matches(berlin));
  text.text = "swk";  // organizers are searched too
  EXPECT_TRUE(FeedMatcher(text, known).matches(berlin));
  FeedFilter online;
  online.online = true;
  EXPECT_TRUE(FeedMatcher(online, known).matches(webinar));
  EXPECT_FALSE(FeedMatcher(online, known).matches(berlin));
  online.online = false;
  EXPECT_TRUE(FeedMatcher(online, known).matches(berlin));
}

TEST(FeedMatcher, DateRangeKeepsOccurrencesThatOverlapIt) {
  FeedFilter filter;
  filter.from = date(2026, 4, 22);
  filter.to = date(2026, 4, 30);
  const FeedMatcher matcher(filter, OrganizerDirectory());
  const auto occurrence = [](date first, date last) {
    return Occurrence{first, last, {}, {}, false};
  };
  EXPECT_TRUE(matcher.matches_occurrence(occurrence(date(2026, 4, 21), date(2026, 4, 23))));
  EXPECT_TRUE(matcher.matches_occurrence(occurrence(date(2026, 4, 30), date(2026, 4, 30))));
  EXPECT_FALSE(matcher.matches_occurrence(occurrence(date(2026, 4, 20), date(2026, 4, 21))));
  EXPECT_FALSE(matcher.matches_occurrence(occurrence(date(2026, 5, 1), date(2026, 5, 1))));
}

}  // namespace
}  // namespace itkal

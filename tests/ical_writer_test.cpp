#include "itkal/ical/ical_writer.hpp"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "itkal/aggregate/aggregator.hpp"
#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/model/organizer_directory.hpp"
#include "itkal/read/newsletter_reader.hpp"

namespace itkal {
namespace {

using boost::gregorian::date;

constexpr const char* kDomain = "itkal.example";

Occurrence on(date day, std::optional<TimeOfDay> start = std::nullopt,
              std::optional<TimeOfDay> end = std::nullopt) {
  return Occurrence{day, day, start, end, false};
}

Occurrence span(date first, date last, std::optional<TimeOfDay> start = std::nullopt,
                std::optional<TimeOfDay> end = std::nullopt, bool daily = false) {
  return Occurrence{first, last, start, end, daily};
}

TimeOfDay at(int hour, int minute = 0) { return TimeOfDay{hour, minute}; }

Event make_event(const std::string& id, const std::string& title,
                 std::vector<Occurrence> occurrences) {
  Event event;
  event.id = id;
  event.title = title;
  event.occurrences = std::move(occurrences);
  event.organizers = {"KDO"};
  event.first_seen = date(2026, 4, 15);
  event.last_seen = date(2026, 5, 13);
  event.last_modified = date(2026, 5, 13);
  event.sources = {"inbox/vitako-aktuell-2026-04-15.txt", "inbox/vitako-aktuell-2026-05-13.html"};
  event.source_text = "20.4., 15.30-17.30: " + title + ", KDO";
  event.source_line = 0;
  return event;
}

/// The content lines of a feed, unfolded (RFC 5545 3.1).
std::vector<std::string> unfolded_lines(const std::string& feed) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin < feed.size()) {
    std::size_t end = feed.find("\r\n", begin);
    if (end == std::string::npos) end = feed.size();
    std::string line = feed.substr(begin, end - begin);
    if (!line.empty() && line[0] == ' ' && !lines.empty()) {
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
    begin = end + 2;
  }
  return lines;
}

bool has_line(const std::string& feed, const std::string& wanted) {
  const auto lines = unfolded_lines(feed);
  return std::find(lines.begin(), lines.end(), wanted) != lines.end();
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

std::string render_one(const Event& event, const FeedOptions& options = {}) {
  FeedOptions with_domain = options;
  with_domain.uid_domain = kDomain;
  return render_calendar({event}, with_domain);
}

struct ComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Parsed = std::unique_ptr<icalcomponent, ComponentFree>;

Parsed parse(const std::string& feed) { return Parsed(icalparser_parse_string(feed.c_str())); }

/// Every X-LIC-ERROR libical attached anywhere while parsing.
std::vector<std::string> parse_errors(icalcomponent* component) {
  std::vector<std::string> errors;
  for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY); p;
       p = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
    errors.emplace_back(icalproperty_get_xlicerror(p));
  }
  for (icalcomponent* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT);
       child; child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
    for (auto& error : parse_errors(child)) errors.push_back(std::move(error));
  }
  return errors;
}

/// A VEVENT as a client sees it: start and end as UTC instants ("20260420T133000Z") or days.
struct ReadBack {
  std::string uid;
  std::string start;
  std::string end;
  bool all_day = false;
  std::string summary;
  std::string location;
  std::string description;
  std::string rrule;
};

std::string as_utc_text(icaltimetype time) {
  if (time.is_date) return icaltime_as_ical_string(time);
  return icaltime_as_ical_string(icaltime_convert_to_zone(time, icaltimezone_get_utc_timezone()));
}

std::vector<ReadBack> read_back(const std::string& feed) {
  Parsed calendar = parse(feed);
  EXPECT_TRUE(calendar) << feed;
  if (!calendar) return {};
  const auto errors = parse_errors(calendar.get());
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.front()) << "\n" << feed;
  std::vector<ReadBack> events;
  for (icalcomponent* vevent =
           icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
       vevent; vevent = icalcomponent_get_next_component(calendar.get(), ICAL_VEVENT_COMPONENT)) {
    ReadBack event;
    event.uid = icalcomponent_get_uid(vevent);
    const icaltimetype start = icalcomponent_get_dtstart(vevent);
    event.start = as_utc_text(start);
    event.end = as_utc_text(icalcomponent_get_dtend(vevent));
    event.all_day = start.is_date != 0;
    event.summary = icalcomponent_get_summary(vevent);
    if (const char* location = icalcomponent_get_location(vevent)) event.location = location;
    if (const char* description = icalcomponent_get_description(vevent)) {
      event.description = description;
    }
    if (icalproperty* rrule = icalcomponent_get_first_property(vevent, ICAL_RRULE_PROPERTY)) {
      icalrecurrencetype rule = icalproperty_get_rrule(rrule);
      event.rrule = icalrecurrencetype_as_string(&rule);
    }
    events.push_back(event);
  }
  return events;
}

TEST(IcalWriter, CalendarHeadersFollowRfc5545And7986) {
  FeedOptions options;
  options.name = "VITAKO IT-Kalender \u2013 KDO";
  options.description = "Termine aus dem Newsletter VITAKO aktuell";
  const std::string feed = render_one(make_event("a1", "Titel", {on(date(2026, 4, 20))}), options);
  EXPECT_EQ(feed.rfind("BEGIN:VCALENDAR\r\n", 0), 0u) << feed;
  EXPECT_TRUE(feed.ends_with("END:VCALENDAR\r\n")) << feed;
  for (const std::string line :
       {"VERSION:2.0", "PRODID:-//itkal//itkal 0.1.0//DE", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        "NAME:VITAKO IT-Kalender \u2013 KDO", "X-WR-CALNAME:VITAKO IT-Kalender \u2013 KDO",
        "X-WR-CALDESC:Termine aus dem Newsletter VITAKO aktuell", "X-WR-TIMEZONE:Europe/Berlin",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H", "X-PUBLISHED-TTL:PT12H"}) {
    EXPECT_TRUE(has_line(feed, line)) << line << "\n" << feed;
  }
}

/// RFC 5545 3.3.11: the calendar's name and description are TEXT, in the X-WR- properties too.
TEST(IcalWriter, CalendarNameAndDescriptionAreEscapedText) {
  struct Case {
    std::string description;
    std::vector<std::string> lines;  ///< as unfolded and written
  };
  const Case cases[] = {
      {.description = "VITAKO aktuell, von itkal gelesen",
       .lines = {"X-WR-CALDESC:VITAKO aktuell\\, von itkal gelesen"}},
      {.description = "Termine; Hinweise", .lines = {"X-WR-CALDESC:Termine\\; Hinweise"}},
      {.description = "a\\b", .lines = {"X-WR-CALDESC:a\\\\b"}},
      {.description = "Kommunale Veranstaltungen, Fachtagungen, Messen und Webinare aus dem "
                      "Newsletter \u00fcber Digitalisierung",
       .lines = {"X-WR-CALDESC:Kommunale Veranstaltungen\\, Fachtagungen\\, Messen und "
                 "Webinare aus dem Newsletter \u00fcber Digitalisierung"}},
  };
  for (const Case& c : cases) {
    FeedOptions options;
    options.name = "Kalender, Termine";
    options.description = c.description;
    const std::string feed = render_one(make_event("a1", "T", {on(date(2026, 4, 20))}), options);
    SCOPED_TRACE(c.description);
    std::string unfolded = feed;
    for (std::size_t at; (at = unfolded.find("\r\n ")) != std::string::npos;) {
      unfolded.erase(at, 3);
    }
    EXPECT_TRUE(has_line(unfolded, "X-WR-CALNAME:Kalender\\, Termine")) << feed;
    for (const std::string& line : c.lines) EXPECT_TRUE(has_line(unfolded, line)) << feed;
    std::istringstream lines(feed);
    for (std::string line; std::getline(lines, line);) {
      EXPECT_LE(line.size(), 76u) << line;  // 75 octets and the CR
    }
    // A reader (libical) undoes the escapes: the text that was written comes back.
    icalcomponent* calendar = icalparser_parse_string(feed.c_str());
    ASSERT_NE(calendar, nullptr);
    bool found = false;
    for (icalproperty* p = icalcomponent_get_first_property(calendar, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(calendar, ICAL_X_PROPERTY)) {
      if (std::string(icalproperty_get_x_name(p)) != "X-WR-CALDESC") continue;
      found = true;
      EXPECT_EQ(std::string(icalproperty_get_x(p)), c.description);
    }
    EXPECT_TRUE(found) << feed;
    icalcomponent_free(calendar);
  }
}

TEST(IcalWriter, RefreshIntervalIsConfigurable) {
  FeedOptions options;
  options.refresh_interval = std::chrono::minutes(90);
  const std::string feed = render_one(make_event("a1", "Titel", {on(date(2026, 4, 20))}), options);
  EXPECT_TRUE(has_line(feed, "REFRESH-INTERVAL;VALUE=DURATION:PT1H30M")) << feed;
  EXPECT_TRUE(has_line(feed, "X-PUBLISHED-TTL:PT1H30M")) << feed;
}

TEST(IcalWriter, VtimezoneIsTheClassicMinimalEuropeBerlin) {
  const std::string feed =
      render_one(make_event("a1", "Titel", {on(date(2026, 4, 20), at(15, 30), at(17, 30))}));
  EXPECT_EQ(count_of(feed, "BEGIN:VTIMEZONE"), 1u) << feed;
  EXPECT_TRUE(has_line(feed, "TZID:Europe/Berlin")) << feed;
  EXPECT_EQ(feed.find("freeassociation"), std::string::npos) << feed;
  EXPECT_EQ(feed.find("+005328"), std::string::npos) << feed;
  EXPECT_EQ(feed.find("UNTIL"), std::string::npos) << feed;
  const std::string& vtimezone = berlin_vtimezone();
  EXPECT_EQ(count_of(vtimezone, "BEGIN:STANDARD"), 1u) << vtimezone;
  EXPECT_EQ(count_of(vtimezone, "BEGIN:DAYLIGHT"), 1u) << vtimezone;
  for (const std::string line :
       {"DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
        "TZNAME:CEST"}) {
    EXPECT_TRUE(has_line(vtimezone, line)) << line << "\n" << vtimezone;
  }
}

TEST(IcalWriter, AllDayFeedHasNoVtimezone) {
  const std::string feed = render_one(make_event("a1", "Titel", {on(date(2026, 4, 20))}));
  EXPECT_EQ(feed.find("VTIMEZONE"), std::string::npos) << feed;
}

/// One occurrence, the DTSTART and DTEND lines it must give, and an RRULE line or "".
struct TimesCase {
  const char* line;  ///< what the newsletter said
  Occurrence occurrence;
  const char* dtstart;
  const char* dtend;
  const char* rrule;
};

TEST(IcalWriter, OccurrencesBecomeTheRightStartAndEnd) {
  const date april20(2026, 4, 20);
  const std::vector<TimesCase> cases = {
      {"20.4.", on(april20), "DTSTART;VALUE=DATE:20260420", "DTEND;VALUE=DATE:20260421", ""},
      {"21.-23.4.", span(date(2026, 4, 21), date(2026, 4, 23)), "DTSTART;VALUE=DATE:20260421",
       "DTEND;VALUE=DATE:20260424", ""},
      {"30.6.-2.7.", span(date(2026, 6, 30), date(2026, 7, 2)), "DTSTART;VALUE=DATE:20260630",
       "DTEND;VALUE=DATE:20260703", ""},
      {"20.4., 15.30-17.30", on(april20, at(15, 30), at(17, 30)),
       "DTSTART;TZID=Europe/Berlin:20260420T153000", "DTEND;TZID=Europe/Berlin:20260420T173000",
       ""},
      {"20.4., 14 Uhr (no end: one hour)", on(april20, at(14)),
       "DTSTART;TZID=Europe/Berlin:20260420T140000", "DTEND;TZID=Europe/Berlin:20260420T150000",
       ""},
      {"20.4., bis 17 Uhr (only an end: the hour before)", on(april20, std::nullopt, at(17)),
       "DTSTART;TZID=Europe/Berlin:20260420T160000", "DTEND;TZID=Europe/Berlin:20260420T170000",
       ""},
      {"20.4., bis 0.30 Uhr (not before midnight)", on(april20, std::nullopt, at(0, 30)),
       "DTSTART;TZID=Europe/Berlin:20260420T000000", "DTEND;TZID=Europe/Berlin:20260420T003000",
       ""},
      {"20.4., 18-24 Uhr", on(april20, at(18), at(24)),
       "DTSTART;TZID=Europe/Berlin:20260420T180000", "DTEND;TZID=Europe/Berlin:20260421T000000",
       ""},
      {"20.4., 22-2 Uhr (past midnight)", on(april20, at(22), at(2)),
       "DTSTART;TZID=Europe/Berlin:20260420T220000", "DTEND;TZID=Europe/Berlin:20260421T020000",
       ""},
      {"2./3.6., 9.00-17.00 (daily)", span(date(2026, 6, 2), date(2026, 6, 3), at(9), at(17), true),
       "DTSTART;TZID=Europe/Berlin:20260602T090000", "DTEND;TZID=Europe/Berlin:20260602T170000",
       "RRULE:FREQ=DAILY;COUNT=2"},
      {"2.-4.6., ab 9 Uhr (daily)",
       span(date(2026, 6, 2), date(2026, 6, 4), at(9), std::nullopt, true),
       "DTSTART;TZID=Europe/Berlin:20260602T090000", "DTEND;TZID=Europe/Berlin:20260602T100000",
       "RRULE:FREQ=DAILY;COUNT=3"},
      {"Mo., 20.4., 10 Uhr - Mi., 22.4., 16 Uhr (continuous)",
       span(april20, date(2026, 4, 22), at(10), at(16)),
       "DTSTART;TZID=Europe/Berlin:20260420T100000", "DTEND;TZID=Europe/Berlin:20260422T160000",
       ""},
      {"20.-22.4., ab 10 Uhr (continuous, to the end of the last day)",
       span(april20, date(2026, 4, 22), at(10)), "DTSTART;TZID=Europe/Berlin:20260420T100000",
       "DTEND;TZID=Europe/Berlin:20260423T000000", ""},
      {"20.-22.4., bis 16 Uhr (continuous, from the first midnight)",
       span(april20, date(2026, 4, 22), std::nullopt, at(16)),
       "DTSTART;TZID=Europe/Berlin:20260420T000000", "DTEND;TZID=Europe/Berlin:20260422T160000",
       ""},
      // Daylight saving: the last Sundays of March and October 2026.
      {"29.3.2026, 10-12 Uhr (spring-forward day)", on(date(2026, 3, 29), at(10), at(12)),
       "DTSTART;TZID=Europe/Berlin:20260329T100000", "DTEND;TZID=Europe/Berlin:20260329T120000",
       ""},
      {"25.10.2026, 10-12 Uhr (fall-back day)", on(date(2026, 10, 25), at(10), at(12)),
       "DTSTART;TZID=Europe/Berlin:20261025T100000", "DTEND;TZID=Europe/Berlin:20261025T120000",
       ""},
      {"29.3.2026, 2.30 Uhr (does not exist: RFC 5545 means 03:30 CEST)",
       on(date(2026, 3, 29), at(2, 30)), "DTSTART;TZID=Europe/Berlin:20260329T033000",
       "DTEND;TZID=Europe/Berlin:20260329T043000", ""},
      {"29.3.2026, 1-2.30 Uhr (an end in the gap)", on(date(2026, 3, 29), at(1), at(2, 30)),
       "DTSTART;TZID=Europe/Berlin:20260329T010000", "DTEND;TZID=Europe/Berlin:20260329T033000",
       ""},
      {"25.10.2026, 2.30-4 Uhr (happens twice: the first, summer-time one, in UTC)",
       on(date(2026, 10, 25), at(2, 30), at(4)), "DTSTART:20261025T003000Z",
       "DTEND;TZID=Europe/Berlin:20261025T040000", ""},
  };
  for (const auto& c : cases) {
    const std::string feed = render_one(make_event("a1", "Titel", {c.occurrence}));
    EXPECT_TRUE(has_line(feed, c.dtstart)) << c.line << "\n" << feed;
    EXPECT_TRUE(has_line(feed, c.dtend)) << c.line << "\n" << feed;
    if (*c.rrule) {
      EXPECT_TRUE(has_line(feed, c.rrule)) << c.line << "\n" << feed;
    } else {
      EXPECT_EQ(feed.find("RRULE:FREQ=DAILY"), std::string::npos) << c.line << "\n" << feed;
    }
    EXPECT_EQ(count_of(feed, "BEGIN:VEVENT"), 1u) << c.line;
  }
}

TEST(IcalWriter, DaylightSavingTimesReadBackAsTheRightInstants) {
  // What a client computes from the VTIMEZONE: the instants, in UTC.
  const std::vector<Event> events = {
      make_event("march", "Frühling", {on(date(2026, 3, 29), at(10), at(12))}),
      make_event("gap", "Lücke", {on(date(2026, 3, 29), at(2, 30))}),
      make_event("october", "Herbst", {on(date(2026, 10, 25), at(10), at(12))}),
      make_event("overlap", "Doppelt", {on(date(2026, 10, 25), at(2, 30), at(4))}),
      make_event("winter", "Winter", {on(date(2027, 1, 12), at(9), at(10))}),
  };
  FeedOptions options;
  options.uid_domain = kDomain;
  const auto read = read_back(render_calendar(events, options));
  ASSERT_EQ(read.size(), 5u);
  std::map<std::string, std::pair<std::string, std::string>> by_summary;
  for (const auto& event : read) by_summary[event.summary] = {event.start, event.end};
  EXPECT_EQ(by_summary["Frühling"],
            std::make_pair(std::string("20260329T080000Z"), std::string("20260329T100000Z")));
  EXPECT_EQ(by_summary["Lücke"],
            std::make_pair(std::string("20260329T013000Z"), std::string("20260329T023000Z")));
  EXPECT_EQ(by_summary["Herbst"],
            std::make_pair(std::string("20261025T090000Z"), std::string("20261025T110000Z")));
  EXPECT_EQ(by_summary["Doppelt"],
            std::make_pair(std::string("20261025T003000Z"), std::string("20261025T030000Z")));
  EXPECT_EQ(by_summary["Winter"],
            std::make_pair(std::string("20270112T080000Z"), std::string("20270112T090000Z")));
}

TEST(IcalWriter, SeparateDatesAreSeparateVeventsWithStableUids) {
  Event event = make_event("abc123", "Reihe", {on(date(2026, 7, 8)), on(date(2026, 7, 15))});
  const std::string feed = render_one(event);
  EXPECT_EQ(count_of(feed, "BEGIN:VEVENT"), 2u) << feed;
  EXPECT_TRUE(has_line(feed, "UID:abc123@itkal.example")) << feed;
  EXPECT_TRUE(has_line(feed, "UID:abc123-2@itkal.example")) << feed;
  // A later date added in another issue leaves the earlier UIDs alone.
  event.occurrences.push_back(on(date(2026, 7, 22)));
  const std::string longer = render_one(event);
  EXPECT_TRUE(has_line(longer, "UID:abc123@itkal.example")) << longer;
  EXPECT_TRUE(has_line(longer, "UID:abc123-2@itkal.example")) << longer;
  EXPECT_TRUE(has_line(longer, "UID:abc123-3@itkal.example")) << longer;
}

TEST(IcalWriter, EventPropertiesComeFromTheData) {
  Event event =
      make_event("e1", "Fachtagung Daten nutzen", {on(date(2026, 5, 6), at(9, 30), at(17, 15))});
  event.location = "Berlin";
  event.organizers = {"SWK", "Freie Hansestadt Bremen"};
  event.details = {"Hausmesse"};
  event.url = "https://example.org/fachtagung";
  event.sequence = 2;
  event.source_line = 212;
  const std::string feed = render_one(event);
  for (const std::string line :
       {"UID:e1@itkal.example", "DTSTAMP:20260513T000000Z", "LAST-MODIFIED:20260513T000000Z",
        "CREATED:20260415T000000Z", "SEQUENCE:2", "SUMMARY:Fachtagung Daten nutzen",
        "LOCATION:Berlin", "CATEGORIES:SWK", "CATEGORIES:Freie Hansestadt Bremen",
        "URL:https://example.org/fachtagung", "STATUS:CONFIRMED", "TRANSP:TRANSPARENT",
        "CLASS:PUBLIC"}) {
    EXPECT_TRUE(has_line(feed, line)) << line << "\n" << feed;
  }
  const auto read = read_back(feed);
  ASSERT_EQ(read.size(), 1u);
  const std::string& description = read[0].description;
  EXPECT_NE(description.find("Veranstalter: SWK, Freie Hansestadt Bremen"), std::string::npos)
      << description;
  EXPECT_NE(description.find("Hinweis: Hausmesse"), std::string::npos) << description;
  EXPECT_NE(description.find("Link: https://example.org/fachtagung"), std::string::npos)
      << description;
  EXPECT_NE(description.find("Quelle: vitako-aktuell-2026-05-13.html, Zeile 212\n20.4., "),
            std::string::npos)
      << description;
}

TEST(IcalWriter, OnlineEventsSayOnlineAsTheirLocation) {
  Event event = make_event("o1", "Webinar", {on(date(2026, 5, 12), at(10), at(11, 30))});
  event.online = true;
  EXPECT_TRUE(has_line(render_one(event), "LOCATION:Online"));
  event.location = "Mainz";
  EXPECT_TRUE(has_line(render_one(event), "LOCATION:Mainz / Online"));
}

TEST(IcalWriter, CancelledEventsKeepTheirUidAndSayAbgesagt) {
  Event event = make_event("c1", "Management Kommunen", {on(date(2026, 6, 25))});
  event.status = EntryStatus::cancelled;
  event.sequence = 1;
  const std::string feed = render_one(event);
  EXPECT_TRUE(has_line(feed, "UID:c1@itkal.example")) << feed;
  EXPECT_TRUE(has_line(feed, "STATUS:CANCELLED")) << feed;
  EXPECT_TRUE(has_line(feed, "SUMMARY:ABGESAGT: Management Kommunen")) << feed;
  EXPECT_TRUE(has_line(feed, "SEQUENCE:1")) << feed;
}

TEST(IcalWriter, HardTextComesBackUnchangedAndLinesAreFoldedSafely) {
  const std::vector<std::string> titles = {
      "Komma, Semikolon; Backslash \\ und \"Zitat\"",
      "Zeile eins\nZeile zwei",
      "Umlaute äöüÄÖÜß und Emoji 🎉🚀 – Gedankenstrich",
      "Überlänge: " + std::string(40, 'x') + " ä" + std::string(33, 'y') +
          "€€€€€€€€€€€€€€€€€€€€ 🎉🎉🎉🎉🎉🎉🎉🎉",
      "Doppelpunkt: Kalender: 2026",
  };
  std::vector<Event> events;
  for (std::size_t i = 0; i < titles.size(); ++i) {
    Event event = make_event("t" + std::to_string(i), titles[i],
                             {on(date(2026, 4, 20 + static_cast<int>(i)))});
    event.location = titles[i];
    events.push_back(event);
  }
  FeedOptions options;
  options.uid_domain = kDomain;
  const std::string feed = render_calendar(events, options);
  // Every physical line: at most 75 octets, valid UTF-8 on its own (no split sequence).
  std::istringstream lines(feed);
  for (std::string line; std::getline(lines, line);) {
    ASSERT_FALSE(line.empty());
    ASSERT_EQ(line.back(), '\r') << line;
    line.pop_back();
    EXPECT_LE(line.size(), 75u) << line;
    const auto first = static_cast<unsigned char>(line.size() > 1 ? line[1] : line[0]);
    EXPECT_NE(first & 0xC0, 0x80) << "folded inside a UTF-8 sequence: " << line;
  }
  const auto read = read_back(feed);
  ASSERT_EQ(read.size(), titles.size());
  for (std::size_t i = 0; i < titles.size(); ++i) {
    EXPECT_EQ(read[i].summary, titles[i]);
    EXPECT_EQ(read[i].location, titles[i]);
  }
}

TEST(IcalWriter, RoundTripGivesBackWhatWasWritten) {
  std::vector<Event> events = {
      make_event("r1", "Workshop \"API first\"", {on(date(2026, 4, 20), at(15, 30), at(17, 30))}),
      make_event("r2", "DMEA 2026", {span(date(2026, 4, 21), date(2026, 4, 23))}),
      make_event("r3", "Public-IT-Security (PITS)",
                 {span(date(2026, 6, 16), date(2026, 6, 17), at(9), at(17), true)}),
      make_event("r4", "Reihe", {on(date(2026, 7, 8), at(10)), on(date(2026, 7, 15), at(10))}),
  };
  FeedOptions options;
  options.uid_domain = kDomain;
  const auto read = read_back(render_calendar(events, options));
  ASSERT_EQ(read.size(), 5u);
  struct Expected {
    const char* uid;
    const char* start;
    const char* end;
    bool all_day;
    const char* summary;
    const char* rrule;
  };
  const Expected expected[] = {
      {"r1@itkal.example", "20260420T133000Z", "20260420T153000Z", false, "Workshop \"API first\"",
       ""},
      {"r2@itkal.example", "20260421", "20260424", true, "DMEA 2026", ""},
      {"r3@itkal.example", "20260616T070000Z", "20260616T150000Z", false,
       "Public-IT-Security (PITS)", "FREQ=DAILY;COUNT=2"},
      {"r4@itkal.example", "20260708T080000Z", "20260708T090000Z", false, "Reihe", ""},
      {"r4-2@itkal.example", "20260715T080000Z", "20260715T090000Z", false, "Reihe", ""},
  };
  for (std::size_t i = 0; i < read.size(); ++i) {
    SCOPED_TRACE(expected[i].uid);
    EXPECT_EQ(read[i].uid, expected[i].uid);
    EXPECT_EQ(read[i].start, expected[i].start);
    EXPECT_EQ(read[i].end, expected[i].end);
    EXPECT_EQ(read[i].all_day, expected[i].all_day);
    EXPECT_EQ(read[i].summary, expected[i].summary);
    EXPECT_EQ(read[i].rrule, expected[i].rrule);
  }
}

TEST(IcalWriter, OutputIsDeterministicAndOrderedByStartThenUid) {
  std::vector<Event> events = {
      make_event("zz", "Später", {on(date(2026, 5, 6), at(9, 30))}),
      make_event("bb", "Ganztags", {on(date(2026, 5, 6))}),
      make_event("aa", "Gleichzeitig", {on(date(2026, 5, 6), at(9, 30))}),
      make_event("cc", "Früher", {on(date(2026, 4, 20), at(15, 30))}),
  };
  FeedOptions options;
  options.uid_domain = kDomain;
  const std::string first = render_calendar(events, options);
  std::reverse(events.begin(), events.end());
  const std::string second = render_calendar(events, options);
  EXPECT_EQ(first, second);
  const auto read = read_back(first);
  ASSERT_EQ(read.size(), 4u);
  EXPECT_EQ(read[0].uid, "cc@itkal.example");
  EXPECT_EQ(read[1].uid, "bb@itkal.example");
  EXPECT_EQ(read[2].uid, "aa@itkal.example");
  EXPECT_EQ(read[3].uid, "zz@itkal.example");
}

TEST(IcalWriter, FilteredFeedsReuseTheRenderedText) {
  std::vector<Event> events = {
      make_event("k1", "Cybersicherheit", {on(date(2026, 5, 13), at(10))}),
      make_event("d1", "dataportCON digital", {on(date(2026, 5, 7))}),
  };
  events[1].organizers = {"Dataport"};
  const OrganizerDirectory directory(std::vector<Organizer>{
      {"KDO", {"Kommunale Datenverarbeitung Oldenburg"}}, {"Dataport", {"Dataport AöR"}}});
  const RenderedEvents rendered(events, kDomain);
  FeedFilter only_dataport;
  only_dataport.organizers = {"dataport aör"};
  const std::string dataport =
      render_feed(rendered, FeedMatcher(only_dataport, directory), FeedOptions{});
  EXPECT_EQ(count_of(dataport, "BEGIN:VEVENT"), 1u) << dataport;
  EXPECT_TRUE(has_line(dataport, "UID:d1@itkal.example")) << dataport;
  EXPECT_EQ(dataport.find("VTIMEZONE"), std::string::npos) << "all-day only: " << dataport;
  FeedFilter only_kdo;
  only_kdo.organizers = {"Kommunale Datenverarbeitung Oldenburg"};
  const std::string kdo = render_feed(rendered, FeedMatcher(only_kdo, directory), FeedOptions{});
  EXPECT_EQ(count_of(kdo, "BEGIN:VEVENT"), 1u) << kdo;
  EXPECT_EQ(count_of(kdo, "BEGIN:VTIMEZONE"), 1u) << kdo;
  // The VEVENT text in the filtered feed is the one rendered once.
  for (const auto& vevent : rendered.vevents()) {
    EXPECT_NE((vevent.event_index == 0 ? kdo : dataport).find(vevent.text), std::string::npos);
  }
}

// The server renders only the events a filter selects: the same bytes as selecting them from
// every event's rendering, with event_index still counting every event.
TEST(IcalWriter, RenderingOnlyTheSelectedEventsGivesTheSameFeed) {
  std::vector<Event> events = {
      make_event("k1", "Cybersicherheit", {on(date(2026, 5, 13), at(10))}),
      make_event("d1", "dataportCON digital", {on(date(2026, 5, 7)), on(date(2026, 6, 2))}),
      make_event("k2", "Anwendertreffen", {on(date(2026, 5, 7), at(9))}),
      make_event("d2", "Dataport Forum", {on(date(2026, 4, 30), at(14))}),
  };
  events[0].organizers = events[2].organizers = {"KDO"};
  events[1].organizers = events[3].organizers = {"Dataport"};
  const OrganizerDirectory directory(std::vector<Organizer>{{"Dataport", {"Dataport AöR"}}});
  FeedFilter only_dataport;
  only_dataport.organizers = {"Dataport AöR"};
  only_dataport.to = date(2026, 5, 31);
  const FeedMatcher matcher(only_dataport, directory);
  const RenderedEvents all(events, kDomain);
  const RenderedEvents selected(events, kDomain,
                                [&](const Event& event) { return matcher.matches_event(event); });
  ASSERT_EQ(selected.vevents().size(), 3u);  // both of d1's occurrences and d2's
  for (const auto& vevent : selected.vevents()) {
    EXPECT_TRUE(vevent.event_index == 1 || vevent.event_index == 3) << vevent.event_index;
  }
  const std::string feed = render_feed(selected, matcher, FeedOptions{});
  EXPECT_EQ(feed, render_feed(all, matcher, FeedOptions{}));
  EXPECT_EQ(count_of(feed, "BEGIN:VEVENT"), 2u) << feed;  // June is after `to`
  EXPECT_LT(feed.find("UID:d2@itkal.example"), feed.find("UID:d1@itkal.example")) << feed;
}

TEST(IcalWriter, DateRangeFiltersSelectOccurrences) {
  const std::vector<Event> events = {make_event(
      "s1", "Reihe", {on(date(2026, 7, 8)), on(date(2026, 7, 15)), on(date(2026, 7, 22))})};
  const RenderedEvents rendered(events, kDomain);
  FeedFilter filter;
  filter.from = date(2026, 7, 10);
  filter.to = date(2026, 7, 20);
  const std::string feed = render_feed(rendered, FeedMatcher(filter, OrganizerDirectory()), {});
  EXPECT_EQ(count_of(feed, "BEGIN:VEVENT"), 1u) << feed;
  EXPECT_TRUE(has_line(feed, "UID:s1-2@itkal.example")) << feed;
}

/// A golden file: issues extracted, aggregated and rendered, compared byte for byte.
struct GoldenCase {
  std::string name;
  std::vector<std::filesystem::path> issues;
  std::string golden;     ///< in tests/golden/
  bool optional = false;  ///< the issues may be absent (../shared)
};

std::vector<GoldenCase> golden_cases() {
  const std::filesystem::path own = std::filesystem::path(ITKAL_SOURCE_DIR) / "tests/data/issues";
  const std::filesystem::path shared = std::filesystem::path(ITKAL_SHARED_DIR) / "newsletters";
  return {{.name = "OwnThreeIssues",
           .issues = {own / "kommunal-it-kalender-2026-04-15.txt",
                      own / "kommunal-it-kalender-2026-05-13.html",
                      own / "kommunal-it-kalender-2026-06-10.eml"},
           .golden = "kommunal-it-kalender-2026-04-to-06.ics"},
          {.name = "SharedAprilIssue",
           .issues = {shared / "vitako-aktuell-2026-04-15.txt"},
           .golden = "vitako-aktuell-2026-04-15.ics",
           .optional = true}};
}

void PrintTo(const GoldenCase& golden_case, std::ostream* out) { *out << golden_case.name; }

class IcalGolden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(IcalGolden, RendersTheGoldenFile) {
  const GoldenCase& golden_case = GetParam();
  for (const auto& issue : golden_case.issues) {
    if (std::filesystem::exists(issue)) continue;
    if (golden_case.optional) GTEST_SKIP() << "no " << issue.string() << " (an optional set)";
    FAIL() << "missing " << issue.string();
  }
  const OrganizerDirectory directory =
      OrganizerDirectory::load(std::string(ITKAL_SOURCE_DIR) + "/feeds/organizers.json");
  std::vector<Extraction> issues;
  for (const auto& issue : golden_case.issues) {
    Extraction extraction = extract_calendar(read_newsletter_file(issue.string()), directory);
    // The golden file must not depend on where the checkout lives.
    extraction.source = issue.filename().string();
    issues.push_back(std::move(extraction));
  }
  const Aggregation aggregation = aggregate(std::move(issues));
  FeedOptions options;
  options.uid_domain = kDomain;
  options.description = "Termine aus VITAKO aktuell";
  const std::string feed = render_calendar(aggregation.events, options);
  const std::filesystem::path golden =
      std::filesystem::path(ITKAL_SOURCE_DIR) / "tests" / "golden" / golden_case.golden;
  if (std::getenv("ITKAL_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden, std::ios::binary) << feed;
  }
  std::ifstream in(golden, std::ios::binary);
  ASSERT_TRUE(in) << "missing " << golden.string() << "; write it with ITKAL_UPDATE_GOLDEN=1";
  std::ostringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(feed, expected.str())
      << "the rendered feed differs from " << golden.string()
      << "; if the change is intended, rerun with ITKAL_UPDATE_GOLDEN=1";
  EXPECT_TRUE(read_back(feed).size() == count_of(feed, "BEGIN:VEVENT"));
}

INSTANTIATE_TEST_SUITE_P(Sets, IcalGolden, ::testing::ValuesIn(golden_cases()),
                         [](const ::testing::TestParamInfo<GoldenCase>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace itkal

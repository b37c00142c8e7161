// External iCalendar feeds read with libical into Europe/Berlin events: time zones (a VTIMEZONE
// in the file, an Olson name, UTC, floating), all-day and multi-day events, recurrences (RRULE,
// EXDATE, RDATE, RECURRENCE-ID, unbounded rules), cancellation, and broken files by line.
#include "itkal/read/ics_feed_reader.hpp"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <string>
#include <vector>

#include "itkal/formats/extraction_json.hpp"
#include "itkal/text/iso_date.hpp"
#include "support/ics_fixture.hpp"

namespace itkal {
namespace {

namespace greg = boost::gregorian;

/// The classic Outlook shape of a VTIMEZONE under a name no Olson zone has: only the file's
/// definition can resolve it.
const char* kUsEastern =
    "BEGIN:VTIMEZONE\r\nTZID:US-Eastern\r\n"
    "BEGIN:STANDARD\r\nDTSTART:20071104T020000\r\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\n"
    "TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\n"
    "TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";

std::string calendar(const std::string& body) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//itkal tests//EN\r\n" +
         std::string(kUsEastern) + body + "END:VCALENDAR\r\n";
}

/// One VEVENT with a UID and a SUMMARY around `lines` (each ending in \r\n).
std::string vevent(const std::string& lines, const std::string& uid = "termin-1@kdo.example") {
  return "BEGIN:VEVENT\r\nUID:" + uid +
         "\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Anwendertreffen\r\n" + lines + "END:VEVENT\r\n";
}

IcsFeedOptions options_for(const std::string& name_space = "ics-test") {
  IcsFeedOptions options;
  options.id_namespace = name_space;
  options.organizer = "KDO";
  options.name = "KDO-Veranstaltungen";
  options.expand_from = greg::date(2026, 1, 1);
  options.expand_to = greg::date(2026, 12, 31);
  return options;
}

/// "2026-04-15 16:00 – 2026-04-15 17:30", "2026-04-21 – 2026-04-23" (all day), "ABGESAGT …".
std::string describe(const Event& event) {
  const Occurrence& o = event.occurrences.front();
  std::string text = event.status == EntryStatus::cancelled ? "ABGESAGT " : "";
  text += iso_date(o.start_date);
  if (o.start_time) text += " " + o.start_time->to_string();
  if (o.all_day() || o.end_time) {
    text += " – " + iso_date(o.end_date);
    if (o.end_time) text += " " + o.end_time->to_string();
  }
  return text;
}

std::vector<std::string> describe_all(const std::vector<Event>& events) {
  std::vector<std::string> texts;
  for (const auto& event : events) texts.push_back(describe(event));
  std::sort(texts.begin(), texts.end());
  return texts;
}

struct Case {
  const char* name;
  std::string vevents;
  std::vector<std::string> expected;  ///< describe() of each event, sorted
};

TEST(IcsFeedReader, ReadsTimesDaysAndRecurrences) {
  const std::vector<Case> cases = {
      {.name = "TZID defined by the file's VTIMEZONE (EDT, 6 hours behind CEST)",
       .vevents = vevent("DTSTART;TZID=US-Eastern:20260415T100000\r\n"
                         "DTEND;TZID=US-Eastern:20260415T113000\r\n"),
       .expected = {"2026-04-15 16:00 – 2026-04-15 17:30"}},
      {.name = "US summer time starts before the EU's: 5 hours in March",
       .vevents = vevent("DTSTART;TZID=US-Eastern:20260320T100000\r\n"
                         "DTEND;TZID=US-Eastern:20260320T113000\r\n"),
       .expected = {"2026-03-20 15:00 – 2026-03-20 16:30"}},
      {.name = "an evening in New York is the next morning in Berlin",
       .vevents = vevent("DTSTART;TZID=US-Eastern:20260415T200000\r\n"
                         "DTEND;TZID=US-Eastern:20260415T210000\r\n"),
       .expected = {"2026-04-16 02:00 – 2026-04-16 03:00"}},
      {.name = "Olson name without a VTIMEZONE",
       .vevents = vevent("DTSTART;TZID=Europe/London:20260701T090000\r\n"
                         "DTEND;TZID=Europe/London:20260701T100000\r\n"),
       .expected = {"2026-07-01 10:00 – 2026-07-01 11:00"}},
      {.name = "UTC in summer",
       .vevents = vevent("DTSTART:20260615T083000Z\r\nDTEND:20260615T093000Z\r\n"),
       .expected = {"2026-06-15 10:30 – 2026-06-15 11:30"}},
      {.name = "UTC in winter",
       .vevents = vevent("DTSTART:20261215T083000Z\r\nDTEND:20261215T093000Z\r\n"),
       .expected = {"2026-12-15 09:30 – 2026-12-15 10:30"}},
      {.name = "floating time is Europe/Berlin",
       .vevents = vevent("DTSTART:20260610T140000\r\nDTEND:20260610T150000\r\n"),
       .expected = {"2026-06-10 14:00 – 2026-06-10 15:00"}},
      {.name = "DURATION instead of DTEND",
       .vevents = vevent("DTSTART;TZID=Europe/Berlin:20260610T100000\r\nDURATION:PT90M\r\n"),
       .expected = {"2026-06-10 10:00 – 2026-06-10 11:30"}},
      {.name = "no end: ends when it starts",
       .vevents = vevent("DTSTART;TZID=Europe/Berlin:20260610T100000\r\n"),
       .expected = {"2026-06-10 10:00"}},
      {.name = "ends at midnight: 24:00 of its day",
       .vevents = vevent("DTSTART;TZID=Europe/Berlin:20260610T220000\r\n"
                         "DTEND;TZID=Europe/Berlin:20260611T000000\r\n"),
       .expected = {"2026-06-10 22:00 – 2026-06-10 24:00"}},
      {.name = "runs over two days",
       .vevents = vevent("DTSTART;TZID=Europe/Berlin:20260420T100000\r\n"
                         "DTEND;TZID=Europe/Berlin:20260422T160000\r\n"),
       .expected = {"2026-04-20 10:00 – 2026-04-22 16:00"}},
      {.name = "all day: DTEND is exclusive",
       .vevents = vevent("DTSTART;VALUE=DATE:20260501\r\nDTEND;VALUE=DATE:20260502\r\n"),
       .expected = {"2026-05-01 – 2026-05-01"}},
      {.name = "all day without DTEND is one day",
       .vevents = vevent("DTSTART;VALUE=DATE:20260601\r\n"),
       .expected = {"2026-06-01 – 2026-06-01"}},
      {.name = "several days all day",
       .vevents = vevent("DTSTART;VALUE=DATE:20260421\r\nDTEND;VALUE=DATE:20260424\r\n"),
       .expected = {"2026-04-21 – 2026-04-23"}},
      {.name = "weekly with an EXDATE",
       .vevents = vevent("DTSTART;TZID=Europe/Berlin:20260505T100000\r\n"
                         "DTEND;TZID=Europe/Berlin:20260505T110000\r\n"
                         "RRULE:FREQ=WEEKLY;COUNT=4\r\n"
                         "EXDATE;TZID=Europe/Berlin:20260512T100000\r\n"),
       .expected = {"2026-05-05 10:00 – 2026-05-05 11:00", "2026-05-19 10:00 – 2026-05-19 11:00",
                    "2026-05-26 10:00 – 2026-05-26 11:00"}},
      {.name = "EXDATE in UTC excludes the same instant",
       .vevents = vevent("DTSTART;TZID=Europe/Berlin:20260505T100000\r\n"
                         "RRULE:FREQ=WEEKLY;COUNT=2\r\nEXDATE:20260512T080000Z\r\n"),
       .expected = {"2026-05-05 10:00"}},
      {.name = "weekly all day over the change to winter time",
       .vevents = vevent("DTSTART;VALUE=DATE:20261021\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\n"),
       .expected = {"2026-10-21 – 2026-10-21", "2026-10-28 – 2026-10-28"}},
      {.name = "a weekly New York meeting keeps its New York time over the US change",
       .vevents = vevent("DTSTART;TZID=US-Eastern:20261026T090000\r\n"
                         "RRULE:FREQ=WEEKLY;COUNT=3\r\n"),
       .expected = {"2026-10-26 14:00", "2026-11-02 15:00", "2026-11-09 15:00"}},
      {.name = "RDATE adds, RECURRENCE-ID moves an instance",
       .vevents = vevent("DTSTART;TZID=Europe/Berlin:20260505T100000\r\n"
                         "DTEND;TZID=Europe/Berlin:20260505T110000\r\n"
                         "RRULE:FREQ=WEEKLY;COUNT=2\r\n"
                         "RDATE;TZID=Europe/Berlin:20260520T100000\r\n") +
                  vevent("RECURRENCE-ID;TZID=Europe/Berlin:20260512T100000\r\n"
                         "DTSTART;TZID=Europe/Berlin:20260513T140000\r\n"
                         "DTEND;TZID=Europe/Berlin:20260513T150000\r\n"),
       .expected = {"2026-05-05 10:00 – 2026-05-05 11:00", "2026-05-13 14:00 – 2026-05-13 15:00",
                    "2026-05-20 10:00 – 2026-05-20 11:00"}},
      {.name = "an overridden instance can be cancelled alone",
       .vevents = vevent("DTSTART;TZID=Europe/Berlin:20260505T100000\r\n"
                         "RRULE:FREQ=WEEKLY;COUNT=2\r\n") +
                  vevent("RECURRENCE-ID;TZID=Europe/Berlin:20260512T100000\r\n"
                         "DTSTART;TZID=Europe/Berlin:20260512T100000\r\nSTATUS:CANCELLED\r\n"),
       .expected = {"2026-05-05 10:00", "ABGESAGT 2026-05-12 10:00"}},
      {.name = "an unbounded rule gives only the instances in the range",
       .vevents = vevent("DTSTART;TZID=Europe/Berlin:20240103T100000\r\n"
                         "RRULE:FREQ=MONTHLY;BYMONTHDAY=3\r\n"),
       .expected = {"2026-01-03 10:00", "2026-02-03 10:00", "2026-03-03 10:00", "2026-04-03 10:00",
                    "2026-05-03 10:00", "2026-06-03 10:00", "2026-07-03 10:00", "2026-08-03 10:00",
                    "2026-09-03 10:00", "2026-10-03 10:00", "2026-11-03 10:00",
                    "2026-12-03 10:00"}},
      {.name = "cancelled",
       .vevents = vevent("DTSTART;VALUE=DATE:20260625\r\nSTATUS:CANCELLED\r\n"),
       .expected = {"ABGESAGT 2026-06-25 – 2026-06-25"}},
  };
  for (const Case& c : cases) {
    const IcsFeedReading reading = read_ics_feed(calendar(c.vevents), options_for());
    EXPECT_EQ(describe_all(reading.events), c.expected) << c.name;
    EXPECT_TRUE(reading.warnings.empty()) << c.name << ": " << reading.warnings.front().message;
  }
}

/// A timed fixture event in `zone` on a day of 2026.
testing::FixtureEvent timed(const std::string& zone, int month, int day, int hour, int minute,
                            int minutes) {
  testing::FixtureEvent event;
  event.uid = "timed-" + std::to_string(month) + "-" + std::to_string(day) + "@kdo.example";
  event.summary = "Webinar mit Partnern, Teil 1";
  event.zone = zone;
  event.month = month;
  event.day = day;
  event.hour = hour;
  event.minute = minute;
  event.length = minutes;
  return event;
}

/// An all-day fixture event of `days` days in 2026.
testing::FixtureEvent all_day(int month, int day, int days) {
  testing::FixtureEvent event;
  event.uid = "day-" + std::to_string(month) + "-" + std::to_string(day) + "@kdo.example";
  event.summary = "Fachmesse; Kommunen & Länder";
  event.month = month;
  event.day = day;
  event.length = days;
  return event;
}

testing::FixtureEvent weekly_with_exdate() {
  testing::FixtureEvent event = timed("Europe/Berlin", 6, 2, 14, 0, 60);
  event.rrule = "FREQ=WEEKLY;COUNT=4";
  event.exdates = {{2026, 6, 9}};
  return event;
}

testing::FixtureEvent cancelled_day() {
  testing::FixtureEvent event = all_day(6, 18, 1);
  event.cancelled = true;
  return event;
}

/// Calendars as a calendar program writes them: libical builds the VEVENTs, its own VTIMEZONEs
/// and its serialisation (folding, escaping), so the reader is not only tested on our typing.
TEST(IcsFeedReader, ReadsCalendarsWrittenByLibical) {
  struct LibicalCase {
    const char* name;
    testing::FixtureEvent event;
    std::vector<std::string> expected;
  };
  const std::vector<LibicalCase> cases = {
      {"New York time, libical's VTIMEZONE (EDT, 6 hours behind CEST)",
       timed("America/New_York", 4, 15, 10, 0, 90),
       {"2026-04-15 16:00 – 2026-04-15 17:30"}},
      {"UTC in winter", timed("UTC", 12, 15, 8, 30, 60), {"2026-12-15 09:30 – 2026-12-15 10:30"}},
      {"all day over three days (DTEND exclusive)", all_day(9, 22, 3), {"2026-09-22 – 2026-09-24"}},
      {"weekly in Berlin with an EXDATE",
       weekly_with_exdate(),
       {"2026-06-02 14:00 – 2026-06-02 15:00", "2026-06-16 14:00 – 2026-06-16 15:00",
        "2026-06-23 14:00 – 2026-06-23 15:00"}},
      {"cancelled", cancelled_day(), {"ABGESAGT 2026-06-18 – 2026-06-18"}},
  };
  for (const LibicalCase& c : cases) {
    const IcsFeedReading reading = read_ics_feed(testing::make_calendar({c.event}), options_for());
    EXPECT_EQ(describe_all(reading.events), c.expected) << c.name;
    EXPECT_TRUE(reading.warnings.empty()) << c.name;
    for (const Event& event : reading.events) EXPECT_EQ(event.title, c.event.summary) << c.name;
  }
}

/// A long title, a place with separators and a two-line description come back whole through
/// libical's folding and escaping.
TEST(IcsFeedReader, LibicalFoldingAndEscapingComeBackWhole) {
  testing::FixtureEvent event = all_day(5, 7, 1);
  event.summary =
      "Digitalisierung in Kommunen: Was Bund, Länder und Kommunen gemeinsam erreichen; ein "
      "Überblick über die Vorhaben des Jahres";
  event.location = "Münster, Rathaus; Saal 2";
  event.description = "Für Anwender\nAnmeldung erbeten, bis 30.4.";
  const std::string text = testing::make_calendar({event});
  ASSERT_NE(text.find("\r\n "), std::string::npos) << "libical folds long lines: " << text;
  const IcsFeedReading reading = read_ics_feed(text, options_for());
  ASSERT_EQ(reading.events.size(), 1u);
  EXPECT_EQ(reading.events.front().title, event.summary);
  EXPECT_EQ(reading.events.front().location, event.location);
  EXPECT_EQ(reading.events.front().source_text, event.description);
}

TEST(IcsFeedReader, TakesOverTextsAndNamesTheFeed) {
  const IcsFeedReading reading =
      read_ics_feed(calendar(vevent("DTSTART;VALUE=DATE:20260625\r\nLOCATION:Münster\\, Rathaus\r\n"
                                    "URL:https://www.kdo.example/termine/42\r\nSEQUENCE:2\r\n"
                                    "DESCRIPTION:Für Anwender\\nAnmeldung erbeten\r\n")),
                    options_for());
  ASSERT_EQ(reading.events.size(), 1u);
  const Event& event = reading.events.front();
  EXPECT_EQ(event.title, "Anwendertreffen");
  EXPECT_EQ(event.location, "Münster, Rathaus");
  EXPECT_EQ(event.url, "https://www.kdo.example/termine/42");
  EXPECT_EQ(event.source_text, "Für Anwender\nAnmeldung erbeten");
  EXPECT_EQ(event.organizers, std::vector<std::string>{"KDO"});
  EXPECT_EQ(event.sources, std::vector<std::string>{"KDO-Veranstaltungen"});
  EXPECT_EQ(event.sequence, 2);
  EXPECT_EQ(event.status, EntryStatus::confirmed);
  EXPECT_EQ(event.id.size(), 20u);
}

TEST(IcsFeedReader, IdsAreStablePerFeedAndInstance) {
  const std::string weekly = calendar(
      vevent("DTSTART;TZID=Europe/Berlin:20260505T100000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"));
  const auto first = read_ics_feed(weekly, options_for()).events;
  const auto again = read_ics_feed(weekly, options_for()).events;
  const auto other_feed = read_ics_feed(weekly, options_for("ics-other")).events;
  ASSERT_EQ(first.size(), 3u);
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].id, again[i].id);
    EXPECT_NE(first[i].id, other_feed[i].id) << "two feeds with the same UID collide";
  }
  // The range moving on drops an instance but renames none of the others.
  IcsFeedOptions later = options_for();
  later.expand_from = greg::date(2026, 5, 10);
  const auto moved_on = read_ics_feed(weekly, later).events;
  ASSERT_EQ(moved_on.size(), 2u);
  for (const auto& event : moved_on) {
    EXPECT_TRUE(std::any_of(first.begin(), first.end(), [&](const Event& e) {
      return e.id == event.id;
    })) << describe(event);
  }
  // A moved instance keeps the id of the instance it replaces.
  const auto overridden =
      read_ics_feed(calendar(vevent("DTSTART;TZID=Europe/Berlin:20260505T100000\r\n"
                                    "RRULE:FREQ=WEEKLY;COUNT=3\r\n") +
                             vevent("RECURRENCE-ID;TZID=Europe/Berlin:20260512T100000\r\n"
                                    "DTSTART;TZID=Europe/Berlin:20260513T180000\r\n")),
                    options_for())
          .events;
  for (const auto& event : overridden) {
    EXPECT_TRUE(std::any_of(first.begin(), first.end(), [&](const Event& e) {
      return e.id == event.id;
    })) << describe(event);
  }
}

TEST(IcsFeedReader, RunawayRulesStopWithAWarning) {
  struct Runaway {
    const char* rule;
    std::size_t events;
  };
  const std::vector<Runaway> cases = {
      {"RRULE:FREQ=MINUTELY\r\n", 1000},                     // floods the range: capped
      {"RRULE:FREQ=SECONDLY\r\n", 0},                        // never reaches the range
      {"RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r\n", 0},  // no such day
  };
  for (const auto& c : cases) {
    const std::string start = c.events > 0 ? "20260101T000000" : "19900101T000000";
    const IcsFeedReading reading = read_ics_feed(
        calendar(vevent("DTSTART;TZID=Europe/Berlin:" + start + "\r\n" + c.rule)), options_for());
    EXPECT_EQ(reading.events.size(), c.events) << c.rule;
    if (c.events > 0 || std::string(c.rule).find("SECONDLY") != std::string::npos) {
      ASSERT_EQ(reading.warnings.size(), 1u) << c.rule;
      EXPECT_NE(reading.warnings.front().message.find("RRULE expanded only up to"),
                std::string::npos)
          << reading.warnings.front().message;
    }
  }
}

TEST(IcsFeedReader, AnUnknownTimeZoneIsAWarning) {
  const IcsFeedReading reading = read_ics_feed(
      calendar(vevent("DTSTART;TZID=Mars/Olympus:20260610T140000\r\n")), options_for());
  ASSERT_EQ(reading.events.size(), 1u);
  EXPECT_EQ(describe(reading.events.front()), "2026-06-10 14:00");
  ASSERT_EQ(reading.warnings.size(), 1u);
  EXPECT_EQ(reading.warnings.front().text, "TZID=Mars/Olympus");
}

TEST(IcsFeedReader, BrokenFilesNameTheLine) {
  struct Broken {
    const char* name;
    std::string text;
    std::size_t line;
    std::string message;
  };
  const std::string head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n";
  const std::vector<Broken> cases = {
      {"not iCalendar", "<!DOCTYPE html>\n<html><body>Termine</body></html>\n", 1, "not iCalendar"},
      {"empty", "", 0, "the file is empty"},
      {"truncated", head + "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260610T140000\r\n", 6,
       "truncated: BEGIN:VEVENT on line 4 is never closed"},
      {"a day that does not exist",
       head + "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260231T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
       6, "bad date '20260231T100000' in DTSTART"},
      {"an hour that does not exist",
       head + "BEGIN:VEVENT\r\nUID:x\r\nDTSTART;TZID=Europe/Berlin:\r\n 20260210T250000\r\n"
              "END:VEVENT\r\nEND:VCALENDAR\r\n",
       6, "bad date '20260210T250000' in DTSTART"},
      {"a bad EXDATE in a list",
       head + "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260210T100000\r\nRRULE:FREQ=DAILY\r\n"
              "EXDATE:20260211T100000,2026-02-12\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
       8, "bad date '2026-02-12' in EXDATE"},
      {"no DTSTART", head + "BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 0,
       "VEVENT 'x' has no readable DTSTART"},
      {"an END that closes nothing", head + "END:VEVENT\r\nEND:VCALENDAR\r\n", 4,
       "END:VEVENT closes nothing"},
  };
  for (const Broken& c : cases) {
    try {
      (void)read_ics_feed(c.text, options_for());
      ADD_FAILURE() << c.name << ": read without an error";
    } catch (const IcsError& error) {
      EXPECT_EQ(error.line(), c.line) << c.name << ": " << error.what();
      EXPECT_NE(std::string(error.what()).find(c.message), std::string::npos)
          << c.name << ": " << error.what();
    }
  }
}

}  // namespace
}  // namespace itkal

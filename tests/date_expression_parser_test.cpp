// The date grammar on its own, under the issue date 15 April 2026: each form next to the
// occurrences it gives ("2026-04-21..2026-04-23", times after a space, "daily" for times that
// repeat each day), the note of undated forms, and what is refused.
#include "itkal/extract/date_expression_parser.hpp"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <string>
#include <vector>

#include "itkal/text/iso_date.hpp"

namespace itkal {
namespace {

namespace greg = boost::gregorian;
using Kind = DateParse::Kind;

struct DateCase {
  const char* input;
  Kind kind;
  std::vector<std::string> occurrences = {};
  const char* rest = nullptr;  ///< what is left unread, when the case checks it
  const char* note = nullptr;  ///< the note of a dated list, when the case checks it
};

std::string describe(const Occurrence& o) {
  std::string text = iso_date(o.start_date);
  if (o.end_date != o.start_date) text += ".." + iso_date(o.end_date);
  if (o.start_time) text += " " + o.start_time->to_string();
  if (o.end_time) text += "-" + o.end_time->to_string();
  if (o.daily_times) text += " daily";
  return text;
}

const std::vector<DateCase> kDates = {
    {"20.4.: Workshop", Kind::dated, {"2026-04-20"}, ": Workshop"},
    {"29.4", Kind::dated, {"2026-04-29"}},
    {"20.04.2026", Kind::dated, {"2026-04-20"}},
    {"20.4.27", Kind::dated, {"2027-04-20"}},
    {"20. April 2026", Kind::dated, {"2026-04-20"}},
    {"Di., 21.4.", Kind::dated, {"2026-04-21"}},
    {"Dienstag, 21. April", Kind::dated, {"2026-04-21"}},
    {"2026-04-20", Kind::dated, {"2026-04-20"}},
    {"21.-23.4.", Kind::dated, {"2026-04-21..2026-04-23"}},
    {"21. bis 23.4.", Kind::dated, {"2026-04-21..2026-04-23"}},
    {"vom 21. bis 23. April", Kind::dated, {"2026-04-21..2026-04-23"}},
    {"30.6.-2.7.", Kind::dated, {"2026-06-30..2026-07-02"}},
    {"23./24.4.", Kind::dated, {"2026-04-23..2026-04-24"}},
    {"8./15.7.", Kind::dated, {"2026-07-08", "2026-07-15"}},
    {"6., 13. und 20.5.", Kind::dated, {"2026-05-06", "2026-05-13", "2026-05-20"}},
    {"KW 23", Kind::dated, {"2026-06-01..2026-06-07"}},
    // A short note after one day of a list does not end the list; it is kept as the list's
    // note (issue 16). A weekday or "online" is no such note, nor a note after the last day.
    {"14. Juli (Ausflug), 4. August",
     Kind::dated,
     {"2026-07-14", "2026-08-04"},
     "",
     "14. Juli: Ausflug"},
    {"8.7. (PITS), 15.7. (Fest) und 22.7.",
     Kind::dated,
     {"2026-07-08", "2026-07-15", "2026-07-22"},
     "",
     "8.7.: PITS; 15.7.: Fest"},
    {"14. Juli (online), 4. August", Kind::dated, {"2026-07-14"}, " (online), 4. August"},
    {"20.4. (Mo.), 21.4.", Kind::dated, {"2026-04-20"}, " (Mo.), 21.4."},
    {"14. Juli (Fest am See), Sommerfest",
     Kind::dated,
     {"2026-07-14"},
     " (Fest am See), Sommerfest"},
    {"15. Dezember (Adventsfeier)", Kind::dated, {"2026-12-15"}, " (Adventsfeier)", ""},
    // a number without a month after a list's last day is an ordinal that begins the title
    {"Sonntag, 6. Dezember 2026, 2. Advent", Kind::dated, {"2026-12-06"}, ", 2. Advent"},
    {"20.4., 2. Workshop", Kind::dated, {"2026-04-20"}, ", 2. Workshop"},
    // a day and month without a final dot, followed by "Uhr", is a time ("8.30 Uhr-12.05 Uhr")
    {"12.05 Uhr", Kind::none, {}, "12.05 Uhr"},
    {"12.05h", Kind::none, {}, "12.05h"},
    {"12.05 Hauptversammlung", Kind::dated, {"2026-05-12"}, " Hauptversammlung"},
    {"20.4., 2. und 3. Workshop", Kind::dated, {"2026-04-20"}, ", 2. und 3. Workshop"},
    // Without a year: on or after the issue date less 60 days, so February is next year.
    {"14.2.", Kind::dated, {"2026-02-14"}},
    {"13.2.", Kind::dated, {"2027-02-13"}},
    {"21.12.-8.1.", Kind::dated, {"2026-12-21..2027-01-08"}},
    // A named day after "am": the date must be that day in its year (issue 16).
    {"am Pfingstmontag, 25. Mai", Kind::dated, {"2026-05-25"}},
    {"am Christi Himmelfahrt, 14.5.", Kind::dated, {"2026-05-14"}},
    {"am Buß- und Bettag, 18.11.", Kind::dated, {"2026-11-18"}},
    {"am Aschermittwoch, 10.2.", Kind::dated, {"2027-02-10"}},
    {"am Reformationstag, 31.10.", Kind::dated, {"2026-10-31"}},
    {"am Pfingstmontag, 26. Mai", Kind::invalid},   // Pfingstmontag 2026 is 25 May
    {"am Buß- und Bettag, 19.11.", Kind::invalid},  // 18 November 2026
    {"am Pfingstmontag", Kind::none, {}, "am Pfingstmontag"},
    {"am Bettag, 18.11.", Kind::none, {}, "am Bettag, 18.11."},
    // At the start of a line the named day is a title ("Reformationstag 31.10.2022").
    {"Pfingstmontag, 25. Mai", Kind::none, {}, "Pfingstmontag, 25. Mai"},
    {"on demand", Kind::undated},
    {"Juni 2026", Kind::undated},
    {"31.4.", Kind::invalid},
    {"29.2.2026", Kind::invalid},
    {"Mi., 21.4.2026", Kind::invalid},  // 21 April 2026 is a Tuesday
    {"23.-21.4.", Kind::invalid},
    {"Workshop am 20.4.", Kind::none, {}, "Workshop am 20.4."},
    {"2026", Kind::none, {}, "2026"},
};

TEST(DateExpressionParser, ReadsEachForm) {
  const DateExpressionParser parser(greg::date(2026, 4, 15));
  for (const DateCase& c : kDates) {
    SCOPED_TRACE(c.input);
    TextScanner scanner(c.input);
    const DateParse parse = parser.parse(scanner);
    EXPECT_EQ(parse.kind, c.kind) << parse.message << parse.note;
    std::vector<std::string> described;
    for (const auto& occurrence : parse.occurrences) described.push_back(describe(occurrence));
    EXPECT_EQ(described, c.occurrences);
    if (c.kind == Kind::undated) {
      EXPECT_FALSE(parse.note.empty());
    }
    if (c.kind == Kind::invalid) {
      EXPECT_FALSE(parse.message.empty());
    }
    if (c.rest) {
      EXPECT_EQ(std::string(scanner.rest()), c.rest);
    }
    if (c.note) {
      EXPECT_EQ(parse.note, c.note);
    }
  }
}

TEST(DateExpressionParser, NamesOfMonthsAndWeekdays) {
  const std::vector<std::pair<const char*, int>> months = {
      {"März", 3}, {"Maerz", 3}, {"Sept.", 9}, {"Dezember", 12}, {"Jan", 1}, {"Mai", 5}, {"Mo", 0}};
  for (const auto& [text, month] : months) {
    TextScanner scanner(text);
    EXPECT_EQ(DateExpressionParser::parse_month_name(scanner), month) << text;
    if (month == 0) {
      EXPECT_EQ(scanner.pos(), 0u) << text;
    }
  }
  const std::vector<std::pair<const char*, int>> weekdays = {
      {"Mo", 1}, {"Di.", 2}, {"Mittwoch", 3}, {"Sonntag", 7}, {"Mai", 0}};
  for (const auto& [text, weekday] : weekdays) {
    TextScanner scanner(text);
    EXPECT_EQ(DateExpressionParser::parse_weekday_name(scanner), weekday) << text;
  }
}

TEST(DateExpressionParser, ImpossibleDaysAreNoDate) {
  EXPECT_EQ(make_date(2026, 4, 31), std::nullopt);
  EXPECT_EQ(make_date(2026, 2, 29), std::nullopt);
  EXPECT_EQ(make_date(2028, 2, 29), greg::date(2028, 2, 29));
  EXPECT_EQ(make_date(2026, 13, 1), std::nullopt);
  EXPECT_EQ(make_date(2026, 0, 1), std::nullopt);
}

}  // namespace
}  // namespace itkal

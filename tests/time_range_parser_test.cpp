// The time grammar on its own: each German time expression next to the range it gives and what
// it leaves unread; words and numbers that are not times leave the scanner where it was.
#include "itkal/extract/time_range_parser.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace itkal {
namespace {

struct TimeCase {
  const char* input;
  TimeParse::Kind kind;
  const char* start = "";  ///< "HH:MM", "" for none
  const char* end = "";
  const char* rest = "";  ///< what the scanner has not read
};

std::string shown(const std::optional<TimeOfDay>& time) { return time ? time->to_string() : ""; }

using Kind = TimeParse::Kind;

const std::vector<TimeCase> kTimes = {
    {"15.30-17.30", Kind::time, "15:30", "17:30"},
    {"10:00 – 11:30 Uhr: Workshop", Kind::time, "10:00", "11:30", ": Workshop"},
    {"14 Uhr", Kind::time, "14:00"},
    {"9-12 Uhr", Kind::time, "09:00", "12:00"},
    {"ab 9 Uhr", Kind::time, "09:00"},
    {"bis 17 Uhr", Kind::time, "", "17:00"},
    {"von 10 bis 12 Uhr", Kind::time, "10:00", "12:00"},
    {"19.30h", Kind::time, "19:30"},
    {"17-19. Uhr", Kind::time, "17:00", "19:00"},
    {"24:00 Uhr", Kind::time, "24:00"},
    {"ganztägig", Kind::time},
    // The "Uhr" of the next range marks an unmarked one (issue 16).
    {"von 9 bis 12 sowie von 13 bis 15.30 Uhr", Kind::time, "09:00", "12:00",
     " sowie von 13 bis 15.30 Uhr"},
    {"9-12 und 13-15 Uhr", Kind::time, "09:00", "12:00", " und 13-15 Uhr"},
    {"9-12 oder 13-15 Uhr", Kind::none, "", "", "9-12 oder 13-15 Uhr"},
    {"25.61 Uhr", Kind::invalid},
    {"2026", Kind::none, "", "", "2026"},
    {"12", Kind::none, "", "", "12"},
    {"12.5.", Kind::none, "", "", "12.5."},
    {"20.10.", Kind::none, "", "", "20.10."},
    {"20.10.2026", Kind::none, "", "", "20.10.2026"},
    // A sentence's dot after the minutes: no month is 30, so "19.30." is a time (issue 16).
    {"19.30. Der Eintritt", Kind::time, "19:30", "", ". Der Eintritt"},
    {"19.30.2026", Kind::none, "", "", "19.30.2026"},
    {"Berlin", Kind::none, "", "", "Berlin"},
    {"abends", Kind::none, "", "", "abends"},
};

TEST(TimeRangeParser, ReadsEachForm) {
  for (const TimeCase& c : kTimes) {
    SCOPED_TRACE(c.input);
    TextScanner scanner(c.input);
    const TimeParse parse = TimeRangeParser::parse(scanner);
    EXPECT_EQ(parse.kind, c.kind) << parse.message;
    if (c.kind == Kind::invalid) {
      EXPECT_FALSE(parse.message.empty());
      continue;
    }
    EXPECT_EQ(shown(parse.range.start), c.start);
    EXPECT_EQ(shown(parse.range.end), c.end);
    EXPECT_EQ(std::string(scanner.rest()), c.rest);
  }
}

TEST(TimeRangeParser, OnlyDigitsAndTimeWordsMayStartATime) {
  for (const char c : std::string("0123456789gGaAbBvVuUcCjJ"))
    EXPECT_TRUE(TimeRangeParser::may_start(c)) << c;
  for (const char c : std::string("xXmMdD.,:- ")) EXPECT_FALSE(TimeRangeParser::may_start(c)) << c;
}

TEST(TimeRangeParser, PointNeedsAMarkerToBeMarked) {
  TextScanner bare("9-12 Uhr");
  const auto point = TimeRangeParser::parse_point(bare);
  ASSERT_TRUE(point.has_value());
  EXPECT_EQ(point->hour, 9);
  EXPECT_FALSE(point->marked);
  EXPECT_EQ(point->text, "9");

  TextScanner marked("18.30 Uhr");
  const auto with_minutes = TimeRangeParser::parse_point(marked);
  ASSERT_TRUE(with_minutes.has_value());
  EXPECT_EQ(with_minutes->minute, 30);
  EXPECT_TRUE(with_minutes->marked);
}

}  // namespace
}  // namespace itkal

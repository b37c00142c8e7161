#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "itkal/model/time_of_day.hpp"
#include "itkal/text/text_scanner.hpp"

namespace itkal {

/// Start and/or end time of an entry; both empty means all day.
struct TimeRange {
  std::optional<TimeOfDay> start;
  std::optional<TimeOfDay> end;
  bool operator==(const TimeRange&) const = default;
};

/// What the scanner found where a time might stand.
struct TimeParse {
  enum class Kind { none, time, invalid } kind = Kind::none;
  TimeRange range;
  std::string message;  ///< why an invalid time is invalid ("impossible time '25.61'")
};

/// Parses German time expressions: "15.30-17.30", "10:00 – 11:30 Uhr", "14 Uhr", "ab 9 Uhr",
/// "9-12 Uhr", "bis 17 Uhr", "von 10 bis 12 Uhr", "19.30h", "ganztägig".
/// On Kind::none the scanner is unchanged. A bare number is only a time when a marker
/// ("Uhr", "h", minutes) makes it one, so "2026" or "12" are never read as times.
class TimeRangeParser {
 public:
  static TimeParse parse(TextScanner& scanner);
  /// False for a byte no time starts with: only digits and the words "ganztägig", "ab", "bis",
  /// "von", "um", "ca.", "Beginn", "jeweils" do. Lets a scan over running text skip most words.
  static bool may_start(char c) {
    const char lower = ascii_lower(c);
    return (c >= '0' && c <= '9') || lower == 'g' || lower == 'a' || lower == 'b' || lower == 'v' ||
           lower == 'u' || lower == 'c' || lower == 'j';
  }

  /// One time point with its marker; nullopt (scanner unchanged) when there is none.
  /// `require_marker` false accepts a bare hour ("9" in "9-12 Uhr").
  struct Point {
    int hour = 0;
    int minute = 0;
    bool marked = false;    ///< minutes, "Uhr" or "h" were written
    std::string_view text;  ///< as written, a view into the scanner's text
  };
  static std::optional<Point> parse_point(TextScanner& scanner);
};

}  // namespace itkal

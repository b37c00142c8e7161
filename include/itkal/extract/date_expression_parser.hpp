#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <optional>
#include <string>
#include <vector>

#include "itkal/model/entry.hpp"
#include "itkal/text/text_scanner.hpp"

namespace itkal {

/// What stands where an entry's date should be.
struct DateParse {
  enum class Kind {
    none,     ///< no date expression here; the scanner is unchanged
    dated,    ///< occurrences found
    undated,  ///< "on demand", "tba", a month alone, a season: no day, `note` says why
    invalid   ///< looks like a date but is impossible or contradictory; `message` says why
  } kind = Kind::none;
  std::vector<Occurrence> occurrences;
  std::string note;
  std::string message;
};

/// Safe construction: nullopt for 31.4. or 29.2. of a common year (Boost would throw).
std::optional<boost::gregorian::date> make_date(int year, int month, int day);

/// Parses the date part of a German calendar line: days ("20.4.", "29.4", "20.04.2026",
/// "20.4.26", "20. April 2026", "Di., 20.4.", "Dienstag, 20. April", "2026-04-20"), spans
/// ("21.-23.4.", "21. bis 23.4.", "vom 21. bis 23. April", "30.6.-2.7.", "23./24.4.",
/// "Mo., 20.4., 10 Uhr – Mi., 22.4., 16 Uhr"), lists ("8./15.7.", "6., 13. und 20.5."),
/// ISO weeks ("KW 23"), months alone and undated markers ("on demand", "tba", "n.n.").
/// Years that are not written come from the issue date: the year that puts the date on or
/// after issue date minus 60 days.
class DateExpressionParser {
 public:
  explicit DateExpressionParser(boost::gregorian::date issue_date);

  [[nodiscard]] DateParse parse(TextScanner& scanner) const;

  /// The year for a day and month that were written without one.
  [[nodiscard]] int infer_year(int month, int day) const;

  /// The same parser for a block of dates under a year heading ("2026", "Kita-Jahr 2025/26"):
  /// days written without a year fall on or after `first_day` instead; "heute" stays the issue.
  [[nodiscard]] DateExpressionParser with_years_from(boost::gregorian::date first_day) const;
  /// The day the text was issued: "heute", and the anchor of years not written.
  [[nodiscard]] boost::gregorian::date issue_date() const { return issue_date_; }

  /// Month number for a German month name or abbreviation at the scanner ("März", "Sept.",
  /// "Maerz"); 0 (scanner unchanged) when there is none.
  static int parse_month_name(TextScanner& scanner);
  /// The month that a word of `words` names ("im Juni:", "Mai 2026"), the first one; 0 when no
  /// word does.
  static int month_named_in(std::string_view words);
  /// ISO weekday (1 = Monday … 7 = Sunday) for "Mo", "Mo.", "Montag", …; 0 when none.
  static int parse_weekday_name(TextScanner& scanner);

 private:
  void set_cutoff(boost::gregorian::date cutoff);

  /// Days without a year are placed on or after this day (60 days before the issue, or the
  /// first day of a year heading's year), kept as
  /// numbers too: infer_year runs for most entries and compares them without date arithmetic.
  boost::gregorian::date cutoff_;
  boost::gregorian::date issue_date_;
  int cutoff_year_ = 0;
  int cutoff_month_ = 0;
  int cutoff_day_ = 0;
};

}  // namespace itkal

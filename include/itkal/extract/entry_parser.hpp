#pragma once

#include <boost/container/small_vector.hpp>
#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "itkal/extract/date_expression_parser.hpp"
#include "itkal/model/entry.hpp"
#include "itkal/model/organizer_directory.hpp"

namespace itkal {

/// Text with its bold spans: readers mark bold as "**…**"; this is the same text without the
/// markers and with the spans as [begin, end) offsets into `plain`.
struct MarkedText {
  std::string plain;
  /// A line has a bold title, rarely more: kept off the heap.
  boost::container::small_vector<std::pair<std::size_t, std::size_t>, 2> bold;

  static MarkedText from_markup(std::string_view marked);
  /// The same into this object, keeping the capacity of `plain`.
  void assign_markup(std::string_view marked);
  /// Drops the text from `end` on (a tail read apart, such as a span end after the title); bold
  /// spans end there too.
  void truncate(std::size_t end);
  /// Removes plain[begin, end) (a notice read apart); bold spans move with the text after it.
  void erase(std::size_t begin, std::size_t end);
};

/// The result of reading one entry's text.
struct EntryParse {
  enum class Kind {
    not_an_entry,  ///< no date or undated marker at the start
    entry,         ///< `entry` holds the fields
    warning        ///< looks like an entry but cannot be read safely; `warning` says why
  } kind = Kind::not_an_entry;
  Entry entry;
  Warning warning;
  std::vector<Warning> warnings;  ///< doubts about an entry that was still read (no title)
};

/// The date expression or undated marker a line begins with, as leading_date read it. parse
/// takes it so that a line that opens an entry is not read twice; it uses it only when given
/// the same text.
struct LeadingDate {
  std::string_view marked;  ///< the text it was read from: a view of the caller's line
  DateParse date;
  std::size_t end = 0;  ///< where the date ends in the text without markup
};

/// Reads one calendar entry: `DATE [, TIME] [, PLACE] : TITLE [, ORGANIZER | DETAIL]* [– STATUS]`,
/// `DATE TIME TITLE`, and `DATE | TIME | TITLE | PLACE` table rows. A hand-written scanner;
/// Boost.Date_Time for every date. Unsure means a warning, never a guessed date.
class EntryParser {
 public:
  EntryParser(const OrganizerDirectory& directory, boost::gregorian::date issue_date)
      : directory_(directory), dates_(issue_date) {}

  /// True when the text (markup allowed) begins with a date expression or undated marker.
  [[nodiscard]] bool starts_entry(std::string_view marked_line) const;
  /// That date expression or marker, when there is one.
  [[nodiscard]] std::optional<LeadingDate> leading_date(std::string_view marked_line) const;

  /// starts_entry, or a short title followed by a date ("Zwischenzeugnis 17.02.2027"), not
  /// counting dates of notes ("KDO (verschoben vom 25.6.)").
  [[nodiscard]] bool holds_entry(std::string_view marked_line) const;
  /// holds_entry, or a short title followed by a date the grammar refuses ("Mühlentag am
  /// Pfingstmontag, 25. Mai" in a year where it is not): inside a calendar such a line is an entry
  /// of its own that ends as a warning, never text glued to the entry before it.
  [[nodiscard]] bool holds_entry_or_refused_date(std::string_view marked_line) const;

  /// Parses one entry; `marked` may hold "**" bold markers, `line` is where it starts. `known`
  /// is what leading_date read of the same line, if it was asked.
  [[nodiscard]] EntryParse parse(std::string_view marked, std::size_t line,
                                 std::optional<LeadingDate> known = std::nullopt) const;
  /// The same into `out`, a default EntryParse where the caller keeps it: the entry is read
  /// where it lies rather than moved there, and so is the date in `known` (taken from it).
  void parse_into(std::string_view marked, std::size_t line, std::optional<LeadingDate>&& known,
                  EntryParse& out) const;

  /// The same parser for the entries under a year heading (DateExpressionParser::with_years_from).
  [[nodiscard]] EntryParser with_years_from(boost::gregorian::date first_day) const {
    EntryParser framed = *this;
    framed.dates_ = dates_.with_years_from(first_day);
    return framed;
  }

  [[nodiscard]] boost::gregorian::date issue_date() const { return dates_.issue_date(); }

  /// Longest entry text read; longer ones become a warning (bounded work on hostile input).
  static constexpr std::size_t kMaxEntryBytes = 8 * 1024;

 private:
  /// What the date after a short title is (none when there is none, or it belongs to a note).
  [[nodiscard]] DateParse::Kind later_date_kind(std::string_view marked_line) const;

  const OrganizerDirectory& directory_;
  DateExpressionParser dates_;
};

/// True when a parse found a dated entry with neither title nor place: a date heading whose
/// entry continues on the following lines.
bool lacks_title(const EntryParse& parse);

}  // namespace itkal

#pragma once

// Internal to the entry parser (src/entry_parser*.cpp): times written in running text ("… um
// 8.30 Uhr im Saal") and how an entry's times apply to its dates.

#include <boost/container/small_vector.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "itkal/extract/time_range_parser.hpp"
#include "itkal/model/entry.hpp"
#include "itkal/text/text_scanner.hpp"

namespace itkal::entry_detail {

/// The times of an entry: almost always one or two, kept off the heap.
using TimeList = boost::container::small_vector<TimeRange, 2>;

/// Times found in running text, and whether one of them was offered as an alternative.
struct InlineTimes {
  TimeList times;
  bool alternative = false;  ///< "15 oder 16 Uhr": which time is meant is unclear
};

/// Finds the times written inside plain[from, to) ("… um 8.30 Uhr im Saal", "Wanderheim, 19:00
/// Uhr"), blanks them out (offsets stay valid) and returns them. Only times that cannot be
/// anything else count: with "Uhr"/"h", or "HH:MM", or after "um", "ab", "von", "bis". Times
/// outside parentheses win over those inside ("ab 12 Uhr (Unterricht bis 10.30 Uhr)").
InlineTimes blank_inline_times(std::string& plain, std::size_t from, std::size_t to);

/// The times blank_inline_times finds in `text`, for a caller that wants them and not the text
/// with them blanked out.
InlineTimes times_in(std::string_view text);

/// "jeweils um 16 Uhr, Dauer etwa 30 Minuten": the one time that `text` gives each of several
/// things with "jeweils", read in its clause up to the next comma or parenthesis; nullopt when
/// it gives none or several ("jeweils um 10 und 16 Uhr" names two, whichever way the words
/// between them are read, so "und", "oder", "&" and "/" give none).
std::optional<TimeRange> time_for_each(std::string_view text);

/// A time read by unmarked_time_joined_to_marked, and where the time it is joined to begins.
struct JoinedTime {
  TimeRange time;
  std::size_t next;
};

/// "um 10 und 16 Uhr", "10 und um 16 Uhr": an unmarked hour that "und" joins to a later marked
/// time shares its marker. On success the scanner stands after the hour, before "und"; else it
/// is unchanged.
std::optional<JoinedTime> unmarked_time_joined_to_marked(TextScanner& scanner);

/// Times written once for the whole entry apply to every occurrence without its own; several
/// times on one day make one occurrence each ("14.00 und 16.00 Uhr").
void apply_times(std::vector<Occurrence>& occurrences, const TimeList& times);

}  // namespace itkal::entry_detail

#pragma once

// Internal to the entry parser (src/entry_parser*.cpp): further dates of the same event written
// at the end of an entry ("… Weitere Termine: 3./4. Dezember 2026").

#include <cstddef>
#include <string>

#include "itkal/extract/date_expression_parser.hpp"
#include "itkal/extract/entry_parser.hpp"

namespace itkal::entry_detail {

/// "Adventsbasteln. Weitere Termine: 3./4. Dezember 2026": the dates after "Weitere Termine" /
/// "weiterer Termin" at the end of the text become more occurrences of `entry`, and the text
/// (plain and bold) ends before the phrase. A text that goes on after those dates is left as it
/// is. Returns the problem when the dates are impossible (a warning), else an empty text.
std::string read_further_dates(MarkedText& text, std::size_t date_end, Entry& entry,
                               const DateExpressionParser& dates);

}  // namespace itkal::entry_detail

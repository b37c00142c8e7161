#pragma once

// Internal to the entry parser (src/entry_parser*.cpp): a cancelled date with its replacement
// inside one entry ("5. Mai – Vortrag entfällt, neuer Termin: 8. Oktober 2026 | Titel").

#include <cstddef>
#include <string>

#include "itkal/extract/date_expression_parser.hpp"
#include "itkal/extract/entry_parser.hpp"

namespace itkal::entry_detail {

/// What read_replacement_date found.
struct ReplacementDate {
  std::string problem;  ///< set when the line must be a warning
  std::string detail;   ///< "verschoben vom 5. Mai" when the entry moved to its new date
};

/// "5. Mai – Vortrag entfällt, neuer Termin: 8. Oktober 2026 | Titel": when the text after the
/// date at [date_begin, date_end) says the date is off ("entfällt", "abgesagt", "fällt aus",
/// "verschoben", "verlegt") and then gives "neuer Termin"/"Ersatztermin" with a date, that date
/// becomes the entry's occurrences and the old one a detail ("verschoben vom 5. Mai"). The text
/// loses the notice: what followed the new date stays ("| Titel"), or else the words before the
/// cancellation are the title. An impossible new date is a problem (a warning); "neuer Termin
/// folgt" leaves the entry as written (cancelled).
ReplacementDate read_replacement_date(MarkedText& text, std::size_t date_begin,
                                      std::size_t date_end, Entry& entry,
                                      const DateExpressionParser& dates);

}  // namespace itkal::entry_detail

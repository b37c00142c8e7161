#pragma once

// Internal to the entry parser (src/entry_parser*.cpp): a title-first entry that names the day
// it was moved from before the day it takes place ("Jahreshauptversammlung verschoben vom 3.3.
// auf Dienstag, 10.3., 19 Uhr").

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "entry_parser_title_first.hpp"
#include "itkal/extract/date_expression_parser.hpp"

namespace itkal::entry_detail {

/// The event's day of a moved entry and what the lead keeps.
struct MovedFrom {
  LaterDate date;      ///< the day after "auf": the event's
  std::string lead;    ///< the title before "verschoben vom"
  std::string detail;  ///< "verschoben vom 3.3."
};

/// When `lead` (the text before the first date, `old_date`) ends in "verschoben vom" or
/// "verlegt vom" and "auf" and a date follow that date: the new date. Nothing otherwise: the
/// old date alone is never published as the event's (the caller warns about two dates).
std::optional<MovedFrom> read_moved_from(std::string_view plain, std::string_view lead,
                                         const LaterDate& old_date,
                                         const DateExpressionParser& dates);

/// A title-first entry whose one day stands after "vom" without an end ("Protokoll der Sitzung
/// vom 18.08.2020", "Schreiben vom 3.3."): "vom" dates the record or earlier day the title
/// speaks of; the event's own day would stand after "am", and a span goes on with "bis".
bool dated_by_record(std::string_view plain, const LaterDate& date);

}  // namespace itkal::entry_detail

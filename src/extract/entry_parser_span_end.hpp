#pragma once

// Internal to the entry parser (src/entry_parser*.cpp): the end of a span written after the
// title ("03.02.2026 - Fachtagung in Kassel bis 5.2.", "09.03.2026 - Themenwochen 9.-20.3.").

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstddef>
#include <string_view>

#include <string>

#include "itkal/extract/date_expression_parser.hpp"
#include "itkal/extract/entry_parser.hpp"

namespace itkal::entry_detail {

/// What a date at the very end of a line says about the single day written at its start.
struct TrailingSpanEnd {
  enum class Kind {
    none,      ///< no such date: the line is read as before
    span_end,  ///< the entry runs from its day to `end`; the title ends at `cut`
    mismatch   ///< a span end that does not fit the day at the start: a warning
  } kind = Kind::none;
  std::size_t cut = 0;
  boost::gregorian::date end;
};

/// Looks at the last words of plain[from, end): " bis D.M.[YYYY]" after the title, or a span
/// "D.-D.M." that starts on `start`, the day at the start of the line. A deadline ("Anmeldung
/// bis 5.2.") is no span end.
TrailingSpanEnd find_trailing_span_end(std::string_view plain, std::size_t from,
                                       boost::gregorian::date start,
                                       const DateExpressionParser& dates);

/// "03.02.2026 - Fachtagung in Kassel bis 5.2.": a span end after the title extends the single
/// day of `entry`, and the title (the plain text and its bold) ends before it. Returns the
/// problem when the end does not fit the day at the start (a warning, never a guessed date),
/// else an empty text.
std::string read_span_end_after_title(MarkedText& text, std::size_t date_end, Entry& entry,
                                      const DateExpressionParser& dates);

}  // namespace itkal::entry_detail

#pragma once

// Property lines as libical 3.0 writes them. The writer produces VEVENT text itself (building a
// libical component per occurrence was half of a build's time), so these must match libical
// byte for byte; tests/ical_text_equivalence_test.cpp holds them to it.

#include <string>
#include <string_view>

struct icaltimetype;

namespace itkal::detail {

/// Appends a TEXT value as libical writes it (icalvalue_text_as_ical_string_r): backslashes
/// escaped, and semicolons and commas too except in a list (CATEGORIES); newlines as "\n"; CR,
/// backspace and form feed dropped.
void append_text_value(std::string& out, std::string_view text, bool list);

/// Appends one unfolded property line (CR LF included) folded where libical's
/// fold_property_line folds it.
void append_folded_line(std::string& out, std::string_view line);

/// An icaltimetype as libical writes a DATE ("20260415") or DATE-TIME ("20260415T093000", "Z"
/// for UTC).
std::string ical_time_text(const icaltimetype& time, bool with_time, bool utc);

}  // namespace itkal::detail

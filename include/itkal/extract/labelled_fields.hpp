#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace itkal {

/// One event written as labelled fields, on one line or on several: "Was: Sommerfest",
/// "Wann: Donnerstag, 11. Juni, um 18 Uhr", "Wo: Schulhof" ("Datum:", "Uhrzeit:"/"Zeit:" and
/// "Ort:" too).
struct LabelledFields {
  std::string what;
  std::string when;  ///< the date, with the time of an "Uhrzeit:" field after a comma
  std::string where;

  /// Reads the labels of one line (markup removed) into the fields; false when the line does
  /// not begin with a label or names a field that is already filled (the next event's).
  bool read_line(std::string_view line);
  /// Both a title and a date were given.
  [[nodiscard]] bool complete() const { return !what.empty() && !when.empty(); }
  /// The entry as a table row the entry parser reads: "WHEN | WHAT | WHERE".
  [[nodiscard]] std::string entry_text() const;
};

/// The line begins with one of the labels LabelledFields reads.
bool begins_with_label(std::string_view line);

}  // namespace itkal

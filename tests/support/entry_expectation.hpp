#pragma once

// Table-driven entry checks: an input line next to its expected fields, in a compact notation.
//   occurrences: "2026-05-12", "2026-05-12 10:00-11:30", "2026-05-12 19:00", "2026-05-12 -17:00",
//   "2026-04-21..2026-04-23", "2026-04-20 10:00..2026-04-22 16:00" (continuous),
//   "2026-06-02..2026-06-03 09:00-17:00" (daily times), several joined by "; ",
//   "" = undated (or not an entry), "WARN" = must not yield a date (a warning).
#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <string>

#include "itkal/extract/entry_parser.hpp"
#include "itkal/formats/extraction_json.hpp"
#include "itkal/text/iso_date.hpp"

namespace itkal::testing {

/// One row of an entry table: an input line next to what the parser must make of it. Rows name
/// line, issue_date, occurrences and title always, and the other fields only where they differ
/// from their defaults (designated initializers, in the order of the fields):
///   {.line = "21.4., Berlin: DMEA", .issue_date = "2026-04-15", .occurrences = "2026-04-21",
///    .location = "Berlin", .title = "DMEA"}
struct EntryRow {
  const char* line;
  const char* issue_date;
  const char* occurrences;
  const char* location = "";
  const char* title;
  const char* organizers = "";  ///< "A|B" for several
  const char* status = "confirmed";
  bool online = false;
  bool prose = false;  ///< a sentence: only its dates are checked
};

inline std::string describe_occurrence(const Occurrence& occurrence) {
  const auto time = [](const std::optional<TimeOfDay>& t) {
    return t ? t->to_string() : std::string();
  };
  std::string text = iso_date(occurrence.start_date);
  const bool span = occurrence.end_date != occurrence.start_date;
  if (span && !occurrence.all_day() && !occurrence.daily_times) {
    // Continuous span: start time on the first day, end time on the last.
    if (occurrence.start_time) text += " " + time(occurrence.start_time);
    text += ".." + iso_date(occurrence.end_date);
    if (occurrence.end_time) text += " " + time(occurrence.end_time);
    return text;
  }
  if (span) text += ".." + iso_date(occurrence.end_date);
  if (occurrence.start_time && occurrence.end_time) {
    text += " " + time(occurrence.start_time) + "-" + time(occurrence.end_time);
  } else if (occurrence.start_time) {
    text += " " + time(occurrence.start_time);
  } else if (occurrence.end_time) {
    text += " -" + time(occurrence.end_time);
  }
  return text;
}

inline std::string describe_occurrences(const Entry& entry) {
  std::string text;
  for (const auto& occurrence : entry.occurrences) {
    text += (text.empty() ? "" : "; ") + describe_occurrence(occurrence);
  }
  return text;
}

inline std::string join(const std::vector<std::string>& list) {
  std::string text;
  for (const auto& item : list) text += (text.empty() ? "" : "|") + item;
  return text;
}

inline void PrintTo(const EntryRow& row, std::ostream* out) { *out << row.line; }

/// What the parser made of a row, in the row's notation, for comparison and for messages.
struct RowOutcome {
  std::string occurrences;  // "WARN: message" for warnings
  std::string location, title, organizers, status;
  bool online = false;
};

inline RowOutcome run_row(const EntryRow& row, const OrganizerDirectory& directory) {
  const EntryParser parser(directory, boost::gregorian::from_simple_string(row.issue_date));
  const EntryParse parse = parser.parse(row.line, 1);
  RowOutcome outcome;
  switch (parse.kind) {
    case EntryParse::Kind::not_an_entry:
      outcome.occurrences = "";
      outcome.status = "not an entry";
      return outcome;
    case EntryParse::Kind::warning:
      outcome.occurrences = "WARN: " + parse.warning.message;
      return outcome;
    case EntryParse::Kind::entry:
      break;
  }
  const Entry& entry = parse.entry;
  outcome.occurrences = entry.dated ? describe_occurrences(entry) : "";
  outcome.location = entry.location.value_or("");
  outcome.title = entry.title;
  outcome.organizers = join(entry.organizers);
  outcome.status = to_string(entry.status);
  outcome.online = entry.online;
  return outcome;
}

}  // namespace itkal::testing

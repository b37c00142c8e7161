#pragma once

// Helpers shared by the libFuzzer targets: the organizer directory the CLI uses, and checks of
// the documented contracts whose failure is a finding even when nothing crashes.
#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "itkal/model/entry.hpp"
#include "itkal/model/organizer_directory.hpp"

namespace itkal::fuzz {

/// The project's own directory, loaded once: organizer matching is part of what is fuzzed, and
/// a real directory reaches the alias and detail paths an empty one never would.
inline const OrganizerDirectory& project_directory() {
  static const OrganizerDirectory directory =
      OrganizerDirectory::load(std::string(ITKAL_SOURCE_DIR) + "/feeds/organizers.json");
  return directory;
}

/// Ends the run like a crash, so libFuzzer keeps the input: a broken contract is a bug even when
/// memory stays intact.
[[noreturn]] inline void contract_broken(const char* what) {
  std::fprintf(stderr, "itkal fuzz: contract broken: %s\n", what);
  std::abort();
}

inline void require(bool condition, const char* what) {
  if (!condition) contract_broken(what);
}

/// What every dated occurrence must satisfy: real days, in order, and valid times (anything
/// impossible must have become a warning instead).
inline void check_occurrence(const Occurrence& occurrence) {
  require(!occurrence.start_date.is_special(), "occurrence start is not a date");
  require(!occurrence.end_date.is_special(), "occurrence end is not a date");
  // Date arithmetic can leave Boost's range without an exception; year() then throws in
  // whatever prints the date (iso_date, the iCalendar writer), far from the cause.
  static const auto first_day = boost::gregorian::date(1400, 1, 1).day_number();
  static const auto last_day = boost::gregorian::date(9999, 12, 31).day_number();
  require(occurrence.start_date.day_number() >= first_day, "occurrence before the year 1400");
  require(occurrence.end_date.day_number() <= last_day, "occurrence after the year 9999");
  require(occurrence.start_date <= occurrence.end_date, "occurrence ends before it starts");
  require(!occurrence.start_time || occurrence.start_time->ok(), "start time out of range");
  require(!occurrence.end_time || occurrence.end_time->ok(), "end time out of range");
}

inline void check_entry(const Entry& entry) {
  if (entry.dated) require(!entry.occurrences.empty(), "dated entry without occurrences");
  for (const Occurrence& occurrence : entry.occurrences) check_occurrence(occurrence);
}

inline std::string_view as_text(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace itkal::fuzz

#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "itkal/model/time_of_day.hpp"

namespace itkal {

/// One stretch of days an event takes place on; end_date is inclusive.
/// A start time belongs to start_date, an end time to end_date; a span of several days with
/// both times means the event runs at those times on each day (see `daily_times`).
struct Occurrence {
  boost::gregorian::date start_date;
  boost::gregorian::date end_date;
  std::optional<TimeOfDay> start_time;
  std::optional<TimeOfDay> end_time;
  /// For multi-day spans with times: true when the times repeat every day ("2./3.6., 9-17 Uhr"),
  /// false when the event runs continuously from the first day's start to the last day's end
  /// ("Mo., 20.4., 10 Uhr – Mi., 22.4., 16 Uhr").
  bool daily_times = false;

  [[nodiscard]] bool all_day() const { return !start_time && !end_time; }
  bool operator==(const Occurrence&) const = default;
};

enum class EntryStatus { confirmed, cancelled };

/// "confirmed" / "cancelled".
const char* to_string(EntryStatus status);
/// The status to_string names; nullopt for any other text.
std::optional<EntryStatus> entry_status_from_string(std::string_view text);

/// One calendar entry of one newsletter issue, as written there.
struct Entry {
  std::size_t line = 0;  ///< 1-based line of the source where the entry starts
  bool dated = false;
  std::vector<Occurrence> occurrences;
  std::optional<std::string> location;
  std::string title;
  std::vector<std::string> organizers;
  std::vector<std::string> details;
  bool online = false;
  EntryStatus status = EntryStatus::confirmed;
  std::string text;                ///< the entry's source text, lines joined, markup removed
  std::vector<std::string> notes;  ///< why an undated entry has no date ("month only: Juni 2026")
  std::optional<std::string> url;  ///< a link the entry carries, when there is one
};

/// A problem a user can fix in the source: which line, its text, and what is wrong.
struct Warning {
  std::size_t line = 0;
  std::string text;
  std::string message;
};

}  // namespace itkal

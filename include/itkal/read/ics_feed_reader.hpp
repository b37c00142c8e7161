#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "itkal/model/entry.hpp"
#include "itkal/model/event.hpp"

namespace itkal {

/// An external calendar that is not usable iCalendar: not iCalendar at all, truncated, or a date
/// that is no date. `line()` is the 1-based line of the file it was found on, 0 when unknown.
class IcsError : public std::runtime_error {
 public:
  IcsError(std::size_t line, const std::string& message);
  [[nodiscard]] std::size_t line() const { return line_; }

 private:
  std::size_t line_;
};

/// How the events of one external calendar become itkal events.
struct IcsFeedOptions {
  /// Keeps two feeds' UIDs apart: the source's key (SourceConfig::key()).
  std::string id_namespace;
  std::string organizer;  ///< every event's organizer; none when empty
  std::string name;       ///< the feed's name, the events' source in DESCRIPTION and events.json
  /// Recurrence instances (RRULE, RDATE) are taken only when they start in [expand_from,
  /// expand_to]; an unbounded RRULE stops at expand_to. Single events are taken whatever their
  /// date (the feed window leaves old ones out of the .ics feeds, as for newsletter events).
  boost::gregorian::date expand_from;
  boost::gregorian::date expand_to;
};

/// The events of an external calendar and what could not be taken over exactly.
struct IcsFeedReading {
  std::vector<Event> events;      ///< ordered by id
  std::vector<Warning> warnings;  ///< e.g. an unknown TZID, read as Europe/Berlin
};

/// Checks that `text` is a whole iCalendar stream whose dates are dates; throws IcsError naming
/// the line otherwise.
void validate_ics(std::string_view text);

/// Reads every VEVENT of `text` (validated first) as itkal events in Europe/Berlin local time:
/// - one event per occurrence: a recurring VEVENT gives one event per instance in the expansion
///   range (RRULE and RDATE, less EXDATE; an instance overridden by a VEVENT with its
///   RECURRENCE-ID is that VEVENT instead), so that an instance keeps its UID when the range
///   moves on;
/// - id: a digest of the namespace, the UID and the instance's RECURRENCE-ID (UTC, or the date
///   for all-day events), stable across runs and different for two feeds with the same UID;
/// - DTSTART/DTEND with a TZID (its VTIMEZONE in the file, else the Olson zone of that name), in
///   UTC or floating (read as Europe/Berlin) become Europe/Berlin wall-clock times; DATE values
///   stay all-day with the exclusive DTEND (RFC 5545 3.6.1) turned into the inclusive last day;
/// - SUMMARY, LOCATION, URL, DESCRIPTION (as the source text), SEQUENCE and STATUS:CANCELLED are
///   taken over; first_seen, last_seen and last_modified stay unset (see external_merge.hpp).
IcsFeedReading read_ics_feed(std::string_view text, const IcsFeedOptions& options);

}  // namespace itkal

#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <optional>
#include <string>
#include <vector>

#include "itkal/model/entry.hpp"

namespace itkal {

/// One event after aggregating every issue: the latest issue's version of it, with an identity
/// that never changes. Each occurrence becomes its own VEVENT (see `occurrence_uid`).
struct Event {
  std::string id;  ///< stable identity (hex digest), the UID without its domain
  std::string title;
  std::vector<Occurrence> occurrences;
  std::optional<std::string> location;
  std::vector<std::string> organizers;
  std::vector<std::string> details;
  bool online = false;
  EntryStatus status = EntryStatus::confirmed;
  std::optional<std::string> url;
  int sequence = 0;                      ///< issues that changed the event after the first
  boost::gregorian::date first_seen;     ///< issue date of the first issue that listed it
  boost::gregorian::date last_seen;      ///< issue date of the latest issue that listed it
  boost::gregorian::date last_modified;  ///< issue date of the issue that last changed it
  std::vector<std::string> sources;      ///< issue files that listed it, in issue order
  std::string source_text;               ///< the entry's text in the latest issue
  std::size_t source_line = 0;           ///< its line there (0 where the form has none)
};

/// UID of the n-th (0-based) occurrence: the event's id for the first, "<id>-<n+1>" for the
/// others, each followed by "@domain". Adding a later date never renames an earlier VEVENT.
std::string occurrence_uid(const Event& event, std::size_t index, const std::string& domain);

}  // namespace itkal

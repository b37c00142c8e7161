#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "itkal/aggregate/aggregator.hpp"

namespace itkal {

/// One item of corrections.json, the operator's fixes of what the parser got wrong:
///   {"event": "<id>", "set": {"title", "location", "occurrences", "status", "organizers",
///    "url"}, "reason": "…"}, {"event": "<id>", "hide": true, "reason": "…"}, and
///   {"add": {"id": "<slug>", "title", "occurrences", …}, "reason": "…"}.
struct Correction {
  enum class Kind { set, hide, add };
  Kind kind = Kind::set;
  std::size_t number = 0;  ///< 1-based position in the file, for messages
  std::string event_id;    ///< the event corrected or hidden, or the id of the one added
  std::string reason;
  // Fields a `set` replaces; unset ones stay as the newsletters say.
  std::optional<std::string> title;
  std::optional<std::optional<std::string>> location;  ///< null removes the place
  std::optional<std::optional<std::string>> url;
  std::optional<std::vector<Occurrence>> occurrences;
  std::optional<EntryStatus> status;
  std::optional<std::vector<std::string>> organizers;
  Event added;  ///< the event an `add` puts in
};

/// A corrections file that cannot be read: the build stops and the previous feeds stay. The
/// message names the file and, for JSON syntax, the line and column.
class CorrectionsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Parses corrections.json (a JSON array of corrections); throws CorrectionsError.
std::vector<Correction> parse_corrections(std::string_view json, const std::string& origin);

/// Reads the file; none when it does not exist (no corrections is the normal case).
std::vector<Correction> load_corrections(const std::string& path);

/// What applying the corrections did, for the build summary and the review report.
struct CorrectionOutcome {
  std::vector<std::string> applied;    ///< "<id>: set title, location (reason)"
  std::vector<std::string> unmatched;  ///< "<id>: no such event; …" (a warning each)
};

/// Applies the corrections in file order after aggregation: `set` replaces fields and raises
/// the event's SEQUENCE by one when what subscribers see changes (its id, and so its UID, stays);
/// `hide` removes the event from every feed and events.json; `add` puts in an event of the
/// operator's (an id already taken is not added). Corrections naming no event are reported.
CorrectionOutcome apply_corrections(Aggregation& aggregation,
                                    const std::vector<Correction>& corrections);

}  // namespace itkal

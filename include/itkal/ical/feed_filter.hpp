#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "itkal/model/event.hpp"
#include "itkal/model/organizer_directory.hpp"

namespace itkal {

/// Which events a feed holds. Every criterion that is set must hold; an empty filter takes
/// everything. Shared by the build (named feeds) and the server (query parameters).
struct FeedFilter {
  /// Events of any of these organizers (names or aliases); empty: any organizer.
  std::vector<std::string> organizers;
  /// Events whose place contains this text (compared folded, see fold_for_matching).
  std::optional<std::string> location;
  /// Occurrences that end on or after this day.
  std::optional<boost::gregorian::date> from;
  /// Occurrences that start on or before this day.
  std::optional<boost::gregorian::date> to;
  /// Events whose title, place, organizers or details contain this text (compared folded).
  std::optional<std::string> text;
  /// Only online events (true) or only events that are not online (false).
  std::optional<bool> online;

  [[nodiscard]] bool empty() const;
  bool operator==(const FeedFilter&) const = default;
};

/// A filter read from query parameters, or why it could not be read.
struct FeedFilterParse {
  FeedFilter filter;
  std::string error;  ///< empty on success: "parameter 'from': '2026-13-01' is not a date …"
  [[nodiscard]] bool ok() const { return error.empty(); }
};

/// Reads `organizer` (repeatable), `location`, `from`, `to` (YYYY-MM-DD), `q` and `online`
/// (true/false, 1/0, yes/no, ja/nein) from decoded query parameters, e.g. the result of
/// Poco::URI::getQueryParameters(). Strict: an unknown or repeated parameter, an empty value, a
/// bad date or `from` after `to` is an error, so that a typo never silently widens a feed.
FeedFilterParse parse_feed_filter(const std::vector<std::pair<std::string, std::string>>& params);

/// A FeedFilter prepared for testing many events: search texts folded once, organizer names
/// resolved through the directory's aliases once per distinct spelling. Not thread-safe (it
/// remembers answers): make one per thread or request; it is cheap.
class FeedMatcher {
 public:
  /// Keeps a reference to `directory`; it must outlive the matcher.
  FeedMatcher(const FeedFilter& filter, const OrganizerDirectory& directory);

  /// The criteria that concern the event as a whole: organizers, place, text, online.
  [[nodiscard]] bool matches_event(const Event& event) const;
  /// The date range, for one occurrence.
  [[nodiscard]] bool matches_occurrence(const Occurrence& occurrence) const;
  /// matches_event and at least one occurrence in the date range.
  [[nodiscard]] bool matches(const Event& event) const;

 private:
  [[nodiscard]] bool organizer_matches(const std::string& organizer) const;
  [[nodiscard]] std::string organizer_key(const std::string& organizer) const;

  FeedFilter filter_;
  const OrganizerDirectory& directory_;
  std::vector<std::string> organizer_keys_;  // folded canonical names wanted
  std::string location_key_;
  std::string text_key_;
  // Answers per organizer spelling seen so far (events repeat a few names many times).
  mutable std::unordered_map<std::string, bool> organizer_answers_;
};

}  // namespace itkal

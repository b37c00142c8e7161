#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace itkal {

/// One entry of manifest.json's "feeds".
struct ManifestFeed {
  std::string file;                      ///< relative to the output folder: "organizers/kdo.ics"
  std::string name;                      ///< the calendar's name
  std::optional<std::string> organizer;  ///< set for the per-organizer feeds
  std::size_t event_count = 0;
};

/// manifest.json, which `itkal build` writes last, atomically, after every other file.
struct BuildManifest {
  std::string generation;  ///< changes whenever any feed's bytes change
  std::string calendar_name;
  std::size_t event_count = 0;
  std::size_t undated_count = 0;
  std::string last_issue_date;  ///< YYYY-MM-DD, empty when unknown
  int refresh_hours = 12;       ///< the feeds' REFRESH-INTERVAL
  /// The build's feed window (see FeedWindow): filtered feeds leave out events that ended
  /// before it, as the build's feeds do; nullopt keeps everything.
  std::optional<boost::gregorian::date> feed_window_start;
  std::vector<ManifestFeed> feeds;
  std::vector<std::string> sources;
};

/// manifest.json's text: the fields in the order above, `organizer` null for feeds without one.
std::string build_manifest_to_json(const BuildManifest& manifest);

/// Reads manifest.json; throws std::runtime_error naming `origin` when it is malformed or names a
/// file outside the output folder (absolute, "..", or not .ics).
BuildManifest parse_build_manifest(std::string_view json, const std::string& origin);

}  // namespace itkal

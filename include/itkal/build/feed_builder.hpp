#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "itkal/config/config.hpp"
#include "itkal/model/entry.hpp"
#include "itkal/text/file_io.hpp"

namespace itkal {

/// A build that must not write anything: a source cannot be read, another build runs, the
/// output folder cannot be written. The message names the file.
class BuildError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Another build holds the lock: nothing was done; the next cron run will build.
class BuildLockedError : public BuildError {
 public:
  using BuildError::BuildError;
};

struct BuildOptions {
  /// Build from the readable sources; an unreadable one is skipped, and its last good reading
  /// (kept in the output's .state/ folder) is used instead, so its events never vanish.
  bool keep_going = false;
  /// The build day the feed window counts from (--today); nullopt: the local calendar day.
  std::optional<boost::gregorian::date> today;
  /// The caller already holds the build lock (`itkal build` fetches under it first).
  bool caller_holds_lock = false;
};

/// A warning with the source it came from.
struct SourceWarning {
  std::string source;
  Warning warning;
};

/// What a build did, for the summary line and for tests.
struct BuildReport {
  std::size_t sources_read = 0;
  std::vector<std::string> skipped;  ///< "x.eml: cannot read …" (only with keep_going)
  std::size_t events = 0;
  std::vector<std::string> corrections_applied;    ///< "<id>: set title (reason)"
  std::vector<std::string> corrections_unmatched;  ///< also a warning each
  std::size_t undated = 0;
  std::size_t new_events = 0;
  std::size_t changed_events = 0;
  std::size_t cancelled_events = 0;
  std::vector<SourceWarning> warnings;
  /// Events the feed window left out of the .ics feeds (they stay in events.json).
  std::size_t events_before_window = 0;
  /// Feeds still over Google Calendar's limit after the window: "calendar.ics (1,204 events,
  /// 1,310,720 bytes)".
  std::vector<std::string> oversized_feeds;
  std::size_t review_items = 0;      ///< in review.json / review.html
  std::size_t new_review_items = 0;  ///< not in the previous build's review
  /// One line per new review item: "x.eml:12: why: text".
  std::vector<std::string> new_review_notes;
  std::size_t feeds_written = 0;
  std::size_t feeds_unchanged = 0;

  /// "itkal build: 3 sources, 22 events (1 undated), 2 new, 1 changed, 1 cancelled, 0 warnings;
  /// 12 files written, 3 unchanged", then what the feed window left out and the feeds still
  /// over Google's limit, when there are any.
  [[nodiscard]] std::string summary() const;
};

/// Reads every issue in the inbox, aggregates them, applies the corrections and writes
/// calendar.ics, organizers/<slug>.ics, the named feeds, events.json and manifest.json (last) into
/// the output folder, then review.json and review.html (not in the manifest, so never served).
/// Every file is written atomically (temporary file in the same folder, fsync, rename) and only
/// when its bytes change. A second build while one runs fails at once (an flock on
/// output/.itkal.lock).
BuildReport build_feeds(const Config& config, const BuildOptions& options = {});

}  // namespace itkal

#pragma once

#include <Poco/Timestamp.h>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "itkal/aggregate/aggregator.hpp"
#include "itkal/formats/build_manifest.hpp"
#include "itkal/ical/ical_writer.hpp"
#include "itkal/model/organizer_directory.hpp"
#include "itkal/serve/http_render_cache.hpp"
#include "itkal/serve/http_resource.hpp"

namespace itkal {

/// Everything one build wrote: the files (open, with their gzip in memory), and the parsed events
/// for filtered feeds. Immutable; the lazily made parts are made once, thread-safely.
class FeedSnapshot {
 public:
  struct Parts;
  explicit FeedSnapshot(Parts parts);
  ~FeedSnapshot();
  FeedSnapshot(const FeedSnapshot&) = delete;
  FeedSnapshot& operator=(const FeedSnapshot&) = delete;

  [[nodiscard]] const BuildManifest& manifest() const;
  /// When the build finished: manifest.json's modification time.
  [[nodiscard]] Poco::Timestamp built_at() const;
  /// Last-Modified of responses rendered from this snapshot; never earlier than the previous
  /// snapshot's, whatever the file times say.
  [[nodiscard]] Poco::Timestamp published() const;
  /// The file at a URL path such as "/calendar.ics" or "/events.json"; nullptr when none.
  [[nodiscard]] std::shared_ptr<const HttpResource> file(std::string_view url_path) const;
  [[nodiscard]] const Aggregation& aggregation() const;
  [[nodiscard]] const OrganizerDirectory& directory() const;
  /// How the build names an organizer given by any name or alias (compared folded, as
  /// FeedMatcher does); nullopt when no feed or event of this build has it.
  [[nodiscard]] std::optional<std::string> organizer_name(const std::string& name) const;
  /// The events the feeds hold: aggregation().events less those before the feed window. Filtered
  /// feeds render the VEVENTs of the events they select when asked (and the render cache keeps
  /// the result): holding every VEVENT's text besides the events would double the memory.
  [[nodiscard]] const std::vector<Event>& feed_events() const;
  [[nodiscard]] const std::string& uid_domain() const;
  [[nodiscard]] HttpRenderCache& render_cache() const;

 private:
  std::unique_ptr<Parts> parts_;
};

/// Where to find a build and how to serve it.
struct FeedStoreOptions {
  std::string output_dir;       ///< absolute: the build's output folder
  std::string organizers_path;  ///< organizers.json; empty for none
  std::string uid_domain = kDefaultUidDomain;
  bool gzip = true;
  /// FeedStore only: compress a new build's files after it is served (gzip at level 9 of 100,000
  /// events' files takes longer than all else a start-up does). Until a file's variant is ready,
  /// gzip clients get the identity body, with Vary: Accept-Encoding and the identity ETag.
  bool gzip_in_background = false;
  std::size_t render_cache_bytes = 8u << 20;
  std::chrono::milliseconds reload_interval{2000};
};

/// Thrown while a build is replacing files: retry later, keep serving the previous snapshot.
class BuildInProgress : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Reads the output folder into a snapshot. Consistency: every file must be older than
/// manifest.json (a build renames feeds first, the manifest last) and manifest.json must be the
/// same file before and after; otherwise throws BuildInProgress. Files whose bytes equal
/// `previous`'s keep their Last-Modified; changed ones get a later one. Throws
/// std::runtime_error when the folder holds no build or a malformed one.
std::shared_ptr<const FeedSnapshot> load_feed_snapshot(const FeedStoreOptions& options,
                                                       const FeedSnapshot* previous);

/// Holds the current snapshot and replaces it when a new build appears. Readers take the
/// shared_ptr and keep a consistent build for the whole request, however long it takes.
class FeedStore {
 public:
  explicit FeedStore(FeedStoreOptions options);
  ~FeedStore();
  FeedStore(const FeedStore&) = delete;
  FeedStore& operator=(const FeedStore&) = delete;

  /// The snapshot to answer from; nullptr until a build has been read.
  [[nodiscard]] std::shared_ptr<const FeedSnapshot> current() const { return current_.load(); }

  enum class Reload { unchanged, replaced, in_progress, failed };
  /// Looks at manifest.json once and reads the folder when it changed.
  Reload reload();
  /// Waits until the gzip variants of the current build are made (gzip_in_background).
  void wait_for_gzip();
  /// Calls reload() every reload_interval on a thread of its own, until stop_polling().
  void start_polling();
  void stop_polling();
  [[nodiscard]] const FeedStoreOptions& options() const { return options_; }
  /// The last reload error, empty after a success (for /healthz and the log).
  [[nodiscard]] std::string last_error() const;

 private:
  FeedStoreOptions options_;
  std::atomic<std::shared_ptr<const FeedSnapshot>> current_;
  std::mutex reload_mutex_;  // one reload at a time
  // Device, inode, size and time of the manifest last read to an end (used, or found broken).
  std::optional<std::string> settled_identity_;
  mutable std::mutex error_mutex_;
  std::string last_error_;
  std::mutex poll_mutex_;
  std::condition_variable poll_wakeup_;
  bool polling_ = false;
  std::thread poller_;
  // Last, so that it stops first: compresses the current build's files; replacing it stops the
  // previous one between chunks.
  std::jthread compressor_;
};

}  // namespace itkal

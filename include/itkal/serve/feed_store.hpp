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
#include "itkal/ical/ical_writer.hpp"
#include "itkal/model/organizer_directory.hpp"
#include "itkal/serve/http/open_file.hpp"

namespace itkal {

/// One response body as the server sends it, with what conditional and compressed requests need.
/// Immutable once made; shared between threads.
struct HttpResource {
  std::string body;                      ///< in memory; empty when `file` holds the bytes
  std::shared_ptr<const OpenFile> file;  ///< a build's file, sent from the page cache
  std::string gzip_body;  ///< empty when gzip is off or would not make the body smaller
  std::string etag;       ///< strong_etag(body)
  /// The gzip variant is another representation and needs its own strong tag (RFC 9110 8.8.3).
  std::string gzip_etag;
  Poco::Timestamp last_modified;   ///< whole seconds: HTTP dates carry no fractions
  std::string last_modified_text;  ///< last_modified as an HTTP date
  std::string content_type;
  std::string file_name;  ///< for Content-Disposition; empty for none
  [[nodiscard]] std::size_t body_size() const { return file ? file->size() : body.size(); }
};

/// Makes a resource: hashes the body and, when `gzip` is set, compresses it once.
std::shared_ptr<const HttpResource> make_http_resource(std::string body, std::string content_type,
                                                       std::string file_name,
                                                       Poco::Timestamp last_modified, bool gzip);

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
  std::size_t event_count = 0;
  std::size_t undated_count = 0;
  std::string last_issue_date;  ///< YYYY-MM-DD, empty when unknown
  /// The build's feed window (see FeedWindow): filtered feeds leave out events that ended
  /// before it, as the build's feeds do; nullopt keeps everything.
  std::optional<boost::gregorian::date> feed_window_start;
  std::vector<ManifestFeed> feeds;
  std::vector<std::string> sources;
};

/// Reads manifest.json; throws std::runtime_error naming `origin` when it is malformed or names a
/// file outside the output folder (absolute, "..", or not .ics).
BuildManifest parse_build_manifest(std::string_view json, const std::string& origin);

/// A byte-bounded LRU cache of rendered responses (filtered feeds, the index page), keyed by a
/// normalized request. Thread-safe.
class HttpRenderCache {
 public:
  explicit HttpRenderCache(std::size_t byte_budget) : byte_budget_(byte_budget) {}
  [[nodiscard]] std::shared_ptr<const HttpResource> find(const std::string& key);
  /// Keeps `resource` unless it alone exceeds the budget; evicts the least recently used.
  void insert(const std::string& key, std::shared_ptr<const HttpResource> resource);
  [[nodiscard]] std::size_t size() const;

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const HttpResource>>;
  mutable std::mutex mutex_;
  std::size_t byte_budget_;
  std::size_t bytes_ = 0;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
};

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
  /// Every event's VEVENT text for filtered feeds; load_feed_snapshot renders it before the
  /// snapshot is served.
  [[nodiscard]] const RenderedEvents& rendered_events() const;
  [[nodiscard]] HttpRenderCache& render_cache() const;

 private:
  std::unique_ptr<Parts> parts_;
  mutable std::once_flag rendered_once_;
  mutable std::unique_ptr<RenderedEvents> rendered_;
};

/// Where to find a build and how to serve it.
struct FeedStoreOptions {
  std::string output_dir;       ///< absolute: the build's output folder
  std::string organizers_path;  ///< organizers.json; empty for none
  std::string uid_domain = kDefaultUidDomain;
  bool gzip = true;
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
};

}  // namespace itkal

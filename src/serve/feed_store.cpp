#include "itkal/serve/feed_store.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/Timespan.h>
#include <fcntl.h>
#include <malloc.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stop_token>
#include <string_view>

#include "itkal/build/feed_window.hpp"
#include "itkal/extract/issue_date.hpp"
#include "itkal/formats/events_json.hpp"
#include "itkal/serve/http/http_negotiation.hpp"
#include "itkal/text/text_folding.hpp"

namespace itkal {

struct FeedSnapshot::Parts {
  BuildManifest manifest;
  Poco::Timestamp built_at;
  Poco::Timestamp published;
  std::map<std::string, std::shared_ptr<const HttpResource>, std::less<>> files;  // by URL path
  Aggregation aggregation;
  /// The events the feed window keeps, when it leaves any out; else aggregation.events is used.
  std::optional<std::vector<Event>> feed_events;
  OrganizerDirectory directory;
  std::map<std::string, std::string, std::less<>> organizer_names;  // folded canonical → shown
  std::string uid_domain;
  std::unique_ptr<HttpRenderCache> render_cache;
};

namespace {

Poco::Timestamp timestamp_of(const struct timespec& time) {
  return Poco::Timestamp(static_cast<Poco::Timestamp::TimeVal>(time.tv_sec) *
                             Poco::Timespan::SECONDS +
                         time.tv_nsec / 1000);
}

long long nanoseconds_of(const struct timespec& time) {
  return static_cast<long long>(time.tv_sec) * 1000000000LL + time.tv_nsec;
}

/// A file's bytes and its status, both of the one inode that was opened: files are replaced by
/// rename, never written in place, so what fstat says is what was read. The bytes are mapped, not
/// copied: hashing and parsing read the page cache directly instead of a zeroed heap copy of
/// every file (about 150 MB at 100,000 events), and the mapping goes when the read does.
struct FileRead {
  std::string_view bytes;
  std::shared_ptr<const void> mapping;  ///< holds `bytes`
  struct stat status {};
  std::shared_ptr<const OpenFile> open;  ///< set when asked to keep the file open
};

/// Maps `size` bytes of `fd` read-only; an empty view for an empty file (mmap refuses those).
void map_file(FileRead& read, int fd, std::size_t size, const std::string& path) {
  if (size == 0) return;
  void* address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (address == MAP_FAILED) {
    throw std::runtime_error("cannot map '" + path + "': " + std::strerror(errno));
  }
  ::madvise(address, size, MADV_SEQUENTIAL);
  read.mapping = std::shared_ptr<const void>(
      address, [size](const void* mapped) { ::munmap(const_cast<void*>(mapped), size); });
  read.bytes = std::string_view(static_cast<const char*>(address), size);
}

FileRead read_whole_file(const std::string& path, bool keep_open = false) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open '" + path + "': " + std::strerror(errno));
  FileRead result;
  try {
    if (::fstat(fd, &result.status) != 0 || !S_ISREG(result.status.st_mode)) {
      throw std::runtime_error("'" + path + "' is not a regular file");
    }
    map_file(result, fd, static_cast<std::size_t>(result.status.st_size), path);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (keep_open) {
    result.open = std::make_shared<const OpenFile>(fd, result.bytes.size());
  } else {
    ::close(fd);
  }
  return result;
}

std::string identity_of(const struct stat& status) {
  return std::to_string(status.st_dev) + ":" + std::to_string(status.st_ino) + ":" +
         std::to_string(status.st_size) + ":" + std::to_string(nanoseconds_of(status.st_mtim));
}

std::string organizer_key(const OrganizerDirectory& directory, const std::string& name) {
  const std::string* canonical = directory.canonical_name(name);
  return fold_for_matching(canonical ? *canonical : name);
}

/// Last-Modified for a file of the new build: unchanged bytes keep the time clients already
/// have; changed bytes get a time after it even when the clock or the file times disagree,
/// because clients that compare only dates would otherwise keep a stale feed forever.
Poco::Timestamp file_last_modified(const FeedSnapshot* previous, const std::string& url_path,
                                   const std::string& etag, Poco::Timestamp file_time) {
  const Poco::Timestamp own = whole_seconds(file_time);
  if (!previous) return own;
  const auto before = previous->file(url_path);
  if (!before) return own;
  if (before->etag == etag) return before->last_modified;
  return std::max(own, before->last_modified + Poco::Timespan::SECONDS);
}

}  // namespace

FeedSnapshot::FeedSnapshot(Parts parts) : parts_(std::make_unique<Parts>(std::move(parts))) {}
FeedSnapshot::~FeedSnapshot() = default;

const BuildManifest& FeedSnapshot::manifest() const { return parts_->manifest; }
Poco::Timestamp FeedSnapshot::built_at() const { return parts_->built_at; }
Poco::Timestamp FeedSnapshot::published() const { return parts_->published; }
const Aggregation& FeedSnapshot::aggregation() const { return parts_->aggregation; }
const OrganizerDirectory& FeedSnapshot::directory() const { return parts_->directory; }
HttpRenderCache& FeedSnapshot::render_cache() const { return *parts_->render_cache; }

std::shared_ptr<const HttpResource> FeedSnapshot::file(std::string_view url_path) const {
  const auto found = parts_->files.find(url_path);
  return found == parts_->files.end() ? nullptr : found->second;
}

std::optional<std::string> FeedSnapshot::organizer_name(const std::string& name) const {
  const auto found = parts_->organizer_names.find(organizer_key(parts_->directory, name));
  if (found == parts_->organizer_names.end()) return std::nullopt;
  return found->second;
}

const std::vector<Event>& FeedSnapshot::feed_events() const {
  return parts_->feed_events ? *parts_->feed_events : parts_->aggregation.events;
}

const std::string& FeedSnapshot::uid_domain() const { return parts_->uid_domain; }

namespace {

struct LoadedSnapshot {
  std::shared_ptr<const FeedSnapshot> snapshot;
  std::string manifest_identity;
  /// Files whose gzip variant is still to be made (gzip_in_background).
  std::vector<std::shared_ptr<HttpResource>> to_compress;
};

/// Reads `size` bytes at `offset` of `file` into `into`.
void read_range(const OpenFile& file, char* into, std::size_t size, std::size_t offset) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t got =
        ::pread(file.fd(), into + done, size - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) throw std::runtime_error("cannot read a build file to compress it: short read");
    done += static_cast<std::size_t>(got);
  }
}

/// Makes each file's gzip variant from its open file, a MiB at a time from the page cache, so
/// that no file needs to be on the heap whole again.
void compress_files(const std::stop_token& stop,
                    const std::vector<std::shared_ptr<HttpResource>>& resources) {
  std::string chunk(std::size_t{1} << 20, '\0');
  for (const auto& resource : resources) {
    const OpenFile& file = *resource->file;
    std::size_t offset = 0;
    auto next = [&]() -> std::string_view {
      const std::size_t size = std::min(chunk.size(), file.size() - offset);
      read_range(file, chunk.data(), size, offset);
      offset += size;
      return std::string_view(chunk.data(), size);
    };
    try {
      if (!resource->compress(next, stop)) return;
    } catch (const std::exception& error) {
      // The file stays without a variant: identity bodies are still right.
      Poco::Logger::get("itkal.server").error(std::string("gzip: ") + error.what());
    }
  }
  // The output buffers grew by doubling on this thread's arena; give the freed pages back.
  ::malloc_trim(0);
  Poco::Logger::get("itkal.server").debug("gzip variants of the build made");
}

LoadedSnapshot load_snapshot(const FeedStoreOptions& options, const FeedSnapshot* previous,
                             bool may_compress_later) {
  LoadedSnapshot loaded;
  const bool compress_later = options.gzip && options.gzip_in_background && may_compress_later;
  const std::string folder = options.output_dir;
  const std::string manifest_path = folder + "/manifest.json";
  const FileRead manifest_file = read_whole_file(manifest_path);
  const long long manifest_time = nanoseconds_of(manifest_file.status.st_mtim);

  FeedSnapshot::Parts parts;
  parts.manifest = parse_build_manifest(manifest_file.bytes, manifest_path);
  parts.built_at = timestamp_of(manifest_file.status.st_mtim);
  parts.uid_domain = options.uid_domain;

  auto read_consistent = [&](const std::string& file) {
    FileRead read = read_whole_file(folder + "/" + file, true);
    // A build renames every feed before its manifest: a file newer than the manifest belongs
    // to a build that has not finished.
    if (nanoseconds_of(read.status.st_mtim) > manifest_time) {
      throw BuildInProgress("'" + file + "' is newer than manifest.json");
    }
    return read;
  };
  auto add_file = [&](const std::string& file, std::string content_type, std::string file_name) {
    FileRead read = read_consistent(file);
    const std::string url_path = "/" + file;
    // Hashed (and compressed unless later): from here on the bytes are sent from the open file.
    auto resource = make_file_http_resource(read.open, read.bytes, std::move(content_type),
                                            std::move(file_name), options.gzip && !compress_later);
    set_last_modified(*resource, file_last_modified(previous, url_path, resource->etag,
                                                    timestamp_of(read.status.st_mtim)));
    if (compress_later && worth_compressing(resource->body_size())) {
      resource->mark_gzip_pending();
      loaded.to_compress.push_back(resource);
    }
    parts.files.emplace(url_path, std::move(resource));
    return read;
  };
  for (const ManifestFeed& feed : parts.manifest.feeds) {
    add_file(feed.file, "text/calendar; charset=utf-8", feed.file.substr(feed.file.rfind('/') + 1));
  }
  parts.aggregation =
      aggregation_from_json(add_file("events.json", "application/json; charset=utf-8", "").bytes,
                            folder + "/events.json");
  // Read event by event, the vector grew by doubling: up to a third of it unused for as long as
  // the build is served (100,000 events: about 10 MB).
  parts.aggregation.events.shrink_to_fit();
  const FeedWindow window{parts.manifest.feed_window_start};
  if (!std::all_of(parts.aggregation.events.begin(), parts.aggregation.events.end(),
                   [&](const Event& event) { return window.keeps(event); })) {
    parts.feed_events = window.apply(parts.aggregation.events);
  }

  // The manifest must still be the one read first, or some files may be of a later build.
  struct stat now {};
  if (::stat(manifest_path.c_str(), &now) != 0 ||
      identity_of(now) != identity_of(manifest_file.status)) {
    throw BuildInProgress("manifest.json changed while reading the build");
  }

  if (!options.organizers_path.empty()) {
    parts.directory = OrganizerDirectory::load(options.organizers_path);
  }
  // The build's organizer feeds name organizers first; then the directory's canonical names,
  // then the first spelling in the events (the order feed_plan uses).
  auto add_organizer = [&](const std::string& organizer) {
    const std::string* canonical = parts.directory.canonical_name(organizer);
    const std::string key = fold_for_matching(canonical ? *canonical : organizer);
    if (!key.empty()) parts.organizer_names.emplace(key, canonical ? *canonical : organizer);
  };
  for (const ManifestFeed& feed : parts.manifest.feeds) {
    if (feed.organizer) add_organizer(*feed.organizer);
  }
  for (const Event& event : parts.aggregation.events) {
    for (const auto& organizer : event.organizers) add_organizer(organizer);
  }
  for (const Entry& entry : parts.aggregation.undated) {
    for (const auto& organizer : entry.organizers) add_organizer(organizer);
  }

  const Poco::Timestamp built = whole_seconds(parts.built_at);
  parts.published = built;
  if (previous) {
    const bool changed = previous->manifest().generation != parts.manifest.generation;
    parts.published =
        std::max(built, previous->published() + (changed ? Poco::Timespan::SECONDS : 0));
  }
  parts.render_cache = std::make_unique<HttpRenderCache>(options.render_cache_bytes);
  loaded.snapshot = std::make_shared<const FeedSnapshot>(std::move(parts));
  loaded.manifest_identity = identity_of(manifest_file.status);
  return loaded;
}

std::optional<std::string> stat_identity(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return std::nullopt;
  return identity_of(status);
}

}  // namespace

std::shared_ptr<const FeedSnapshot> load_feed_snapshot(const FeedStoreOptions& options,
                                                       const FeedSnapshot* previous) {
  return load_snapshot(options, previous, false).snapshot;
}

FeedStore::FeedStore(FeedStoreOptions options) : options_(std::move(options)) {}

FeedStore::~FeedStore() { stop_polling(); }

std::string FeedStore::last_error() const {
  const std::lock_guard lock(error_mutex_);
  return last_error_;
}

FeedStore::Reload FeedStore::reload() {
  const std::lock_guard lock(reload_mutex_);
  auto& log = Poco::Logger::get("itkal.server");
  auto fail = [&](const std::string& message, Reload outcome) {
    const std::lock_guard error_lock(error_mutex_);
    if (message != last_error_) {
      // Logged once per distinct problem: the poller retries every few seconds.
      if (outcome == Reload::in_progress) {
        log.debug(message);
      } else {
        log.warning(message);
      }
    }
    last_error_ = message;
    return outcome;
  };
  const auto identity = stat_identity(options_.output_dir + "/manifest.json");
  if (!identity) {
    return fail("no build in '" + options_.output_dir + "' yet (manifest.json missing)",
                Reload::failed);
  }
  if (identity == settled_identity_) return Reload::unchanged;
  try {
    const auto previous = current_.load();
    LoadedSnapshot loaded = load_snapshot(options_, previous.get(), true);
    settled_identity_ = loaded.manifest_identity;
    current_.store(std::move(loaded.snapshot));
    if (!loaded.to_compress.empty()) {
      compressor_ = std::jthread(compress_files, std::move(loaded.to_compress));
    }
    {
      const std::lock_guard error_lock(error_mutex_);
      last_error_.clear();
    }
    // Parsing events.json builds a large temporary JSON tree; hand its pages back to the system
    // instead of keeping them as free heap (glibc keeps freed memory by default).
    ::malloc_trim(0);
    const auto snapshot = current_.load();
    log.information("serving build " + snapshot->manifest().generation + " from '" +
                    options_.output_dir + "': " + std::to_string(snapshot->manifest().event_count) +
                    " events, " + std::to_string(snapshot->manifest().feeds.size()) + " feeds");
    return Reload::replaced;
  } catch (const BuildInProgress& error) {
    // Not settled: the next poll reads again once the build has written its manifest.
    return fail(std::string("build in progress: ") + error.what(), Reload::in_progress);
  } catch (const std::exception& error) {
    // A broken build stays broken until its manifest is replaced: do not read it again.
    settled_identity_ = identity;
    return fail(std::string("keeping the previous build: ") + error.what(), Reload::failed);
  }
}

void FeedStore::wait_for_gzip() {
  const std::lock_guard lock(reload_mutex_);
  if (compressor_.joinable()) compressor_.join();
}

void FeedStore::start_polling() {
  const std::lock_guard lock(poll_mutex_);
  if (polling_) return;
  polling_ = true;
  poller_ = std::thread([this] {
    std::unique_lock wait_lock(poll_mutex_);
    while (polling_) {
      wait_lock.unlock();
      try {
        reload();
      } catch (const std::exception& error) {
        Poco::Logger::get("itkal.server").error(std::string("reload: ") + error.what());
      }
      wait_lock.lock();
      poll_wakeup_.wait_for(wait_lock, options_.reload_interval, [this] { return !polling_; });
    }
  });
}

void FeedStore::stop_polling() {
  {
    const std::lock_guard lock(poll_mutex_);
    if (!polling_) return;
    polling_ = false;
  }
  poll_wakeup_.notify_all();
  if (poller_.joinable()) poller_.join();
}

}  // namespace itkal

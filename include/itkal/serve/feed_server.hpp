#pragma once

#include <Poco/Logger.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Timespan.h>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "itkal/config/config.hpp"
#include "itkal/serve/feed_store.hpp"
#include "itkal/serve/http/http_request.hpp"

namespace itkal {

/// How `itkal serve` serves a build: the configuration plus the limits that protect the server.
struct FeedServerOptions {
  /// Output folder, organizers, names, base_url, gzip, event loops, render threads, connection
  /// cap, listen backlog, reload.
  Config config;
  /// How often manifest.json is checked; config.reload_seconds unless set.
  std::chrono::milliseconds reload_interval{0};
  /// A request head must arrive whole within this from its first byte (a client trickling it
  /// byte by byte is dropped all the same); a response that makes no progress for this long
  /// (the client stopped reading) is dropped too.
  Poco::Timespan io_timeout{10, 0};
  /// How long a keep-alive connection may wait for its next request.
  Poco::Timespan keep_alive_timeout{5, 0};
  /// Requests per connection before it is closed.
  int max_keep_alive_requests = 1000;
  /// Request head limits: 32 KiB in all (431 beyond, 414 when that is all request line),
  /// fields up to 8 KiB and at most 100 of them (400).
  HttpHeadLimits head_limits;
  std::size_t max_target_length = 2048;    ///< longer request targets get 414
  std::size_t max_parameter_length = 200;  ///< longer query values get 400
  /// Filtered feeds and pages kept rendered. A filtered feed of one organizer is about 300 KB
  /// with its gzip at 10,000 events; 8 MB keeps two dozen and bounds the server's memory.
  std::size_t render_cache_bytes = 8u << 20;
  /// Answer as soon as a build's files are read and hashed, and compress them afterwards on a
  /// thread of its own (see FeedStoreOptions::gzip_in_background).
  bool gzip_in_background = false;
  /// Today in Germany; tests replace it to fix the index page's "upcoming" list.
  std::function<boost::gregorian::date()> today;
};

/// Everything answering a request needs: the options and the current build.
class FeedService {
 public:
  explicit FeedService(FeedServerOptions options);
  [[nodiscard]] const FeedServerOptions& options() const { return options_; }
  [[nodiscard]] FeedStore& store() { return store_; }
  [[nodiscard]] boost::gregorian::date today() const;
  /// The logger "itkal.access": one line per request.
  [[nodiscard]] Poco::Logger& access_log() const { return access_log_; }
  /// Held while a response is rendered for the render cache. One render at a time: when many
  /// clients ask for the same uncached feed at once, one renders it and the others find it in
  /// the cache, instead of every worker rendering (and keeping heap for) the same megabytes.
  [[nodiscard]] std::mutex& render_mutex() { return render_mutex_; }
  /// Cache-Control of every feed, made once: it is sent with every response and every 304.
  [[nodiscard]] const std::string& feed_cache_control() const { return feed_cache_control_; }

 private:
  FeedServerOptions options_;
  FeedStore store_;
  Poco::Logger& access_log_;
  std::mutex render_mutex_;
  std::string feed_cache_control_;
};

struct HttpLoopShared;
class HttpEventLoop;

/// A running server: the service and its event loops on a bound socket (see HttpEventLoop).
/// Reads the build once before it accepts requests, then polls for new builds.
class FeedServer {
 public:
  FeedServer(FeedServerOptions options, const Poco::Net::ServerSocket& socket);
  ~FeedServer();
  FeedServer(const FeedServer&) = delete;
  FeedServer& operator=(const FeedServer&) = delete;

  void start();
  /// Stops accepting, lets requests in progress finish (closing idle keep-alive connections) for
  /// up to `grace`, then stops polling for builds. Returns false when connections remained.
  bool stop(Poco::Timespan grace = Poco::Timespan(10, 0));
  [[nodiscard]] unsigned short port() const { return port_; }
  [[nodiscard]] FeedService& service() { return *service_; }

 private:
  std::shared_ptr<FeedService> service_;
  std::unique_ptr<HttpLoopShared> shared_;
  std::vector<std::unique_ptr<HttpEventLoop>> loops_;
  unsigned short port_ = 0;
  bool running_ = false;
};

/// Binds a listening socket for the configuration's address and port (0: any free port).
Poco::Net::ServerSocket bind_server_socket(const std::string& address, int port, int backlog = 256);

}  // namespace itkal

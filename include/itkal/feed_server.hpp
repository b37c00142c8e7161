#pragma once

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/Timespan.h>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "itkal/config.hpp"
#include "itkal/feed_store.hpp"

namespace itkal {

/// How `itkal serve` serves a build: the configuration plus the limits that protect the pool.
struct FeedServerOptions {
  Config config;  ///< output folder, organizers, names, base_url, gzip, threads, queue, reload
  /// How often manifest.json is checked; config.reload_seconds unless set.
  std::chrono::milliseconds reload_interval{0};
  /// Socket receive and send timeout: a client that sends nothing for this long is dropped.
  Poco::Timespan io_timeout{10, 0};
  /// How long an idle keep-alive connection may hold a thread while waiting for a request.
  Poco::Timespan keep_alive_timeout{5, 0};
  /// Requests per connection before it is closed, so that queued connections get a thread.
  int max_keep_alive_requests = 1000;
  std::size_t max_target_length = 2048;    ///< longer request targets get 414
  std::size_t max_parameter_length = 200;  ///< longer query values get 400
  /// Filtered feeds and pages kept rendered. A filtered feed of one organizer is about 300 KB
  /// with its gzip at 10,000 events; 8 MB keeps two dozen and bounds the server's memory.
  std::size_t render_cache_bytes = 8u << 20;
  /// Today in Germany; tests replace it to fix the index page's "upcoming" list.
  std::function<boost::gregorian::date()> today;
};

/// Everything the request handlers share: the options and the current build. Handlers are made
/// per request, hold a reference to this and keep no state of their own.
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
  /// the cache, instead of 50 threads each rendering (and keeping heap for) the same megabytes.
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

/// The request handler factory: routes every request (known or not) to a handler, because a
/// factory that returns nullptr makes Poco answer 501 instead of 404.
class FeedRouter : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit FeedRouter(std::shared_ptr<FeedService> service) : service_(std::move(service)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& request) override;

 private:
  std::shared_ptr<FeedService> service_;
};

/// Poco's server parameters from the options: threads, queue, timeouts, keep-alive.
Poco::Net::HTTPServerParams::Ptr make_server_params(const FeedServerOptions& options);

/// A running server: the service, its thread pool and Poco's HTTPServer on a bound socket.
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
  Poco::ThreadPool pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  unsigned short port_ = 0;
  bool running_ = false;
};

/// Binds a listening socket for the configuration's address and port (0: any free port).
Poco::Net::ServerSocket bind_server_socket(const std::string& address, int port, int backlog = 256);

}  // namespace itkal

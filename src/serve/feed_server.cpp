#include "itkal/serve/feed_server.hpp"

#include <Poco/Stopwatch.h>
#include <Poco/Thread.h>

#include <signal.h>

#include <algorithm>
#include <thread>
#include <utility>

#include "itkal/serve/feed_responder.hpp"
#include "itkal/serve/http/http_event_loop.hpp"
#include "itkal/serve/index_page.hpp"
#include "itkal/text/usable_cpus.hpp"

namespace itkal {
namespace {

FeedStoreOptions store_options(const FeedServerOptions& options) {
  FeedStoreOptions store;
  store.output_dir = options.config.output;
  store.organizers_path = options.config.organizers;
  store.uid_domain = options.config.uid_domain;
  store.gzip = options.config.gzip;
  store.gzip_in_background = options.gzip_in_background;
  store.render_cache_bytes = options.render_cache_bytes;
  store.reload_interval =
      options.reload_interval.count() > 0
          ? options.reload_interval
          : std::chrono::milliseconds(std::max(1, options.config.reload_seconds) * 1000);
  return store;
}

HttpConnectionLimits connection_limits(const FeedServerOptions& options) {
  HttpConnectionLimits limits;
  limits.io_timeout = std::chrono::milliseconds(options.io_timeout.totalMilliseconds());
  limits.keep_alive_timeout =
      std::chrono::milliseconds(options.keep_alive_timeout.totalMilliseconds());
  limits.max_keep_alive_requests = options.max_keep_alive_requests;
  limits.max_connections = std::max(1, options.config.max_connections);
  limits.head = options.head_limits;
  return limits;
}

/// server.event_loops, or one per core: a loop keeps its core busy only while it has work.
std::size_t event_loop_count(const Config& config) {
  if (config.event_loops > 0) return static_cast<std::size_t>(config.event_loops);
  return usable_cpus();
}

}  // namespace

FeedService::FeedService(FeedServerOptions options)
    : options_(std::move(options)),
      store_(store_options(options_)),
      access_log_(Poco::Logger::get("itkal.access")),
      // Clients are told in the feed to come back after the refresh interval (REFRESH-INTERVAL);
      // caches on the way may keep it as long.
      feed_cache_control_("public, max-age=" +
                          std::to_string(options_.config.refresh_hours * 3600)) {}

boost::gregorian::date FeedService::today() const {
  return options_.today ? options_.today() : berlin_date(Poco::Timestamp());
}

Poco::Net::ServerSocket bind_server_socket(const std::string& address, int port, int backlog) {
  Poco::Net::ServerSocket socket;
  // SO_REUSEADDR so that a restart need not wait out TIME_WAIT, but not SO_REUSEPORT (which
  // Poco's two-argument bind also sets): with it a second `itkal serve` on the same port started
  // silently and the kernel split the connections between the two.
  socket.bind(Poco::Net::SocketAddress(address, static_cast<Poco::UInt16>(port)), true, false);
  socket.listen(backlog);
  // Accepted sockets inherit it: headers and body go out in two writes, which Nagle's algorithm
  // would hold back for the client's delayed ACK.
  socket.setNoDelay(true);
  return socket;
}

namespace {

/// The options with a base_url: the configured one, or the address the socket listens on (a
/// wildcard address as the loopback one), so that the index page's links follow --port.
FeedServerOptions with_base_url(FeedServerOptions options, const Poco::Net::SocketAddress& bound) {
  if (!options.config.base_url.empty()) return options;
  std::string host = bound.host().toString();
  if (bound.host().isWildcard())
    host = bound.family() == Poco::Net::AddressFamily::IPv6 ? "::1" : "127.0.0.1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  options.config.base_url = "http://" + host + ":" + std::to_string(bound.port());
  return options;
}

}  // namespace

FeedServer::FeedServer(FeedServerOptions options, const Poco::Net::ServerSocket& socket)
    : service_(std::make_shared<FeedService>(with_base_url(std::move(options), socket.address()))),
      port_(socket.address().port()) {
  service_->store().reload();
  shared_ = std::make_unique<HttpLoopShared>(
      std::make_shared<const FeedResponder>(*service_), connection_limits(service_->options()),
      socket, static_cast<std::size_t>(std::max(1, service_->options().config.max_threads)));
  for (std::size_t i = 0; i < event_loop_count(service_->options().config); ++i) {
    loops_.push_back(std::make_unique<HttpEventLoop>(*shared_));
  }
}

FeedServer::~FeedServer() {
  if (running_) stop();
}

void FeedServer::start() {
  // A client that closes its connection in the middle of a sendfile() would otherwise kill the
  // process with SIGPIPE; socket writes use MSG_NOSIGNAL, sendfile has no such flag.
  ::signal(SIGPIPE, SIG_IGN);
  service_->store().start_polling();
  for (auto& loop : loops_) loop->start();
  running_ = true;
}

bool FeedServer::stop(Poco::Timespan grace) {
  if (!running_) return true;
  running_ = false;
  // No new connections; idle ones close at once, the others after the response in progress.
  shared_->stopping = true;
  for (auto& loop : loops_) loop->wake();
  Poco::Stopwatch waited;
  waited.start();
  while (shared_->connections > 0 && waited.elapsed() < grace.totalMicroseconds()) {
    Poco::Thread::sleep(10);
  }
  const bool drained = shared_->connections == 0;
  shared_->abandon = true;
  for (auto& loop : loops_) loop->wake();
  for (auto& loop : loops_) loop->join();
  shared_->workers.finish();  // a render still running posts to its loop, which must exist
  service_->store().stop_polling();
  return drained;
}

}  // namespace itkal

#pragma once

#include <Poco/Net/PollSet.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "itkal/serve/http/http_handler.hpp"
#include "itkal/serve/http/http_request.hpp"
#include "itkal/serve/http/worker_pool.hpp"

namespace itkal {

/// The limits that keep slow, idle and hostile clients from holding the server.
struct HttpConnectionLimits {
  /// The whole request head must arrive within this from its first byte, however steadily it
  /// trickles; a response that makes no progress for this long (the client stopped reading)
  /// is dropped too.
  std::chrono::milliseconds io_timeout{10'000};
  /// How long a kept-alive connection may wait for its next request. A new connection may wait
  /// io_timeout for its first byte: a client that connects ahead (browsers do) is not cut off.
  std::chrono::milliseconds keep_alive_timeout{5'000};
  /// Requests per connection before it is closed.
  int max_keep_alive_requests = 1000;
  /// Open connections of all loops together; more are answered 503 and closed at once.
  int max_connections = 10'000;
  /// A request body (GET has none, but may send one) up to this is read and dropped, keeping the
  /// connection; a longer or chunked body closes the connection after the response.
  std::size_t max_discarded_body = 64 * 1024;
  /// After a response that ends the connection, the server half-closes and reads on (dropping
  /// what comes) until the client closes, for up to this long and this many bytes: closing with
  /// request bytes unread or still in flight would reset the connection, which can destroy the
  /// response before the client has read it (nginx's lingering close).
  std::chrono::milliseconds linger_timeout{2'000};
  std::size_t max_linger_bytes = 64 * 1024;
  HttpHeadLimits head;
};

/// What the event loops of one server share.
struct HttpLoopShared {
  HttpLoopShared(std::shared_ptr<const HttpHandler> handler, HttpConnectionLimits limits,
                 const Poco::Net::ServerSocket& listener, std::size_t render_threads)
      : handler(std::move(handler)), limits(limits), listener(listener), workers(render_threads) {
    // Several loops accept from one listener; the losers of a race must not block in accept.
    this->listener.setBlocking(false);
  }
  std::shared_ptr<const HttpHandler> handler;
  HttpConnectionLimits limits;
  Poco::Net::ServerSocket listener;
  WorkerPool workers;
  std::atomic<int> connections{0};
  /// No new connections; responses in progress finish, then their connections close.
  std::atomic<bool> stopping{false};
  /// Close everything now and end the loops.
  std::atomic<bool> abandon{false};
};

struct HttpConnection;

/// One thread serving many connections: waits for readiness on a Poco PollSet (epoll), reads
/// and parses request heads, answers them with the HttpHandler and writes the responses
/// without ever blocking, so that idle or slow clients hold a connection and never a thread.
/// Renders go to the shared WorkerPool and come back through post_rendered().
class HttpEventLoop {
 public:
  explicit HttpEventLoop(HttpLoopShared& shared);
  ~HttpEventLoop();
  HttpEventLoop(const HttpEventLoop&) = delete;
  HttpEventLoop& operator=(const HttpEventLoop&) = delete;

  void start();
  /// Makes the loop look at `stopping`, `abandon` and finished renders now. Any thread.
  void wake();
  /// Waits for the loop's thread, which ends once stopping and without connections, or abandoned.
  void join();

 private:
  struct Rendered;
  using Clock = std::chrono::steady_clock;

  void run();
  Poco::Net::PollSet::SocketModeMap poll_ready();
  void resume_accepting();
  HttpConnection* find_connection(const Poco::Net::Socket& socket);
  void drop_after_failure(const Poco::Net::Socket& socket, const std::exception& error);
  void dispatch(const Poco::Net::Socket& socket);
  void accept_connections();
  void refuse_over_cap(int fd);
  void on_ready(HttpConnection& connection);
  bool read_input(HttpConnection& connection);
  void serve_input(HttpConnection& connection);
  bool serve_one_request(HttpConnection& connection);
  void render_later(HttpConnection& connection, HttpRequest request, bool keep_alive);
  HttpResponse render(const std::string& client, const HttpRequest& request, bool keep_alive);
  void deliver_rendered(HttpConnection& connection, HttpResponse response);
  void queue_response(HttpConnection& connection, HttpResponse response);
  void flush_output(HttpConnection& connection);
  void after_output(HttpConnection& connection);
  void linger(HttpConnection& connection);
  void discard_lingering_input(HttpConnection& connection);
  void refuse(HttpConnection& connection, int status, const std::string& reason);
  void set_deadline(HttpConnection& connection);
  void watch(HttpConnection& connection, int mode);
  void close(HttpConnection& connection);
  void take_rendered();
  void begin_stopping();
  void expire_deadlines();
  static bool has_arrived_input(const HttpConnection& connection);
  void post_rendered(int fd, std::uint64_t id, HttpResponse response);

  HttpLoopShared& shared_;
  Poco::Net::PollSet poll_set_;
  Poco::Net::StreamSocket wake_reader_;
  Poco::Net::StreamSocket wake_writer_;
  /// Indexed by file descriptor: the kernel reuses the lowest free numbers, so this stays short.
  std::vector<std::unique_ptr<HttpConnection>> connections_;
  std::size_t open_ = 0;
  std::uint64_t next_id_ = 1;
  bool accepting_ = true;
  Clock::time_point accept_paused_until_{};
  std::vector<char> read_buffer_;
  std::mutex rendered_mutex_;
  std::vector<Rendered> rendered_;
  std::thread thread_;
};

}  // namespace itkal

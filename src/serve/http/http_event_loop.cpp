#include "itkal/serve/http/http_event_loop.hpp"

#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocketImpl.h>

#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <exception>
#include <string>
#include <thread>
#include <utility>

namespace itkal {

using Poco::Net::PollSet;

namespace {

/// Responses are gathered in one buffer while it is shorter than this, so pipelined requests
/// and small bodies leave in one write; larger bodies are sent from where they lie.
constexpr std::size_t kCopiedBodyBytes = 64 * 1024;
constexpr std::size_t kReadBytes = 16 * 1024;
constexpr auto kSweepInterval = std::chrono::milliseconds(100);

/// Receives what has arrived into `buffer`: the byte count, 0 when the peer has closed or reset
/// the connection, negative when nothing is there yet (the socket does not block).
int receive_some(Poco::Net::StreamSocket& socket, std::vector<char>& buffer) {
  try {
    return socket.receiveBytes(buffer.data(), static_cast<int>(buffer.size()));
  } catch (const Poco::Exception&) {
    return 0;  // reset by the peer: the same as its close
  }
}

Poco::Net::StreamSocket adopt_socket(int fd) {
  Poco::Net::StreamSocket socket(new Poco::Net::StreamSocketImpl(fd));
  socket.setBlocking(false);
  return socket;
}

/// The body length a request announces: 0 without Content-Length, nullopt when a value is not
/// a number or two values differ. Every field counts, and each may be a list (RFC 9112 6.3): a
/// server that took the first of two different lengths would find the next request somewhere
/// else than a proxy in front that took the other.
std::optional<std::size_t> announced_body(const HttpRequest& request) {
  std::optional<std::size_t> announced;
  const auto is_content_length = [](std::string_view name) {
    constexpr std::string_view kName = "content-length";
    return name.size() == kName.size() &&
           std::equal(name.begin(), name.end(), kName.begin(), [](char a, char b) {
             return static_cast<char>(std::tolower(static_cast<unsigned char>(a))) == b;
           });
  };
  for (const auto& [field, value] : request.headers) {
    if (!is_content_length(field)) continue;
    std::string_view rest = value;
    for (;;) {
      const std::size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
      while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
      std::size_t length = 0;
      const auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), length);
      if (item.empty() || error != std::errc() || end != item.data() + item.size()) {
        return std::nullopt;
      }
      if (announced && *announced != length) return std::nullopt;
      announced = length;
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return announced.value_or(0);
}

/// For the log: Poco's what() is only the exception's class ("Cannot write file").
std::string describe(const std::exception& error) {
  const auto* poco = dynamic_cast<const Poco::Exception*>(&error);
  return poco ? poco->displayText() : error.what();
}

}  // namespace

/// One client connection and where it is in its request/response cycle.
struct HttpConnection {
  enum class State {
    reading,    ///< waiting for (the rest of) a request head
    rendering,  ///< a worker is answering the request; not watched meanwhile
    writing,    ///< a response is being sent
    lingering,  ///< the last response is sent; dropping what the client still sends
  };

  Poco::Net::StreamSocket socket;
  int fd = -1;
  std::uint64_t id = 0;  ///< tells a reused descriptor from the connection a render was for
  std::string client;    ///< the peer's address, for the access log
  State state = State::reading;
  int mode = 0;  ///< the PollSet mode it is registered with

  std::string input;
  std::size_t consumed = 0;         ///< input bytes already parsed (or discarded)
  HeadSearch head_search;           ///< how far the unconsumed input was searched for a head
  std::size_t body_to_discard = 0;  ///< request body bytes still to be read and dropped
  bool head_clock_running = false;  ///< a head has begun and its deadline is set
  int requests = 0;

  std::string output;  ///< response heads and small bodies, sent first
  std::size_t output_sent = 0;
  std::shared_ptr<const void> tail_owner;  ///< keeps `tail` and `file` alive
  std::string_view tail;                   ///< a large body from memory
  const OpenFile* file = nullptr;          ///< or from a file
  off_t file_offset = 0;
  bool close_after_output = false;
  std::size_t linger_bytes_left = 0;

  std::chrono::steady_clock::time_point deadline;

  /// Moves the start of the next head; the search for its end begins anew there.
  void consume_to(std::size_t offset) {
    consumed = offset;
    head_search = {};
  }
  [[nodiscard]] std::string_view unconsumed() const {
    return std::string_view(input).substr(consumed);
  }
  [[nodiscard]] bool has_large_body() const { return !tail.empty() || file; }
};

struct HttpEventLoop::Rendered {
  int fd;
  std::uint64_t id;
  HttpResponse response;
};

HttpEventLoop::HttpEventLoop(HttpLoopShared& shared) : shared_(shared), read_buffer_(kReadBytes) {
  // Finished renders and stop requests arrive from other threads; PollSet (Poco 1.11) has no
  // wake-up of its own, so the loop also watches one end of a socket pair.
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
    throw Poco::IOException("socketpair", std::strerror(errno));
  }
  wake_reader_ = adopt_socket(pair[0]);
  wake_writer_ = adopt_socket(pair[1]);
  poll_set_.add(wake_reader_, PollSet::POLL_READ);
  poll_set_.add(shared_.listener, PollSet::POLL_READ);
}

HttpEventLoop::~HttpEventLoop() {
  join();
  for (auto& connection : connections_) {
    if (connection) close(*connection);
  }
}

void HttpEventLoop::start() {
  thread_ = std::thread([this] { run(); });
}

void HttpEventLoop::wake() {
  const char byte = 1;
  // A full pair means a wake-up is pending anyway.
  ::send(wake_writer_.impl()->sockfd(), &byte, 1, MSG_NOSIGNAL | MSG_DONTWAIT);
}

void HttpEventLoop::join() {
  if (thread_.joinable()) thread_.join();
}

void HttpEventLoop::run() {
  Clock::time_point next_sweep = Clock::now() + kSweepInterval;
  bool stopping_seen = false;
  for (;;) {
    if (shared_.abandon) break;
    if (shared_.stopping && !stopping_seen) {
      stopping_seen = true;
      begin_stopping();
    }
    if (shared_.stopping && open_ == 0) break;
    if (!accepting_ && !shared_.stopping && Clock::now() >= accept_paused_until_) {
      resume_accepting();
    }
    for (const auto& [socket, mode] : poll_ready()) {
      try {
        dispatch(socket);
      } catch (const std::exception& error) {
        drop_after_failure(socket, error);
      }
    }
    if (Clock::now() >= next_sweep) {
      expire_deadlines();
      next_sweep = Clock::now() + kSweepInterval;
    }
  }
  for (auto& connection : connections_) {
    if (connection) close(*connection);
  }
}

/// The sockets that are ready, or none when polling failed (logged; the loop goes on).
PollSet::SocketModeMap HttpEventLoop::poll_ready() {
  try {
    return poll_set_.poll(Poco::Timespan(0, static_cast<long>(kSweepInterval.count()) * 1000));
  } catch (const std::exception& error) {
    Poco::Logger::get("itkal.server").error("event loop: poll: " + describe(error));
    std::this_thread::sleep_for(kSweepInterval);  // whatever failed may fail at once again
    return {};
  }
}

void HttpEventLoop::resume_accepting() {
  try {
    poll_set_.add(shared_.listener, PollSet::POLL_READ);
    accepting_ = true;
  } catch (const std::exception& error) {
    Poco::Logger::get("itkal.server").error("event loop: listener: " + describe(error));
    accept_paused_until_ = Clock::now() + std::chrono::milliseconds(100);
  }
}

HttpConnection* HttpEventLoop::find_connection(const Poco::Net::Socket& socket) {
  const int fd = socket.impl()->sockfd();
  // A connection closed earlier in this batch may have left its descriptor to a new one; the
  // readiness was the old socket's, which the comparison of the sockets tells.
  if (fd < 0 || static_cast<std::size_t>(fd) >= connections_.size()) return nullptr;
  HttpConnection* connection = connections_[fd].get();
  return connection && connection->socket == socket ? connection : nullptr;
}

/// What failed on one connection (a Poco or standard exception from anywhere in handling it)
/// ends that connection only; the others on the loop are served on.
void HttpEventLoop::drop_after_failure(const Poco::Net::Socket& socket,
                                       const std::exception& error) {
  HttpConnection* connection = find_connection(socket);
  const std::string who = connection ? connection->client : std::string("the loop");
  Poco::Logger::get("itkal.server").error("event loop: " + who + ": " + describe(error));
  if (connection) close(*connection);
}

void HttpEventLoop::dispatch(const Poco::Net::Socket& socket) {
  if (socket == shared_.listener) return accept_connections();
  if (socket == wake_reader_) {
    char drain[256];
    while (::recv(wake_reader_.impl()->sockfd(), drain, sizeof drain, MSG_DONTWAIT) > 0) {
    }
    return take_rendered();
  }
  if (HttpConnection* connection = find_connection(socket)) on_ready(*connection);
}

void HttpEventLoop::accept_connections() {
  const int listener = shared_.listener.impl()->sockfd();
  for (int accepted = 0; accepted < 64; ++accepted) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    const int fd =
        ::accept4(listener, reinterpret_cast<sockaddr*>(&address), &length, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        // The listener stays readable while the connection waits in the backlog: stop
        // watching it for a moment instead of spinning on it.
        poll_set_.remove(shared_.listener);
        accepting_ = false;
        accept_paused_until_ = Clock::now() + std::chrono::milliseconds(100);
      }
      return;  // EAGAIN: another loop took it, or the backlog is empty
    }
    if (shared_.connections.fetch_add(1) >= shared_.limits.max_connections) {
      refuse_over_cap(fd);
      --shared_.connections;
      continue;
    }
    auto connection = std::make_unique<HttpConnection>();
    connection->socket = adopt_socket(fd);
    connection->fd = fd;
    connection->id = next_id_++;
    try {
      connection->client =
          Poco::Net::SocketAddress(reinterpret_cast<sockaddr*>(&address), length).host().toString();
    } catch (const Poco::Exception&) {
      connection->client = "-";
    }
    // The first request may take as long as a head may; later ones wait keep_alive_timeout.
    connection->deadline = Clock::now() + shared_.limits.io_timeout;
    if (connections_.size() <= static_cast<std::size_t>(fd)) connections_.resize(fd + 1);
    HttpConnection& added = *connection;
    connections_[fd] = std::move(connection);
    ++open_;
    try {
      watch(added, PollSet::POLL_READ);
    } catch (const std::exception& error) {
      drop_after_failure(added.socket, error);  // e.g. the kernel's limit of watched sockets
    }
  }
}

/// Answers 503 and closes at once: lingering would hold a connection beyond the cap. Dropping
/// what has arrived by then at least spares the response from a reset in the common case of a
/// request that came with the connection.
void HttpEventLoop::refuse_over_cap(int fd) {
  const HttpResponse busy = shared_.handler->refuse(503, "too many connections; try again");
  const std::string bytes = busy.head + std::string(busy.body());
  ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::shutdown(fd, SHUT_WR);
  while (::recv(fd, read_buffer_.data(), read_buffer_.size(), MSG_DONTWAIT) > 0) {
  }
  ::close(fd);
}

void HttpEventLoop::on_ready(HttpConnection& connection) {
  switch (connection.state) {
    case HttpConnection::State::reading:
      if (read_input(connection)) serve_input(connection);
      break;
    case HttpConnection::State::writing:
      flush_output(connection);
      break;
    case HttpConnection::State::lingering:
      discard_lingering_input(connection);
      break;
    case HttpConnection::State::rendering:
      break;
  }
}

/// Reads what has arrived; false when the connection ended (and was closed).
bool HttpEventLoop::read_input(HttpConnection& connection) {
  // Into the loop's buffer first: a connection's own buffer then only ever holds what arrived,
  // and an idle one keeps a few hundred bytes instead of a whole read's worth.
  const int received = receive_some(connection.socket, read_buffer_);
  if (received > 0)
    connection.input.append(read_buffer_.data(), static_cast<std::size_t>(received));
  if (received == 0) {
    close(connection);
    return false;
  }
  return true;
}

void HttpEventLoop::serve_input(HttpConnection& connection) {
  while (connection.state == HttpConnection::State::reading && !connection.close_after_output &&
         !connection.has_large_body() && connection.output.size() < kCopiedBodyBytes &&
         serve_one_request(connection)) {
  }
  // head_search counts from the first unconsumed byte, which this does not move.
  connection.input.erase(0, connection.consumed);
  connection.consumed = 0;
  if (!connection.output.empty() || connection.has_large_body()) {
    connection.state = HttpConnection::State::writing;
    connection.deadline = Clock::now() + shared_.limits.io_timeout;
    flush_output(connection);
  } else if (connection.state == HttpConnection::State::reading) {
    set_deadline(connection);
  }
}

/// Serves the next buffered request, if one has arrived whole; false when there is none (yet)
/// or the connection takes no more.
bool HttpEventLoop::serve_one_request(HttpConnection& connection) {
  const HttpConnectionLimits& limits = shared_.limits;
  if (connection.body_to_discard > 0) {
    const std::size_t skipped =
        std::min(connection.body_to_discard, connection.unconsumed().size());
    connection.consume_to(connection.consumed + skipped);
    connection.body_to_discard -= skipped;
    if (connection.body_to_discard > 0) return false;
  }
  const std::string_view buffered = connection.unconsumed();
  if (buffered.empty()) return false;
  const std::size_t head_length = find_head_end(buffered, connection.head_search);
  if (head_length == 0 || head_length > limits.head.max_head_bytes) {
    if (head_length == 0 && buffered.size() <= limits.head.max_head_bytes) return false;
    const std::size_t line_end = buffered.find('\n');
    if (line_end == std::string_view::npos || line_end > limits.head.max_head_bytes) {
      refuse(connection, 414,
             "request line longer than " + std::to_string(limits.head.max_head_bytes) + " bytes");
    } else {
      refuse(connection, 431,
             "request head longer than " + std::to_string(limits.head.max_head_bytes) + " bytes");
    }
    return false;
  }
  const auto started = Clock::now();
  const std::size_t head_start = connection.consumed;
  const bool was_closing = connection.close_after_output;
  HttpHeadParse parsed = parse_request_head(buffered.substr(0, head_length), limits.head);
  connection.consume_to(connection.consumed + head_length);
  connection.head_clock_running = false;
  if (!parsed.request) {
    refuse(connection, parsed.status, parsed.reason);
    return false;
  }
  HttpRequest& request = *parsed.request;
  const std::optional<std::size_t> body = announced_body(request);
  if (!body) {
    refuse(connection, 400, "malformed or conflicting Content-Length");
    return false;
  }
  // A body that cannot be skipped whole (too long, or chunked) ends the connection after the
  // response: whatever follows it is no request.
  const bool body_ends_connection =
      *body > limits.max_discarded_body || request.has("Transfer-Encoding");
  if (!body_ends_connection) connection.body_to_discard = *body;
  ++connection.requests;
  const bool keep_alive = request.wants_keep_alive() && !body_ends_connection &&
                          !shared_.stopping && connection.requests < limits.max_keep_alive_requests;
  if (!keep_alive) connection.close_after_output = true;
  HttpResponse response = shared_.handler->respond(request, keep_alive, false);
  if (response.needs_render && (!connection.output.empty() || connection.has_large_body())) {
    // The responses before it go out first; the request is parsed again when they are sent.
    connection.consume_to(head_start);
    connection.body_to_discard = 0;
    connection.close_after_output = was_closing;
    --connection.requests;
    return false;
  }
  if (response.needs_render) {
    render_later(connection, std::move(request), keep_alive);
    return false;
  }
  const double milliseconds =
      std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  shared_.handler->log_access(connection.client, request, response, milliseconds);
  queue_response(connection, std::move(response));
  return true;
}

void HttpEventLoop::render_later(HttpConnection& connection, HttpRequest request, bool keep_alive) {
  connection.state = HttpConnection::State::rendering;
  // Not watched while a worker renders: a level-triggered hang-up would wake the loop for
  // nothing until the render is done.
  poll_set_.remove(connection.socket);
  connection.mode = 0;
  shared_.workers.submit([this, fd = connection.fd, id = connection.id, client = connection.client,
                          request = std::move(request), keep_alive] {
    post_rendered(fd, id, render(client, request, keep_alive));
  });
}

/// On a worker: the response, or a 500 that closes the connection when answering failed (the
/// loop must hear back, or the connection would wait for its render forever).
HttpResponse HttpEventLoop::render(const std::string& client, const HttpRequest& request,
                                   bool keep_alive) {
  try {
    const auto started = Clock::now();
    HttpResponse response = shared_.handler->respond(request, keep_alive, true);
    const double milliseconds =
        std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    shared_.handler->log_access(client, request, response, milliseconds);
    return response;
  } catch (const std::exception& error) {
    Poco::Logger::get("itkal.server").error("render for " + client + ": " + describe(error));
    return shared_.handler->refuse(500, "internal error", request.version);
  }
}

void HttpEventLoop::post_rendered(int fd, std::uint64_t id, HttpResponse response) {
  {
    const std::lock_guard lock(rendered_mutex_);
    rendered_.push_back(Rendered{fd, id, std::move(response)});
  }
  wake();
}

void HttpEventLoop::take_rendered() {
  std::vector<Rendered> done;
  {
    const std::lock_guard lock(rendered_mutex_);
    done.swap(rendered_);
  }
  for (Rendered& rendered : done) {
    if (rendered.fd < 0 || static_cast<std::size_t>(rendered.fd) >= connections_.size()) continue;
    HttpConnection* connection = connections_[rendered.fd].get();
    if (!connection || connection->id != rendered.id) continue;
    const Poco::Net::StreamSocket socket = connection->socket;  // outlives a closed connection
    try {
      deliver_rendered(*connection, std::move(rendered.response));
    } catch (const std::exception& error) {
      drop_after_failure(socket, error);
    }
  }
}

void HttpEventLoop::deliver_rendered(HttpConnection& connection, HttpResponse response) {
  connection.state = HttpConnection::State::reading;
  // The render may have begun before stop(); its response must not promise another request.
  if (shared_.stopping) response.announce_close();
  if (!response.keep_alive) connection.close_after_output = true;
  queue_response(connection, std::move(response));
  serve_input(connection);
}

void HttpEventLoop::queue_response(HttpConnection& connection, HttpResponse response) {
  connection.output += response.head;
  const std::string_view body = response.body();
  if (response.file) {
    connection.file = response.file;
    connection.file_offset = 0;
    connection.tail_owner = std::move(response.owner);
  } else if (body.size() <= kCopiedBodyBytes || !response.owner) {
    // A text body (errors, /healthz) lives in `response`, which dies here: it is always copied.
    connection.output += body;
  } else {
    connection.tail = body;
    connection.tail_owner = std::move(response.owner);
  }
}

void HttpEventLoop::refuse(HttpConnection& connection, int status, const std::string& reason) {
  connection.close_after_output = true;
  const HttpResponse response = shared_.handler->refuse(status, reason);
  connection.output += response.head;
  connection.output += response.body();
}

/// Sends what the socket takes; watches for writability when it takes no more.
void HttpEventLoop::flush_output(HttpConnection& connection) {
  const int more = connection.has_large_body() ? MSG_MORE : 0;
  try {
    while (connection.output_sent < connection.output.size()) {
      const int sent = connection.socket.sendBytes(
          connection.output.data() + connection.output_sent,
          static_cast<int>(
              std::min<std::size_t>(connection.output.size() - connection.output_sent, 1 << 30)),
          MSG_NOSIGNAL | more);
      if (sent < 0) return watch(connection, PollSet::POLL_WRITE);
      connection.output_sent += static_cast<std::size_t>(sent);
      connection.deadline = Clock::now() + shared_.limits.io_timeout;
    }
    while (!connection.tail.empty()) {
      const int sent = connection.socket.sendBytes(
          connection.tail.data(),
          static_cast<int>(std::min<std::size_t>(connection.tail.size(), 1 << 30)), MSG_NOSIGNAL);
      if (sent < 0) return watch(connection, PollSet::POLL_WRITE);
      connection.tail.remove_prefix(static_cast<std::size_t>(sent));
      connection.deadline = Clock::now() + shared_.limits.io_timeout;
    }
  } catch (const Poco::Exception&) {
    return close(connection);  // the client went away
  }
  // Poco 1.11's StreamSocket has no sendfile: the file goes from the page cache to the socket
  // with the system call itself. SIGPIPE is ignored (FeedServer::start), as sendfile has no
  // MSG_NOSIGNAL.
  while (connection.file) {
    const OpenFile& file = *connection.file;
    const std::size_t left = file.size() - static_cast<std::size_t>(connection.file_offset);
    if (left == 0) {
      connection.file = nullptr;
      break;
    }
    const ssize_t sent = ::sendfile(connection.fd, file.fd(), &connection.file_offset,
                                    std::min<std::size_t>(left, 1u << 30));
    if (sent < 0 && errno == EINTR) continue;
    if (sent < 0 && errno == EAGAIN) return watch(connection, PollSet::POLL_WRITE);
    // 0: the file is shorter than announced (someone wrote it in place); nothing sensible can
    // follow on this connection.
    if (sent <= 0) return close(connection);
    connection.deadline = Clock::now() + shared_.limits.io_timeout;
  }
  after_output(connection);
}

void HttpEventLoop::after_output(HttpConnection& connection) {
  if (connection.close_after_output) return linger(connection);
  connection.output.clear();
  connection.output_sent = 0;
  connection.tail_owner.reset();
  connection.state = HttpConnection::State::reading;
  watch(connection, PollSet::POLL_READ);
  // Pipelined requests that arrived with the last one are answered now, in order.
  serve_input(connection);
}

void HttpEventLoop::linger(HttpConnection& connection) {
  try {
    connection.socket.shutdownSend();
  } catch (const Poco::Exception&) {
    return close(connection);  // the client is gone already
  }
  connection.state = HttpConnection::State::lingering;
  connection.output = std::string();
  connection.input = std::string();
  connection.consume_to(0);
  connection.tail_owner.reset();
  connection.linger_bytes_left = shared_.limits.max_linger_bytes;
  connection.deadline = Clock::now() + shared_.limits.linger_timeout;
  watch(connection, PollSet::POLL_READ);
  discard_lingering_input(connection);
}

/// Reads and drops what has arrived; closes once the client has closed or the budget is spent.
void HttpEventLoop::discard_lingering_input(HttpConnection& connection) {
  for (;;) {
    const int received = receive_some(connection.socket, read_buffer_);
    if (received < 0) return;  // nothing more for now
    if (received == 0 || static_cast<std::size_t>(received) >= connection.linger_bytes_left) {
      return close(connection);
    }
    connection.linger_bytes_left -= static_cast<std::size_t>(received);
  }
}

void HttpEventLoop::set_deadline(HttpConnection& connection) {
  const bool head_begun = !connection.unconsumed().empty() || connection.body_to_discard > 0;
  if (head_begun && !connection.head_clock_running) {
    connection.head_clock_running = true;
    connection.deadline = Clock::now() + shared_.limits.io_timeout;
  } else if (!head_begun && connection.requests > 0) {
    connection.deadline = Clock::now() + shared_.limits.keep_alive_timeout;
  }
  if (shared_.stopping && !head_begun) close(connection);
}

void HttpEventLoop::watch(HttpConnection& connection, int mode) {
  if (connection.mode == mode) return;
  if (connection.mode == 0) {
    poll_set_.add(connection.socket, mode);
  } else {
    poll_set_.update(connection.socket, mode);
  }
  connection.mode = mode;
}

void HttpEventLoop::close(HttpConnection& connection) {
  if (connection.fd < 0) return;
  const int fd = connection.fd;
  if (connection.mode != 0) {
    try {
      poll_set_.remove(connection.socket);
    } catch (const std::exception&) {
      // Not registered after all (a failed add): closing the socket is what matters.
    }
  }
  connection.fd = -1;
  connection.socket.close();
  --shared_.connections;
  --open_;
  connections_[fd].reset();  // destroys `connection`
}

void HttpEventLoop::begin_stopping() {
  if (accepting_) poll_set_.remove(shared_.listener);
  accepting_ = false;
  for (auto& slot : connections_) {
    if (!slot) continue;
    HttpConnection& connection = *slot;
    if (connection.state == HttpConnection::State::reading) {
      close(connection);  // idle, or a head not yet complete: no response is in progress
    } else {
      connection.close_after_output = true;
    }
  }
}

void HttpEventLoop::expire_deadlines() {
  const auto now = Clock::now();
  for (auto& slot : connections_) {
    if (!slot || slot->state == HttpConnection::State::rendering || slot->deadline > now) continue;
    // An idle connection whose next request reached the socket after this round's poll is not
    // idle: closing it would reset it under the request (RFC 9112 9.3.1 lets a client retry
    // then, but wrk and many scripts do not). It is read in the next round; a head that has
    // begun keeps its own deadline.
    const bool idle = slot->state == HttpConnection::State::reading && !slot->head_clock_running;
    if (idle && has_arrived_input(*slot)) continue;
    close(*slot);
  }
}

/// True when a keep-alive connection's next request has begun to arrive but was not read yet.
bool HttpEventLoop::has_arrived_input(const HttpConnection& connection) {
  char byte = 0;
  return ::recv(connection.fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
}

}  // namespace itkal

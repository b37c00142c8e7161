// The event-driven transport over raw sockets: deadlines for slow and stalled clients,
// pipelining, HTTP/1.0, the connection cap and the request head limits.
#include "itkal/serve/http/http_event_loop.hpp"

#include <gtest/gtest.h>

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "feed_server_fixture.hpp"

namespace itkal {
namespace {

using Clock = std::chrono::steady_clock;
using testing::TempBuild;
using testing::TestServer;

Poco::Net::StreamSocket connect_to(unsigned short port) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
  socket.setReceiveTimeout(Poco::Timespan(5, 0));
  return socket;
}

void send_all(Poco::Net::StreamSocket& socket, const std::string& bytes) {
  socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
}

/// Reads until the server closes the connection (or `limit` passes); what arrived.
std::string read_until_closed(Poco::Net::StreamSocket& socket,
                              std::chrono::milliseconds limit = std::chrono::seconds(5)) {
  std::string received;
  const auto end = Clock::now() + limit;
  char buffer[65536];
  while (Clock::now() < end) {
    int n = 0;
    try {
      n = socket.receiveBytes(buffer, sizeof buffer);
    } catch (const Poco::TimeoutException&) {
      break;
    } catch (const Poco::Exception&) {
      break;  // reset: closed as well
    }
    if (n <= 0) break;
    received.append(buffer, static_cast<std::size_t>(n));
  }
  return received;
}

/// True when the server has closed the connection: a read returns end of file or a reset.
bool closed_by_server(Poco::Net::StreamSocket& socket) {
  char byte;
  try {
    return socket.receiveBytes(&byte, 1) <= 0;
  } catch (const Poco::TimeoutException&) {
    return false;
  } catch (const Poco::Exception&) {
    return true;
  }
}

struct RawResponse {
  int status = 0;
  std::string head;
  std::string body;
};

/// Reads one response head (through its empty line) and the Content-Length bytes after it.
RawResponse read_response(Poco::Net::StreamSocket& socket) {
  std::string received;
  char buffer[4096];
  std::size_t head_end = std::string::npos;
  std::size_t length = 0;
  for (;;) {
    if (head_end == std::string::npos) {
      head_end = received.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        const std::size_t field = received.find("Content-Length: ");
        if (field != std::string::npos && field < head_end) {
          length = std::stoul(received.substr(field + 16));
        }
      }
    }
    if (head_end != std::string::npos && received.size() >= head_end + 4 + length) break;
    const int n = socket.receiveBytes(buffer, sizeof buffer);
    if (n <= 0) throw std::runtime_error("closed before the whole response: " + received);
    received.append(buffer, static_cast<std::size_t>(n));
  }
  RawResponse response;
  response.head = received.substr(0, head_end + 4);
  response.status = std::stoi(response.head.substr(9, 3));
  response.body = received.substr(head_end + 4, length);
  return response;
}

/// Splits a stream of responses to GET requests (every one with Content-Length) in order.
std::vector<RawResponse> split_responses(const std::string& stream) {
  std::vector<RawResponse> responses;
  std::size_t at = 0;
  while (at < stream.size()) {
    const std::size_t head_end = stream.find("\r\n\r\n", at);
    if (head_end == std::string::npos) break;
    RawResponse response;
    response.head = stream.substr(at, head_end + 4 - at);
    response.status = std::stoi(response.head.substr(9, 3));
    std::size_t length = 0;
    const std::size_t field = response.head.find("Content-Length: ");
    if (field != std::string::npos) length = std::stoul(response.head.substr(field + 16));
    response.body = stream.substr(head_end + 4, length);
    at = head_end + 4 + length;
    responses.push_back(std::move(response));
  }
  return responses;
}

class HttpEventLoopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Poco::Logger::get("itkal.access").setLevel(Poco::Message::PRIO_WARNING);
    build_ = std::make_unique<TempBuild>(testing::fixture_sources());
    build_->build();
  }
  void serve(const std::function<void(FeedServerOptions&)>& customize = {}) {
    server_ = std::make_unique<TestServer>(build_->config, [&](FeedServerOptions& options) {
      options.io_timeout = Poco::Timespan(1, 0);
      options.keep_alive_timeout = Poco::Timespan(1, 0);
      options.config.event_loops = 2;
      if (customize) customize(options);
    });
  }
  void TearDown() override {
    server_.reset();
    build_.reset();
  }
  unsigned short port() const { return server_->port(); }

  std::unique_ptr<TempBuild> build_;
  std::unique_ptr<TestServer> server_;
};

/// Sends a request head one byte every `pause`, never finishing it, until the server closes.
class TricklingClient {
 public:
  TricklingClient(unsigned short port, std::chrono::milliseconds pause)
      : socket_(connect_to(port)), thread_([this, pause] { run(pause); }) {}
  ~TricklingClient() {
    stop_ = true;
    thread_.join();
  }
  /// How long the server let it trickle; zero while it still does.
  [[nodiscard]] std::chrono::milliseconds dropped_after() const { return dropped_after_; }

 private:
  void run(std::chrono::milliseconds pause) {
    const std::string head = "GET /calendar.ics HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    const auto started = Clock::now();
    for (std::size_t i = 0; !stop_; ++i) {
      const char byte = i < head.size() ? head[i] : 'a';
      try {
        socket_.sendBytes(&byte, 1);
      } catch (const Poco::Exception&) {
        break;
      }
      std::this_thread::sleep_for(pause);
      socket_.setReceiveTimeout(Poco::Timespan(0, 1000));
      if (closed_by_server(socket_)) break;
    }
    if (!stop_) {
      dropped_after_ =
          std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    }
  }

  Poco::Net::StreamSocket socket_;
  std::atomic<bool> stop_{false};
  std::chrono::milliseconds dropped_after_{0};
  std::thread thread_;
};

TEST_F(HttpEventLoopTest, TricklingClientIsDroppedByTheHeadDeadline) {
  serve();
  // Each byte comes well within any per-read timeout; the head as a whole never does.
  TricklingClient slow(port(), std::chrono::milliseconds(500));
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(server_->get("/healthz").status, 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  const auto dropped = slow.dropped_after();
  EXPECT_GT(dropped.count(), 0) << "still trickling after 2.5 s with a 1 s head deadline";
  EXPECT_LT(dropped.count(), 2200);
}

TEST_F(HttpEventLoopTest, ManyTricklingClientsDoNotStopANormalOne) {
  serve();
  std::vector<std::unique_ptr<TricklingClient>> slow;
  for (int i = 0; i < 64; ++i) {
    slow.push_back(std::make_unique<TricklingClient>(port(), std::chrono::milliseconds(100)));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto started = Clock::now();
  const testing::HttpReply reply = server_->get("/calendar.ics");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, build_->output_file("calendar.ics"));
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(1));
}

TEST_F(HttpEventLoopTest, PipelinedRequestsAreAnsweredInOrder) {
  serve();
  Poco::Net::StreamSocket socket = connect_to(port());
  send_all(socket,
           "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
           "GET /nothing-here HTTP/1.1\r\nHost: x\r\n\r\n"
           "GET /organizers/kdo.ics HTTP/1.1\r\nHost: x\r\n\r\n"
           // A body on a GET is read and dropped; the request after it still counts.
           "GET /organizers/nobody.ics HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
           "GET /events.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const std::vector<RawResponse> responses = split_responses(read_until_closed(socket));
  ASSERT_EQ(responses.size(), 5u);
  EXPECT_EQ(responses[0].status, 200);
  EXPECT_NE(responses[0].body.find("\"generation\""), std::string::npos);
  EXPECT_EQ(responses[1].status, 404);
  EXPECT_NE(responses[1].body.find("nothing-here"), std::string::npos);
  EXPECT_EQ(responses[2].status, 200);
  EXPECT_EQ(responses[2].body, build_->output_file("organizers/kdo.ics"));
  EXPECT_EQ(responses[3].status, 404);
  EXPECT_NE(responses[3].body.find("nobody"), std::string::npos);
  EXPECT_EQ(responses[4].status, 200);
  EXPECT_EQ(responses[4].body, build_->output_file("events.json"));
  EXPECT_NE(responses[4].head.find("Connection: Close"), std::string::npos);
}

TEST_F(HttpEventLoopTest, ClientThatStopsReadingIsDroppedAfterTheSendDeadline) {
  serve();
  const std::size_t size = build_->output_file("calendar.ics").size();
  Poco::Net::StreamSocket stalled(Poco::Net::SocketAddress::IPv4);
  stalled.setReceiveBufferSize(4096);
  stalled.setSendTimeout(Poco::Timespan(5, 0));  // before connecting: a small window
  stalled.connect(Poco::Net::SocketAddress("127.0.0.1", port()));
  std::string requests;
  // Far more than the kernel's buffers on both sides hold.
  const int count = static_cast<int>(64 * 1024 * 1024 / size) + 2;
  for (int i = 0; i < count; ++i) requests += "GET /calendar.ics HTTP/1.1\r\nHost: x\r\n\r\n";
  send_all(stalled, requests);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ(server_->get("/healthz").status, 200);
  stalled.setReceiveTimeout(Poco::Timespan(2, 0));
  const std::string received = read_until_closed(stalled, std::chrono::seconds(20));
  EXPECT_LT(received.size(), static_cast<std::size_t>(count) * size)
      << "the server waited for a client that did not read";
  EXPECT_EQ(server_->get("/healthz").status, 200);
}

TEST_F(HttpEventLoopTest, ConnectionsBeyondTheCapGet503AtOnce) {
  serve([](FeedServerOptions& options) {
    options.config.max_connections = 3;
    options.keep_alive_timeout = Poco::Timespan(10, 0);
  });
  std::vector<Poco::Net::StreamSocket> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(connect_to(port()));
    send_all(held.back(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    char buffer[4096];
    ASSERT_GT(held.back().receiveBytes(buffer, sizeof buffer), 0);  // accepted and kept open
  }
  Poco::Net::StreamSocket extra = connect_to(port());
  const auto started = Clock::now();
  const std::string answer = read_until_closed(extra, std::chrono::seconds(3));
  EXPECT_EQ(answer.substr(0, 12), "HTTP/1.1 503") << answer;
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(1));
  held.pop_back();  // closing one makes room
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(server_->get("/healthz").status, 200);
}

TEST_F(HttpEventLoopTest, HeadBlockTooLargeGets431AndTooLongTargets414) {
  serve();
  std::string fields;
  for (int i = 0; i < 40; ++i)
    fields += "X-Field-" + std::to_string(i) + ": " + std::string(1000, 'v') + "\r\n";
  Poco::Net::StreamSocket socket = connect_to(port());
  send_all(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\n" + fields + "\r\n");
  const std::string answer = read_until_closed(socket);
  EXPECT_EQ(answer.substr(0, 12), "HTTP/1.1 431") << answer.substr(0, 200);
  EXPECT_NE(answer.find("longer than 32768"), std::string::npos);

  Poco::Net::StreamSocket endless = connect_to(port());
  send_all(endless, "GET /" + std::string(40000, 'a'));
  EXPECT_EQ(read_until_closed(endless).substr(0, 12), "HTTP/1.1 414");
  EXPECT_EQ(server_->get("/healthz").status, 200);
}

/// Sends `bytes` in small pieces with pauses, as a client on a slow link would, so that much of
/// it arrives after the server has answered; true when all of it was sent.
bool send_slowly(Poco::Net::StreamSocket& socket, const std::string& bytes) {
  constexpr std::size_t kPiece = 1024;
  for (std::size_t at = 0; at < bytes.size(); at += kPiece) {
    try {
      socket.sendBytes(bytes.data() + at, static_cast<int>(std::min(kPiece, bytes.size() - at)));
    } catch (const Poco::Exception&) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return true;
}

// A refused client usually still has request bytes in flight. Were the connection closed with
// them unread, the kernel would answer them with a reset that can destroy the refusal before the
// client reads it; the server half-closes and reads on for a while instead (lingering close).
TEST_F(HttpEventLoopTest, RefusedClientStillSendingReceivesTheWholeRefusal) {
  serve();
  std::string fields;
  for (int i = 0; i < 48; ++i)
    fields += "X-Field-" + std::to_string(i) + ": " + std::string(1000, 'v') + "\r\n";
  const std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\n" + fields + "\r\n";
  for (int attempt = 0; attempt < 5; ++attempt) {
    Poco::Net::StreamSocket socket = connect_to(port());
    // Like most clients: the whole request is written before the response is read.
    EXPECT_TRUE(send_slowly(socket, head)) << "reset while sending, attempt " << attempt;
    const std::vector<RawResponse> responses = split_responses(read_until_closed(socket));
    ASSERT_EQ(responses.size(), 1u) << "attempt " << attempt;
    EXPECT_EQ(responses[0].status, 431);
    EXPECT_NE(responses[0].body.find("longer than 32768"), std::string::npos);
  }
}

TEST_F(HttpEventLoopTest, Http10ClosesUnlessAskedToKeepAlive) {
  serve();
  Poco::Net::StreamSocket plain = connect_to(port());
  send_all(plain, "GET /healthz HTTP/1.0\r\n\r\n");
  const auto started = Clock::now();
  const std::vector<RawResponse> once = split_responses(read_until_closed(plain));
  EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(500)) << "closed at once";
  ASSERT_EQ(once.size(), 1u);
  EXPECT_EQ(once[0].head.substr(0, 15), "HTTP/1.0 200 OK");
  EXPECT_NE(once[0].head.find("Connection: Close"), std::string::npos);

  Poco::Net::StreamSocket kept = connect_to(port());
  for (int i = 0; i < 2; ++i) {
    send_all(kept, "GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    char buffer[4096];
    const int n = kept.receiveBytes(buffer, sizeof buffer);
    ASSERT_GT(n, 0);
    EXPECT_NE(std::string(buffer, n).find("Connection: Keep-Alive"), std::string::npos);
  }
}

TEST_F(HttpEventLoopTest, IdleKeepAliveConnectionsCloseAndStopIsPrompt) {
  serve();
  Poco::Net::StreamSocket idle = connect_to(port());
  send_all(idle, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  char buffer[4096];
  ASSERT_GT(idle.receiveBytes(buffer, sizeof buffer), 0);
  const auto started = Clock::now();
  EXPECT_TRUE(closed_by_server(idle));  // keep_alive_timeout is 1 s here
  EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(1800));

  Poco::Net::StreamSocket waiting = connect_to(port());
  const auto stopping = Clock::now();
  EXPECT_TRUE(server_->server().stop(Poco::Timespan(5, 0)));
  EXPECT_LT(Clock::now() - stopping, std::chrono::milliseconds(1000));
}

// A response produced after stop() began is the last on its connection and must say so; one
// that says Keep-Alive and is followed by a close makes the client think the close an error.
TEST_F(HttpEventLoopTest, ARenderFinishedDuringStopSaysConnectionClose) {
  serve([](FeedServerOptions& options) { options.config.event_loops = 1; });
  Poco::Net::StreamSocket socket = connect_to(port());
  std::thread stopping;
  {
    // Renders take this mutex: held, the render cannot finish before stop() has begun.
    const std::lock_guard hold_render(server_->server().service().render_mutex());
    send_all(socket, "GET /calendar.ics?q=never-asked-before HTTP/1.1\r\nHost: x\r\n\r\n");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // read and sent to a worker
    stopping = std::thread([this] { server_->server().stop(Poco::Timespan(5, 0)); });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the loop saw `stopping`
  }
  const std::vector<RawResponse> responses = split_responses(read_until_closed(socket));
  socket.close();  // else stop() waits for the server's lingering close to time out
  stopping.join();
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].status, 200);
  EXPECT_NE(responses[0].head.find("Connection: Close"), std::string::npos) << responses[0].head;
}

TEST_F(HttpEventLoopTest, RequestsAfterConnectionCloseInAListAreNotAnswered) {
  serve();
  // "Connection" is a list of options (RFC 9110 7.6.1); "close" anywhere in it ends the
  // connection after the response, and a request pipelined behind it is not answered.
  Poco::Net::StreamSocket socket = connect_to(port());
  send_all(socket,
           "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: TE, close\r\nTE: trailers\r\n\r\n"
           "GET /nothing-here HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto started = Clock::now();
  const std::vector<RawResponse> responses = split_responses(read_until_closed(socket));
  EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(800)) << "closed at once";
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].status, 200);
  EXPECT_NE(responses[0].head.find("Connection: Close"), std::string::npos);

  // HTTP/1.0 keeps the connection only when "keep-alive" is among the options.
  Poco::Net::StreamSocket kept = connect_to(port());
  send_all(kept, "GET /healthz HTTP/1.0\r\nConnection: Keep-Alive, TE\r\nTE: trailers\r\n\r\n");
  EXPECT_NE(read_response(kept).head.find("Connection: Keep-Alive"), std::string::npos);
  send_all(kept, "GET /healthz HTTP/1.0\r\n\r\n");
  EXPECT_EQ(read_response(kept).status, 200);
}

TEST_F(HttpEventLoopTest, ConflictingContentLengthsAreRefused) {
  serve();
  // Two lengths leave it open where the next request starts (request smuggling behind a proxy
  // that picks the other one): refused and closed, never read either way.
  Poco::Net::StreamSocket socket = connect_to(port());
  send_all(socket,
           "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 44\r\n\r\n"
           "GET /nothing-here HTTP/1.1\r\nHost: x\r\n\r\n");
  const std::vector<RawResponse> responses = split_responses(read_until_closed(socket));
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].status, 400);
  EXPECT_NE(responses[0].body.find("Content-Length"), std::string::npos);

  // The same length twice says nothing ambiguous (RFC 9112 6.3) and is served.
  Poco::Net::StreamSocket same = connect_to(port());
  send_all(same,
           "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab"
           "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const std::vector<RawResponse> both = split_responses(read_until_closed(same));
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].status, 200);
  EXPECT_EQ(both[1].status, 200);
}

/// A log channel that fails as a FileChannel on a full disk does, for messages with `trigger`;
/// it keeps the others.
class FailingChannel : public Poco::Channel {
 public:
  explicit FailingChannel(std::string trigger) : trigger_(std::move(trigger)) {}
  void log(const Poco::Message& message) override {
    if (!trigger_.empty() && message.getText().find(trigger_) != std::string::npos) {
      throw Poco::WriteFileException("no space left on device");
    }
    const std::lock_guard lock(mutex_);
    kept_ += message.getText() + "\n";
  }
  std::string kept() {
    const std::lock_guard lock(mutex_);
    return kept_;
  }

 private:
  std::string trigger_;
  std::mutex mutex_;
  std::string kept_;
};

/// Gives a logger another channel and level until the end of the scope.
class LoggerSwap {
 public:
  LoggerSwap(const std::string& name, const Poco::AutoPtr<Poco::Channel>& channel)
      : logger_(Poco::Logger::get(name)),
        channel_(logger_.getChannel(), true),
        level_(logger_.getLevel()) {
    logger_.setChannel(channel);
    logger_.setLevel(Poco::Message::PRIO_INFORMATION);
  }
  ~LoggerSwap() {
    logger_.setChannel(channel_);
    logger_.setLevel(level_);
  }

 private:
  Poco::Logger& logger_;
  Poco::AutoPtr<Poco::Channel> channel_;
  int level_;
};

// Anything that throws while one connection is handled (here the access log, on the loop thread
// for a 404 and on a worker for a render) ends that connection, is logged, and leaves the loop
// and its other connections serving; it used to end the process.
TEST_F(HttpEventLoopTest, AFailureOnOneConnectionClosesOnlyThatOne) {
  serve([](FeedServerOptions& options) { options.config.event_loops = 1; });
  Poco::AutoPtr<FailingChannel> access(new FailingChannel("boom"));
  Poco::AutoPtr<FailingChannel> server_log(new FailingChannel(""));
  const LoggerSwap access_swap("itkal.access", access.cast<Poco::Channel>());
  const LoggerSwap server_swap("itkal.server", server_log.cast<Poco::Channel>());
  Poco::Net::StreamSocket bystander = connect_to(port());
  send_all(bystander, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(read_response(bystander).status, 200);

  Poco::Net::StreamSocket failing = connect_to(port());
  send_all(failing, "GET /boom HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(read_until_closed(failing), "");

  Poco::Net::StreamSocket failing_render = connect_to(port());
  send_all(failing_render, "GET /calendar.ics?q=boom HTTP/1.1\r\nHost: x\r\n\r\n");
  const std::vector<RawResponse> refused = split_responses(read_until_closed(failing_render));
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].status, 500);

  send_all(bystander, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(read_response(bystander).status, 200);
  EXPECT_EQ(server_->get("/healthz").status, 200);
  const std::string logged = server_log->kept();
  EXPECT_NE(logged.find("event loop: 127.0.0.1: Cannot write file: no space left"),
            std::string::npos)
      << logged;
  EXPECT_NE(logged.find("render for 127.0.0.1: Cannot write file: no space left"),
            std::string::npos)
      << logged;
}

/// A build of `count` generated events in one issue, as scripts/server-load-test.sh makes them.
void write_large_issue(const std::filesystem::path& inbox, int count) {
  std::ofstream issue(inbox / "last-rundbrief-2026-01-07.txt");
  issue << "Last-Rundbrief\n\n7. Januar 2026\n\nIT-Kalender\n\n";
  const char* organizers[] = {"KDO", "AKDB", "Dataport", "ekom21", "Komm.ONE", "KDN"};
  const char* places[] = {"Berlin", "Hamburg", "München", "Köln", "online"};
  for (int n = 0; n < count; ++n) {
    const int day = n % 28 + 1;
    const int month = n / 28 % 12 + 1;
    const int hour = 8 + n % 9;
    issue << day << "." << month << "., " << hour << ".00-" << hour + 1 << ".30, " << places[n % 5]
          << ": **Lastprobe " << n + 1 << "**, " << organizers[n % 6] << "\n\n";
  }
}

// One event loop; a filtered feed of every one of 10,000 events that no one asked for before
// (render and gzip of about 6 MB, tens of milliseconds even in Release) goes to a worker. While
// it renders, conditional requests on another connection to the same loop must be answered.
// Rendering is not observable from outside in a deterministic way (the only hook, `today`, is
// also called on the loop thread), so this measures: it counts the 304s that complete before
// the first byte of the render's response. Were the render done on the loop, none could (at
// most one, by a race between the two reading threads); the bound of 10 leaves a wide margin on
// a loaded machine, where the render slows down as much as the 304s do.
TEST_F(HttpEventLoopTest, ARenderOnAWorkerDoesNotStallTheLoop) {
  TempBuild large({});
  write_large_issue(large.root() / "inbox", 10'000);
  large.build();
  TestServer server(large.config, [](FeedServerOptions& options) {
    options.config.event_loops = 1;
    options.config.max_threads = 1;
  });
  const std::string etag = server.get("/organizers/kdo.ics").header("etag");
  ASSERT_FALSE(etag.empty());

  Poco::Net::StreamSocket cheap = connect_to(server.port());
  Poco::Net::StreamSocket slow = connect_to(server.port());
  slow.setReceiveTimeout(Poco::Timespan(120, 0));
  send_all(slow,
           "GET /calendar.ics?q=lastprobe HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n"
           "Connection: close\r\n\r\n");
  const auto sent = Clock::now();
  std::atomic<bool> answered{false};
  Clock::time_point first_byte;
  std::string rendered;
  std::thread reader([&] {
    char byte = 0;
    if (slow.receiveBytes(&byte, 1) == 1) rendered.push_back(byte);
    first_byte = Clock::now();
    answered = true;
    rendered += read_until_closed(slow, std::chrono::seconds(60));
  });

  int during_render = 0;
  const std::string conditional =
      "GET /organizers/kdo.ics HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + "\r\n\r\n";
  // 200 are proof enough and stay under the 1,000 requests a connection may make.
  while (!answered && during_render < 200 && Clock::now() - sent < std::chrono::seconds(60)) {
    send_all(cheap, conditional);
    RawResponse response;
    try {
      response = read_response(cheap);
    } catch (const std::exception& error) {
      ADD_FAILURE() << "no answer to a conditional request: " << error.what();
      break;
    }
    if (response.status != 304) {
      ADD_FAILURE() << response.head;
      break;
    }
    if (!answered) ++during_render;
  }
  reader.join();
  const auto render_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(first_byte - sent).count();
  std::cout << "render took " << render_ms << " ms; " << during_render
            << " conditional requests were answered meanwhile\n";
  const std::vector<RawResponse> responses = split_responses(rendered);
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].status, 200);
  EXPECT_NE(responses[0].head.find("Content-Encoding: gzip"), std::string::npos);
  EXPECT_GE(during_render, 10) << "the loop waited for the render (" << render_ms << " ms)";
}

}  // namespace
}  // namespace itkal

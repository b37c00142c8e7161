// The HTTP transport with a fake application behind the HttpHandler interface: the event loop is
// tested without feeds, builds or a FeedService, and the handler sees exactly what the loop asks.
#include <gtest/gtest.h>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "itkal/serve/http/http_event_loop.hpp"
#include "itkal/serve/http/http_handler.hpp"

namespace itkal {
namespace {

std::string text_head(int status, std::size_t length, bool keep_alive) {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Length: " + std::to_string(length) +
         "\r\nConnection: " + (keep_alive ? "Keep-Alive" : "Close") + "\r\n\r\n";
}

/// Answers every target with its own name; "/slow" and "/fail" only when it may render, and
/// "/fail" then throws; "/crash" throws at once.
/// Records what the loop asked and logged.
class FakeHandler final : public HttpHandler {
 public:
  HttpResponse respond(const HttpRequest& request, bool keep_alive,
                       bool may_render) const override {
    {
      const std::lock_guard lock(mutex_);
      asked_.push_back(request.target + (may_render ? " render" : " fast"));
    }
    if (request.target == "/crash") throw std::runtime_error("the application failed");
    HttpResponse response;
    if ((request.target == "/slow" || request.target == "/fail") && !may_render) {
      response.needs_render = true;
      return response;
    }
    if (request.target == "/fail") throw std::runtime_error("the render failed");
    if (request.target == "/shared") {
      // A body held by someone else, long enough not to be copied into the output buffer.
      auto bytes = std::make_shared<const std::string>(200'000, 'x');
      response.shared_body = *bytes;
      response.owner = bytes;
    } else {
      response.text = "answer " + request.target;
    }
    response.keep_alive = keep_alive;
    response.head = text_head(200, response.body().size(), keep_alive);
    return response;
  }
  HttpResponse refuse(int status, const std::string& reason,
                      std::string_view /*version*/) const override {
    HttpResponse response;
    response.status = status;
    response.keep_alive = false;
    response.text = reason;
    response.head = text_head(status, reason.size(), false);
    return response;
  }
  void log_access(const std::string& /*client*/, const HttpRequest& request,
                  const HttpResponse& response, double /*milliseconds*/) const override {
    const std::lock_guard lock(mutex_);
    logged_.push_back(request.target + " " + std::to_string(response.status) + " " +
                      std::to_string(response.body_size()));
  }
  std::vector<std::string> asked() const {
    const std::lock_guard lock(mutex_);
    return asked_;
  }
  std::vector<std::string> logged() const {
    const std::lock_guard lock(mutex_);
    return logged_;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::vector<std::string> asked_;
  mutable std::vector<std::string> logged_;
};

/// One event loop on a free port of 127.0.0.1 serving `handler`.
class LoopWithFakeHandler : public ::testing::Test {
 protected:
  void SetUp() override {
    Poco::Net::ServerSocket listener(Poco::Net::SocketAddress("127.0.0.1", 0));
    port_ = listener.address().port();
    shared_ = std::make_unique<HttpLoopShared>(handler_, HttpConnectionLimits{}, listener, 1);
    loop_ = std::make_unique<HttpEventLoop>(*shared_);
    loop_->start();
  }
  void TearDown() override {
    shared_->abandon = true;
    loop_->wake();
    loop_->join();
    shared_->workers.finish();
  }
  /// Sends `request` on a new connection and returns everything until the server closes it.
  std::string exchange(const std::string& request) const {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port_));
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    socket.sendBytes(request.data(), static_cast<int>(request.size()));
    std::string received;
    char buffer[65536];
    for (;;) {
      const int n = socket.receiveBytes(buffer, sizeof buffer);
      if (n <= 0) break;
      received.append(buffer, static_cast<std::size_t>(n));
    }
    return received;
  }

  std::shared_ptr<FakeHandler> handler_ = std::make_shared<FakeHandler>();
  unsigned short port_ = 0;
  std::unique_ptr<HttpLoopShared> shared_;
  std::unique_ptr<HttpEventLoop> loop_;
};

TEST_F(LoopWithFakeHandler, AnswersOnTheLoopAndLogsEachRequest) {
  const std::string received = exchange(
      "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(received,
            text_head(200, 9, true) + "answer /a" + text_head(200, 9, false) + "answer /b");
  EXPECT_EQ(handler_->asked(), (std::vector<std::string>{"/a fast", "/b fast"}));
  EXPECT_EQ(handler_->logged(), (std::vector<std::string>{"/a 200 9", "/b 200 9"}));
}

TEST_F(LoopWithFakeHandler, AnswerThatNeedsARenderIsAskedAgainOnAWorker) {
  const std::string received =
      exchange("GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(received, text_head(200, 12, false) + "answer /slow");
  EXPECT_EQ(handler_->asked(), (std::vector<std::string>{"/slow fast", "/slow render"}));
  EXPECT_EQ(handler_->logged(), (std::vector<std::string>{"/slow 200 12"}));
}

TEST_F(LoopWithFakeHandler, SharedBodyIsSentWhole) {
  const std::string received =
      exchange("GET /shared HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(received, text_head(200, 200'000, false) + std::string(200'000, 'x'));
}

TEST_F(LoopWithFakeHandler, MalformedRequestIsRefusedThroughTheHandler) {
  const std::string received = exchange("GET\r\n\r\n");
  ASSERT_GE(received.size(), 12U);
  EXPECT_EQ(received.substr(0, 12), "HTTP/1.1 400");
  EXPECT_TRUE(handler_->asked().empty());
}

TEST_F(LoopWithFakeHandler, HandlerThatThrowsOnAWorkerGets500AndTheLoopGoesOn) {
  EXPECT_EQ(exchange("GET /fail HTTP/1.1\r\nHost: x\r\n\r\n").substr(0, 12), "HTTP/1.1 500");
  EXPECT_EQ(exchange("GET /after HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
            text_head(200, 13, false) + "answer /after");
}

TEST_F(LoopWithFakeHandler, HandlerThatThrowsOnTheLoopDropsOnlyThatConnection) {
  EXPECT_EQ(exchange("GET /crash HTTP/1.1\r\nHost: x\r\n\r\n"), "");
  EXPECT_EQ(exchange("GET /after HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
            text_head(200, 13, false) + "answer /after");
}

}  // namespace
}  // namespace itkal

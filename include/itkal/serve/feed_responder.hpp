#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "itkal/serve/feed_store.hpp"
#include "itkal/serve/http/http_request.hpp"

namespace itkal {

class FeedService;

/// A response as it goes on the wire: the head's bytes, then the body from memory or a file.
/// Holds the resource it points into, so a new build cannot free the bytes while they are sent.
struct FeedResponse {
  int status = 200;
  std::string head;  ///< status line, header fields and the empty line
  /// True when answering needs a render the caller did not allow (see FeedResponder::respond);
  /// nothing else is set then.
  bool needs_render = false;
  bool keep_alive = true;

  /// The body that follows the head; empty for HEAD, 304 and bodies sent from `file()`.
  [[nodiscard]] std::string_view body() const;
  /// The file to send after the head with sendfile(2), or nullptr.
  [[nodiscard]] const OpenFile* file() const;
  /// Body bytes this response sends, for the access log.
  [[nodiscard]] std::size_t body_size() const;
  /// Makes the head say "Connection: Close": the transport decided to close after all, e.g.
  /// because the server began to stop while the response was rendered.
  void announce_close();

  enum class Body { none, text, memory, gzip, file };
  Body body_source = Body::none;
  std::string text;  ///< the body of errors and /healthz
  std::shared_ptr<const HttpResource> resource;
};

/// Answers parsed requests for a FeedService: routes, filters, conditional requests, gzip and
/// the headers every response carries. Knows nothing of sockets, so any transport (and any
/// thread) can use it.
class FeedResponder {
 public:
  explicit FeedResponder(FeedService& service) : service_(service) {}

  /// The response to `request`. `keep_alive` is the transport's decision and only sets the
  /// Connection field. With `may_render` false a request that would render a filtered feed or
  /// the index page (the only answers that take milliseconds instead of microseconds) is not
  /// answered: the response has needs_render set, and the caller asks again on a thread where
  /// a render stalls nobody.
  [[nodiscard]] FeedResponse respond(const HttpRequest& request, bool keep_alive,
                                     bool may_render) const;

  /// A one-line text response for a request that was refused before it could be parsed or
  /// served (400, 408, 414, 431, 503); it always closes the connection.
  [[nodiscard]] FeedResponse refuse(int status, const std::string& reason,
                                    std::string_view version = "HTTP/1.1") const;

  /// Writes the access log line for an answered request (when the log is on).
  void log_access(const std::string& client, const HttpRequest& request,
                  const FeedResponse& response, double milliseconds) const;

 private:
  FeedService& service_;
};

}  // namespace itkal

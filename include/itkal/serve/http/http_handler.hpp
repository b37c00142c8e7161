#pragma once

#include <string>
#include <string_view>

#include "itkal/serve/http/http_request.hpp"
#include "itkal/serve/http/http_response.hpp"

namespace itkal {

/// What the HTTP transport asks of the application: the answer to a parsed request, the text
/// of a refusal, and the access log. The transport (HttpEventLoop) knows sockets and deadlines,
/// the handler knows routes and content; either can be tested without the other, as with Poco's
/// HTTPRequestHandlerFactory. Called from the loop threads and the worker pool at once, so an
/// implementation must be safe to call concurrently.
class HttpHandler {
 public:
  virtual ~HttpHandler() = default;

  /// The response to `request`. `keep_alive` is the transport's decision and only sets the
  /// Connection field. With `may_render` false a request whose answer takes milliseconds
  /// instead of microseconds is not answered: the response has needs_render set, and the
  /// transport asks again on a worker thread where a render stalls nobody.
  [[nodiscard]] virtual HttpResponse respond(const HttpRequest& request, bool keep_alive,
                                             bool may_render) const = 0;

  /// A one-line text response for a request refused before it could be parsed or served
  /// (400, 408, 414, 431, 500, 503); it always closes the connection.
  [[nodiscard]] virtual HttpResponse refuse(int status, const std::string& reason,
                                            std::string_view version = "HTTP/1.1") const = 0;

  /// Records an answered request (when the application keeps an access log).
  virtual void log_access(const std::string& client, const HttpRequest& request,
                          const HttpResponse& response, double milliseconds) const = 0;
};

}  // namespace itkal

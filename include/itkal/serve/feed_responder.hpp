#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "itkal/serve/feed_store.hpp"
#include "itkal/serve/http/http_handler.hpp"
#include "itkal/serve/http/http_request.hpp"

namespace itkal {

class FeedService;

/// Answers parsed requests for a FeedService: routes, filters, conditional requests, gzip and
/// the headers every response carries. Knows nothing of sockets, so any transport (and any
/// thread) can use it.
class FeedResponder final : public HttpHandler {
 public:
  explicit FeedResponder(FeedService& service) : service_(service) {}

  /// Renders filtered feeds and the index page only with `may_render` (see HttpHandler).
  [[nodiscard]] HttpResponse respond(const HttpRequest& request, bool keep_alive,
                                     bool may_render) const override;
  [[nodiscard]] HttpResponse refuse(int status, const std::string& reason,
                                    std::string_view version = "HTTP/1.1") const override;
  /// Writes the access log line to the service's access log (when it is on).
  void log_access(const std::string& client, const HttpRequest& request,
                  const HttpResponse& response, double milliseconds) const override;

 private:
  FeedService& service_;
};

}  // namespace itkal

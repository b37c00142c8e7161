#pragma once
// Internal to the feed server: what a route answers, before it becomes HTTP.
#include <Poco/Net/HTTPResponse.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "itkal/serve/http_resource.hpp"

namespace itkal::feed_reply {

inline constexpr const char* kCalendarType = "text/calendar; charset=utf-8";
inline constexpr const char* kJsonType = "application/json; charset=utf-8";
inline constexpr const char* kHtmlType = "text/html; charset=utf-8";
inline constexpr const char* kTextType = "text/plain; charset=utf-8";
// The page has inline style and script and nothing else; it never needs another origin.
inline constexpr const char* kPagePolicy =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'";

/// What to answer, decided before anything is sent.
struct Reply {
  Poco::Net::HTTPResponse::HTTPStatus status = Poco::Net::HTTPResponse::HTTP_OK;
  std::shared_ptr<const HttpResource> resource;  ///< sent with validators and gzip when set
  std::string text;                              ///< the body otherwise (errors, health)
  std::string content_type = kTextType;
  std::string cache_control = "no-store";
  bool cors = false;  ///< feeds and JSON are public data that browsers may read cross-origin
  std::vector<std::pair<std::string, std::string>> headers;
  /// Answering needs a render the caller did not allow; nothing else is set.
  bool needs_render = false;
};

inline Reply render_needed() {
  Reply reply;
  reply.needs_render = true;
  return reply;
}

inline Reply text_reply(Poco::Net::HTTPResponse::HTTPStatus status, const std::string& line) {
  Reply reply;
  reply.status = status;
  reply.text = line + "\n";
  return reply;
}

}  // namespace itkal::feed_reply

#include "itkal/serve/feed_responder.hpp"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPResponse.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <utility>

#include "feed_routes.hpp"
#include "itkal/serve/feed_server.hpp"
#include "itkal/serve/http/http_negotiation.hpp"
#include "response_head.hpp"

namespace itkal {
namespace {

using Poco::Net::HTTPResponse;
using namespace feed_reply;

/// True for targets that are a plain path: nothing to decode, no query, nothing to normalize.
bool is_plain_path(const std::string& target) {
  if (target.empty() || target.size() > 512 || target.front() != '/') return false;
  return std::all_of(target.begin(), target.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '.' || c == '-' || c == '_';
  });
}

/// Strips control characters so that a request cannot forge access log lines.
std::string loggable(const std::string& text, std::size_t limit = 512) {
  std::string clean;
  for (const char c : text.substr(0, limit)) {
    clean += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '"') ? '?' : c;
  }
  return clean;
}

/// The conditional GET of a build's file that every subscribed calendar repeats every few hours
/// is most of a feed server's traffic. It is answered here, before the general path, without
/// parsing the URI or building a Reply. Returns nothing for anything else, which the general
/// path then answers.
std::optional<HttpResponse> not_modified_fast(FeedService& service, const HttpRequest& request,
                                              bool keep_alive) {
  const std::string& target = request.target;
  const std::string* if_none_match = request.find("If-None-Match");
  if (!if_none_match || if_none_match->empty() || !is_plain_path(target)) return std::nullopt;
  if (!serves_build_file_as_is(target)) return std::nullopt;
  const auto snapshot = service.store().current();
  if (!snapshot) return std::nullopt;
  const auto resource = snapshot->file(target);
  if (!resource) return std::nullopt;
  const GzipVariant* gzip =
      accepts_gzip(request.get("Accept-Encoding", "")) ? resource->gzip() : nullptr;
  const std::string& etag = gzip ? gzip->etag : resource->etag;
  if (!etag_listed(*if_none_match, etag)) return std::nullopt;
  HttpResponse response;
  response.status = HTTPResponse::HTTP_NOT_MODIFIED;
  response.keep_alive = keep_alive;
  std::string& head = response.head;
  begin_head(head, request.version, response.status, keep_alive);
  add_field(head, "Access-Control-Allow-Origin", "*");
  add_field(head, "Cache-Control", service.feed_cache_control());
  add_validator_fields(head, *resource, etag);
  head += "\r\n\r\n";
  return response;
}

}  // namespace

HttpResponse FeedResponder::respond(const HttpRequest& request, bool keep_alive,
                                    bool may_render) const {
  const bool get_or_head = request.method == "GET" || request.method == "HEAD";
  if (get_or_head) {
    if (auto fast = not_modified_fast(service_, request, keep_alive)) return std::move(*fast);
  }
  RequestView view;
  view.method = request.method;
  Reply reply;
  try {
    reply = answer(service_, request, view, may_render);
  } catch (const std::exception& error) {
    Poco::Logger::get("itkal.server").error("'" + loggable(request.target) + "': " + error.what());
    reply = text_reply(HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal error");
  }
  if (reply.needs_render) {
    HttpResponse deferred;
    deferred.needs_render = true;
    return deferred;
  }
  return reply_response(std::move(reply), request, keep_alive);
}

HttpResponse FeedResponder::refuse(int status, const std::string& reason,
                                   std::string_view version) const {
  const Reply reply = text_reply(static_cast<HTTPResponse::HTTPStatus>(status), reason);
  return text_response(reply, version, false, false);
}

void FeedResponder::log_access(const std::string& client, const HttpRequest& request,
                               const HttpResponse& response, double milliseconds) const {
  Poco::Logger& access = service_.access_log();
  if (!access.information()) return;
  char timing[32];
  std::snprintf(timing, sizeof timing, "%.2f", milliseconds);
  access.information(client + " \"" + loggable(request.method, 32) + " " +
                     loggable(request.target) + " " + request.version + "\" " +
                     std::to_string(response.status) + " " + std::to_string(response.body_size()) +
                     " " + timing + "ms \"" + loggable(request.get("User-Agent", "-"), 200) + "\"");
}

}  // namespace itkal

#include "response_head.hpp"

#include <Poco/Net/HTTPResponse.h>

#include <ctime>

#include "itkal/serve/http/http_negotiation.hpp"
#include "itkal/version.hpp"

namespace itkal::feed_reply {

using Poco::Net::HTTPResponse;

/// RFC 9110 13.2.2: If-None-Match decides when present; If-Modified-Since only without it.
bool not_modified(const HttpRequest& request, const std::string& etag,
                  const Poco::Timestamp& last_modified) {
  if (const std::string* if_none_match = request.find("If-None-Match")) {
    return etag_listed(*if_none_match, etag);
  }
  const std::string* if_modified_since = request.find("If-Modified-Since");
  if (!if_modified_since) return false;
  const auto since = parse_http_date(*if_modified_since);
  // A date in the future is not a valid validator (RFC 9110 13.1.3).
  return since && *since <= Poco::Timestamp() && last_modified <= *since;
}

namespace {

/// The Date field's value, formatted once a second per thread.
const std::string& current_http_date() {
  thread_local std::time_t second = -1;
  thread_local std::string text;
  const std::time_t now = std::time(nullptr);
  if (now != second) {
    second = now;
    text = format_http_date(Poco::Timestamp::fromEpochTime(now));
  }
  return text;
}

}  // namespace

void add_field(std::string& head, std::string_view name, std::string_view value) {
  head += "\r\n";
  head += name;
  head += ": ";
  head += value;
}

/// The status line and the fields every response carries.
void begin_head(std::string& head, std::string_view version, int status, bool keep_alive) {
  head.reserve(512);
  head += version;
  head += ' ';
  head += std::to_string(status);
  head += ' ';
  head += HTTPResponse::getReasonForStatus(static_cast<HTTPResponse::HTTPStatus>(status));
  add_field(head, "Date", current_http_date());
  add_field(head, "Connection", keep_alive ? "Keep-Alive" : "Close");
  add_field(head, "Server", std::string("itkal/") + kVersion);
  add_field(head, "X-Content-Type-Options", "nosniff");
}

namespace {

/// CORS, the reply's own fields and Cache-Control, in the order of every response.
void add_reply_fields(std::string& head, const Reply& reply) {
  if (reply.cors) add_field(head, "Access-Control-Allow-Origin", "*");
  for (const auto& [name, value] : reply.headers) add_field(head, name, value);
  add_field(head, "Cache-Control", reply.cache_control);
}

}  // namespace

/// Vary, ETag and Last-Modified: what a cache needs to revalidate the representation.
void add_validator_fields(std::string& head, const HttpResource& resource,
                          const std::string& etag) {
  if (resource.varies_by_encoding()) add_field(head, "Vary", "Accept-Encoding");
  add_field(head, "ETag", etag);
  add_field(head, "Last-Modified", resource.last_modified_text);
}

HttpResponse text_response(const Reply& reply, std::string_view version, bool keep_alive,
                           bool head_only) {
  HttpResponse response;
  response.status = reply.status;
  response.keep_alive = keep_alive;
  begin_head(response.head, version, reply.status, keep_alive);
  add_reply_fields(response.head, reply);
  add_field(response.head, "Content-Type", reply.content_type);
  add_field(response.head, "Content-Length", std::to_string(reply.text.size()));
  response.head += "\r\n\r\n";
  if (!head_only) {
    response.text = reply.text;
  }
  return response;
}

/// The response for a reply: a resource with its validators (304 when the request's
/// validators match) and gzip when the client takes it, or the reply's text.
HttpResponse reply_response(Reply reply, const HttpRequest& request, bool keep_alive) {
  const bool head_only = request.method == "HEAD";
  if (!reply.resource) return text_response(reply, request.version, keep_alive, head_only);
  const HttpResource& resource = *reply.resource;
  // Read once: the variant may arrive while this response is made.
  const GzipVariant* gzip =
      accepts_gzip(request.get("Accept-Encoding", "")) ? resource.gzip() : nullptr;
  const std::string& etag = gzip ? gzip->etag : resource.etag;
  HttpResponse response;
  response.keep_alive = keep_alive;
  std::string& head = response.head;
  if (not_modified(request, etag, resource.last_modified)) {
    response.status = HTTPResponse::HTTP_NOT_MODIFIED;
    begin_head(head, request.version, response.status, keep_alive);
    add_reply_fields(head, reply);
    add_validator_fields(head, resource, etag);
    head += "\r\n\r\n";
    return response;
  }
  response.status = reply.status;
  begin_head(head, request.version, response.status, keep_alive);
  add_reply_fields(head, reply);
  add_validator_fields(head, resource, etag);
  add_field(head, "Content-Type", resource.content_type);
  if (!resource.file_name.empty()) {
    add_field(head, "Content-Disposition", "inline; filename=\"" + resource.file_name + "\"");
  }
  if (gzip) add_field(head, "Content-Encoding", "gzip");
  const std::size_t size = gzip ? gzip->body.size() : resource.body_size();
  add_field(head, "Content-Length", std::to_string(size));
  head += "\r\n\r\n";
  if (!head_only) {
    if (gzip) {
      response.shared_body = gzip->body;
    } else if (resource.file) {
      response.file = resource.file.get();
    } else {
      response.shared_body = resource.body;
    }
    response.owner = std::move(reply.resource);
  }
  return response;
}

}  // namespace itkal::feed_reply

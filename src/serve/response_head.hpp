#pragma once
// Internal to the feed server: a Reply to the bytes of an HTTP/1.1 response head, with the
// conditional (304) and gzip decisions, and the head alone for the fast 304 path.
#include <Poco/Timestamp.h>

#include <string>
#include <string_view>

#include "feed_reply.hpp"
#include "itkal/serve/http/http_request.hpp"
#include "itkal/serve/http/http_response.hpp"

namespace itkal::feed_reply {

/// RFC 9110 13.2.2: If-None-Match decides when present; If-Modified-Since only without it.
bool not_modified(const HttpRequest& request, const std::string& etag,
                  const Poco::Timestamp& last_modified);
/// Appends "\r\nName: value".
void add_field(std::string& head, std::string_view name, std::string_view value);
/// The status line and the fields every response carries.
void begin_head(std::string& head, std::string_view version, int status, bool keep_alive);
/// Vary, ETag and Last-Modified: what a cache needs to revalidate the representation.
void add_validator_fields(std::string& head, const HttpResource& resource, const std::string& etag);
/// A reply without a resource: its text as the body (none for HEAD).
HttpResponse text_response(const Reply& reply, std::string_view version, bool keep_alive,
                           bool head_only);
/// The response for a reply: a resource with its validators (304 when the request's
/// validators match) and gzip when the client takes it, or the reply's text.
HttpResponse reply_response(Reply reply, const HttpRequest& request, bool keep_alive);

}  // namespace itkal::feed_reply

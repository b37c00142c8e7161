#include "itkal/serve/http_resource.hpp"

#include <Poco/Timespan.h>

#include "itkal/serve/http/http_negotiation.hpp"

namespace itkal {

std::shared_ptr<HttpResource> make_undated_http_resource(std::string body, std::string content_type,
                                                         std::string file_name, bool gzip) {
  auto resource = std::make_shared<HttpResource>();
  resource->etag = strong_etag(body);
  // Below a few hundred bytes gzip's header and the extra header lines outweigh the saving.
  if (gzip && body.size() >= 256) {
    std::string compressed = gzip_compress(body);
    if (compressed.size() < body.size()) {
      resource->gzip_body = std::move(compressed);
      resource->gzip_etag = resource->etag.substr(0, resource->etag.size() - 1) + "-gzip\"";
    }
  }
  resource->body = std::move(body);
  resource->content_type = std::move(content_type);
  resource->file_name = std::move(file_name);
  return resource;
}

Poco::Timestamp whole_seconds(Poco::Timestamp time) {
  return Poco::Timestamp(time.epochMicroseconds() -
                         time.epochMicroseconds() % Poco::Timespan::SECONDS);
}

void set_last_modified(HttpResource& resource, Poco::Timestamp time) {
  resource.last_modified = whole_seconds(time);
  resource.last_modified_text = format_http_date(resource.last_modified);
}

std::shared_ptr<const HttpResource> make_http_resource(std::string body, std::string content_type,
                                                       std::string file_name,
                                                       Poco::Timestamp last_modified, bool gzip) {
  auto resource = make_undated_http_resource(std::move(body), std::move(content_type),
                                             std::move(file_name), gzip);
  set_last_modified(*resource, last_modified);
  return resource;
}

}  // namespace itkal

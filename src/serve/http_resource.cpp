#include "itkal/serve/http_resource.hpp"

#include <Poco/Timespan.h>

#include "itkal/serve/http/http_negotiation.hpp"

namespace itkal {

namespace {

/// Makes `resource`'s gzip variant from `bytes`, its body, when it is worth it.
void compress_now(HttpResource& resource, std::string_view bytes) {
  if (!worth_compressing(bytes.size())) return;
  bool given = false;
  resource.compress(
      [&]() -> std::string_view {
        if (given) return {};
        given = true;
        return bytes;
      },
      std::stop_token());
}

}  // namespace

std::shared_ptr<HttpResource> make_undated_http_resource(std::string body, std::string content_type,
                                                         std::string file_name, bool gzip) {
  auto resource = std::make_shared<HttpResource>();
  resource->etag = strong_etag(body);
  resource->body = std::move(body);
  if (gzip) compress_now(*resource, resource->body);
  resource->content_type = std::move(content_type);
  resource->file_name = std::move(file_name);
  return resource;
}

std::shared_ptr<HttpResource> make_file_http_resource(std::shared_ptr<const OpenFile> file,
                                                      std::string_view bytes,
                                                      std::string content_type,
                                                      std::string file_name, bool gzip) {
  auto resource = std::make_shared<HttpResource>();
  resource->etag = strong_etag(bytes);
  resource->file = std::move(file);
  if (gzip) compress_now(*resource, bytes);
  resource->content_type = std::move(content_type);
  resource->file_name = std::move(file_name);
  return resource;
}

bool worth_compressing(std::size_t body_size) { return body_size >= 256; }

bool HttpResource::compress(const std::function<std::string_view()>& chunks,
                            const std::stop_token& stop) {
  std::optional<std::string> compressed = gzip_compress_chunks(chunks, stop);
  if (!compressed) return false;
  if (compressed->size() < body_size()) {
    gzip_owned_ = std::make_unique<const GzipVariant>(
        GzipVariant{std::move(*compressed), etag.substr(0, etag.size() - 1) + "-gzip\""});
    gzip_.store(gzip_owned_.get(), std::memory_order_release);
  }
  gzip_pending_.store(false, std::memory_order_release);
  return true;
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

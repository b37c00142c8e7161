#pragma once

#include <Poco/Timestamp.h>

#include <cstddef>
#include <memory>
#include <string>

#include "itkal/serve/http/open_file.hpp"

namespace itkal {

/// One response body as the server sends it, with what conditional and compressed requests need.
/// Immutable once made; shared between threads.
struct HttpResource {
  std::string body;                      ///< in memory; empty when `file` holds the bytes
  std::shared_ptr<const OpenFile> file;  ///< a build's file, sent from the page cache
  std::string gzip_body;  ///< empty when gzip is off or would not make the body smaller
  std::string etag;       ///< strong_etag(body)
  /// The gzip variant is another representation and needs its own strong tag (RFC 9110 8.8.3).
  std::string gzip_etag;
  Poco::Timestamp last_modified;   ///< whole seconds: HTTP dates carry no fractions
  std::string last_modified_text;  ///< last_modified as an HTTP date
  std::string content_type;
  std::string file_name;  ///< for Content-Disposition; empty for none
  [[nodiscard]] std::size_t body_size() const { return file ? file->size() : body.size(); }
};

/// Makes a resource without a date yet: hashes the body and, when `gzip` is set, compresses it
/// once (not below 256 bytes, nor when gzip would not make it smaller).
std::shared_ptr<HttpResource> make_undated_http_resource(std::string body, std::string content_type,
                                                         std::string file_name, bool gzip);

/// HTTP dates have whole seconds; comparing untruncated times would make If-Modified-Since
/// answers depend on the fraction.
Poco::Timestamp whole_seconds(Poco::Timestamp time);

/// Sets Last-Modified (to whole seconds) and its HTTP-date text.
void set_last_modified(HttpResource& resource, Poco::Timestamp time);

/// Makes a resource: hashes the body and, when `gzip` is set, compresses it once.
std::shared_ptr<const HttpResource> make_http_resource(std::string body, std::string content_type,
                                                       std::string file_name,
                                                       Poco::Timestamp last_modified, bool gzip);

}  // namespace itkal

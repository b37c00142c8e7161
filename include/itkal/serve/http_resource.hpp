#pragma once

#include <Poco/Timestamp.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <string_view>

#include "itkal/serve/http/open_file.hpp"

namespace itkal {

/// The gzip representation of a resource's body.
struct GzipVariant {
  std::string body;
  /// Another representation needs its own strong tag (RFC 9110 8.8.3).
  std::string etag;
};

/// One response body as the server sends it, with what conditional and compressed requests need.
/// Immutable once made, except that its gzip variant may arrive later (made on another thread);
/// shared between threads.
struct HttpResource {
  std::string body;                      ///< in memory; empty when `file` holds the bytes
  std::shared_ptr<const OpenFile> file;  ///< a build's file, sent from the page cache
  std::string etag;                      ///< strong_etag(body)
  Poco::Timestamp last_modified;         ///< whole seconds: HTTP dates carry no fractions
  std::string last_modified_text;        ///< last_modified as an HTTP date
  std::string content_type;
  std::string file_name;  ///< for Content-Disposition; empty for none
  [[nodiscard]] std::size_t body_size() const { return file ? file->size() : body.size(); }

  /// nullptr when gzip is off, would not make the body smaller, or is still being made.
  [[nodiscard]] const GzipVariant* gzip() const { return gzip_.load(std::memory_order_acquire); }
  /// Whether responses depend on Accept-Encoding: also while the gzip variant is being made, so
  /// that a cache never stores the identity body as the answer for gzip clients too.
  [[nodiscard]] bool varies_by_encoding() const {
    // Pending first: it is cleared only after the variant is published.
    return gzip_pending_.load(std::memory_order_acquire) || gzip() != nullptr;
  }
  /// Announces a gzip variant that compress_later() will make.
  void mark_gzip_pending() { gzip_pending_.store(true, std::memory_order_release); }
  /// Hashes nothing: compresses `chunks` (the body) and keeps the variant when it is smaller;
  /// false when `stop` was requested first (the resource then stays without one).
  bool compress(const std::function<std::string_view()>& chunks, const std::stop_token& stop);

 private:
  std::unique_ptr<const GzipVariant> gzip_owned_;  // written once, before gzip_ points to it
  std::atomic<const GzipVariant*> gzip_{nullptr};
  std::atomic<bool> gzip_pending_{false};
};

/// Whether a body of this size is worth compressing: below a few hundred bytes gzip's header and
/// the extra header lines outweigh the saving.
bool worth_compressing(std::size_t body_size);

/// Makes a resource without a date yet: hashes the body and, when `gzip` is set, compresses it
/// once (not below 256 bytes, nor when gzip would not make it smaller).
std::shared_ptr<HttpResource> make_undated_http_resource(std::string body, std::string content_type,
                                                         std::string file_name, bool gzip);

/// Makes a resource whose body is sent from `file`, without a date yet: hashes `bytes` (the
/// file's content) and, when `gzip` is set, compresses them as make_undated_http_resource does.
std::shared_ptr<HttpResource> make_file_http_resource(std::shared_ptr<const OpenFile> file,
                                                      std::string_view bytes,
                                                      std::string content_type,
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

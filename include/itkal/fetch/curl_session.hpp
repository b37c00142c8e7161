#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "itkal/config/source_config.hpp"
#include "itkal/fetch/curl_module.hpp"

namespace itkal {

/// One libcurl easy handle configured for a source: TLS verified against the system store or
/// the source's `ca_file` (switched off only by `tls_verify: false`), its timeouts, only the
/// protocols its type may use, at most `max_bytes` per transfer. Reusing the session reuses its
/// connection. Failures throw FetchError with libcurl's reason, never the password. libcurl
/// itself is in the fetch support module (itkal-curl.so, fetch/curl_module.hpp), loaded by
/// the first session; a missing module is a FetchError naming it.
class CurlSession {
 public:
  CurlSession(const SourceConfig& source, const std::string& password, std::size_t max_bytes);
  ~CurlSession();
  CurlSession(const CurlSession&) = delete;
  CurlSession& operator=(const CurlSession&) = delete;

  /// Runs one transfer of `url` (with `custom_request` as the command, when given) and returns
  /// what the server sent as data.
  std::string perform(const std::string& url, const std::string& custom_request = "");

  /// Request header lines ("If-None-Match: \"x\"") sent with the next transfers.
  void set_request_headers(const std::vector<std::string>& lines);

  /// HTTP: the status of the last transfer's final response (after redirects).
  [[nodiscard]] long response_code() const;
  /// HTTP: a header of the last final response (name in lower case), empty when absent.
  [[nodiscard]] std::string response_header(const std::string& name) const;

 private:
  const ItkalCurlApi* module_;
  ItkalCurlSink sink_;
  void* handle_ = nullptr;
  std::size_t max_bytes_;
  std::string body_;
  bool too_large_ = false;
  std::map<std::string, std::string> response_headers_;

  static std::size_t on_data(void* self, const char* data, std::size_t size);
  static std::size_t on_header(void* self, const char* data, std::size_t size);
};

}  // namespace itkal

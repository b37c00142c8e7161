#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace itkal {

/// One request head as the client sent it: request line and header fields, no body.
struct HttpRequest {
  std::string method;
  std::string target;   ///< as sent: percent-encoded, with its query
  std::string version;  ///< "HTTP/1.0" or "HTTP/1.1"
  std::vector<std::pair<std::string, std::string>> headers;  ///< names as sent

  /// The first field of that name (compared without case), or nullptr.
  [[nodiscard]] const std::string* find(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const { return find(name) != nullptr; }
  /// The field's value, or `fallback` when the request has none.
  [[nodiscard]] std::string get(std::string_view name, std::string_view fallback = {}) const;
  /// True when a Connection field lists `option` (compared without case).
  [[nodiscard]] bool has_connection_option(std::string_view option) const;
  /// RFC 9112 9.3: HTTP/1.1 stays open unless Connection lists "close", HTTP/1.0 only when it
  /// lists "keep-alive".
  [[nodiscard]] bool wants_keep_alive() const;
};

/// What a request head may hold. A head over `max_head_bytes` is refused before it is parsed,
/// so a client cannot make the server buffer more than that per connection.
struct HttpHeadLimits {
  std::size_t max_head_bytes = 32 * 1024;
  std::size_t max_field_bytes = 8 * 1024;
  std::size_t max_name_bytes = 256;
  std::size_t max_fields = 100;
};

/// A parsed head, or the status (400) and one-line reason it was refused with.
struct HttpHeadParse {
  std::optional<HttpRequest> request;
  int status = 0;
  std::string reason;
};

/// The length of the head at the start of `bytes` through its empty line ("\r\n\r\n", or bare
/// "\n\n" from lenient clients), or 0 while the empty line has not arrived. Empty lines before
/// the request line (RFC 9112 2.2) count as part of the head.
std::size_t find_head_end(std::string_view bytes);

/// Where an unfinished search for the end of a head may resume once more bytes have arrived.
/// A fresh one belongs to each head; it is only valid for the same bytes, grown at the end.
struct HeadSearch {
  std::size_t resume_at = 0;
  bool request_line_begun = false;  ///< the empty lines before the request line are behind
};

/// find_head_end() over bytes that arrive piecemeal: each call looks only at what earlier calls
/// for the same head did not settle, so a head read in many small pieces costs linear time.
std::size_t find_head_end(std::string_view bytes, HeadSearch& search);

/// Parses a complete head as find_head_end() delimits it.
HttpHeadParse parse_request_head(std::string_view head, const HttpHeadLimits& limits);

}  // namespace itkal

#include "itkal/serve/http/http_request.hpp"

#include <algorithm>
#include <cstring>

#include "itkal/serve/http/http_negotiation.hpp"
#include "itkal/text/text_folding.hpp"

namespace itkal {
namespace {

/// RFC 9110 5.6.2: a method and a field name are tokens.
bool is_token(std::string_view text) {
  if (text.empty()) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f && !std::strchr("\"(),/:;<=>?@[\\]{}", c);
  });
}

/// Cuts the next line off `rest`, without its "\r\n" or "\n".
std::string_view next_line(std::string_view& rest) {
  const std::size_t end = rest.find('\n');
  std::string_view line = rest.substr(0, end);
  rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

HttpHeadParse refuse(int status, std::string reason) {
  HttpHeadParse parse;
  parse.status = status;
  parse.reason = std::move(reason);
  return parse;
}

/// "GET /calendar.ics HTTP/1.1" into the request; an empty reason when it is well-formed.
HttpHeadParse read_request_line(std::string_view line, HttpRequest& request) {
  const std::size_t first = line.find(' ');
  const std::size_t last = line.rfind(' ');
  if (first == std::string_view::npos || first == last) {
    return refuse(400, "malformed request line");
  }
  const std::string_view method = line.substr(0, first);
  const std::string_view target = line.substr(first + 1, last - first - 1);
  const std::string_view version = line.substr(last + 1);
  if (!is_token(method) || target.empty() || target.find(' ') != std::string_view::npos) {
    return refuse(400, "malformed request line");
  }
  if (version.substr(0, 5) != "HTTP/") return refuse(400, "malformed request line");
  // 400 rather than 505: a 5xx would count as the server's failure in monitoring.
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    return refuse(400, "HTTP version not supported; use HTTP/1.1");
  }
  request.method = method;
  request.target = target;
  request.version = version;
  return {};
}

}  // namespace

const std::string* HttpRequest::find(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (equals_ignoring_ascii_case(field, name)) return &value;
  }
  return nullptr;
}

std::string HttpRequest::get(std::string_view name, std::string_view fallback) const {
  const std::string* value = find(name);
  return value ? *value : std::string(fallback);
}

bool HttpRequest::has_connection_option(std::string_view option) const {
  // RFC 9110 7.6.1: a comma-separated list, possibly over several fields ("TE, close").
  for (const auto& [field, value] : headers) {
    if (!equals_ignoring_ascii_case(field, "Connection")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      if (equals_ignoring_ascii_case(trim_optional_whitespace(rest.substr(0, comma)), option))
        return true;
      rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma + 1);
    }
  }
  return false;
}

bool HttpRequest::wants_keep_alive() const {
  if (version == "HTTP/1.0") return has_connection_option("keep-alive");
  return !has_connection_option("close");
}

std::size_t find_head_end(std::string_view bytes) {
  HeadSearch search;
  return find_head_end(bytes, search);
}

std::size_t find_head_end(std::string_view bytes, HeadSearch& search) {
  std::size_t from = search.resume_at;
  if (!search.request_line_begun) {
    while (from < bytes.size() && (bytes[from] == '\r' || bytes[from] == '\n')) ++from;
    search.request_line_begun = from < bytes.size();
  }
  for (std::size_t newline = bytes.find('\n', from); newline != std::string_view::npos;
       newline = bytes.find('\n', newline + 1)) {
    if (newline + 1 < bytes.size() && bytes[newline + 1] == '\n') return newline + 2;
    if (newline + 2 < bytes.size() && bytes[newline + 1] == '\r' && bytes[newline + 2] == '\n') {
      return newline + 3;
    }
  }
  // The longest end ("\n\r\n") may have begun in the last two bytes.
  constexpr std::size_t kUnsettled = 2;
  search.resume_at = std::max(from, bytes.size() < kUnsettled ? 0 : bytes.size() - kUnsettled);
  return 0;
}

HttpHeadParse parse_request_head(std::string_view head, const HttpHeadLimits& limits) {
  std::string_view rest = head;
  while (!rest.empty() && (rest.front() == '\r' || rest.front() == '\n')) rest.remove_prefix(1);
  HttpHeadParse parse;
  parse.request.emplace();
  HttpRequest& request = *parse.request;
  if (HttpHeadParse line = read_request_line(next_line(rest), request); line.status) return line;
  for (std::string_view line = next_line(rest); !line.empty(); line = next_line(rest)) {
    if (line.size() > limits.max_field_bytes) {
      return refuse(
          400, "header field longer than " + std::to_string(limits.max_field_bytes) + " bytes");
    }
    if (request.headers.size() == limits.max_fields) {
      return refuse(400, "more than " + std::to_string(limits.max_fields) + " header fields");
    }
    // Obsolete line folding (RFC 9112 5.2) starts with whitespace and is refused like any other
    // line without a name.
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) {
      return refuse(400, "malformed header field");
    }
    if (colon > limits.max_name_bytes) {
      return refuse(
          400, "header field name longer than " + std::to_string(limits.max_name_bytes) + " bytes");
    }
    request.headers.emplace_back(line.substr(0, colon),
                                 trim_optional_whitespace(line.substr(colon + 1)));
  }
  return parse;
}

}  // namespace itkal

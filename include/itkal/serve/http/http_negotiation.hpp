#pragma once

#include <Poco/Timestamp.h>

#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

namespace itkal {

/// The text without the optional white space of HTTP (RFC 9110 5.6.3: spaces and tabs) at its
/// ends, as field values and list elements are read.
std::string_view trim_optional_whitespace(std::string_view text);

/// True when an Accept-Encoding value admits gzip (RFC 9110 12.5.3): "gzip" or "x-gzip" or "*"
/// with a q-value above 0; an explicit "gzip;q=0" refuses it even when "*" is listed.
bool accepts_gzip(std::string_view accept_encoding);

/// True when an If-None-Match value lists `etag` (quotes included) or is "*". RFC 9110 13.1.2:
/// If-None-Match uses the weak comparison, so "W/" prefixes are ignored.
bool etag_listed(std::string_view if_none_match, std::string_view etag);

/// Parses an HTTP date in any of the three forms RFC 9110 5.6.7 requires recipients to accept
/// (IMF-fixdate, RFC 850, asctime); nullopt for anything else.
std::optional<Poco::Timestamp> parse_http_date(const std::string& text);

/// IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
std::string format_http_date(const Poco::Timestamp& time);

/// A quoted strong entity tag made from the SHA-1 of `bytes`: "\"<40 hex digits>\"".
std::string strong_etag(std::string_view bytes);

/// `bytes` compressed as a gzip member (RFC 1952), at the best compression: feeds are compressed
/// once per build or cached render, then served many times.
std::string gzip_compress(std::string_view bytes);

/// The same compression of the bytes `next_chunk` returns until it returns an empty view (so that
/// a large file need not be in memory whole); nullopt when `stop` is requested between chunks.
std::optional<std::string> gzip_compress_chunks(const std::function<std::string_view()>& next_chunk,
                                                const std::stop_token& stop);

}  // namespace itkal

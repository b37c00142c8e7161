#include "itkal/url_source.hpp"

#include "itkal/curl_session.hpp"
#include "itkal/newsletter_reader.hpp"
#include "itkal/pdf_newsletter_reader.hpp"
#include "itkal/source_fetcher.hpp"
#include "itkal/text_folding.hpp"

namespace itkal {
namespace {

/// The stored file's extension, which the readers' form detection falls back on. A PDF is
/// known by its bytes too: servers often send one as application/octet-stream.
std::string extension_for(std::string content_type, std::string_view body) {
  if (looks_like_pdf(body)) return "pdf";
  for (char& c : content_type) c = ascii_lower(c);
  if (content_type.starts_with("text/plain") || content_type.starts_with("text/markdown"))
    return "txt";
  if (content_type.starts_with("application/pdf")) return "pdf";
  if (content_type.starts_with("message/rfc822")) return "eml";
  return "html";
}

}  // namespace

std::size_t fetch_url(const SourceConfig& source, SourceStore& store) {
  CurlSession session(source, "", kMaxSourceBytes);
  Poco::JSON::Object::Ptr state = store.load_state();
  std::vector<std::string> headers;
  // RFC 9110 13.1: a validator from the last 200 makes an unchanged page cost one 304.
  if (state->has("etag"))
    headers.push_back("If-None-Match: " + state->getValue<std::string>("etag"));
  if (state->has("last_modified"))
    headers.push_back("If-Modified-Since: " + state->getValue<std::string>("last_modified"));
  session.set_request_headers(headers);
  const std::string body = session.perform(source.url);
  const long status = session.response_code();
  if (status == 304) return 0;
  if (status != 200) throw FetchError("HTTP status " + std::to_string(status));
  const std::string extension = extension_for(session.response_header("content-type"), body);
  const bool added = store.add(body, extension);
  Poco::JSON::Object::Ptr updated = new Poco::JSON::Object;
  if (!session.response_header("etag").empty())
    updated->set("etag", session.response_header("etag"));
  if (!session.response_header("last-modified").empty())
    updated->set("last_modified", session.response_header("last-modified"));
  store.save_state(updated);
  return added ? 1 : 0;
}

}  // namespace itkal

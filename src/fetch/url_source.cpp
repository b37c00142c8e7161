#include "itkal/fetch/url_source.hpp"

#include "itkal/fetch/curl_session.hpp"
#include "itkal/fetch/source_fetcher.hpp"
#include "itkal/read/newsletter_reader.hpp"
#include "itkal/read/pdf_newsletter_reader.hpp"
#include "itkal/text/text_folding.hpp"

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

ConditionalGet conditional_get(const SourceConfig& source, const SourceStore& store) {
  CurlSession session(source, "", kMaxSourceBytes);
  Poco::JSON::Object::Ptr state = store.load_state();
  std::vector<std::string> headers;
  // RFC 9110 13.1: a validator from the last 200 makes an unchanged page cost one 304.
  if (state->has("etag"))
    headers.push_back("If-None-Match: " + state->getValue<std::string>("etag"));
  if (state->has("last_modified"))
    headers.push_back("If-Modified-Since: " + state->getValue<std::string>("last_modified"));
  session.set_request_headers(headers);
  ConditionalGet got;
  got.body = session.perform(source.url);
  const long status = session.response_code();
  if (status == 304) {
    got.not_modified = true;
    return got;
  }
  if (status != 200) throw FetchError("HTTP status " + std::to_string(status));
  got.content_type = session.response_header("content-type");
  got.validators = new Poco::JSON::Object;
  if (!session.response_header("etag").empty())
    got.validators->set("etag", session.response_header("etag"));
  if (!session.response_header("last-modified").empty())
    got.validators->set("last_modified", session.response_header("last-modified"));
  return got;
}

std::size_t fetch_url(const SourceConfig& source, SourceStore& store) {
  const ConditionalGet got = conditional_get(source, store);
  if (got.not_modified) return 0;
  const std::string extension = extension_for(got.content_type, got.body);
  const bool added = store.add(got.body, extension);
  store.save_state(got.validators);
  return added ? 1 : 0;
}

}  // namespace itkal

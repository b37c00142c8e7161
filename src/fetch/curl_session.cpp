#include "itkal/fetch/curl_session.hpp"

#include <curl/curl.h>

#include <cctype>
#include <mutex>
#include <string_view>

#include "itkal/fetch/source_fetcher.hpp"
#include "itkal/version.hpp"

namespace itkal {
namespace {

CURL* as_curl(void* handle) { return static_cast<CURL*>(handle); }

const char* protocols_of(SourceType type) {
  switch (type) {
    case SourceType::imap:
      return "imap,imaps";
    case SourceType::pop3:
      return "pop3,pop3s";
    case SourceType::url:
    case SourceType::ics:
    case SourceType::folder:
      break;
  }
  return "http,https";
}

}  // namespace

CurlSession::CurlSession(const SourceConfig& source, const std::string& password,
                         std::size_t max_bytes)
    : max_bytes_(max_bytes) {
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  handle_ = curl_easy_init();
  if (!handle_) throw FetchError("cannot start libcurl");
  CURL* curl = as_curl(handle_);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, protocols_of(source.type));
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, protocols_of(source.type));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, source.connect_timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, source.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, (std::string("itkal/") + kVersion).c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &CurlSession::on_data);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &CurlSession::on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, this);
  // RFC 9110 15.4: follow redirects, but a bounded number of them.
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  if (!source.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, source.ca_file.c_str());
  if (!source.tls_verify) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!source.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, source.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, password.c_str());
  }
}

CurlSession::~CurlSession() {
  curl_easy_cleanup(as_curl(handle_));
  curl_slist_free_all(static_cast<curl_slist*>(request_headers_));
}

void CurlSession::set_request_headers(const std::vector<std::string>& lines) {
  curl_slist_free_all(static_cast<curl_slist*>(request_headers_));
  curl_slist* list = nullptr;
  for (const auto& line : lines) list = curl_slist_append(list, line.c_str());
  request_headers_ = list;
  curl_easy_setopt(as_curl(handle_), CURLOPT_HTTPHEADER, list);
}

long CurlSession::response_code() const {
  long code = 0;
  curl_easy_getinfo(as_curl(handle_), CURLINFO_RESPONSE_CODE, &code);
  return code;
}

std::string CurlSession::response_header(const std::string& name) const {
  const auto found = response_headers_.find(name);
  return found == response_headers_.end() ? std::string() : found->second;
}

std::size_t CurlSession::on_header(char* data, std::size_t size, std::size_t count, void* self) {
  auto* session = static_cast<CurlSession*>(self);
  const std::string_view line(data, size * count);
  // A status line starts the headers of each response (redirects included): keep the last.
  if (line.starts_with("HTTP/")) session->response_headers_.clear();
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
      value.remove_suffix(1);
    session->response_headers_[name] = std::string(value);
  }
  return size * count;
}

std::size_t CurlSession::on_data(char* data, std::size_t size, std::size_t count, void* self) {
  auto* session = static_cast<CurlSession*>(self);
  const std::size_t bytes = size * count;
  if (session->body_.size() + bytes > session->max_bytes_) {
    session->too_large_ = true;
    return 0;  // libcurl ends the transfer with CURLE_WRITE_ERROR
  }
  session->body_.append(data, bytes);
  return bytes;
}

std::string CurlSession::perform(const std::string& url, const std::string& custom_request) {
  CURL* curl = as_curl(handle_);
  body_.clear();
  response_headers_.clear();
  too_large_ = false;
  error_[0] = '\0';
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST,
                   custom_request.empty() ? nullptr : custom_request.c_str());
  const CURLcode code = curl_easy_perform(curl);
  if (too_large_) {
    throw FetchError("more than the " + std::to_string(max_bytes_) + " bytes allowed");
  }
  if (code != CURLE_OK) {
    throw FetchError(error_[0] != '\0' ? std::string(error_) : curl_easy_strerror(code));
  }
  return std::move(body_);
}

}  // namespace itkal

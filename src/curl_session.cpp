#include "itkal/curl_session.hpp"

#include <curl/curl.h>

#include <mutex>

#include "itkal/source_fetcher.hpp"
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

CurlSession::~CurlSession() { curl_easy_cleanup(as_curl(handle_)); }

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

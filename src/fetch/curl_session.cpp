#include "itkal/fetch/curl_session.hpp"

#include <cctype>
#include <string_view>

#include "itkal/fetch/source_fetcher.hpp"
#include "itkal/text/loadable_module.hpp"
#include "itkal/version.hpp"

namespace itkal {
namespace {

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

/// The module's table, loaded by the first session.
const ItkalCurlApi* curl_module() {
  try {
    return &support_module_table<ItkalCurlApi>(kCurlModule);
  } catch (const ModuleError& error) {
    throw FetchError(error.what());
  }
}

}  // namespace

CurlSession::CurlSession(const SourceConfig& source, const std::string& password,
                         std::size_t max_bytes)
    : module_(curl_module()),
      sink_{this, &CurlSession::on_data, &CurlSession::on_header},
      max_bytes_(max_bytes) {
  const std::string user_agent = std::string("itkal/") + kVersion;
  const ItkalCurlOptions options{
      .protocols = protocols_of(source.type),
      .connect_timeout_seconds = source.connect_timeout_seconds,
      .timeout_seconds = source.timeout_seconds,
      .user_agent = user_agent.c_str(),
      .ca_file = source.ca_file.empty() ? nullptr : source.ca_file.c_str(),
      .tls_verify = source.tls_verify ? 1 : 0,
      .user = source.user.empty() ? nullptr : source.user.c_str(),
      .password = password.c_str(),
  };
  handle_ = module_->open(&options, &sink_);
  if (!handle_) throw FetchError("cannot start libcurl");
}

CurlSession::~CurlSession() { module_->close(handle_); }

void CurlSession::set_request_headers(const std::vector<std::string>& lines) {
  std::vector<const char*> pointers;
  pointers.reserve(lines.size());
  for (const auto& line : lines) pointers.push_back(line.c_str());
  module_->set_request_headers(handle_, pointers.data(), pointers.size());
}

long CurlSession::response_code() const { return module_->response_code(handle_); }

std::string CurlSession::response_header(const std::string& name) const {
  const auto found = response_headers_.find(name);
  return found == response_headers_.end() ? std::string() : found->second;
}

std::size_t CurlSession::on_header(void* self, const char* data, std::size_t size) {
  auto* session = static_cast<CurlSession*>(self);
  const std::string_view line(data, size);
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
  return size;
}

std::size_t CurlSession::on_data(void* self, const char* data, std::size_t size) {
  auto* session = static_cast<CurlSession*>(self);
  if (session->body_.size() + size > session->max_bytes_) {
    session->too_large_ = true;
    return 0;  // libcurl ends the transfer with CURLE_WRITE_ERROR
  }
  session->body_.append(data, size);
  return size;
}

std::string CurlSession::perform(const std::string& url, const std::string& custom_request) {
  body_.clear();
  response_headers_.clear();
  too_large_ = false;
  char error[256] = {};
  const bool done = module_->perform(handle_, url.c_str(),
                                     custom_request.empty() ? nullptr : custom_request.c_str(),
                                     error, sizeof error) != 0;
  if (too_large_) {
    throw FetchError("more than the " + std::to_string(max_bytes_) + " bytes allowed");
  }
  if (!done) throw FetchError(error);
  return std::move(body_);
}

}  // namespace itkal

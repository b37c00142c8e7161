// The fetch support module: libcurl easy handles behind the plain table of
// include/itkal/fetch/curl_module.hpp. Built as its own MODULE library, not part of itkal_fetch.
#include <curl/curl.h>

#include <cstring>
#include <mutex>

#include "itkal/fetch/curl_module.hpp"

namespace {

struct Session {
  CURL* curl = nullptr;
  curl_slist* request_headers = nullptr;
  const ItkalCurlSink* sink = nullptr;
  char error[CURL_ERROR_SIZE] = {};
};

std::size_t on_data(char* data, std::size_t size, std::size_t count, void* session) {
  const ItkalCurlSink& sink = *static_cast<Session*>(session)->sink;
  return sink.data(sink.context, data, size * count);
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* session) {
  const ItkalCurlSink& sink = *static_cast<Session*>(session)->sink;
  return sink.header(sink.context, data, size * count);
}

void close_session(void* handle) {
  auto* session = static_cast<Session*>(handle);
  curl_easy_cleanup(session->curl);
  curl_slist_free_all(session->request_headers);
  delete session;
}

void* open_session(const ItkalCurlOptions* options, const ItkalCurlSink* sink) {
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  auto* session = new (std::nothrow) Session;
  if (!session) return nullptr;
  session->sink = sink;
  session->curl = curl_easy_init();
  if (!session->curl) {
    delete session;
    return nullptr;
  }
  CURL* curl = session->curl;
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, session->error);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, options->protocols);
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, options->protocols);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, options->connect_timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, options->timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options->user_agent);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &on_data);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, session);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, session);
  // RFC 9110 15.4: follow redirects, but a bounded number of them.
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  if (options->ca_file) curl_easy_setopt(curl, CURLOPT_CAINFO, options->ca_file);
  if (!options->tls_verify) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (options->user) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, options->user);
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options->password);
  }
  return session;
}

int set_request_headers(void* handle, const char* const* lines, std::size_t count) {
  auto* session = static_cast<Session*>(handle);
  curl_slist_free_all(session->request_headers);
  session->request_headers = nullptr;
  for (std::size_t i = 0; i < count; ++i) {
    curl_slist* longer = curl_slist_append(session->request_headers, lines[i]);
    if (!longer) return 0;
    session->request_headers = longer;
  }
  curl_easy_setopt(session->curl, CURLOPT_HTTPHEADER, session->request_headers);
  return 1;
}

int perform(void* handle, const char* url, const char* custom_request, char* error,
            std::size_t error_size) {
  auto* session = static_cast<Session*>(handle);
  session->error[0] = '\0';
  curl_easy_setopt(session->curl, CURLOPT_URL, url);
  curl_easy_setopt(session->curl, CURLOPT_CUSTOMREQUEST, custom_request);
  const CURLcode code = curl_easy_perform(session->curl);
  if (code == CURLE_OK) return 1;
  const char* reason = session->error[0] != '\0' ? session->error : curl_easy_strerror(code);
  if (error_size > 0) {
    std::strncpy(error, reason, error_size - 1);
    error[error_size - 1] = '\0';
  }
  return 0;
}

long response_code(void* handle) {
  long code = 0;
  curl_easy_getinfo(static_cast<Session*>(handle)->curl, CURLINFO_RESPONSE_CODE, &code);
  return code;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) const ItkalCurlApi* itkal_curl_api_v1(void) {
  static const ItkalCurlApi api{open_session, close_session, set_request_headers, perform,
                                response_code};
  return &api;
}

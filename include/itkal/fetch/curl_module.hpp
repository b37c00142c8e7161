#pragma once

#include <cstddef>

#include "itkal/text/loadable_module.hpp"

/// The entry point of the fetch support module (itkal-curl.so), which holds all of itkal's
/// use of libcurl. CurlSession loads it with dlopen on its first session, so that a process that
/// fetches nothing does not load libcurl and its 30-odd libraries. Plain C types only: the module
/// and the executable share nothing but this table, and no exception crosses it.
extern "C" {

/// How a session is set up (see CurlSession); strings are copied by libcurl.
struct ItkalCurlOptions {
  const char* protocols;  ///< "imap,imaps", "http,https", …: also those a redirect may use
  long connect_timeout_seconds;
  long timeout_seconds;
  const char* user_agent;
  const char* ca_file;  ///< null: the system's store
  int tls_verify;
  const char* user;  ///< null: no login
  const char* password;
};

/// Where a transfer's data and header lines go; a callback returns the bytes it took (fewer
/// ends the transfer).
struct ItkalCurlSink {
  void* context;
  std::size_t (*data)(void* context, const char* bytes, std::size_t size);
  std::size_t (*header)(void* context, const char* line, std::size_t size);
};

struct ItkalCurlApi {
  /// A new session (one easy handle) passing what it receives to `sink`, which must outlive it;
  /// null when libcurl cannot start one.
  void* (*open)(const ItkalCurlOptions* options, const ItkalCurlSink* sink);
  void (*close)(void* session);
  /// Request header lines sent with the next transfers; 0 when out of memory.
  int (*set_request_headers)(void* session, const char* const* lines, std::size_t count);
  /// Runs one transfer (with `custom_request` as the command unless null): 1 when it succeeded,
  /// else 0 with libcurl's reason in `error` (NUL-terminated, at most `error_size` bytes).
  int (*perform)(void* session, const char* url, const char* custom_request, char* error,
                 std::size_t error_size);
  /// HTTP: the status of the last transfer's final response.
  long (*response_code)(void* session);
};

/// The table, a static the module never frees.
const ItkalCurlApi* itkal_curl_api_v1(void);
}

namespace itkal {
/// The entry's version changes with any change to ItkalCurlApi: an old module is refused, not
/// misread.
inline constexpr SupportModule kCurlModule{"Fetch support", "itkal-curl.so", "itkal_curl_api_v1"};
}  // namespace itkal

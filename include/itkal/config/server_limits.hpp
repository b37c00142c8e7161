#pragma once

#include <optional>
#include <string>

namespace itkal {

/// The range a numeric server setting may take. The configuration file (`server.<key>`) and the
/// `itkal serve` option that overrides it share one range, so both refuse the same values.
struct ServerLimit {
  const char* key;  ///< below "server." in the configuration, e.g. "max_threads"
  int low;
  int high;
};

inline constexpr ServerLimit kPortLimit{"port", 0, 65535};             ///< 0: any free port
inline constexpr ServerLimit kEventLoopsLimit{"event_loops", 0, 256};  ///< 0: one per core
inline constexpr ServerLimit kMaxThreadsLimit{"max_threads", 1, 1024};
inline constexpr ServerLimit kMaxConnectionsLimit{"max_connections", 1, 1000000};
inline constexpr ServerLimit kMaxQueuedLimit{"max_queued", 1, 65536};
inline constexpr ServerLimit kReloadSecondsLimit{"reload_seconds", 1, 86400};
/// 0 closes a connection once its response is sent.
inline constexpr ServerLimit kKeepAliveSecondsLimit{"keep_alive_seconds", 0, 86400};

/// `text` as a whole decimal number within `limit`; nullopt for anything else ("8.5", "", "x",
/// a number out of range).
std::optional<int> parse_server_number(const std::string& text, const ServerLimit& limit);

/// "is not a number from 1 to 1024": the end of the message for a value outside `limit`.
std::string server_limit_message(const ServerLimit& limit);

}  // namespace itkal

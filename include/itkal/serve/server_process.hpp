#pragma once

#include <cstdint>
#include <string>

#include "itkal/config/config.hpp"
#include "itkal/serve/feed_server.hpp"

namespace itkal {

/// The process around a FeedServer, as `itkal serve` sets it up before it serves: the options from
/// a checked configuration, the detached daemon, the blocked stop signals, the logs.

/// Connections that an open file limit of `open_files` leaves room for, with descriptors to spare
/// for the build's files, the log and the listener (the limit less 128, half of a limit of 128 or
/// less, at least 16): beyond the limit accept() would fail and the client wait in the backlog
/// instead of getting a prompt 503.
int connections_allowed(std::uint64_t open_files);

/// connections_allowed() for this process's RLIMIT_NOFILE; 1,000,000 when it is unlimited.
int connections_allowed_by_file_limit();

/// The server's options from `config` (checked by load_config, options applied): the keep-alive
/// timeout from config.keep_alive_seconds, max_connections capped by `open_files_allowed`.
FeedServerOptions feed_server_options(Config config, int open_files_allowed);

/// Detaches from the terminal: the calling process exits 0, the child runs in a new session in
/// "/" with the standard streams on /dev/null and writes its pid to `pid_file` (when not empty).
/// Call before any thread exists; every path must already be absolute. Throws
/// std::runtime_error when it cannot fork.
void become_daemon(const std::string& pid_file);

/// Two malloc arenas, and SIGINT, SIGTERM and SIGQUIT blocked in the calling thread and every
/// thread it starts later, so that they reach only the sigwait of
/// ServerApplication::waitForTerminationRequest() and never kill a worker thread's process.
void prepare_server_process();

/// "itkal.server" to standard error ("2026-05-04T10:00:00+0200 Information itkal.server: …") and
/// "itkal.access" to `access_log`: a file (appended to), "-" for standard output or "off".
/// Throws std::runtime_error naming the file when it cannot be opened.
void set_up_server_logs(const std::string& access_log);

/// Throws std::runtime_error naming the file when `access_log` is a file that cannot be opened
/// for appending (a daemon checks before it forks: afterwards its errors go to /dev/null).
void check_access_log(const std::string& access_log);

/// Writes out the access lines still queued (before the process ends).
void flush_access_log();

/// "serving '/srv/public' on http://127.0.0.1:8080/ with 2 (one per core) event loops, up to 16
/// render threads, at most 10000 connections".
std::string serving_message(const Config& config, unsigned short port, unsigned cores);

}  // namespace itkal

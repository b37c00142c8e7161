#include "itkal/serve/server_process.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Process.h>
#include <malloc.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <utility>

#include "itkal/serve/batched_log_channel.hpp"

namespace itkal {

int connections_allowed(std::uint64_t open_files) {
  const std::uint64_t spare = open_files > 128 ? open_files - 128 : open_files / 2;
  return static_cast<int>(std::clamp<std::uint64_t>(spare, 16, 1000000));
}

int connections_allowed_by_file_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 1000000;
  return connections_allowed(limit.rlim_cur);
}

FeedServerOptions feed_server_options(Config config, int open_files_allowed) {
  FeedServerOptions options;
  config.max_connections = std::min(config.max_connections, open_files_allowed);
  options.keep_alive_timeout = Poco::Timespan(config.keep_alive_seconds, 0);
  options.config = std::move(config);
  options.gzip_in_background = true;
  return options;
}

void become_daemon(const std::string& pid_file) {
  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("cannot fork the daemon process");
  // _exit: the parent must not run atexit handlers, which would delete the pid file.
  if (child > 0) ::_exit(0);
  ::setsid();
  if (::chdir("/") != 0) ::_exit(1);
  for (FILE* stream : {stdin, stdout, stderr}) {
    if (!std::freopen("/dev/null", stream == stdin ? "r" : "w", stream)) ::_exit(1);
  }
  if (!pid_file.empty()) std::ofstream(pid_file, std::ios::trunc) << Poco::Process::id() << "\n";
}

void prepare_server_process() {
  // glibc gives each thread that allocates its own arena (up to 8 per core) and keeps what
  // each one freed: 64 request threads that each rendered a filtered feed once held 50 MB of
  // free heap. Two arenas are enough for two cores; small allocations use per-thread caches.
  ::mallopt(M_ARENA_MAX, 2);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGQUIT);
  ::pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
}

void set_up_server_logs(const std::string& access_log) {
  Poco::Logger& access = Poco::Logger::get("itkal.access");
  if (access_log == "off") {
    access.setLevel(Poco::Message::PRIO_FATAL);
  } else {
    // First, so that a log that cannot be opened changes nothing.
    Poco::AutoPtr<Poco::Channel> channel(new BatchedLogChannel(access_log));
    access.setChannel(channel);
    access.setLevel(Poco::Message::PRIO_INFORMATION);
  }
  Poco::AutoPtr<Poco::PatternFormatter> server_format(
      new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S%z %p %s: %t"));
  server_format->setProperty("times", "local");
  Poco::AutoPtr<Poco::FormattingChannel> server_channel(
      new Poco::FormattingChannel(server_format, new Poco::ConsoleChannel));
  Poco::Logger::get("itkal.server").setChannel(server_channel);
  Poco::Logger::get("itkal.server").setLevel(Poco::Message::PRIO_INFORMATION);
}

void check_access_log(const std::string& access_log) {
  if (access_log == "-" || access_log == "off") return;
  if (!std::ofstream(access_log, std::ios::app)) {
    throw std::runtime_error("cannot open the access log '" + access_log + "'");
  }
}

void flush_access_log() {
  // close() and not Logger::shutdown(), which would also destroy the loggers
  // Application::uninitialize() still uses.
  if (Poco::Channel* access = Poco::Logger::get("itkal.access").getChannel()) access->close();
}

std::string serving_message(const Config& config, unsigned short port, unsigned cores) {
  const std::string loops = config.event_loops > 0
                                ? std::to_string(config.event_loops)
                                : std::to_string(std::max(1u, cores)) + " (one per core)";
  return "serving '" + config.output + "' on http://" + config.bind_address + ":" +
         std::to_string(port) + "/ with " + loops + " event loops, up to " +
         std::to_string(config.max_threads) + " render threads, at most " +
         std::to_string(config.max_connections) + " connections";
}

}  // namespace itkal

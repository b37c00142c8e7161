#include <Poco/AutoPtr.h>
#include <Poco/Logger.h>
#include <Poco/Net/NetException.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "itkal/config/config.hpp"
#include "itkal/config/config_search.hpp"
#include "itkal/config/server_limits.hpp"
#include "itkal/serve/feed_server.hpp"
#include "itkal/serve/server_process.hpp"
#include "itkal/text/usable_cpus.hpp"

namespace itkal::cli {
namespace {

using Poco::Util::Option;
using Poco::Util::OptionSet;

/// `itkal serve`: a Poco ServerApplication. initialize() resolves the configuration (and becomes
/// a daemon when asked); main() binds, serves until SIGTERM or SIGINT, and stops gracefully.
class ServeCommand : public Command<Poco::Util::ServerApplication> {
 public:
  ServeCommand()
      : Command({.name = "serve",
                 .usage = "[OPTIONS]",
                 .header = "Serves the feeds that 'itkal build' writes: /calendar.ics (filters: "
                           "organizer, location, from, to, q, online), /organizers/<slug>.ics, "
                           "the named feeds, /events.json, an index page at / and /healthz. Picks "
                           "up a new build without a restart. Stops gracefully on SIGTERM or "
                           "SIGINT. Exit 0 after a clean stop, 1 when it cannot listen, 64 for "
                           "bad usage or configuration.",
                 // -t, -n and -q are --today, --no-fetch and --quiet in build (-q in fetch);
                 // these server limits are set in the configuration more than on the command line.
                 .deprecated_short_options = {
                     {"t", "threads", "N"}, {"n", "connections", "N"}, {"q", "queue", "N"}}}) {}

 protected:
  // --daemon, --umask and --pidfile come from ServerApplication.
  void define_command_options(OptionSet& options) override {
    options.addOption(config_option());
    options.addOption(Option("output", "o", "the build's output folder to serve (config: output)")
                          .argument("DIR"));
    options.addOption(
        Option("bind", "b", "address to listen on (config: server.bind_address, 127.0.0.1)")
            .argument("ADDRESS"));
    options.addOption(
        Option("port", "p", "port to listen on, 0 for any free one (config: server.port, 8080)")
            .argument("PORT"));
    options.addOption(
        Option("event-loops", "e",
               "threads that serve connections, 0: one per core (config: server.event_loops, 0)")
            .argument("N"));
    options.addOption(Option("threads", "",
                             "threads that render filtered feeds and the index page when they are "
                             "not cached (config: server.max_threads, 16)")
                          .argument("N"));
    options.addOption(Option("connections", "",
                             "open connections at most; more get 503 (config: "
                             "server.max_connections, 10000, at most the open file limit)")
                          .argument("N"));
    options.addOption(
        Option("queue", "", "connections not yet accepted (config: server.max_queued, 256)")
            .argument("N"));
    options.addOption(
        Option("base-url", "u", "public URL of the server for the links on the index page")
            .argument("URL"));
    options.addOption(Option("no-gzip", "", "never compress responses (config: server.gzip)"));
    options.addOption(
        Option("access-log", "a", "access log: a FILE, '-' for standard output (default), or 'off'")
            .argument("FILE"));
  }

  void handle_command_option(const std::string& name, const std::string& value) override {
    if (name == "pidfile") {
      pid_file_ = value;
    } else if (name == "no-gzip") {
      overrides_["gzip"] = "0";
    } else if (name != "daemon" && name != "umask") {
      overrides_[name] = value;
    }
  }

  void initialize(Application& self) override {
    ServerApplication::initialize(self);
    if (help_requested()) return;
    try {
      resolve_configuration();
      check_access_log(access_log_);  // before the daemon's streams go to /dev/null
      // ServerApplication forks only in run(argc, argv); the CLI calls init() and run() itself,
      // so the daemon is made here, before any thread exists.
      if (config().getBool("application.runAsDaemon", false)) become_daemon(pid_file_);
      prepare_server_process();
      set_up_server_logs(access_log_);
    } catch (const std::exception& error) {
      setup_error_ = error.what();
    }
  }

  int run_command(const ArgVec& /*args*/) override {
    if (!setup_error_.empty()) {
      std::cerr << "itkal serve: " << setup_error_ << "\n";
      return kExitUsage;
    }
    auto& log = Poco::Logger::get("itkal.server");
    const Config& config = options_.config;
    std::optional<Poco::Net::ServerSocket> socket;
    try {
      socket = bind_server_socket(config.bind_address, config.port, config.max_queued);
    } catch (const Poco::Exception& error) {
      log.error("cannot listen on " + config.bind_address + ":" + std::to_string(config.port) +
                ": " + error.displayText());
      return kExitFailure;
    }
    FeedServer server(options_, *socket);
    server.start();
    log.information(serving_message(config, server.port(), usable_cpus()));
    waitForTerminationRequest();
    log.information("stopping: finishing requests in progress");
    const bool drained = server.stop(Poco::Timespan(10, 0));
    log.information(drained ? "stopped" : "stopped with connections still open");
    flush_access_log();
    return kExitOk;
  }

 private:
  void resolve_configuration() {
    const std::string option = overrides_.count("config") ? overrides_["config"] : std::string();
    Config config = load_config(find_config_file(config_search_places(option)));
    // The configuration's values are checked by load_config; an option must keep to the same
    // range.
    auto number = [this](const char* name, const ServerLimit& limit, int& field) {
      if (!overrides_.count(name)) return;
      const auto value = parse_server_number(overrides_[name], limit);
      if (!value) {
        throw std::runtime_error(std::string("--") + name + " '" + overrides_[name] + "' " +
                                 server_limit_message(limit));
      }
      field = *value;
    };
    number("port", kPortLimit, config.port);
    number("event-loops", kEventLoopsLimit, config.event_loops);
    number("threads", kMaxThreadsLimit, config.max_threads);
    number("connections", kMaxConnectionsLimit, config.max_connections);
    number("queue", kMaxQueuedLimit, config.max_queued);
    if (overrides_.count("bind")) config.bind_address = overrides_["bind"];
    if (overrides_.count("base-url")) config.base_url = overrides_["base-url"];
    if (overrides_.count("gzip")) config.gzip = false;
    if (overrides_.count("output")) {
      // A daemon runs in "/": every path must be absolute before it forks.
      config.output = std::filesystem::absolute(overrides_["output"]).lexically_normal().string();
    }
    access_log_ = overrides_.count("access-log") ? overrides_["access-log"] : "-";
    if (access_log_ != "-" && access_log_ != "off") {
      access_log_ = std::filesystem::absolute(access_log_).lexically_normal().string();
    }
    options_ = feed_server_options(std::move(config), connections_allowed_by_file_limit());
  }

  std::map<std::string, std::string> overrides_;
  std::string pid_file_;
  std::string access_log_ = "-";
  std::string setup_error_;
  FeedServerOptions options_;
};

}  // namespace

Poco::AutoPtr<Poco::Util::Application> make_serve_command() { return new ServeCommand; }

}  // namespace itkal::cli

#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <filesystem>
#include <iostream>

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "itkal/config/config.hpp"
#include "itkal/config/config_search.hpp"

namespace itkal::cli {

std::unique_ptr<BuildLock> lock_output(const Config& config) {
  std::error_code error;
  std::filesystem::create_directories(config.output, error);
  if (error)
    throw BuildError("cannot create output folder '" + config.output + "': " + error.message());
  return std::make_unique<BuildLock>(build_lock_path(config));
}

bool print_fetch_report(const FetchReport& report, bool quiet) {
  for (const SourceFetch& source : report.sources) {
    for (const auto& warning : source.warnings)
      std::cerr << "warning: source " << source.label << ": " << warning << "\n";
    if (source.failed) {
      std::cerr << "warning: source " << source.line() << "\n";
    } else if (!quiet) {
      std::cout << "source " << source.line() << "\n";
    }
  }
  return report.any_failed();
}

namespace {

using Poco::Util::Option;
using Poco::Util::OptionSet;

class FetchCommand : public Command<> {
 public:
  FetchCommand()
      : Command({.name = "fetch",
                 .usage = "[OPTIONS]",
                 .header =
                     "Fetches what is new from every source of the configuration (mailboxes) "
                     "into the output's .state/fetched/ folder and prints one line per source: "
                     "new, unchanged or failed and why. Exit 0: every source answered; 4: a "
                     "source failed; 64: bad usage; 75: a build or fetch is running; 1: the "
                     "configuration or output cannot be used."}) {}

 protected:
  void define_command_options(OptionSet& options) override {
    options.addOption(config_option());
    options.addOption(Option("quiet", "q", "print only warnings and failures (for cron)"));
  }

  void handle_command_option(const std::string& name, const std::string& value) override {
    if (name == "config") {
      config_ = value;
    } else if (name == "quiet") {
      quiet_ = true;
    }
  }

  int run_command(const ArgVec& /*args*/) override {
    try {
      // The same file as build and serve would read ($ITKAL_CONFIG, the installed one, …).
      const Config config = load_config(find_config_file(config_search_places(config_)));
      const auto lock = lock_output(config);
      return print_fetch_report(fetch_sources(config), quiet_) ? kExitSourceFailed : kExitOk;
    } catch (const BuildLockedError& error) {
      std::cerr << "itkal fetch: " << error.what() << "\n";
      return kExitLocked;
    } catch (const std::runtime_error& error) {
      std::cerr << "itkal fetch: " << error.what() << "\n";
      return kExitFailure;
    }
  }

 private:
  bool quiet_ = false;
  std::string config_;
};

}  // namespace

Poco::AutoPtr<Poco::Util::Application> make_fetch_command() { return new FetchCommand; }

}  // namespace itkal::cli

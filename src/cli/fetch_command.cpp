#include <Poco/Util/Application.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "itkal/config/config.hpp"

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

class FetchCommand : public Poco::Util::Application {
 protected:
  void defineOptions(OptionSet& options) override {
    Application::defineOptions(options);
    options.addOption(Option("help", "h", "show this help and exit"));
    options.addOption(
        Option("config", "c", "configuration file (default feeds/itkal.json when it exists)")
            .argument("FILE"));
    options.addOption(Option("quiet", "q", "print only warnings and failures (for cron)"));
  }

  void handleOption(const std::string& name, const std::string& value) override {
    Application::handleOption(name, value);
    if (name == "help") {
      help_ = true;
      stopOptionsProcessing();
    } else if (name == "config") {
      config_ = value;
    } else if (name == "quiet") {
      quiet_ = true;
    }
  }

  int main(const ArgVec& args) override {
    if (help_) {
      Poco::Util::HelpFormatter formatter(options());
      formatter.setCommand("itkal fetch");
      formatter.setUsage("[OPTIONS]");
      formatter.setHeader(
          "Fetches what is new from every source of the configuration (mailboxes) into the "
          "output's .state/fetched/ folder and prints one line per source: new, unchanged or "
          "failed and why. Exit 0: every source answered; 4: a source failed; 64: bad usage; "
          "75: a build or fetch is running; 1: the configuration or output cannot be used.");
      formatter.format(std::cout);
      return kExitOk;
    }
    if (!args.empty()) {
      std::cerr << "itkal fetch: unexpected argument '" << args.front()
                << "'; see 'itkal fetch --help'\n";
      return kExitUsage;
    }
    try {
      std::string config_path = config_;
      if (config_path.empty() && std::filesystem::exists("feeds/itkal.json"))
        config_path = "feeds/itkal.json";
      const Config config = load_config(config_path);
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
  bool help_ = false;
  bool quiet_ = false;
  std::string config_;
};

}  // namespace

Poco::AutoPtr<Poco::Util::Application> make_fetch_command() { return new FetchCommand; }

}  // namespace itkal::cli

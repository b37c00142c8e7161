#include <Poco/Util/Application.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "itkal/config.hpp"
#include "itkal/feed_builder.hpp"
#include "itkal/source_store.hpp"

namespace itkal::cli {
namespace {

using Poco::Util::Option;
using Poco::Util::OptionSet;

class BuildCommand : public Poco::Util::Application {
 protected:
  void defineOptions(OptionSet& options) override {
    Application::defineOptions(options);
    options.addOption(Option("help", "h", "show this help and exit"));
    options.addOption(
        Option("config", "c", "configuration file (default feeds/itkal.json when it exists)")
            .argument("FILE"));
    options.addOption(
        Option("inbox", "i", "folder of newsletter issues (overrides the configuration)")
            .argument("DIR"));
    options.addOption(
        Option("output", "o", "folder the feeds are written to (overrides the configuration)")
            .argument("DIR"));
    options.addOption(
        Option("keep-going", "k",
               "build from the readable sources; unreadable ones are skipped and their last "
               "good reading is kept"));
    options.addOption(Option("quiet", "q", "print only warnings and errors (for cron)"));
    options.addOption(Option("no-fetch", "n", "build from what is stored; fetch no source"));
  }

  void handleOption(const std::string& name, const std::string& value) override {
    Application::handleOption(name, value);
    if (name == "help") {
      help_ = true;
      stopOptionsProcessing();
    } else if (name == "config") {
      config_ = value;
    } else if (name == "inbox") {
      inbox_ = value;
    } else if (name == "output") {
      output_ = value;
    } else if (name == "keep-going") {
      keep_going_ = true;
    } else if (name == "quiet") {
      quiet_ = true;
    } else if (name == "no-fetch") {
      no_fetch_ = true;
    }
  }

  int main(const ArgVec& args) override {
    if (help_) {
      Poco::Util::HelpFormatter formatter(options());
      formatter.setCommand("itkal build");
      formatter.setUsage("[OPTIONS]");
      formatter.setHeader(
          "Reads every issue in the inbox, aggregates the events and writes calendar.ics, "
          "organizers/<slug>.ics, the named feeds, events.json and manifest.json into the output "
          "folder, atomically. Exit 0: built; 1: nothing written (a source cannot be read or has "
          "no "
          "calendar, or the output cannot be written; the previous feeds stay); 64: bad usage; "
          "4: built, but a source could not be fetched; 75: another build is running.");
      formatter.format(std::cout);
      return kExitOk;
    }
    if (!args.empty()) {
      std::cerr << "itkal build: unexpected argument '" << args.front()
                << "'; see 'itkal build --help'\n";
      return kExitUsage;
    }
    try {
      std::string config_path = config_;
      if (config_path.empty() && std::filesystem::exists("feeds/itkal.json"))
        config_path = "feeds/itkal.json";
      Config config = load_config(config_path);
      if (!inbox_.empty())
        override_inbox(config, std::filesystem::absolute(inbox_).lexically_normal().string());
      if (!output_.empty())
        config.output = std::filesystem::absolute(output_).lexically_normal().string();
      BuildOptions options;
      options.keep_going = keep_going_;
      // Fetching runs under the build's lock, so two cron runs never fetch at once.
      const auto lock = lock_output(config);
      options.caller_holds_lock = true;
      const bool source_failed = !no_fetch_ && print_fetch_report(fetch_sources(config), quiet_);
      const BuildReport report = build_feeds(config, options);
      for (const auto& skipped : report.skipped)
        std::cerr << "itkal build: skipped " << skipped << "\n";
      for (const auto& [source, warning] : report.warnings) {
        std::cerr << "warning: " << source;
        if (warning.line) std::cerr << ":" << warning.line;
        std::cerr << ": " << warning.message;
        if (!warning.text.empty()) std::cerr << ": " << warning.text;
        std::cerr << "\n";
      }
      if (!quiet_) std::cout << report.summary() << "\n";
      return source_failed ? kExitSourceFailed : kExitOk;
    } catch (const BuildLockedError& error) {
      std::cerr << "itkal build: " << error.what() << "\n";
      return kExitLocked;
    } catch (const std::runtime_error& error) {
      std::cerr << "itkal build: " << error.what() << "; nothing was written\n";
      return kExitFailure;
    }
  }

 private:
  bool help_ = false;
  bool keep_going_ = false;
  bool quiet_ = false;
  bool no_fetch_ = false;
  std::string config_;
  std::string inbox_;
  std::string output_;
};

}  // namespace

Poco::AutoPtr<Poco::Util::Application> make_build_command() { return new BuildCommand; }

}  // namespace itkal::cli

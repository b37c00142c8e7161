#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <malloc.h>

#include <filesystem>
#include <iostream>

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "itkal/build/feed_builder.hpp"
#include "itkal/config/config.hpp"
#include "itkal/config/config_search.hpp"
#include "itkal/extract/issue_date.hpp"
#include "itkal/fetch/source_store.hpp"

namespace itkal::cli {
namespace {

using Poco::Util::Option;
using Poco::Util::OptionSet;

/// --strict: built, but review.html has new items a person should look at.
constexpr int kExitNewReviewItems = 3;

/// A build is one short process that makes and drops a great many small strings (libical
/// serializes every property into buffers of its own) and a few large ones (a feed, tens of
/// megabytes). glibc's defaults hand memory back and fetch it again all the time: the top of the
/// heap is trimmed whenever 128 KB are free, and the mmap threshold rises with every large string
/// freed. A fixed mmap threshold (large strings are mapped and unmapped, never left in the heap)
/// and no trimming during the run: 12,000 issues need a third less system time and no more memory.
void use_memory_as_a_batch_run() {
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
}

class BuildCommand : public Command<> {
 public:
  BuildCommand()
      : Command({.name = "build",
                 .usage = "[OPTIONS]",
                 .header =
                     "Reads every issue in the inbox, aggregates the events and writes "
                     "calendar.ics, organizers/<slug>.ics, the named feeds, events.json and "
                     "manifest.json into the output folder, atomically. Exit 0: built; 1: "
                     "nothing written (a source cannot be read or has no calendar, or the output "
                     "cannot be written; the previous feeds stay); 64: bad usage; 4: built, but a "
                     "source could not be fetched; 75: another build is running; 3 (with "
                     "--strict): built, with new review items."}) {}

 protected:
  void define_command_options(OptionSet& options) override {
    options.addOption(config_option());
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
    options.addOption(Option("today", "t",
                             "the build day (YYYY-MM-DD) the feed window counts from, for tests "
                             "and reproducible builds; default: today")
                          .argument("DATE"));
    options.addOption(Option("strict", "s",
                             "exit 3 when the build has new review items (review.html) and print "
                             "only those, not every warning, so that cron mails only when "
                             "something needs a look"));
    options.addOption(Option("no-fetch", "n", "build from what is stored; fetch no source"));
  }

  void handle_command_option(const std::string& name, const std::string& value) override {
    if (name == "config") {
      config_ = value;
    } else if (name == "inbox") {
      inbox_ = value;
    } else if (name == "output") {
      output_ = value;
    } else if (name == "keep-going") {
      keep_going_ = true;
    } else if (name == "quiet") {
      quiet_ = true;
    } else if (name == "strict") {
      strict_ = true;
    } else if (name == "today") {
      today_text_ = value;
    } else if (name == "no-fetch") {
      no_fetch_ = true;
    }
  }

  int run_command(const ArgVec& /*args*/) override {
    use_memory_as_a_batch_run();
    BuildOptions options;
    options.keep_going = keep_going_;
    if (!today_text_.empty()) {
      options.today = parse_iso_day(today_text_);
      if (!options.today) {
        std::cerr << "itkal build: --today '" << today_text_ << "' is not a date like 2026-04-15\n";
        return kExitUsage;
      }
    }
    try {
      Config config = load_config(find_config_file(config_search_places(config_)));
      if (!inbox_.empty())
        override_inbox(config, std::filesystem::absolute(inbox_).lexically_normal().string());
      if (!output_.empty())
        config.output = std::filesystem::absolute(output_).lexically_normal().string();
      // Fetching runs under the build's lock, so two cron runs never fetch at once.
      const auto lock = lock_output(config);
      options.caller_holds_lock = true;
      const bool source_failed = !no_fetch_ && print_fetch_report(fetch_sources(config), quiet_);
      const BuildReport report = build_feeds(config, options);
      for (const auto& skipped : report.skipped)
        std::cerr << "itkal build: skipped " << skipped << "\n";
      // --strict is for cron: only what is new since the last build, all of it is in review.html.
      if (strict_) {
        for (const auto& note : report.new_review_notes) std::cerr << "new: " << note << "\n";
      } else {
        for (const auto& [source, warning] : report.warnings) {
          std::cerr << "warning: " << source;
          if (warning.line) std::cerr << ":" << warning.line;
          std::cerr << ": " << warning.message;
          if (!warning.text.empty()) std::cerr << ": " << warning.text;
          std::cerr << "\n";
        }
      }
      if (!quiet_) std::cout << report.summary() << "\n";
      if (report.new_review_items > 0) {
        std::cerr << "itkal build: " << report.new_review_items << " new review items; see "
                  << (std::filesystem::path(config.output) / "review.html").string() << "\n";
      }
      // A failed source is the more urgent news for cron; both go to standard error above.
      if (source_failed) return kExitSourceFailed;
      return strict_ && report.new_review_items > 0 ? kExitNewReviewItems : kExitOk;
    } catch (const BuildLockedError& error) {
      std::cerr << "itkal build: " << error.what() << "\n";
      return kExitLocked;
    } catch (const std::runtime_error& error) {
      std::cerr << "itkal build: " << error.what() << "; nothing was written\n";
      return kExitFailure;
    }
  }

 private:
  bool keep_going_ = false;
  bool quiet_ = false;
  bool strict_ = false;
  bool no_fetch_ = false;
  std::string config_;
  std::string today_text_;
  std::string inbox_;
  std::string output_;
};

}  // namespace

Poco::AutoPtr<Poco::Util::Application> make_build_command() { return new BuildCommand; }

}  // namespace itkal::cli

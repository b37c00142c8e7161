#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <iostream>

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "itkal/aggregate/aggregator.hpp"
#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/ical/ical_writer.hpp"
#include "itkal/model/organizer_directory.hpp"
#include "itkal/read/newsletter_reader.hpp"
#include "itkal/text/file_io.hpp"

namespace itkal::cli {
namespace {

using Poco::Util::Option;
using Poco::Util::OptionSet;

class IcsCommand : public Command<> {
 public:
  IcsCommand()
      : Command({.name = "ics",
                 .usage = "[OPTIONS] FILE",
                 .header = "Reads one newsletter issue and writes its dated events as an "
                           "iCalendar feed (RFC 5545, times in Europe/Berlin). Exit 0 when the "
                           "feed was written, 1 when it could not be written, 2 when the issue "
                           "cannot be read or has no calendar, 64 for bad usage.",
                 .arguments = Arguments::one_file,
                 // -n is --no-fetch in build.
                 .deprecated_short_options = {{"n", "name", "NAME"}}}) {}

 protected:
  void define_command_options(OptionSet& options) override {
    options.addOption(Option("output", "o", "write the feed to FILE instead of standard output")
                          .argument("FILE"));
    options.addOption(issue_date_option());
    options.addOption(organizers_option());
    options.addOption(
        Option("name", "", "the calendar's name, default \"VITAKO IT-Kalender\"").argument("NAME"));
    options.addOption(Option("domain", "D",
                             std::string("the domain part of every UID, default ") +
                                 kDefaultUidDomain + "; use one you own, and never change it")
                          .argument("DOMAIN"));
  }

  void handle_command_option(const std::string& name, const std::string& value) override {
    if (name == "output") {
      output_ = value;
    } else if (name == "issue-date") {
      issue_date_text_ = value;
    } else if (name == "organizers") {
      organizers_ = value;
    } else if (name == "name") {
      feed_.name = value;
    } else if (name == "domain") {
      feed_.uid_domain = value;
    }
  }

  int run_command(const ArgVec& args) override {
    ExtractOptions options;
    if (!issue_date_text_.empty()) {
      options.issue_date = parse_issue_date_option("ics", issue_date_text_);
      if (!options.issue_date) return kExitUsage;
    }
    if (feed_.uid_domain.empty() || feed_.uid_domain.find_first_of(" @\t") != std::string::npos) {
      std::cerr << "itkal ics: --domain '" << feed_.uid_domain << "' is not a domain name\n";
      return kExitUsage;
    }
    std::string feed;
    try {
      std::vector<Extraction> issues;
      issues.push_back(extract_issue_file(args.front(), organizers_, options));
      for (const auto& warning : issues.front().warnings) {
        std::cerr << "itkal ics: " << issues.front().source << ":" << warning.line << ": "
                  << warning.message << "\n";
      }
      const Aggregation aggregation = aggregate(std::move(issues));
      feed = render_calendar(aggregation.events, feed_);
    } catch (const std::runtime_error& error) {
      std::cerr << "itkal ics: " << error.what() << "\n";
      return kExitSource;
    }
    if (output_.empty()) {
      std::cout << feed;
      return std::cout ? kExitOk : kExitFailure;
    }
    try {
      write_file_atomically(output_, feed);
    } catch (const std::exception& error) {
      std::cerr << "itkal ics: " << error.what() << "\n";
      return kExitFailure;
    }
    return kExitOk;
  }

 private:
  std::string output_;
  std::string issue_date_text_;
  std::string organizers_;
  FeedOptions feed_;
};

}  // namespace

Poco::AutoPtr<Poco::Util::Application> make_ics_command() { return new IcsCommand; }

}  // namespace itkal::cli

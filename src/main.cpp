// The itkal command line: parses options with Poco::Util and calls the library. No logic here.
#include <Poco/Util/Application.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/IntValidator.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionSet.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "itkal/version.hpp"

namespace {

void print_overview() {
  std::cout << "usage: itkal COMMAND [OPTIONS] [ARGS]\n\n"
               "Turns the event calendars of newsletters into iCalendar feeds.\n\n"
               "commands:\n"
               "  extract FILE   show the calendar entries read from one newsletter issue\n"
               "  ics FILE       render one issue's events as an iCalendar file\n"
               "  fetch          fetch new issues from the configured sources (mailboxes, web pages)\n"
               "  build          fetch, read every issue and write every feed (for cron)\n"
               "  serve          serve the feeds over HTTP\n"
               "  version        print the version (also --version)\n\n"
               "fetch, build and serve read --config FILE, else $ITKAL_CONFIG, else\n"
               "./feeds/itkal.json, else the installed configuration.\n\n"
               "'itkal COMMAND --help' describes a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_overview();
    return itkal::cli::kExitUsage;
  }
  const std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    print_overview();
    return itkal::cli::kExitOk;
  }
  if (command == "--version" || command == "-V" || command == "version") {
    std::cout << "itkal " << itkal::kVersion << "\n";
    return itkal::cli::kExitOk;
  }
  Poco::AutoPtr<Poco::Util::Application> app = itkal::cli::make_command(command);
  if (!app) {
    std::cerr << "itkal: unknown command '" << command << "'; see 'itkal --help'\n";
    return itkal::cli::kExitUsage;
  }
  try {
    app->init(argc - 1, argv + 1);
  } catch (const Poco::Util::OptionException& error) {
    std::cerr << "itkal " << command << ": " << error.displayText() << "; see 'itkal " << command
              << " --help'\n";
    return itkal::cli::kExitUsage;
  } catch (const Poco::Exception& error) {
    std::cerr << "itkal " << command << ": " << error.displayText() << "\n";
    return itkal::cli::kExitUsage;
  }
  return app->run();
}

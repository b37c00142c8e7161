#include "cli/command.hpp"

namespace itkal::cli {

std::string argument_error(const CommandDescription& command,
                           const std::vector<std::string>& args) {
  const std::string see = "; see 'itkal " + command.name + " --help'";
  switch (command.arguments) {
    case Arguments::none:
      if (args.empty()) return "";
      return "itkal " + command.name + ": unexpected argument '" + args.front() + "'" + see;
    case Arguments::one_file:
      if (args.size() == 1) return "";
      return "itkal " + command.name + ": expected one FILE, got " + std::to_string(args.size()) +
             see;
  }
  return "";
}

Poco::Util::Option config_option() {
  return Poco::Util::Option(
             "config", "c",
             "configuration file (default $ITKAL_CONFIG, ./feeds/itkal.json, the installed one)")
      .argument("FILE");
}

Poco::Util::Option issue_date_option() {
  return Poco::Util::Option("issue-date", "d",
                            "the issue's date (YYYY-MM-DD) when the newsletter's own is missing "
                            "or wrong; years that entries do not write are taken from it")
      .argument("DATE");
}

Poco::Util::Option organizers_option() {
  return Poco::Util::Option("organizers", "g",
                            "organizer directory (JSON), default feeds/organizers.json")
      .argument("FILE");
}

Poco::Util::Option deprecated_short_option(const DeprecatedShortOption& spelling) {
  return Poco::Util::Option(
             spelling.letter, spelling.letter,
             "deprecated spelling of --" + spelling.full_name + "; use --" + spelling.full_name)
      .argument(spelling.argument);
}

std::string deprecated_spellings_footer(const std::vector<DeprecatedShortOption>& spellings) {
  std::string footer;
  for (const DeprecatedShortOption& spelling : spellings) {
    footer += (footer.empty() ? "Deprecated: -" : ", -") + spelling.letter + " " +
              spelling.argument + " for --" + spelling.full_name;
  }
  return footer.empty() ? footer : footer + " (still accepted, with a note on stderr).";
}

void warn_deprecated_short_option(const std::string& command, const std::string& letter,
                                  const std::string& full_name) {
  std::cerr << "itkal " << command << ": -" << letter << " for --" << full_name
            << " is deprecated; use --" << full_name << "\n";
}

}  // namespace itkal::cli

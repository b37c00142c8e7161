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

Poco::Util::Option deprecated_short_option(const std::string& letter, const std::string& full_name,
                                           const std::string& argument) {
  return Poco::Util::Option(letter, letter,
                            "deprecated spelling of --" + full_name + "; use --" + full_name)
      .argument(argument);
}

void warn_deprecated_short_option(const std::string& command, const std::string& letter,
                                  const std::string& full_name) {
  std::cerr << "itkal " << command << ": -" << letter << " for --" << full_name
            << " is deprecated; use --" << full_name << "\n";
}

}  // namespace itkal::cli

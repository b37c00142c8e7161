#pragma once

#include <Poco/Util/Application.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "cli/commands.hpp"

namespace itkal::cli {

/// The positional arguments a command takes.
enum class Arguments {
  none,      ///< "itkal build: unexpected argument 'x'; see 'itkal build --help'"
  one_file,  ///< "itkal ics: expected one FILE, got 2; see 'itkal ics --help'"
};

/// An old short spelling that keeps working for now, with a note on standard error: `-o` for
/// `extract --organizers`, since `-o` is --output in every other command.
struct DeprecatedShortOption {
  std::string letter;     ///< "o"
  std::string full_name;  ///< "organizers": the option it stands for
  std::string argument;   ///< "FILE": what the option takes
};

/// What `itkal NAME --help` prints about a command, and what it checks before it runs.
struct CommandDescription {
  std::string name;    ///< "build": "itkal build" in the help, "itkal build: " before messages
  std::string usage;   ///< "[OPTIONS] FILE"
  std::string header;  ///< what the command does and its exit codes
  Arguments arguments = Arguments::none;
  /// Taken as their full names after the note, so a command handles only its current spellings.
  std::vector<DeprecatedShortOption> deprecated_short_options = {};
};

/// The usage error for `args`, or "" when they are what `arguments` asks for.
std::string argument_error(const CommandDescription& command, const std::vector<std::string>& args);

/// The options several commands take, defined once so that their letters and texts agree:
/// -c --config FILE (build, fetch, serve), -d --issue-date DATE and -g --organizers FILE
/// (extract, ics).
Poco::Util::Option config_option();
Poco::Util::Option issue_date_option();
Poco::Util::Option organizers_option();

/// The option for an old short spelling. Its full name is the letter itself, so abbreviations
/// of the other long options (--org) stay unambiguous; the help leaves it out of the option
/// list and names it in its footer instead.
Poco::Util::Option deprecated_short_option(const DeprecatedShortOption& spelling);

/// "Deprecated: -o FILE for --organizers (still accepted, with a note on stderr)." for the
/// help's footer; "" when there are none.
std::string deprecated_spellings_footer(const std::vector<DeprecatedShortOption>& spellings);

/// "itkal extract: -o for --organizers is deprecated; use --organizers" on standard error.
void warn_deprecated_short_option(const std::string& command, const std::string& letter,
                                  const std::string& full_name);

/// The base of every sub-command: --help (-h) with its help text, the deprecated short spellings,
/// and the check of the positional arguments (exit 64 with a message naming the command), so
/// that a command defines only its own options and what it runs. `PocoApplication` is Poco's
/// Application, or ServerApplication for `serve` (which adds --daemon, --umask and --pidfile).
template <typename PocoApplication = Poco::Util::Application>
class Command : public PocoApplication {
 public:
  using ArgVec = std::vector<std::string>;

 protected:
  explicit Command(CommandDescription description) : description_(std::move(description)) {}

  /// Adds the command's own options; --help is there already.
  virtual void define_command_options(Poco::Util::OptionSet& options) = 0;
  /// Takes one of the command's options (any but --help) from the command line.
  virtual void handle_command_option(const std::string& name, const std::string& value) = 0;
  /// Runs the command once the arguments are known to be right; returns the exit code.
  virtual int run_command(const ArgVec& args) = 0;

  [[nodiscard]] bool help_requested() const { return help_; }
  [[nodiscard]] const CommandDescription& description() const { return description_; }

  void defineOptions(Poco::Util::OptionSet& options) final {
    PocoApplication::defineOptions(options);
    options.addOption(Poco::Util::Option("help", "h", "show this help and exit"));
    define_command_options(options);
    for (const DeprecatedShortOption& spelling : description_.deprecated_short_options) {
      options.addOption(deprecated_short_option(spelling));
    }
  }

  void handleOption(const std::string& name, const std::string& value) final {
    PocoApplication::handleOption(name, value);
    if (name == "help") {
      help_ = true;
      this->stopOptionsProcessing();
      return;
    }
    for (const DeprecatedShortOption& spelling : description_.deprecated_short_options) {
      if (name == spelling.letter) {
        warn_deprecated_short_option(description_.name, spelling.letter, spelling.full_name);
        handle_command_option(spelling.full_name, value);
        return;
      }
    }
    handle_command_option(name, value);
  }

  int main(const ArgVec& args) final {
    if (help_) {
      print_help();
      return kExitOk;
    }
    if (const std::string error = argument_error(description_, args); !error.empty()) {
      std::cerr << error << "\n";
      return kExitUsage;
    }
    return run_command(args);
  }

 private:
  /// The current options, then the deprecated spellings in a footer: listed among the options,
  /// Poco would show them as long options (`--o=FILE`) that nobody should start using.
  void print_help() const {
    Poco::Util::OptionSet current;
    for (const Poco::Util::Option& option : this->options()) {
      if (!is_deprecated_spelling(option.fullName())) current.addOption(option);
    }
    Poco::Util::HelpFormatter formatter(current);
    formatter.setCommand("itkal " + description_.name);
    formatter.setUsage(description_.usage);
    formatter.setHeader(description_.header);
    formatter.setFooter(deprecated_spellings_footer(description_.deprecated_short_options));
    formatter.format(std::cout);
  }
  [[nodiscard]] bool is_deprecated_spelling(const std::string& name) const {
    for (const DeprecatedShortOption& spelling : description_.deprecated_short_options) {
      if (name == spelling.letter) return true;
    }
    return false;
  }

  CommandDescription description_;
  bool help_ = false;
};

}  // namespace itkal::cli

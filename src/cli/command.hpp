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

/// What `itkal NAME --help` prints about a command, and what it checks before it runs.
struct CommandDescription {
  std::string name;    ///< "build": "itkal build" in the help, "itkal build: " before messages
  std::string usage;   ///< "[OPTIONS] FILE"
  std::string header;  ///< what the command does and its exit codes
  Arguments arguments = Arguments::none;
};

/// The usage error for `args`, or "" when they are what `arguments` asks for.
std::string argument_error(const CommandDescription& command, const std::vector<std::string>& args);

/// An old short spelling that keeps working for now, e.g. `-o` for `extract --organizers`. Its
/// full name is the letter itself, so abbreviations of the other long options (--org) stay
/// unambiguous; the help lists it as deprecated.
Poco::Util::Option deprecated_short_option(const std::string& letter, const std::string& full_name,
                                           const std::string& argument);

/// "itkal extract: -o for --organizers is deprecated; use --organizers" on standard error.
void warn_deprecated_short_option(const std::string& command, const std::string& letter,
                                  const std::string& full_name);

/// The base of every sub-command: --help (-h) with its help text, and the check of the positional
/// arguments (exit 64 with a message naming the command), so that a command defines only its own
/// options and what it runs. `PocoApplication` is Poco's Application, or ServerApplication for
/// `serve` (which adds --daemon, --umask and --pidfile).
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
  }

  void handleOption(const std::string& name, const std::string& value) final {
    PocoApplication::handleOption(name, value);
    if (name == "help") {
      help_ = true;
      this->stopOptionsProcessing();
      return;
    }
    handle_command_option(name, value);
  }

  int main(const ArgVec& args) final {
    if (help_) {
      Poco::Util::HelpFormatter formatter(this->options());
      formatter.setCommand("itkal " + description_.name);
      formatter.setUsage(description_.usage);
      formatter.setHeader(description_.header);
      formatter.format(std::cout);
      return kExitOk;
    }
    if (const std::string error = argument_error(description_, args); !error.empty()) {
      std::cerr << error << "\n";
      return kExitUsage;
    }
    return run_command(args);
  }

 private:
  CommandDescription description_;
  bool help_ = false;
};

}  // namespace itkal::cli

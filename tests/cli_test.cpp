// The command line shared by every command (src/cli/command.hpp): --help and -h, the usage error
// for unexpected arguments (exit 64, naming the command), `-o` as --output wherever there is an
// --output, one meaning per short letter (-q --quiet, -t --today, -n --no-fetch), and the old
// spellings that meant something else (extract -o, ics -n, serve -t/-n/-q) with their deprecation
// notes. Also: a server section load_config refuses stops every command that reads the
// configuration.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/itkal_run.hpp"

namespace itkal {
namespace {

namespace fs = std::filesystem;
using testing::run_itkal_in;

std::string organizers() { return std::string(ITKAL_SOURCE_DIR) + "/feeds/organizers.json"; }
std::string example_issue() {
  return std::string(ITKAL_SOURCE_DIR) + "/feeds/inbox/kommunal-it-kalender-2026-04-15.txt";
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("itkal-cli-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "inbox");
    fs::copy_file(example_issue(), root_ / "inbox" / fs::path(example_issue()).filename());
  }
  void TearDown() override { fs::remove_all(root_); }

  /// A configuration in the test's folder with `server` as its server section.
  std::string config(const std::string& server = "{}") {
    const std::string path = (root_ / "itkal.json").string();
    std::ofstream(path, std::ios::trunc)
        << "{\"organizers\": \"" << organizers() << "\", \"inbox\": \"inbox\", "
        << "\"output\": \"public\", \"server\": " << server << "}\n";
    return path;
  }
  testing::ItkalRun run(const std::vector<std::string>& args) { return run_itkal_in(root_, args); }

  fs::path root_;
};

TEST_F(CliTest, EveryCommandPrintsItsHelpOnHelpAndH) {
  const std::vector<std::pair<std::string, std::string>> commands = {
      {"extract", "usage: itkal extract [OPTIONS] FILE"},
      {"ics", "usage: itkal ics [OPTIONS] FILE"},
      {"fetch", "usage: itkal fetch [OPTIONS]"},
      {"build", "usage: itkal build [OPTIONS]"},
      {"serve", "usage: itkal serve [OPTIONS]"}};
  for (const auto& [command, usage] : commands) {
    for (const std::string help : {"--help", "-h"}) {
      SCOPED_TRACE(command + " " + help);
      const testing::ItkalRun shown = run({command, help});
      EXPECT_EQ(shown.exit_code, 0) << shown.err;
      EXPECT_EQ(shown.out.rfind(usage + "\n", 0), 0u) << shown.out;
      EXPECT_NE(shown.out.find("-h, --help"), std::string::npos) << shown.out;
      EXPECT_NE(shown.out.find("Exit 0"), std::string::npos) << "the exit codes are described";
      EXPECT_EQ(shown.err, "");
    }
  }
}

struct UsageError {
  std::vector<std::string> args;
  std::string message;  ///< all of standard error
};

TEST_F(CliTest, WrongArgumentsExit64NamingTheCommand) {
  const std::string config_file = config();
  const std::vector<UsageError> cases = {
      {{"extract"}, "itkal extract: expected one FILE, got 0; see 'itkal extract --help'\n"},
      {{"extract", "a.txt", "b.txt"},
       "itkal extract: expected one FILE, got 2; see 'itkal extract --help'\n"},
      {{"ics"}, "itkal ics: expected one FILE, got 0; see 'itkal ics --help'\n"},
      {{"ics", "a.txt", "b.txt", "c.txt"},
       "itkal ics: expected one FILE, got 3; see 'itkal ics --help'\n"},
      {{"build", "--config", config_file, "unexpected"},
       "itkal build: unexpected argument 'unexpected'; see 'itkal build --help'\n"},
      {{"fetch", "--config", config_file, "now"},
       "itkal fetch: unexpected argument 'now'; see 'itkal fetch --help'\n"},
      {{"serve", "--config", config_file, "--access-log", "off", "public"},
       "itkal serve: unexpected argument 'public'; see 'itkal serve --help'\n"},
  };
  for (const UsageError& row : cases) {
    SCOPED_TRACE(row.args.front() + " with " + std::to_string(row.args.size() - 1) + " more");
    const testing::ItkalRun refused = run(row.args);
    EXPECT_EQ(refused.exit_code, 64);
    EXPECT_EQ(refused.err, row.message);
    EXPECT_EQ(refused.out, "");
  }
}

TEST_F(CliTest, ShortOIsOutputWhereverThereIsAnOutput) {
  for (const std::string command : {"ics", "build", "serve"}) {
    SCOPED_TRACE(command);
    const testing::ItkalRun help = run({command, "--help"});
    EXPECT_TRUE(help.out.find("-oFILE, --output=FILE") != std::string::npos ||
                help.out.find("-oDIR, --output=DIR") != std::string::npos)
        << help.out;
  }
  const testing::ItkalRun ics = run({"ics", "-o", "issue.ics", example_issue()});
  ASSERT_EQ(ics.exit_code, 0) << ics.err;
  EXPECT_EQ(ics.out, "");
  EXPECT_EQ(testing::read_file((root_ / "issue.ics").string()).rfind("BEGIN:VCALENDAR", 0), 0u);

  const testing::ItkalRun build =
      run({"build", "--config", config(), "--no-fetch", "--quiet", "-o", "elsewhere"});
  ASSERT_EQ(build.exit_code, 0) << build.err;
  EXPECT_TRUE(fs::exists(root_ / "elsewhere" / "calendar.ics"));
  EXPECT_FALSE(fs::exists(root_ / "public" / "calendar.ics"));
}

TEST_F(CliTest, ExtractTakesOrganizersAsLongGAndDeprecatedO) {
  const testing::ItkalRun long_form =
      run({"extract", "--organizers", organizers(), example_issue()});
  ASSERT_EQ(long_form.exit_code, 0) << long_form.err;
  EXPECT_EQ(long_form.err, "");
  const testing::ItkalRun short_form = run({"extract", "-g", organizers(), example_issue()});
  EXPECT_EQ(short_form.exit_code, 0) << short_form.err;
  EXPECT_EQ(short_form.out, long_form.out);
  EXPECT_EQ(short_form.err, "");
  const testing::ItkalRun old_form = run({"extract", "-o", organizers(), example_issue()});
  EXPECT_EQ(old_form.exit_code, 0) << old_form.err;
  EXPECT_EQ(old_form.out, long_form.out);
  EXPECT_EQ(old_form.err, "itkal extract: -o for --organizers is deprecated; use --organizers\n");
  const testing::ItkalRun abbreviated = run({"extract", "--org", organizers(), example_issue()});
  EXPECT_EQ(abbreviated.exit_code, 0) << "an abbreviation stays unambiguous: " << abbreviated.err;
  EXPECT_EQ(abbreviated.out, long_form.out);

  // Each spelling really names the directory: a missing one is an error naming it.
  const std::string missing = (root_ / "missing.json").string();
  for (const std::string option : {"--organizers", "-g", "-o"}) {
    SCOPED_TRACE(option);
    const testing::ItkalRun refused = run({"extract", option, missing, example_issue()});
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_NE(refused.err.find(missing), std::string::npos) << refused.err;
  }
}

/// Every short option of a command, from its --help ("-qN, --queue=N" → "-q" "queue").
std::map<std::string, std::string> short_options(const std::string& help) {
  std::map<std::string, std::string> letters;
  std::istringstream lines(help);
  for (std::string line; std::getline(lines, line);) {
    if (line.size() < 2 || line[0] != '-' || line[1] == '-') continue;
    const std::size_t long_start = line.find(", --");
    if (long_start == std::string::npos) continue;
    const std::size_t long_end = line.find_first_of("= ", long_start + 4);
    letters[line.substr(0, 2)] = line.substr(long_start + 4, long_end - long_start - 4);
  }
  return letters;
}

TEST_F(CliTest, AShortLetterMeansOneOptionInEveryCommand) {
  std::map<std::string, std::pair<std::string, std::string>> meaning;  // letter → command, option
  std::size_t letters = 0;
  for (const std::string command : {"extract", "ics", "fetch", "build", "serve"}) {
    const testing::ItkalRun help = run({command, "--help"});
    ASSERT_EQ(help.exit_code, 0) << help.err;
    for (const auto& [letter, option] : short_options(help.out)) {
      ++letters;
      // Deprecated spellings are in the footer, not listed as options ("-oFILE, --o=FILE").
      EXPECT_NE(option, letter.substr(1)) << command << " lists a deprecated spelling";
      const auto [known, added] = meaning.emplace(letter, std::pair(command, option));
      EXPECT_EQ(known->second.second, option)
          << letter << " is --" << known->second.second << " in " << known->second.first
          << " but --" << option << " in " << command;
    }
  }
  EXPECT_GT(letters, 20u) << "the help of every command was read";
  EXPECT_EQ(meaning["-q"].second, "quiet");
  EXPECT_EQ(meaning["-t"].second, "today");
  EXPECT_EQ(meaning["-n"].second, "no-fetch");
  EXPECT_EQ(meaning["-o"].second, "output");
  EXPECT_NE(run({"extract", "--help"}).out.find("Deprecated: -o FILE for --organizers"),
            std::string::npos);
}

TEST_F(CliTest, BuildTakesQuietTodayAndNoFetchAsShortLetters) {
  const std::string config_file = config();
  const testing::ItkalRun long_form =
      run({"build", "--config", config_file, "--no-fetch", "--quiet", "--today", "2026-04-15"});
  ASSERT_EQ(long_form.exit_code, 0) << long_form.err;
  const std::string long_feed = testing::read_file((root_ / "public" / "calendar.ics").string());
  fs::remove_all(root_ / "public");
  const testing::ItkalRun short_form =
      run({"build", "--config", config_file, "-n", "-q", "-t", "2026-04-15"});
  ASSERT_EQ(short_form.exit_code, 0) << short_form.err;
  EXPECT_EQ(short_form.out, long_form.out);
  EXPECT_EQ(short_form.err, long_form.err);
  EXPECT_EQ(testing::read_file((root_ / "public" / "calendar.ics").string()), long_feed);
  // -t really is the build day: a date that is none is refused naming --today.
  const testing::ItkalRun refused =
      run({"build", "--config", config_file, "-n", "-t", "2026-13-01"});
  EXPECT_EQ(refused.exit_code, 64);
  EXPECT_NE(refused.err.find("--today"), std::string::npos) << refused.err;
}

TEST_F(CliTest, IcsTakesNameOnlyLongAndDeprecatedN) {
  const testing::ItkalRun long_form = run({"ics", "--name", "Probe", example_issue()});
  ASSERT_EQ(long_form.exit_code, 0) << long_form.err;
  EXPECT_EQ(long_form.err, "");
  EXPECT_NE(long_form.out.find("X-WR-CALNAME:Probe"), std::string::npos);
  const testing::ItkalRun old_form = run({"ics", "-n", "Probe", example_issue()});
  ASSERT_EQ(old_form.exit_code, 0) << old_form.err;
  EXPECT_EQ(old_form.out, long_form.out);
  EXPECT_EQ(old_form.err, "itkal ics: -n for --name is deprecated; use --name\n");
}

struct DeprecatedServeOption {
  std::string letter;
  std::string option;
  std::string limit;  ///< what server_limit_message says of 0
};

TEST_F(CliTest, ServeTakesThreadsConnectionsAndQueueOnlyLongAndTheOldLettersWithANote) {
  const std::string config_file = config();
  const std::vector<DeprecatedServeOption> cases = {
      {"t", "threads", "is not a number from 1 to 1024"},
      {"n", "connections", "is not a number from 1 to "},
      {"q", "queue", "is not a number from 1 to "}};
  for (const auto& row : cases) {
    SCOPED_TRACE(row.option);
    // An out-of-range value is refused naming the long option, so the spelling is seen to reach
    // the option without starting a server.
    const std::vector<std::string> common = {"serve", "--config", config_file, "--access-log",
                                             "off"};
    std::vector<std::string> long_args = common;
    long_args.insert(long_args.end(), {"--" + row.option, "0"});
    const testing::ItkalRun long_form = run(long_args);
    EXPECT_EQ(long_form.exit_code, 64);
    EXPECT_EQ(long_form.err.rfind("itkal serve: --" + row.option + " '0' " + row.limit, 0), 0u)
        << long_form.err;
    std::vector<std::string> old_args = common;
    old_args.insert(old_args.end(), {"-" + row.letter, "0"});
    const testing::ItkalRun old_form = run(old_args);
    EXPECT_EQ(old_form.exit_code, 64);
    EXPECT_EQ(old_form.err, "itkal serve: -" + row.letter + " for --" + row.option +
                                " is deprecated; use --" + row.option + "\n" + long_form.err);
  }
}

TEST_F(CliTest, AnInvalidServerSectionStopsBuildFetchAndServe) {
  const std::string path = config(R"({"max_threads": 0})");
  const std::string problem =
      "configuration '" + path + "': server.max_threads '0' is not a number from 1 to 1024";
  const testing::ItkalRun build = run({"build", "--config", path, "--no-fetch"});
  EXPECT_EQ(build.exit_code, 1);
  EXPECT_EQ(build.err, "itkal build: " + problem + "; nothing was written\n");
  EXPECT_FALSE(fs::exists(root_ / "public" / "calendar.ics"));

  const testing::ItkalRun fetch = run({"fetch", "--config", path});
  EXPECT_EQ(fetch.exit_code, 1);
  EXPECT_EQ(fetch.err, "itkal fetch: " + problem + "\n");

  // An option does not mend the file: it is refused as before, with exit 64.
  const testing::ItkalRun serve =
      run({"serve", "--config", path, "--threads", "4", "--access-log", "off"});
  EXPECT_EQ(serve.exit_code, 64);
  EXPECT_EQ(serve.err, "itkal serve: " + problem + "\n");
}

TEST_F(CliTest, FetchReadsTheConfigurationBuildAndServeWouldRead) {
  // $ITKAL_CONFIG names a file with a server section load_config refuses: fetch without --config
  // reads it (it used to look only at ./feeds/itkal.json and run with the defaults).
  const std::string path = config(R"({"max_threads": 0})");
  ::setenv("ITKAL_CONFIG", path.c_str(), 1);
  const testing::ItkalRun fetch = run({"fetch"});
  const testing::ItkalRun build = run({"build", "--no-fetch"});
  ::unsetenv("ITKAL_CONFIG");
  const std::string problem =
      "configuration '" + path + "': server.max_threads '0' is not a number from 1 to 1024";
  EXPECT_EQ(fetch.exit_code, 1);
  EXPECT_EQ(fetch.err, "itkal fetch: " + problem + "\n");
  EXPECT_EQ(build.exit_code, 1);
  EXPECT_EQ(build.err, "itkal build: " + problem + "; nothing was written\n");
}

TEST_F(CliTest, ServeRefusesAnAccessLogItCannotOpen) {
  // It used to end in std::terminate: the error was thrown outside every handler.
  const std::string log = (root_ / "missing" / "access.log").string();
  const testing::ItkalRun serve = run({"serve", "--config", config(), "--access-log", log});
  EXPECT_EQ(serve.exit_code, 64);
  EXPECT_EQ(serve.err, "itkal serve: cannot open the access log '" + log + "'\n");
}

}  // namespace
}  // namespace itkal

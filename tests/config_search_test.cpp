#include "itkal/config/config_search.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "itkal/config/config.hpp"

namespace itkal {
namespace {

namespace fs = std::filesystem;

// Each place is a file name in a temporary folder; `existing` says which files are there.
struct SearchCase {
  const char* name = "";
  std::string option = {};
  std::optional<std::string> environment = {};
  std::vector<std::string> existing = {};
  std::string expected = {};  ///< file name found, "" for the built-in defaults
};

class ConfigSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() /
              ("itkal-config-search-" +
               std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(folder_);
    fs::create_directories(folder_);
  }
  void TearDown() override { fs::remove_all(folder_); }
  std::string in_folder(const std::string& name) const {
    return name.empty() ? name : (folder_ / name).string();
  }
  fs::path folder_;
};

TEST_F(ConfigSearchTest, FirstPlaceThatAppliesWins) {
  const std::vector<SearchCase> cases = {
      {.name = "option wins over everything",
       .option = "option.json",
       .environment = "env.json",
       .existing = {"option.json", "env.json", "checkout.json", "system.json"},
       .expected = "option.json"},
      {.name = "a missing option file is still the one read (load_config reports it)",
       .option = "option.json",
       .existing = {"checkout.json", "system.json"},
       .expected = "option.json"},
      {.name = "environment before the checkout and the system",
       .environment = "env.json",
       .existing = {"env.json", "checkout.json", "system.json"},
       .expected = "env.json"},
      {.name = "a missing environment file is still the one read",
       .environment = "env.json",
       .existing = {"system.json"},
       .expected = "env.json"},
      {.name = "an empty ITKAL_CONFIG counts as unset",
       .environment = "",
       .existing = {"system.json"},
       .expected = "system.json"},
      {.name = "checkout before the system",
       .existing = {"checkout.json", "system.json"},
       .expected = "checkout.json"},
      {.name = "system when there is no checkout",
       .existing = {"system.json"},
       .expected = "system.json"},
      {.name = "nothing: the built-in defaults", .existing = {}, .expected = ""},
  };
  for (const SearchCase& test : cases) {
    for (const char* file : {"option.json", "env.json", "checkout.json", "system.json"})
      fs::remove(folder_ / file);
    for (const std::string& file : test.existing) std::ofstream(folder_ / file) << "{}";
    ConfigSearchPlaces places;
    places.option = in_folder(test.option);
    if (test.environment) places.environment = in_folder(*test.environment);
    places.working_copy = in_folder("checkout.json");
    places.system = in_folder("system.json");
    EXPECT_EQ(find_config_file(places), in_folder(test.expected)) << test.name;
  }
}

TEST_F(ConfigSearchTest, PlacesNameTheInstalledConfiguration) {
  const ConfigSearchPlaces places = config_search_places("given.json");
  EXPECT_EQ(places.option, "given.json");
  EXPECT_EQ(places.working_copy, "feeds/itkal.json");
  EXPECT_EQ(places.system, installed_config_path());
  EXPECT_TRUE(places.system.ends_with("/itkal/itkal.json")) << places.system;
  EXPECT_TRUE(installed_organizers_path().ends_with("/itkal/organizers.json"));
}

// A configuration that names its organizer directory keeps it even when it is missing: the
// build must fail naming that file rather than use another directory.
TEST_F(ConfigSearchTest, ConfiguredOrganizerDirectoryIsNeverReplaced) {
  std::ofstream(folder_ / "itkal.json") << R"({"organizers": "missing.json"})";
  const Config config = load_config((folder_ / "itkal.json").string());
  EXPECT_EQ(config.organizers, (folder_ / "missing.json").string());
}

TEST_F(ConfigSearchTest, DefaultOrganizerDirectoryBesideTheConfigurationIsKept) {
  std::ofstream(folder_ / "itkal.json") << "{}";
  std::ofstream(folder_ / "organizers.json") << "[]";
  const Config config = load_config((folder_ / "itkal.json").string());
  EXPECT_EQ(config.organizers, (folder_ / "organizers.json").string());
}

// Without one beside the configuration, the installed directory is used when it exists; when
// it does not (a build tree that was never installed), the path stays as configured so that the
// error names it.
TEST_F(ConfigSearchTest, MissingDefaultOrganizerDirectoryFallsBackToTheInstalledOne) {
  std::ofstream(folder_ / "itkal.json") << "{}";
  const Config config = load_config((folder_ / "itkal.json").string());
  const std::string expected = fs::exists(installed_organizers_path())
                                   ? installed_organizers_path()
                                   : (folder_ / "organizers.json").string();
  EXPECT_EQ(config.organizers, expected);
}

}  // namespace
}  // namespace itkal

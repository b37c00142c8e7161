#pragma once

// Access to the shared newsletter fixtures (../shared/newsletters) and comparison of an
// Extraction with its expected/*.json, field by field, naming the entry on failure.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/formats/extraction_json.hpp"
#include "itkal/model/organizer_directory.hpp"

namespace itkal::testing {

inline std::string shared_dir() { return ITKAL_SHARED_DIR; }
inline std::string newsletters_dir() { return shared_dir() + "/newsletters"; }
inline bool have_shared() { return std::filesystem::exists(newsletters_dir() + "/README.md"); }

/// Three issues (text, HTML, mail) with their expected extraction (expected/<issue>.json) and
/// aggregation. The project carries its own set; ../shared adds an acceptance set that may be
/// missing.
struct IssueSet {
  std::string name;
  std::string dir;                  ///< the issues; expected/ below it
  std::vector<std::string> issues;  ///< in issue-date order
  std::string aggregate;            ///< expected/<this>: the aggregated events
  std::size_t undated = 0;          ///< undated entries after aggregation
  bool optional = false;            ///< may be absent (../shared)
  [[nodiscard]] bool present() const { return std::filesystem::exists(dir + "/" + issues[0]); }
  [[nodiscard]] std::string expected(const std::string& file) const {
    return dir + "/expected/" + file;
  }
};

inline void PrintTo(const IssueSet& set, std::ostream* out) { *out << set.name; }

inline std::vector<IssueSet> issue_sets() {
  return {{.name = "own",
           .dir = std::string(ITKAL_SOURCE_DIR) + "/tests/data/issues",
           .issues = {"kommunal-it-kalender-2026-04-15.txt", "kommunal-it-kalender-2026-05-13.html",
                      "kommunal-it-kalender-2026-06-10.eml"},
           .aggregate = "aggregate-2026-04-to-06.json",
           .undated = 2},
          {.name = "shared",
           .dir = newsletters_dir(),
           .issues = {"vitako-aktuell-2026-04-15.txt", "vitako-aktuell-2026-05-13.html",
                      "vitako-aktuell-2026-06-10.eml"},
           .aggregate = "aggregate-2026-04-to-06.json",
           .undated = 1,
           .optional = true}};
}

inline std::string issue_set_name(const ::testing::TestParamInfo<IssueSet>& info) {
  return info.param.name;
}

#define ITKAL_REQUIRE_ISSUE_SET(set)                                                  \
  do {                                                                                \
    if (!(set).present()) {                                                           \
      if ((set).optional) GTEST_SKIP() << "no " << (set).dir << " (an optional set)"; \
      GTEST_FAIL() << "the project's own issues are missing from " << (set).dir;      \
    }                                                                                 \
  } while (0)

#define ITKAL_REQUIRE_SHARED()                                                               \
  do {                                                                                       \
    if (!::itkal::testing::have_shared()) {                                                  \
      GTEST_SKIP() << "shared fixtures not found at " << ::itkal::testing::newsletters_dir() \
                   << " (CI has them beside the clone)";                                     \
    }                                                                                        \
  } while (0)

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

inline OrganizerDirectory project_directory() {
  return OrganizerDirectory::load(std::string(ITKAL_SOURCE_DIR) + "/feeds/organizers.json");
}

inline Poco::JSON::Object::Ptr parse_json(const std::string& text) {
  Poco::JSON::Parser parser;
  return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
}

inline std::string optional_string(const Poco::JSON::Object::Ptr& object, const std::string& key) {
  return object->isNull(key) ? std::string("null") : object->getValue<std::string>(key);
}

inline std::string string_list(const Poco::JSON::Object::Ptr& object, const std::string& key) {
  std::string joined;
  auto array = object->getArray(key);
  for (std::size_t i = 0; array && i < array->size(); ++i) {
    joined += (i ? "|" : "") + array->getElement<std::string>(static_cast<unsigned>(i));
  }
  return joined;
}

inline std::string occurrences_text(const Poco::JSON::Object::Ptr& entry) {
  std::string text;
  auto array = entry->getArray("occurrences");
  for (std::size_t i = 0; array && i < array->size(); ++i) {
    auto occurrence = array->getObject(static_cast<unsigned>(i));
    text += (i ? "; " : "") + occurrence->getValue<std::string>("start_date") + ".." +
            occurrence->getValue<std::string>("end_date") + " " +
            optional_string(occurrence, "start_time") + "-" +
            optional_string(occurrence, "end_time");
  }
  return text;
}

/// Compares every field of every entry; the expected file's optional "line" is checked when
/// present.
inline void expect_matches_expected(const Extraction& extraction,
                                    const std::string& expected_path) {
  const auto expected = parse_json(read_file(expected_path));
  const auto actual = parse_json(extraction_to_json(extraction));
  EXPECT_EQ(actual->getValue<std::string>("issue_date"),
            expected->getValue<std::string>("issue_date"));
  if (expected->has("section_heading_line")) {
    EXPECT_EQ(actual->getValue<int>("section_heading_line"),
              expected->getValue<int>("section_heading_line"));
  }
  auto expected_entries = expected->getArray("entries");
  auto actual_entries = actual->getArray("entries");
  ASSERT_EQ(actual_entries->size(), expected_entries->size()) << extraction_to_json(extraction);
  for (std::size_t i = 0; i < expected_entries->size(); ++i) {
    auto want = expected_entries->getObject(static_cast<unsigned>(i));
    auto got = actual_entries->getObject(static_cast<unsigned>(i));
    SCOPED_TRACE("entry " + std::to_string(i + 1) + ": " + want->getValue<std::string>("title"));
    if (want->has("line")) {
      EXPECT_EQ(got->getValue<int>("line"), want->getValue<int>("line"));
    }
    EXPECT_EQ(got->getValue<bool>("dated"), want->getValue<bool>("dated"));
    EXPECT_EQ(occurrences_text(got), occurrences_text(want));
    EXPECT_EQ(optional_string(got, "location"), optional_string(want, "location"));
    EXPECT_EQ(got->getValue<std::string>("title"), want->getValue<std::string>("title"));
    EXPECT_EQ(string_list(got, "organizers"), string_list(want, "organizers"));
    EXPECT_EQ(string_list(got, "details"), string_list(want, "details"));
    EXPECT_EQ(got->getValue<bool>("online"), want->getValue<bool>("online"));
    EXPECT_EQ(got->getValue<std::string>("status"), want->getValue<std::string>("status"));
  }
}

}  // namespace itkal::testing

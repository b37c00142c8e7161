// manifest.json, written by the build and read by the server: one unit, so what one writes the
// other reads; and what the server refuses to open.
#include "itkal/formats/build_manifest.hpp"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <stdexcept>
#include <string>

namespace itkal {
namespace {

BuildManifest example_manifest() {
  BuildManifest manifest;
  manifest.generation = "3f2a";
  manifest.calendar_name = "Kommunal-IT-Termine";
  manifest.event_count = 21;
  manifest.undated_count = 2;
  manifest.last_issue_date = "2026-06-10";
  manifest.refresh_hours = 6;
  manifest.feed_window_start = boost::gregorian::date(2026, 3, 1);
  manifest.feeds = {{"calendar.ics", "Alle Termine", std::nullopt, 21},
                    {"organizers/kdo.ics", "KDO", std::string("KDO"), 3}};
  manifest.sources = {"a.txt", "b.eml"};
  return manifest;
}

TEST(BuildManifest, WhatTheBuildWritesTheServerReads) {
  const BuildManifest written = example_manifest();
  const std::string json = build_manifest_to_json(written);
  const BuildManifest read = parse_build_manifest(json, "manifest.json");
  EXPECT_EQ(read.generation, written.generation);
  EXPECT_EQ(read.calendar_name, written.calendar_name);
  EXPECT_EQ(read.event_count, written.event_count);
  EXPECT_EQ(read.undated_count, written.undated_count);
  EXPECT_EQ(read.last_issue_date, written.last_issue_date);
  EXPECT_EQ(read.refresh_hours, written.refresh_hours);
  EXPECT_EQ(read.feed_window_start, written.feed_window_start);
  ASSERT_EQ(read.feeds.size(), 2u);
  EXPECT_EQ(read.feeds[1].file, "organizers/kdo.ics");
  EXPECT_EQ(read.feeds[1].organizer, std::optional<std::string>("KDO"));
  EXPECT_EQ(read.feeds[0].organizer, std::nullopt);
  EXPECT_EQ(read.feeds[1].event_count, 3u);
  EXPECT_EQ(read.sources, written.sources);
  EXPECT_EQ(build_manifest_to_json(read), json);
}

TEST(BuildManifest, WithoutAWindowTheKeyIsLeftOut) {
  BuildManifest manifest = example_manifest();
  manifest.feed_window_start.reset();
  const std::string json = build_manifest_to_json(manifest);
  EXPECT_EQ(json.find("feed_window_start"), std::string::npos);
  EXPECT_EQ(parse_build_manifest(json, "m").feed_window_start, std::nullopt);
}

TEST(BuildManifest, RefusesFilesOutsideTheFolderAndBrokenText) {
  struct Case {
    std::string feed_file;
    bool accepted;
  };
  const Case cases[] = {
      {"calendar.ics", true},         {"organizers/kdo.ics", true},
      {"../etc/passwd.ics", false},   {"/etc/x.ics", false},
      {"a/./b.ics", false},           {"events.json", false},
      {"a\\\\b.ics", false},          {"", false},
      {"organizers//kdo.ics", false},
  };
  for (const Case& c : cases) {
    BuildManifest manifest = example_manifest();
    manifest.feeds = {{c.feed_file, "x", std::nullopt, 0}};
    const std::string json = build_manifest_to_json(manifest);
    if (c.accepted) {
      EXPECT_NO_THROW(parse_build_manifest(json, "m")) << c.feed_file;
    } else {
      EXPECT_THROW(parse_build_manifest(json, "m"), std::runtime_error) << c.feed_file;
    }
  }
  for (const char* broken :
       {"", "[]", "{}", "{\"generation\": \"x\"}", "{\"generation\": \"x\","}) {
    try {
      parse_build_manifest(broken, "out/manifest.json");
      ADD_FAILURE() << "accepted: " << broken;
    } catch (const std::runtime_error& error) {
      EXPECT_TRUE(std::string(error.what()).starts_with("cannot read 'out/manifest.json': "))
          << error.what();
    }
  }
}

}  // namespace
}  // namespace itkal

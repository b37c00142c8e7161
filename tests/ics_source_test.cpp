// External iCalendar feeds as sources, through the real itkal binary, served by a real nginx
// started by the test in a temporary folder on a free loopback port: 200, 304 on the next fetch,
// a redirect, 404, a server that never answers, an oversized body, a broken copy (the last good
// copy stays), a local file; and `itkal build` with an ics source next to the project's example
// issues, which merges the feed's copy of a newsletter event into one event with its UID.
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "support/nginx_server.hpp"

namespace itkal {
namespace {

namespace fs = std::filesystem;
using testing::ItkalRun;

/// America/New_York as a VTIMEZONE in the file (US rules since 2007).
const char* kNewYork =
    "BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"
    "BEGIN:STANDARD\r\nDTSTART:20071104T020000\r\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\n"
    "TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\n"
    "TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";

std::string vevent(const std::string& uid, const std::string& summary, const std::string& lines) {
  return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260601T000000Z\r\nSUMMARY:" + summary +
         "\r\n" + lines + "END:VEVENT\r\n";
}

/// KDO's own calendar: one event the example issue of 15.4. lists too (cancelled there and here),
/// and one of each kind the reader must convert.
std::string kdo_calendar() {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//KDO//Termine//DE\r\n" +
         std::string(kNewYork) +
         vevent("stolpersteine@kdo.example",
                "Management Kommunen: Stolpersteine im Projektalltag – und wie man sie meistert",
                "DTSTART;TZID=Europe/Berlin:20260625T100000\r\n"
                "DTEND;TZID=Europe/Berlin:20260625T160000\r\nLOCATION:Oldenburg\r\n"
                "STATUS:CANCELLED\r\n") +
         vevent("us-partner@kdo.example", "Webinar mit dem US-Partner",
                "DTSTART;TZID=America/New_York:20260507T090000\r\n"
                "DTEND;TZID=America/New_York:20260507T100000\r\n") +
         vevent("info@kdo.example", "KDO-Infoveranstaltung",
                "DTSTART:20260612T080000Z\r\nDTEND:20260612T093000Z\r\n"
                "URL:https://www.kdo.example/info\r\nDESCRIPTION:Für neue Kunden\r\n") +
         vevent("ausflug@kdo.example", "Betriebsausflug",
                "DTSTART;VALUE=DATE:20260703\r\nDTEND;VALUE=DATE:20260704\r\n") +
         vevent("konferenz@kdo.example", "KDO-Anwenderkonferenz",
                "DTSTART;VALUE=DATE:20260922\r\nDTEND;VALUE=DATE:20260925\r\n") +
         vevent("sprechstunde@kdo.example", "KDO-Sprechstunde",
                "DTSTART;TZID=Europe/Berlin:20260602T140000\r\n"
                "DTEND;TZID=Europe/Berlin:20260602T150000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n"
                "EXDATE;TZID=Europe/Berlin:20260609T140000\r\n") +
         vevent("netzwerk@kdo.example", "KDO-Netzwerktreffen",
                "DTSTART;VALUE=DATE:20260618\r\nSTATUS:CANCELLED\r\n") +
         "END:VCALENDAR\r\n";
}

/// libical reads the fixture without an error: it tests the reader, not our typing.
void expect_libical_reads(const std::string& text) {
  icalcomponent* root = icalparser_parse_string(text.c_str());
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(icalcomponent_count_errors(root), 0);
  EXPECT_EQ(icalcomponent_count_components(root, ICAL_VEVENT_COMPONENT), 7);
  icalcomponent_free(root);
}

/// The VEVENTs of a feed whose text contains `needle`.
std::vector<std::string> vevents_with(const std::string& feed, const std::string& needle) {
  std::vector<std::string> found;
  std::size_t pos = 0;
  while ((pos = feed.find("BEGIN:VEVENT", pos)) != std::string::npos) {
    const std::size_t end = feed.find("END:VEVENT", pos);
    std::string text = feed.substr(pos, end - pos);
    // Unfolded, so that a long SUMMARY can be searched for.
    text = std::regex_replace(text, std::regex("\r\n "), "");
    if (text.find(needle) != std::string::npos) found.push_back(text);
    pos = end;
  }
  return found;
}

std::string uid_of(const std::string& vevent) {
  std::smatch match;
  return std::regex_search(vevent, match, std::regex("UID:([^\r]*)")) ? match[1].str() : "";
}

class IcsSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(testing::kNginx)) GTEST_SKIP() << "nginx-light is not installed";
    root_ = fs::temp_directory_path() / ("itkal-ics-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "feeds");
    fs::create_directories(root_ / "www");
    fs::permissions(root_, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    std::ofstream(root_ / "www" / "termine.ics", std::ios::binary) << kdo_calendar();
    // One byte over the 32 MiB limit, sparse.
    fs::resize_file((std::ofstream(root_ / "www" / "big.ics"), root_ / "www" / "big.ics"),
                    32u * 1024u * 1024u + 1u);
    nginx_ = std::make_unique<testing::NginxServer>(
        root_, "text/calendar ics;", "  location = /alt.ics { return 301 /termine.ics; }\n");
    ASSERT_TRUE(nginx_->started()) << nginx_->log();
  }
  void TearDown() override {
    nginx_.reset();
    if (!root_.empty()) fs::remove_all(root_);
  }

  /// A configuration with the example issues as a folder source and one ics source.
  void configure(const std::string& url, const std::string& extra = "") {
    std::ofstream(root_ / "feeds" / "itkal.json")
        << "{\"output\": \"public\", \"organizers\": \"" << ITKAL_SOURCE_DIR
        << "/feeds/organizers.json\", \"uid_domain\": \"itkal.example\", \"sources\": ["
        << "{\"type\": \"folder\", \"path\": \"" << ITKAL_SOURCE_DIR << "/tests/data/issues\"}, "
        << "{\"type\": \"ics\", \"url\": \"" << url
        << "\", \"organizer\": \"KDO\", \"name\": \"KDO-Veranstaltungen\"" << extra << "}]}";
  }
  ItkalRun fetch() {
    return testing::run_itkal_in(root_, {"fetch", "--config", "feeds/itkal.json"});
  }
  ItkalRun build(const std::vector<std::string>& more = {}) {
    std::vector<std::string> args{"build", "--config", "feeds/itkal.json", "--today", "2026-06-15"};
    args.insert(args.end(), more.begin(), more.end());
    return testing::run_itkal_in(root_, args);
  }
  std::string feed() const {
    return testing::read_file((root_ / "feeds/public/calendar.ics").string());
  }
  /// The kept copies of ics sources.
  std::vector<std::string> copies() const {
    std::vector<std::string> found;
    const fs::path folder = root_ / "feeds/public/.state/fetched";
    if (!fs::exists(folder)) return found;
    for (const auto& item : fs::recursive_directory_iterator(folder)) {
      if (item.is_regular_file()) found.push_back(testing::read_file(item.path().string()));
    }
    return found;
  }
  /// Replaces the served calendar; a later mtime changes nginx's validators.
  void serve(const std::string& text) {
    const fs::path path = root_ / "www" / "termine.ics";
    const auto before =
        fs::exists(path) ? fs::last_write_time(path) : fs::file_time_type::clock::now();
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    fs::last_write_time(path, before + std::chrono::hours(1));
  }

 public:
  // Public: the failure table names them as member pointers.
  void remove_calendar() { fs::remove(root_ / "www" / "termine.ics"); }
  void serve_html() { serve("<!DOCTYPE html>\n<html><body>Termine</body></html>\n"); }
  void serve_truncated() {
    const std::string whole = kdo_calendar();
    serve(whole.substr(0, whole.rfind("END:VEVENT")));
  }
  void serve_bad_date() {
    serve(std::regex_replace(kdo_calendar(), std::regex("20260625T100000"), "20260631T100000"));
  }

 protected:
  fs::path root_;
  std::unique_ptr<testing::NginxServer> nginx_;
};

TEST_F(IcsSourceTest, TheFixtureIsICalendarToLibical) { expect_libical_reads(kdo_calendar()); }

TEST_F(IcsSourceTest, FetchesThenAsksConditionally) {
  configure(nginx_->url("/termine.ics"));
  const ItkalRun first = fetch();
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("ics " + nginx_->url("/termine.ics") + ": 1 new"), std::string::npos)
      << first.out;
  EXPECT_EQ(copies(), std::vector<std::string>{kdo_calendar()});
  const ItkalRun second = fetch();
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find(": unchanged"), std::string::npos) << second.out;
  // A changed calendar replaces the copy; the older one goes.
  const std::string changed = std::regex_replace(kdo_calendar(), std::regex("Oldenburg"), "Leer");
  serve(changed);
  const ItkalRun third = fetch();
  EXPECT_NE(third.out.find(": 1 new"), std::string::npos) << third.out;
  EXPECT_EQ(copies(), std::vector<std::string>{changed});
}

TEST_F(IcsSourceTest, FollowsARedirectAndReadsLocalFiles) {
  const std::vector<std::string> urls = {nginx_->url("/alt.ics"), "../www/termine.ics",
                                         "file://" + (root_ / "www/termine.ics").string()};
  for (const auto& url : urls) {
    configure(url);
    const ItkalRun run = fetch();
    EXPECT_EQ(run.exit_code, 0) << url << ": " << run.err;
    EXPECT_NE(run.out.find(": 1 new"), std::string::npos) << url << ": " << run.out;
    fs::remove_all(root_ / "feeds/public");
  }
}

TEST_F(IcsSourceTest, AFailedFetchKeepsTheLastGoodCopy) {
  struct Case {
    const char* name;
    std::string url;
    std::string extra;
    void (IcsSourceTest::*prepare)();
    std::string reason;
  };
  int silent_port = 0;
  const int silent = testing::listen_socket(silent_port);  // accepts, never answers
  const std::string termine = nginx_->url("/termine.ics");
  const std::vector<Case> cases = {
      {"404", termine, "", &IcsSourceTest::remove_calendar, "HTTP status 404"},
      {"not iCalendar", termine, "", &IcsSourceTest::serve_html, "line 1: not iCalendar"},
      {"truncated", termine, "", &IcsSourceTest::serve_truncated, "truncated: BEGIN:VEVENT"},
      {"a bad date", termine, "", &IcsSourceTest::serve_bad_date,
       "line 25: bad date '20260631T100000' in DTSTART"},
      {"oversized", nginx_->url("/big.ics"), "", nullptr, "more than the 33554432 bytes"},
      {"timeout", "http://127.0.0.1:" + std::to_string(silent_port) + "/termine.ics",
       ", \"timeout_seconds\": 1", nullptr, "timed out"},
  };
  for (const Case& c : cases) {
    fs::remove_all(root_ / "feeds/public");
    serve(kdo_calendar());
    // The same source first fetched well; then what the case breaks.
    configure(c.url, c.extra);
    const ItkalRun good = fetch();
    if (c.prepare) {
      ASSERT_EQ(good.exit_code, 0) << c.name << ": " << good.err;
      (this->*c.prepare)();
    }
    const ItkalRun run = build();
    EXPECT_EQ(run.exit_code, 4) << c.name << ": " << run.err;
    EXPECT_NE(run.err.find("warning: source ics " + c.url), std::string::npos)
        << c.name << ": " << run.err;
    EXPECT_NE(run.err.find(c.reason), std::string::npos) << c.name << ": " << run.err;
    if (c.prepare) {
      EXPECT_EQ(copies(), std::vector<std::string>{kdo_calendar()}) << c.name;
      EXPECT_EQ(vevents_with(feed(), "SUMMARY:KDO-Sprechstunde").size(), 3u) << c.name;
    } else {
      EXPECT_TRUE(copies().empty()) << c.name;
      EXPECT_NE(run.err.find("no good copy has been fetched yet"), std::string::npos) << run.err;
    }
  }
  ::close(silent);
}

TEST_F(IcsSourceTest, BuildMergesTheFeedWithTheIssues) {
  // The example issues alone: the newsletter's UID of the cancelled KDO event.
  configure(nginx_->url("/termine.ics"));
  const ItkalRun alone = build({"--no-fetch"});
  ASSERT_EQ(alone.exit_code, 0) << alone.err;
  const auto before = vevents_with(feed(), "Stolpersteine");
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before.front().find("DTSTART;TZID"), std::string::npos) << "all day in the issue";

  const ItkalRun run = build();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string calendar = feed();
  const auto merged = vevents_with(calendar, "Stolpersteine");
  ASSERT_EQ(merged.size(), 1u) << calendar;
  EXPECT_EQ(uid_of(merged.front()), uid_of(before.front()));
  EXPECT_NE(merged.front().find("DTSTART;TZID=Europe/Berlin:20260625T100000"), std::string::npos)
      << merged.front();
  EXPECT_NE(merged.front().find("LOCATION:Oldenburg"), std::string::npos) << merged.front();
  EXPECT_NE(merged.front().find("STATUS:CANCELLED"), std::string::npos) << merged.front();
  EXPECT_NE(merged.front().find("Im Rundbrief: 25.6: "), std::string::npos) << merged.front();

  struct Expected {
    std::string summary;
    std::vector<std::string> lines;  ///< in the VEVENT, each
  };
  const std::vector<Expected> expected = {
      {"SUMMARY:Webinar mit dem US-Partner",
       {"DTSTART;TZID=Europe/Berlin:20260507T150000", "DTEND;TZID=Europe/Berlin:20260507T160000",
        "CATEGORIES:KDO"}},
      {"SUMMARY:KDO-Infoveranstaltung",
       {"DTSTART;TZID=Europe/Berlin:20260612T100000", "DTEND;TZID=Europe/Berlin:20260612T113000",
        "URL:https://www.kdo.example/info", "Für neue Kunden"}},
      {"SUMMARY:Betriebsausflug", {"DTSTART;VALUE=DATE:20260703", "DTEND;VALUE=DATE:20260704"}},
      {"SUMMARY:KDO-Anwenderkonferenz",
       {"DTSTART;VALUE=DATE:20260922", "DTEND;VALUE=DATE:20260925"}},
      {"SUMMARY:ABGESAGT: KDO-Netzwerktreffen", {"STATUS:CANCELLED"}},
  };
  for (const auto& event : expected) {
    const auto found = vevents_with(calendar, event.summary);
    ASSERT_EQ(found.size(), 1u) << event.summary;
    for (const auto& line : event.lines)
      EXPECT_NE(found.front().find(line), std::string::npos) << event.summary << ": " << line;
  }
  const auto weekly = vevents_with(calendar, "SUMMARY:KDO-Sprechstunde");
  EXPECT_EQ(weekly.size(), 3u);
  EXPECT_TRUE(vevents_with(calendar, "DTSTART;TZID=Europe/Berlin:20260609T140000").empty());
  EXPECT_NE(testing::read_file((root_ / "feeds/public/organizers/kdo.ics").string())
                .find("KDO-Sprechstunde"),
            std::string::npos);

  // Same inputs, same bytes; and an unchanged feed keeps every event's SEQUENCE.
  const ItkalRun again = build();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(feed(), calendar);
}

}  // namespace
}  // namespace itkal

// The server over HTTP, in process, on an ephemeral loopback port: every route, conditional
// requests, HEAD, gzip, filters, bad input, reload after a new build and reads during builds.
#include "itkal/serve/feed_server.hpp"

#include <gtest/gtest.h>

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Thread.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

#include "feed_server_fixture.hpp"
#include "itkal/formats/events_json.hpp"
#include "itkal/model/organizer_directory.hpp"
#include "itkal/serve/feed_store.hpp"
#include "itkal/serve/http/http_negotiation.hpp"
#include "itkal/text/text_folding.hpp"

namespace itkal {
namespace {

using testing::gunzip;
using testing::HttpReply;
using testing::TempBuild;
using testing::TestServer;

std::set<std::string> uids_in(const std::string& feed) {
  std::set<std::string> uids;
  const std::regex uid_line("(^|\r\n)UID:([^\r\n]+)");
  for (auto it = std::sregex_iterator(feed.begin(), feed.end(), uid_line);
       it != std::sregex_iterator(); ++it) {
    uids.insert((*it)[2]);
  }
  return uids;
}

/// The VEVENT UIDs of every event that `keep` accepts, from the build's events.json.
std::set<std::string> expected_uids(const TempBuild& build,
                                    const std::function<bool(const Event&)>& keep) {
  const Aggregation all = aggregation_from_json(build.output_file("events.json"), "events.json");
  std::set<std::string> uids;
  for (const Event& event : all.events) {
    if (!keep(event)) continue;
    for (std::size_t i = 0; i < event.occurrences.size(); ++i) {
      uids.insert(occurrence_uid(event, i, build.config.uid_domain));
    }
  }
  return uids;
}

bool has_organizer(const Event& event, const std::string& canonical) {
  const OrganizerDirectory directory =
      OrganizerDirectory::load(std::string(ITKAL_SOURCE_DIR) + "/feeds/organizers.json");
  for (const auto& organizer : event.organizers) {
    const std::string* name = directory.canonical_name(organizer);
    if (fold_for_matching(name ? *name : organizer) == fold_for_matching(canonical)) return true;
  }
  return false;
}

class FeedServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The access log goes to a collector (see AccessLogHasOneLinePerRequest), not the console.
    Poco::Logger::get("itkal.access").setLevel(Poco::Message::PRIO_WARNING);
    Poco::Logger::get("itkal.server").setLevel(Poco::Message::PRIO_ERROR);
    build_ = std::make_unique<TempBuild>(testing::fixture_sources());
    build_->build();
    server_ = std::make_unique<TestServer>(build_->config, [](FeedServerOptions& options) {
      options.today = [] { return boost::gregorian::date(2026, 5, 1); };
      options.io_timeout = Poco::Timespan(1, 0);
    });
  }
  void TearDown() override {
    server_.reset();
    build_.reset();
  }

  HttpReply get(const std::string& target,
                const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return server_->get(target, headers);
  }
  HttpReply request(const std::string& method, const std::string& target,
                    const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return testing::http_request(server_->port(), method, target, headers);
  }

  std::unique_ptr<TempBuild> build_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(FeedServerTest, ServesEveryFileOfTheBuildAsWritten) {
  const std::vector<std::string> feeds = {"calendar.ics", "organizers/kdo.ics",
                                          "organizers/akdb.ics", "online.ics", "nrw.ics"};
  for (const auto& file : feeds) {
    SCOPED_TRACE(file);
    const HttpReply reply = get("/" + file);
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.body, build_->output_file(file));
    EXPECT_EQ(reply.header("content-type"), "text/calendar; charset=utf-8");
    const std::string file_name = file.substr(file.rfind('/') + 1);
    EXPECT_EQ(reply.header("content-disposition"), "inline; filename=\"" + file_name + "\"");
    EXPECT_EQ(reply.header("etag"), strong_etag(reply.body));
    EXPECT_TRUE(std::regex_match(reply.header("etag"), std::regex("\"[0-9a-f]{40}\"")));
    EXPECT_TRUE(parse_http_date(reply.header("last-modified")).has_value());
    EXPECT_EQ(reply.header("cache-control"), "public, max-age=43200");  // refresh_hours 12
    EXPECT_EQ(reply.header("access-control-allow-origin"), "*");
    EXPECT_FALSE(reply.has("content-encoding"));
    EXPECT_FALSE(reply.has("location"));
  }
  const HttpReply events = get("/events.json");
  ASSERT_EQ(events.status, 200);
  EXPECT_EQ(events.body, build_->output_file("events.json"));
  EXPECT_EQ(events.header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(events.header("access-control-allow-origin"), "*");
}

TEST_F(FeedServerTest, HeadSendsTheHeadersOfGetWithoutBody) {
  for (const std::string target : {"/calendar.ics", "/events.json", "/", "/healthz",
                                   "/calendar.ics?organizer=KDO", "/organizers/kdo.ics"}) {
    SCOPED_TRACE(target);
    const HttpReply get_reply = get(target);
    const HttpReply head_reply = request("HEAD", target);
    EXPECT_EQ(head_reply.status, 200);
    EXPECT_TRUE(head_reply.body.empty());
    EXPECT_EQ(head_reply.header("content-length"), std::to_string(get_reply.body.size()));
    EXPECT_EQ(head_reply.header("content-type"), get_reply.header("content-type"));
    EXPECT_EQ(head_reply.header("etag"), get_reply.header("etag"));
  }
}

TEST_F(FeedServerTest, AnswersConditionalRequestsWith304) {
  const HttpReply first = get("/calendar.ics");
  const std::string etag = first.header("etag");
  const std::string last_modified = first.header("last-modified");
  const auto status = [&](const std::vector<std::pair<std::string, std::string>>& headers) {
    return get("/calendar.ics", headers).status;
  };
  EXPECT_EQ(status({{"If-None-Match", etag}}), 304);
  EXPECT_EQ(status({{"If-None-Match", "W/" + etag}}), 304);  // weak comparison
  EXPECT_EQ(status({{"If-None-Match", "\"other\", " + etag}}), 304);
  EXPECT_EQ(status({{"If-None-Match", "*"}}), 304);
  EXPECT_EQ(status({{"If-None-Match", "\"other\""}}), 200);
  EXPECT_EQ(status({{"If-Modified-Since", last_modified}}), 304);
  EXPECT_EQ(status({{"If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT"}}), 200);
  EXPECT_EQ(status({{"If-Modified-Since", "yesterday"}}), 200);
  EXPECT_EQ(status({{"If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT"}}), 200);  // future
  // If-None-Match takes precedence: a stale tag gets the feed even with a recent date.
  EXPECT_EQ(status({{"If-None-Match", "\"stale\""}, {"If-Modified-Since", last_modified}}), 200);

  const HttpReply not_modified = get("/calendar.ics", {{"If-None-Match", etag}});
  EXPECT_TRUE(not_modified.body.empty());
  EXPECT_EQ(not_modified.header("etag"), etag);
  EXPECT_EQ(not_modified.header("last-modified"), last_modified);
  EXPECT_EQ(not_modified.header("cache-control"), "public, max-age=43200");
  EXPECT_EQ(not_modified.header("vary"), "Accept-Encoding");

  const HttpReply filtered = get("/calendar.ics?organizer=KDO");
  EXPECT_EQ(get("/calendar.ics?organizer=KDO", {{"If-None-Match", filtered.header("etag")}}).status,
            304);
  const HttpReply page = get("/");
  EXPECT_EQ(get("/", {{"If-None-Match", page.header("etag")}}).status, 304);
}

TEST_F(FeedServerTest, ShortcutFor304SendsTheHeadersOfTheGeneralPath) {
  // A plain path with If-None-Match is answered before the general path; the same 304 for the
  // same file through the general path (a target with a query is not plain, but /calendar.ics
  // with an unknown tag falls through to it) must carry the same headers.
  for (const std::string target : {"/calendar.ics", "/organizers/kdo.ics", "/events.json"}) {
    SCOPED_TRACE(target);
    for (const std::string encoding : {"", "gzip"}) {
      const HttpReply full = get(target, {{"Accept-Encoding", encoding}});
      ASSERT_EQ(full.status, 200);
      const HttpReply fast =
          get(target, {{"Accept-Encoding", encoding}, {"If-None-Match", full.header("etag")}});
      const HttpReply general = get(target, {{"Accept-Encoding", encoding},
                                             {"If-Modified-Since", full.header("last-modified")}});
      EXPECT_EQ(fast.status, 304);
      EXPECT_EQ(general.status, 304);
      EXPECT_TRUE(fast.body.empty());
      for (const char* name : {"etag", "last-modified", "cache-control", "vary",
                               "access-control-allow-origin", "x-content-type-options", "server"}) {
        EXPECT_EQ(fast.header(name), general.header(name)) << name;
      }
      EXPECT_FALSE(fast.header("date").empty());
      // HEAD takes the same shortcut.
      EXPECT_EQ(request("HEAD", target,
                        {{"Accept-Encoding", encoding}, {"If-None-Match", full.header("etag")}})
                    .status,
                304);
    }
  }
  // Not for the index page, whose headers differ, nor for unknown files.
  const HttpReply page = get("/");
  const HttpReply page_304 = get("/", {{"If-None-Match", page.header("etag")}});
  EXPECT_EQ(page_304.status, 304);
  EXPECT_EQ(page_304.header("cache-control"), "no-cache");
  EXPECT_EQ(get("/organizers/nobody.ics", {{"If-None-Match", "*"}}).status, 404);
}

TEST_F(FeedServerTest, KeepsServingTheBytesItReadWhenAFileIsReplaced) {
  // The build's files are sent from the descriptor opened when the build was read: a file
  // renamed over it (as the next build does before its manifest) changes nothing until reload.
  const HttpReply before = get("/organizers/kdo.ics");
  ASSERT_EQ(before.status, 200);
  const std::string path = build_->config.output + "/organizers/kdo.ics";
  std::ofstream(path + ".new") << "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
  std::filesystem::rename(path + ".new", path);
  const HttpReply after = get("/organizers/kdo.ics");
  EXPECT_EQ(after.body, before.body);
  EXPECT_EQ(after.header("etag"), before.header("etag"));
  EXPECT_EQ(after.header("content-length"), std::to_string(before.body.size()));
}

TEST(EventsJson, ReadsElementByElementAndRejectsWhatIsNotEventsJson) {
  // Strings that look like structure, escapes and members the reader does not know.
  const std::string tricky = R"( { "generator": {"name": "x", "list": [1, {"a": "]}"}]},
    "events" : [ {"id": "e1", "title": "Quote \" and ]}, [{ and \\", "occurrences":
      [{"start_date": "2026-05-04", "end_date": "2026-05-04", "start_time": "10:00",
        "end_time": null}], "location": "Mainz", "organizers": ["KDO", "A\u00e4"],
      "details": [], "online": false, "status": "cancelled", "url": null, "sequence": 2,
      "first_seen": "2026-01-01", "last_seen": "2026-02-01", "last_modified": "2026-02-01",
      "sources": ["a.txt"], "source_text": "x", "source_line": 7} ],
    "undated": [{"title": "Irgendwann", "note": "bald", "location": null, "organizers": [],
      "details": [], "online": true, "source": "b.txt", "source_text": "y", "source_line": 3}],
    "trailer": null } )";
  const Aggregation read = aggregation_from_json(tricky, "tricky");
  ASSERT_EQ(read.events.size(), 1u);
  EXPECT_EQ(read.events[0].title, "Quote \" and ]}, [{ and \\");
  EXPECT_EQ(read.events[0].organizers, (std::vector<std::string>{"KDO", "A\u00e4"}));
  EXPECT_EQ(read.events[0].status, EntryStatus::cancelled);
  EXPECT_EQ(read.events[0].sequence, 2);
  EXPECT_EQ(read.events[0].source_line, 7u);
  ASSERT_EQ(read.undated.size(), 1u);
  EXPECT_EQ(read.undated_sources, std::vector<std::string>{"b.txt"});
  EXPECT_TRUE(read.undated[0].online);
  // What it writes, it reads back to the same bytes.
  EXPECT_EQ(aggregation_to_json(aggregation_from_json(aggregation_to_json(read), "again")),
            aggregation_to_json(read));
  EXPECT_TRUE(aggregation_from_json("{}", "empty").events.empty());

  for (const std::string bad :
       {"", "   ", "[]", "{", "{\"events\": [", "{\"events\": [{}]", "{\"events\": [1]}",
        "{\"events\": []} trailing", "{\"events\": [], }", "{\"events\" []}",
        "{\"x\": tru, \"events\": []}", "{\"x\": \"unterminated}",
        "{\"events\": [{\"id\": \"a\"}]}", "{\"undated\": [\"text\"]}",
        "{\"events\": [{\"id\": \"a\", \"title\": \"t\", \"occurrences\": []}]}",
        "{\"events\": [{\"id\": \"a\",, \"title\": \"t\"}]}"}) {
    EXPECT_THROW(aggregation_from_json(bad, "bad.json"), std::runtime_error) << bad;
  }
}

TEST_F(FeedServerTest, CompressesWhenAskedAndOnlyThen) {
  const std::string plain = build_->output_file("calendar.ics");
  const HttpReply gzip = get("/calendar.ics", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_EQ(gzip.status, 200);
  EXPECT_EQ(gzip.header("content-encoding"), "gzip");
  EXPECT_EQ(gzip.header("vary"), "Accept-Encoding");
  EXPECT_LT(gzip.body.size(), plain.size());
  EXPECT_EQ(gunzip(gzip.body), plain);
  // Another representation, another strong tag; each validates only itself.
  const HttpReply identity = get("/calendar.ics");
  EXPECT_NE(gzip.header("etag"), identity.header("etag"));
  EXPECT_EQ(
      get("/calendar.ics", {{"Accept-Encoding", "gzip"}, {"If-None-Match", gzip.header("etag")}})
          .status,
      304);
  EXPECT_EQ(identity.header("vary"), "Accept-Encoding");
  EXPECT_FALSE(identity.has("content-encoding"));
  for (const std::string refusal : {"gzip;q=0", "identity", "br", "*;q=0", "gzip;q=0, *"}) {
    SCOPED_TRACE(refusal);
    const HttpReply reply = get("/calendar.ics", {{"Accept-Encoding", refusal}});
    EXPECT_FALSE(reply.has("content-encoding"));
    EXPECT_EQ(reply.body, plain);
  }
  const HttpReply filtered = get("/calendar.ics?organizer=KDO", {{"Accept-Encoding", "x-gzip"}});
  EXPECT_EQ(filtered.header("content-encoding"), "gzip");
  EXPECT_EQ(gunzip(filtered.body), build_->output_file("organizers/kdo.ics"));
  const HttpReply events = get("/events.json", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gunzip(events.body), build_->output_file("events.json"));
}

TEST_F(FeedServerTest, CompressesInTheBackgroundToTheSameBytes) {
  FeedStoreOptions options;
  options.output_dir = build_->config.output;
  options.gzip_in_background = true;
  FeedStore store(options);
  ASSERT_EQ(store.reload(), FeedStore::Reload::replaced);
  const auto pending = store.current()->file("/calendar.ics");
  // Served at once: identity bodies, already varying by Accept-Encoding.
  EXPECT_TRUE(pending->varies_by_encoding());
  store.wait_for_gzip();
  options.gzip_in_background = false;
  const auto at_once = load_feed_snapshot(options, nullptr);
  for (const std::string path : {"/calendar.ics", "/events.json"}) {
    SCOPED_TRACE(path);
    const GzipVariant* later = store.current()->file(path)->gzip();
    const GzipVariant* now = at_once->file(path)->gzip();
    ASSERT_NE(later, nullptr);
    ASSERT_NE(now, nullptr);
    EXPECT_EQ(later->body, now->body);
    EXPECT_EQ(later->etag, now->etag);
    EXPECT_TRUE(store.current()->file(path)->varies_by_encoding());
  }
}

TEST_F(FeedServerTest, GzipCanBeSwitchedOff) {
  Config config = build_->config;
  config.gzip = false;
  TestServer plain_server(config);
  const HttpReply reply = plain_server.get("/calendar.ics", {{"Accept-Encoding", "gzip"}});
  EXPECT_FALSE(reply.has("content-encoding"));
  EXPECT_FALSE(reply.has("vary"));
  EXPECT_EQ(reply.body, build_->output_file("calendar.ics"));
}

TEST_F(FeedServerTest, OrganizerFilterGivesExactlyThatOrganizersEvents) {
  const HttpReply kdo = get("/calendar.ics?organizer=KDO");
  ASSERT_EQ(kdo.status, 200) << kdo.body;
  const auto want =
      expected_uids(*build_, [](const Event& event) { return has_organizer(event, "KDO"); });
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(uids_in(kdo.body), want);
  // The same FeedFilter and ical writer as the build: the same bytes as its organizer feed.
  EXPECT_EQ(kdo.body, build_->output_file("organizers/kdo.ics"));
  EXPECT_EQ(kdo.header("content-disposition"), "inline; filename=\"calendar.ics\"");
  // Spellings and order do not matter: one normalized filter, one cached render.
  EXPECT_EQ(get("/calendar.ics?organizer=kdo").header("etag"), kdo.header("etag"));
  const HttpReply two = get("/calendar.ics?organizer=KDO&organizer=AKDB");
  EXPECT_EQ(get("/calendar.ics?organizer=AKDB&organizer=KDO").body, two.body);
  EXPECT_EQ(uids_in(two.body), expected_uids(*build_, [](const Event& event) {
              return has_organizer(event, "KDO") || has_organizer(event, "AKDB");
            }));
}

TEST_F(FeedServerTest, DateTextPlaceAndOnlineFilters) {
  const boost::gregorian::date from(2026, 5, 1), to(2026, 6, 30);
  const HttpReply range = get("/calendar.ics?from=2026-05-01&to=2026-06-30");
  ASSERT_EQ(range.status, 200) << range.body;
  const Aggregation all = aggregation_from_json(build_->output_file("events.json"), "events.json");
  std::set<std::string> in_range;
  for (const Event& event : all.events) {
    for (std::size_t i = 0; i < event.occurrences.size(); ++i) {
      const auto& occurrence = event.occurrences[i];
      if (occurrence.end_date >= from && occurrence.start_date <= to) {
        in_range.insert(occurrence_uid(event, i, build_->config.uid_domain));
      }
    }
  }
  ASSERT_FALSE(in_range.empty());
  EXPECT_EQ(uids_in(range.body), in_range);

  const HttpReply online = get("/calendar.ics?online=1");
  EXPECT_EQ(uids_in(online.body), expected_uids(*build_, [](const Event& e) { return e.online; }));
  EXPECT_EQ(uids_in(online.body), uids_in(build_->output_file("online.ics")));

  const HttpReply berlin = get("/calendar.ics?location=Berlin");
  EXPECT_EQ(uids_in(berlin.body), expected_uids(*build_, [](const Event& e) {
              return e.location &&
                     fold_for_matching(*e.location).find("berlin") != std::string::npos;
            }));
  const HttpReply text = get("/calendar.ics?q=KI");
  EXPECT_EQ(text.status, 200);
  EXPECT_LE(uids_in(text.body).size(), uids_in(build_->output_file("calendar.ics")).size());
  const HttpReply all_of_it =
      get("/calendar.ics?organizer=KDO&organizer=AKDB&location=Berlin&from=2026-05-01&to=2026-06-30"
          "&q=KI&online=1");
  EXPECT_EQ(all_of_it.status, 200);
  EXPECT_NE(all_of_it.body.find("X-WR-CALNAME:VITAKO IT-Kalender – Auswahl"), std::string::npos);
}

TEST_F(FeedServerTest, EventsJsonTakesTheSameFiltersAndKeepsUndatedEntries) {
  const HttpReply reply = get("/events.json?organizer=KDO");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const Aggregation kdo = aggregation_from_json(reply.body, "reply");
  ASSERT_FALSE(kdo.events.empty());
  for (const Event& event : kdo.events) EXPECT_TRUE(has_organizer(event, "KDO")) << event.title;

  const Aggregation all = aggregation_from_json(build_->output_file("events.json"), "events.json");
  ASSERT_FALSE(all.undated.empty()) << "the fixtures have undated entries";
  const HttpReply everything = get("/events.json?q=a");
  const auto root = Poco::JSON::Parser().parse(everything.body).extract<Poco::JSON::Object::Ptr>();
  const auto undated = root->getArray("undated");
  ASSERT_TRUE(undated);
  for (unsigned i = 0; i < undated->size(); ++i) {
    EXPECT_FALSE(undated->getObject(i)->getValue<bool>("dated"));
  }
  // Only occurrences in the range stay, as in the .ics.
  const Aggregation june = aggregation_from_json(get("/events.json?from=2026-06-01").body, "reply");
  for (const Event& event : june.events) {
    for (const auto& occurrence : event.occurrences) {
      EXPECT_GE(occurrence.end_date, boost::gregorian::date(2026, 6, 1)) << event.title;
    }
  }
}

TEST_F(FeedServerTest, RejectsBadInputWithAReasonAndKeepsRunning) {
  struct Case {
    std::string method;
    std::string target;
    int status;
    std::string reason;  // part of the one-line body
  };
  const std::vector<Case> cases = {
      {"GET", "/nothing-here", 404, "not found"},
      {"GET", "/organizers/nobody.ics", 404, server_->base_url() + "/"},
      {"GET", "/calendar.ics?organizer=Nobody", 404, "unknown organizer 'Nobody'"},
      {"GET", "/calendar.ics?organizer=Nobody", 404, server_->base_url() + "/"},
      {"GET", "/calendar.ics?from=2026-02-30", 400, "parameter 'from'"},
      {"GET", "/calendar.ics?from=2026-06-01&to=2026-05-01", 400, "is after"},
      {"GET", "/calendar.ics?colour=blue", 400, "unknown parameter 'colour'"},
      {"GET", "/calendar.ics?online=maybe", 400, "online"},
      {"GET", "/calendar.ics?q=", 400, "empty"},
      {"GET", "/calendar.ics?q=" + std::string(201, 'a'), 400, "longer than 200"},
      {"GET", "/calendar.ics?q=%ff%fe", 400, "UTF-8"},
      {"GET", "/calendar.ics?q=%zz", 400, "malformed"},
      {"GET", "/events.json?to=06/30/2026", 400, "parameter 'to'"},
      {"GET", "/organizers/kdo.ics?organizer=KDO", 400, "takes no query"},
      {"GET", "/" + std::string(3000, 'x'), 414, "longer than 2048"},
      {"POST", "/calendar.ics", 405, "GET or HEAD"},
      {"PUT", "/organizers/kdo.ics", 405, "GET or HEAD"},
      {"DELETE", "/", 405, "GET or HEAD"},
      {"OPTIONS", "/events.json", 405, "GET or HEAD"},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.method + " " + test.target.substr(0, 80));
    const HttpReply reply = request(test.method, test.target);
    EXPECT_EQ(reply.status, test.status) << reply.body;
    EXPECT_NE(reply.body.find(test.reason), std::string::npos) << reply.body;
    EXPECT_EQ(std::count(reply.body.begin(), reply.body.end(), '\n'), 1)
        << "one line: " << reply.body;
    if (test.status == 405) {
      EXPECT_EQ(reply.header("allow"), "GET, HEAD");
    }
    EXPECT_FALSE(reply.has("location"));
  }
  EXPECT_EQ(get("/healthz").status, 200);
}

TEST_F(FeedServerTest, PathsNeverLeaveTheOutputFolder) {
  // A file beside the output folder that must never be served.
  std::ofstream(build_->root() / "secret.ics") << "BEGIN:VCALENDAR\r\nSECRET\r\n";
  for (const std::string target :
       {"/../secret.ics", "/%2e%2e/secret.ics", "/organizers/../../secret.ics",
        "/organizers/%2e%2e%2f%2e%2e%2fsecret.ics", "/..%2fsecret.ics", "/%2E%2E%5Csecret.ics",
        "/organizers/..ics", "//etc/passwd", "/manifest.json", "/.state", "/.itkal.lock",
        "/organizers/", "/calendar.ics/", "/calendar.ics%00.ics"}) {
    SCOPED_TRACE(target);
    const HttpReply reply = get(target);
    EXPECT_TRUE(reply.status == 404 || reply.status == 400) << reply.status;
    EXPECT_EQ(reply.body.find("SECRET"), std::string::npos);
  }
  EXPECT_EQ(get("/healthz").status, 200);
}

TEST_F(FeedServerTest, HealthReportsTheBuild) {
  const HttpReply reply = get("/healthz");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("cache-control"), "no-store");
  const auto health = Poco::JSON::Parser().parse(reply.body).extract<Poco::JSON::Object::Ptr>();
  const auto manifest = Poco::JSON::Parser()
                            .parse(build_->output_file("manifest.json"))
                            .extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ(health->getValue<std::string>("status"), "ok");
  EXPECT_EQ(health->getValue<int>("event_count"), manifest->getValue<int>("event_count"));
  EXPECT_EQ(health->getValue<std::string>("generation"),
            manifest->getValue<std::string>("generation"));
  EXPECT_TRUE(std::regex_match(health->getValue<std::string>("last_build"),
                               std::regex("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")));
}

TEST_F(FeedServerTest, IndexPageLinksUseTheConfiguredBaseUrlWhenOneIsSet) {
  testing::TestServer configured(build_->config, [](FeedServerOptions& options) {
    options.config.base_url = "https://kalender.example.org/itkal";
  });
  const HttpReply page = configured.get("/");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("webcal://kalender.example.org/itkal/calendar.ics"), std::string::npos)
      << page.body;
  EXPECT_EQ(page.body.find("127.0.0.1"), std::string::npos) << page.body;
}

TEST_F(FeedServerTest, IndexPageOffersSubscriptions) {
  const HttpReply page = get("/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.header("cache-control"), "no-cache");
  EXPECT_NE(page.header("content-security-policy").find("default-src 'none'"), std::string::npos);
  const std::string host = "127.0.0.1:" + std::to_string(server_->port());
  for (const std::string& expected : std::vector<std::string>{
           "<html lang=\"de\">", "webcal://" + host + "/calendar.ics",
           "value=\"http://" + host + "/calendar.ics\"", "webcal://" + host + "/organizers/kdo.ics",
           "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2F127.0.0.1%3A",
           "Adresse kopieren", "Abonnieren, nicht herunterladen", "Thunderbird", "Outlook",
           "Google Kalender", "Apple Kalender", ">KDO</th>", "VITAKO IT-Kalender – Online-Termine",
           "Die nächsten Termine"}) {
    EXPECT_NE(page.body.find(expected), std::string::npos) << expected;
  }
  // today is 2026-05-01 in this test: May's events are upcoming, April's are not listed.
  EXPECT_NE(page.body.find("<time datetime=\"2026-05-"), std::string::npos);
  EXPECT_EQ(page.body.find("<time datetime=\"2026-04-"), std::string::npos);
  EXPECT_EQ(page.body.find("src=\"http"), std::string::npos) << "no external assets";
  EXPECT_EQ(page.body.find("href=\"http://" + host), std::string::npos)
      << "feeds are offered to subscribe, not as download links";
}

TEST_F(FeedServerTest, NoticesANewBuildWithoutRestart) {
  TempBuild build({testing::fixture_sources()[0], testing::fixture_sources()[1]});
  build.build();
  TestServer server(build.config, [](FeedServerOptions& options) {
    options.reload_interval = std::chrono::hours(1);  // reloaded by hand below
  });
  const HttpReply before = server.get("/calendar.ics");
  const HttpReply kdo_before = server.get("/calendar.ics?organizer=KDO");
  ASSERT_EQ(before.status, 200);
  // The filtered render (cached per build) is the build's own organizer feed.
  EXPECT_EQ(kdo_before.body, build.output_file("organizers/kdo.ics"));
  EXPECT_EQ(server.server().service().store().reload(), FeedStore::Reload::unchanged);

  build.set_sources(testing::fixture_sources());
  build.build();
  EXPECT_EQ(server.server().service().store().reload(), FeedStore::Reload::replaced);
  const HttpReply after = server.get("/calendar.ics", {{"If-None-Match", before.header("etag")}});
  ASSERT_EQ(after.status, 200) << "the old ETag is stale";
  EXPECT_NE(after.header("etag"), before.header("etag"));
  EXPECT_EQ(after.body, build.output_file("calendar.ics"));
  EXPECT_EQ(server.get("/calendar.ics", {{"If-None-Match", after.header("etag")}}).status, 304);
  // Last-Modified moves forward with the bytes, never back.
  EXPECT_GT(*parse_http_date(after.header("last-modified")),
            *parse_http_date(before.header("last-modified")));
  EXPECT_EQ(
      server.get("/calendar.ics", {{"If-Modified-Since", before.header("last-modified")}}).status,
      200);
  // Filtered renders come from the new build too, not from the old build's cache.
  const HttpReply kdo_after = server.get("/calendar.ics?organizer=KDO");
  EXPECT_EQ(kdo_after.body, build.output_file("organizers/kdo.ics"));

  // A build that changes nothing rewrites nothing: same tags, same dates.
  build.build();
  server.server().service().store().reload();
  const HttpReply again = server.get("/calendar.ics");
  EXPECT_EQ(again.header("etag"), after.header("etag"));
  EXPECT_EQ(again.header("last-modified"), after.header("last-modified"));
}

TEST_F(FeedServerTest, PollingPicksUpBuildsAndNeverServesATornFeed) {
  const std::vector<std::string> few = {testing::fixture_sources()[0],
                                        testing::fixture_sources()[1]};
  TempBuild build(few);
  build.build();
  // Every version of the two files that any build wrote; whatever the server sends must be one.
  std::mutex versions_mutex;
  std::set<std::string> written;
  const auto record_versions = [&] {
    const std::lock_guard lock(versions_mutex);
    written.insert(build.output_file("calendar.ics"));
    written.insert(build.output_file("organizers/kdo.ics"));
  };
  record_versions();

  TestServer server(build.config, [](FeedServerOptions& options) {
    options.reload_interval = std::chrono::milliseconds(5);
  });
  std::atomic<bool> building{true};
  std::atomic<int> bad{0}, requests{0};
  std::mutex seen_mutex;
  std::set<std::string> seen;
  std::string failure;
  std::vector<std::thread> readers;
  for (int i = 0; i < 3; ++i) {
    readers.emplace_back([&, i] {
      const std::string target = i == 0 ? "/organizers/kdo.ics" : "/calendar.ics";
      for (int n = 0; n < 5000 && building; ++n) {
        const HttpReply reply = server.get(target, {{"Accept-Encoding", n % 2 ? "gzip" : ""}});
        const bool gzip = reply.header("content-encoding") == "gzip";
        const std::string body = gzip ? gunzip(reply.body) : reply.body;
        ++requests;
        const std::lock_guard lock(seen_mutex);
        seen.insert(body);
        if (reply.status != 200 || (!gzip && reply.header("etag") != strong_etag(body)) ||
            body.size() < 30 || body.compare(body.size() - 15, 15, "END:VCALENDAR\r\n") != 0) {
          ++bad;
          failure = std::to_string(reply.status) + " " + target + ": " + body.substr(0, 300);
        }
      }
    });
  }
  for (int round = 1; round <= 16; ++round) {
    build.set_sources(round % 2 == 0 ? few : testing::fixture_sources());
    build.build();
    record_versions();
    Poco::Thread::sleep(20);
  }
  building = false;
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(bad.load(), 0) << failure;
  EXPECT_GT(requests.load(), 100);
  EXPECT_GT(seen.size(), 2u) << "the readers saw builds change";
  std::size_t unknown = 0;
  for (const auto& body : seen) unknown += written.count(body) == 0 ? 1 : 0;
  EXPECT_EQ(unknown, 0u) << "bodies that no build wrote: torn or mixed reads";
  // The server ends on the last build.
  Poco::Thread::sleep(100);
  EXPECT_EQ(server.get("/calendar.ics").body, build.output_file("calendar.ics"));
}

TEST_F(FeedServerTest, BeforeTheFirstBuildAnswers503AndThenServes) {
  TempBuild build({testing::fixture_sources()[0]});
  TestServer server(build.config, [](FeedServerOptions& options) {
    options.reload_interval = std::chrono::hours(1);
  });
  const HttpReply waiting = server.get("/calendar.ics");
  EXPECT_EQ(waiting.status, 503);
  EXPECT_TRUE(waiting.has("retry-after"));
  EXPECT_EQ(server.get("/healthz").status, 503);
  build.build();
  server.server().service().store().reload();
  EXPECT_EQ(server.get("/calendar.ics").status, 200);
}

TEST_F(FeedServerTest, SlowAndHugeRequestsDoNotStopTheServer) {
  // A client that sends half a request and then nothing is dropped after the I/O timeout (1 s
  // here) and, meanwhile, does not block anyone else.
  Poco::Net::StreamSocket slow(Poco::Net::SocketAddress("127.0.0.1", server_->port()));
  slow.sendBytes("GET /calendar.ics HTTP/1.1\r\nHost: x\r\n", 37);
  EXPECT_EQ(get("/calendar.ics").status, 200);
  slow.setReceiveTimeout(Poco::Timespan(5, 0));
  char buffer[512];
  int received = 0;
  try {
    received = slow.receiveBytes(buffer, sizeof buffer);
  } catch (const Poco::Exception&) {
    received = -1;
  }
  EXPECT_LE(received, 0) << "the server closes a stalled request; got "
                         << std::string(buffer, received > 0 ? received : 0);

  // Header fields longer than 8 KiB and more than 100 fields get 400.
  const HttpReply long_header = get("/calendar.ics", {{"X-Long", std::string(9000, 'a')}});
  EXPECT_EQ(long_header.status, 400);
  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 150; ++i) many.emplace_back("X-Field-" + std::to_string(i), "1");
  EXPECT_EQ(get("/calendar.ics", many).status, 400);
  // Any target over 2,048 bytes gets 414, however long (Poco's parser said 400 beyond 16 KiB).
  EXPECT_EQ(get("/" + std::string(20000, 'a')).status, 414);
  EXPECT_EQ(get("/healthz").status, 200);
}

class CollectingChannel : public Poco::Channel {
 public:
  void log(const Poco::Message& message) override {
    const std::lock_guard lock(mutex);
    lines.push_back(message.getText());
  }
  std::mutex mutex;
  std::vector<std::string> lines;
};

TEST_F(FeedServerTest, AccessLogHasOneLinePerRequest) {
  Poco::AutoPtr<CollectingChannel> channel(new CollectingChannel);
  Poco::Logger& access = Poco::Logger::get("itkal.access");
  access.setChannel(channel);
  access.setLevel(Poco::Message::PRIO_INFORMATION);
  get("/calendar.ics", {{"User-Agent", "Test\r\nForged: line"}});
  get("/nothing");
  access.setLevel(Poco::Message::PRIO_WARNING);
  const std::lock_guard lock(channel->mutex);
  ASSERT_EQ(channel->lines.size(), 2u);
  EXPECT_TRUE(std::regex_search(
      channel->lines[0],
      std::regex("^127\\.0\\.0\\.1 \"GET /calendar\\.ics HTTP/1\\.1\" 200 \\d+ ")))
      << channel->lines[0];
  EXPECT_EQ(channel->lines[0].find('\n'), std::string::npos);
  EXPECT_NE(channel->lines[1].find("\" 404 "), std::string::npos) << channel->lines[1];
}

TEST(HttpNegotiation, AcceptEncoding) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("deflate, GZIP;q=0.5"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_TRUE(accepts_gzip("x-gzip"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0.000"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0, *"));
  EXPECT_FALSE(accepts_gzip("gzip;q=2"));
  EXPECT_FALSE(accepts_gzip("br, identity"));
}

TEST(HttpNegotiation, IfNoneMatchAndDates) {
  EXPECT_TRUE(etag_listed("\"a\"", "\"a\""));
  EXPECT_TRUE(etag_listed("W/\"a\"", "\"a\""));
  EXPECT_TRUE(etag_listed("\"b\", W/\"a\"", "\"a\""));
  EXPECT_FALSE(etag_listed("\"ab\"", "\"a\""));
  EXPECT_FALSE(etag_listed("a", "\"a\""));
  const auto date = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT");
  ASSERT_TRUE(date);
  EXPECT_EQ(format_http_date(*date), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), date);
  EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994"), date);
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 +0100"));
  EXPECT_FALSE(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("06.11.1994"));
  EXPECT_FALSE(parse_http_date(""));
}

}  // namespace
}  // namespace itkal

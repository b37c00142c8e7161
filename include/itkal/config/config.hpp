#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <map>
#include <string>
#include <vector>

#include "itkal/config/source_config.hpp"
#include "itkal/extract/calendar_section.hpp"

namespace itkal {

/// A feed the operator names in the configuration, with the query-style filter that selects its
/// events, e.g. {"slug": "nrw", "name": "Termine in NRW", "filter": "organizer=KDN&organizer=regio
/// iT"}.
struct NamedFeedConfig {
  std::string slug;
  std::string name;
  std::string filter;  ///< same syntax as the server's query string
};

/// feeds/itkal.json, after defaults; paths are absolute (relative ones are resolved against the
/// configuration file's folder, so cron and a daemon in "/" read the same files).
struct Config {
  std::string config_path;  ///< the file read, empty when none
  std::string inbox = "inbox";
  std::string output = "public";
  std::string organizers = "organizers.json";
  /// The operator's corrections (see corrections.hpp); a missing file means none.
  std::string corrections = "corrections.json";
  std::string calendar_name = "VITAKO IT-Kalender";
  std::string calendar_description = "Veranstaltungen aus dem IT-Kalender des Newsletters";
  std::string uid_domain = "itkal.example";
  /// The server's public URL for the index page's links; empty: the address and port it listens
  /// on (so --port moves the links too).
  std::string base_url;
  std::string time_zone = "Europe/Berlin";
  int refresh_hours = 12;
  SectionOptions section;
  std::vector<NamedFeedConfig> named_feeds;
  /// Issue dates the operator gives per inbox file name ("issue_dates": [{"file": "x.eml",
  /// "date": "2026-10-14"}]): stronger than anything the file says, like --issue-date.
  std::map<std::string, boost::gregorian::date> issue_dates;
  /// The .ics feeds leave out events that ended more than this many days before the build day;
  /// 0 keeps everything. events.json and the build state always keep everything.
  int feed_past_days = 365;
  /// Where issues come from; empty: only `inbox` (see source_store.hpp for the folders read).
  std::vector<SourceConfig> sources;
  // Server settings.
  std::string bind_address = "127.0.0.1";
  int port = 8080;
  int event_loops = 0;          ///< threads that serve connections; 0: one per core
  int max_threads = 16;         ///< threads that render uncached filtered feeds and the index page
  int max_connections = 10000;  ///< open connections; more are answered 503 and closed
  int max_queued = 256;         ///< the listen backlog: connections not yet accepted
  int reload_seconds = 2;
  /// How long a keep-alive connection may wait for its next request.
  int keep_alive_seconds = 5;
  bool gzip = true;
};

/// Reads the JSON configuration; throws std::runtime_error naming the file and key on errors.
/// An empty path gives the defaults, relative to the current folder's feeds/.
Config load_config(const std::string& path);

}  // namespace itkal

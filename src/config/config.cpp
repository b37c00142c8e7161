#include "itkal/config/config.hpp"

#include "itkal/config/config_search.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Util/JSONConfiguration.h>

#include <filesystem>
#include <stdexcept>
#include <utility>

#include "itkal/config/server_limits.hpp"
#include "itkal/extract/issue_date.hpp"

namespace itkal {
namespace {

std::string resolve(const std::filesystem::path& base, const std::string& path) {
  const std::filesystem::path candidate(path);
  return (candidate.is_absolute() ? candidate : base / candidate).lexically_normal().string();
}

std::vector<std::string> string_list(Poco::Util::AbstractConfiguration& config,
                                     const std::string& key, std::vector<std::string> fallback) {
  if (!config.has(key + "[0]")) return fallback;
  std::vector<std::string> values;
  for (int i = 0; config.has(key + "[" + std::to_string(i) + "]"); ++i) {
    values.push_back(config.getString(key + "[" + std::to_string(i) + "]"));
  }
  return values;
}

// Without a configured organizer directory, one that is not beside the configuration (or below
// ./feeds) is taken from the installation, so that `itkal build --inbox D --output O` works in any
// folder. A directory the configuration names is never replaced: its absence is an error.
void fall_back_to_installed_organizers(Config& config) {
  if (!is_absent(config.organizers)) return;
  const std::string installed = installed_organizers_path();
  if (!is_absent(installed)) config.organizers = installed;
}

// The server's settings, each checked against the range `itkal serve` allows for its option, so
// that every command refuses an unusable server section, not only the server when it starts.
void load_server_section(Poco::Util::AbstractConfiguration& json, const std::string& path,
                         Config& config) {
  config.bind_address = json.getString("server.bind_address", config.bind_address);
  for (const auto& [limit, field] :
       {std::pair{kPortLimit, &config.port}, std::pair{kEventLoopsLimit, &config.event_loops},
        std::pair{kMaxThreadsLimit, &config.max_threads},
        std::pair{kMaxConnectionsLimit, &config.max_connections},
        std::pair{kMaxQueuedLimit, &config.max_queued},
        std::pair{kReloadSecondsLimit, &config.reload_seconds},
        std::pair{kKeepAliveSecondsLimit, &config.keep_alive_seconds}}) {
    const std::string key = std::string("server.") + limit.key;
    if (!json.has(key)) continue;
    const std::string text = json.getString(key);
    const auto value = parse_server_number(text, limit);
    if (!value) {
      throw std::runtime_error("configuration '" + path + "': " + key + " '" + text + "' " +
                               server_limit_message(limit));
    }
    *field = *value;
  }
  try {
    config.gzip = json.getBool("server.gzip", config.gzip);
  } catch (const Poco::SyntaxException&) {
    throw std::runtime_error("configuration '" + path + "': server.gzip '" +
                             json.getString("server.gzip") + "' is not true or false");
  }
}

}  // namespace

Config load_config(const std::string& path) {
  Config config;
  std::filesystem::path base = std::filesystem::absolute("feeds");
  if (path.empty()) {
    for (auto& field : {&config.inbox, &config.output, &config.organizers, &config.corrections})
      *field = resolve(base, *field);
    fall_back_to_installed_organizers(config);
    return config;
  }
  config.config_path = std::filesystem::absolute(path).lexically_normal().string();
  base = std::filesystem::path(config.config_path).parent_path();
  bool organizers_configured = false;
  try {
    Poco::AutoPtr<Poco::Util::JSONConfiguration> json(new Poco::Util::JSONConfiguration(path));
    config.inbox = json->getString("inbox", config.inbox);
    config.output = json->getString("output", config.output);
    organizers_configured = json->has("organizers");
    config.organizers = json->getString("organizers", config.organizers);
    config.corrections = json->getString("corrections", config.corrections);
    config.calendar_name = json->getString("calendar_name", config.calendar_name);
    config.calendar_description =
        json->getString("calendar_description", config.calendar_description);
    config.uid_domain = json->getString("uid_domain", config.uid_domain);
    config.base_url = json->getString("base_url", config.base_url);
    config.time_zone = json->getString("time_zone", config.time_zone);
    config.refresh_hours = json->getInt("refresh_hours", config.refresh_hours);
    config.section.headings = string_list(*json, "section_headings", config.section.headings);
    config.section.footers = string_list(*json, "section_footers", config.section.footers);
    for (int i = 0; json->has("named_feeds[" + std::to_string(i) + "].slug"); ++i) {
      const std::string prefix = "named_feeds[" + std::to_string(i) + "].";
      config.named_feeds.push_back({json->getString(prefix + "slug"),
                                    json->getString(prefix + "name", ""),
                                    json->getString(prefix + "filter", "")});
    }
    for (int i = 0; json->has("issue_dates[" + std::to_string(i) + "].file"); ++i) {
      const std::string prefix = "issue_dates[" + std::to_string(i) + "].";
      const std::string date = json->getString(prefix + "date", "");
      const auto day = parse_iso_day(date);
      if (!day) {
        throw std::runtime_error("configuration '" + path + "': " + prefix + "date '" + date +
                                 "' is not a date like 2026-10-14");
      }
      config.issue_dates[json->getString(prefix + "file")] = *day;
    }
    config.feed_past_days = json->getInt("feed_past_days", config.feed_past_days);
    load_server_section(*json, path, config);
    config.sources = load_sources(*json, base.string(), path);
  } catch (const Poco::Exception& error) {
    throw std::runtime_error("cannot read configuration '" + path + "': " + error.displayText());
  }
  if (config.time_zone != "Europe/Berlin") {
    throw std::runtime_error("configuration '" + path + "': time_zone '" + config.time_zone +
                             "' is not supported; itkal reads German calendars in Europe/Berlin");
  }
  if (config.refresh_hours < 1 || config.refresh_hours > 24 * 7) {
    throw std::runtime_error("configuration '" + path + "': refresh_hours must be 1 to 168");
  }
  if (config.feed_past_days < 0) {
    throw std::runtime_error("configuration '" + path +
                             "': feed_past_days must be 0 (keep everything) or more");
  }
  for (auto& field : {&config.inbox, &config.output, &config.organizers}) {
    *field = resolve(base, *field);
  }
  // An empty "corrections" turns them off.
  if (!config.corrections.empty()) config.corrections = resolve(base, config.corrections);
  if (!organizers_configured) fall_back_to_installed_organizers(config);
  return config;
}

}  // namespace itkal

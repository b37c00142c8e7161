#include "itkal/config/source_config.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/Util/AbstractConfiguration.h>
#include "itkal/text/sha1_engine.hpp"

#include <filesystem>
#include <stdexcept>

namespace itkal {
namespace {

std::string resolve_path(const std::string& base, const std::string& path) {
  if (path.empty()) return path;
  const std::filesystem::path candidate(path);
  return (candidate.is_absolute() ? candidate : std::filesystem::path(base) / candidate)
      .lexically_normal()
      .string();
}

SourceType parse_type(const std::string& text, const std::string& where) {
  for (SourceType type :
       {SourceType::folder, SourceType::imap, SourceType::pop3, SourceType::url, SourceType::ics}) {
    if (text == to_string(type)) return type;
  }
  throw std::runtime_error(where + ": type '" + text +
                           "' is not one of folder, imap, pop3, url, ics");
}

/// The URL schemes each type may fetch; anything else (file://, ftp://) is refused.
bool scheme_fits(SourceType type, const std::string& url) {
  switch (type) {
    case SourceType::imap:
      return url.starts_with("imap://") || url.starts_with("imaps://");
    case SourceType::pop3:
      return url.starts_with("pop3://") || url.starts_with("pop3s://");
    case SourceType::ics:
      if (url.starts_with("file://")) return true;
      [[fallthrough]];
    case SourceType::url:
      return url.starts_with("http://") || url.starts_with("https://");
    case SourceType::folder:
      break;
  }
  return false;
}

/// An ics source may name a local file, as a path (relative to the configuration) in `url` or
/// `path`, or as a file:// URL: `path` holds it then, and `url` its absolute file:// URL, which
/// names the source.
void local_calendar(SourceConfig& source, const std::string& base) {
  if (source.url.starts_with("file://")) {
    source.path = resolve_path(base, source.url.substr(std::string("file://").size()));
  } else if (!source.url.empty() && source.url.find("://") == std::string::npos) {
    source.path = resolve_path(base, source.url);
  } else if (!source.url.empty() || source.path.empty()) {
    source.path.clear();  // fetched over HTTP(S)
    return;
  }
  source.url = "file://" + source.path;
}

SourceConfig load_source(Poco::Util::AbstractConfiguration& json, const std::string& prefix,
                         const std::string& base, const std::string& where) {
  SourceConfig source;
  source.type = parse_type(json.getString(prefix + "type", ""), where);
  // A password in the JSON would end up in backups and version control: refuse it outright.
  if (json.has(prefix + "password")) {
    throw std::runtime_error(where +
                             ": 'password' is not read from the configuration; name a "
                             "'password_file' (readable only by its owner) or 'password_env'");
  }
  source.path = resolve_path(base, json.getString(prefix + "path", ""));
  source.url = json.getString(prefix + "url", "");
  source.user = json.getString(prefix + "user", "");
  source.password_file = resolve_path(base, json.getString(prefix + "password_file", ""));
  source.password_env = json.getString(prefix + "password_env", "");
  source.from = json.getString(prefix + "from", "");
  source.subject = json.getString(prefix + "subject", "");
  source.ca_file = resolve_path(base, json.getString(prefix + "ca_file", ""));
  source.tls_verify = json.getBool(prefix + "tls_verify", true);
  source.organizer = json.getString(prefix + "organizer", "");
  source.name = json.getString(prefix + "name", "");
  source.connect_timeout_seconds = json.getInt(prefix + "connect_timeout_seconds",
                                               static_cast<int>(source.connect_timeout_seconds));
  source.timeout_seconds =
      json.getInt(prefix + "timeout_seconds", static_cast<int>(source.timeout_seconds));
  if (source.type == SourceType::folder) {
    if (source.path.empty()) throw std::runtime_error(where + ": a folder source needs 'path'");
    return source;
  }
  if (source.type == SourceType::ics) local_calendar(source, base);
  if (!scheme_fits(source.type, source.url)) {
    throw std::runtime_error(where + ": url '" + source.url + "' does not fit type '" +
                             to_string(source.type) + "'");
  }
  if (source.connect_timeout_seconds < 1 || source.timeout_seconds < 1 ||
      source.connect_timeout_seconds > 3600 || source.timeout_seconds > 3600) {
    throw std::runtime_error(where + ": timeouts must be 1 to 3600 seconds");
  }
  return source;
}

}  // namespace

SourceConfig folder_source(const std::string& path) {
  SourceConfig source;
  source.path = path;
  return source;
}

const char* to_string(SourceType type) {
  switch (type) {
    case SourceType::folder:
      return "folder";
    case SourceType::imap:
      return "imap";
    case SourceType::pop3:
      return "pop3";
    case SourceType::url:
      return "url";
    case SourceType::ics:
      return "ics";
  }
  return "folder";
}

std::string SourceConfig::key() const {
  Sha1Engine engine;
  engine.update(type == SourceType::folder ? path : url + "\n" + user);
  return std::string(to_string(type)) + "-" +
         Poco::DigestEngine::digestToHex(engine.digest()).substr(0, 16);
}

std::string SourceConfig::label() const {
  std::string text = std::string(to_string(type)) + " " + (type == SourceType::folder ? path : url);
  if (!user.empty()) text += " (" + user + ")";
  return text;
}

std::vector<SourceConfig> load_sources(Poco::Util::AbstractConfiguration& json,
                                       const std::string& base, const std::string& file) {
  std::vector<SourceConfig> sources;
  // The old `inbox` key is one folder source, read before the others.
  if (json.has("sources[0]") && json.has("inbox"))
    sources.push_back(folder_source(resolve_path(base, json.getString("inbox"))));
  for (int i = 0; json.has("sources[" + std::to_string(i) + "]"); ++i) {
    const std::string prefix = "sources[" + std::to_string(i) + "].";
    sources.push_back(load_source(
        json, prefix, base, "configuration '" + file + "': sources[" + std::to_string(i) + "]"));
  }
  return sources;
}

}  // namespace itkal

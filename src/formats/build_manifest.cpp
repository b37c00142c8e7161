#include "itkal/formats/build_manifest.hpp"

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <stdexcept>

#include "itkal/extract/issue_date.hpp"
#include "itkal/text/iso_date.hpp"
#include "itkal/text/json_writer.hpp"

namespace itkal {
namespace {

/// A feed file the server may open: relative, below the output folder, an .ics file.
bool is_safe_relative_file(const std::string& file) {
  if (file.empty() || file.front() == '/' || file.find('\\') != std::string::npos) return false;
  if (file.size() < 5 || file.compare(file.size() - 4, 4, ".ics") != 0) return false;
  std::size_t start = 0;
  while (start <= file.size()) {
    const std::size_t end = std::min(file.find('/', start), file.size());
    const std::string segment = file.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    for (const char c : segment) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
    }
    start = end + 1;
  }
  return true;
}

}  // namespace

std::string build_manifest_to_json(const BuildManifest& manifest) {
  JsonWriter json;
  json.begin_object();
  json.key("generation").value(manifest.generation);
  json.key("calendar_name").value(manifest.calendar_name);
  json.key("event_count").value(manifest.event_count);
  json.key("undated_count").value(manifest.undated_count);
  json.key("last_issue_date").value(manifest.last_issue_date);
  json.key("refresh_hours").value(manifest.refresh_hours);
  if (manifest.feed_window_start) {
    json.key("feed_window_start").value(iso_date(*manifest.feed_window_start));
  }
  json.key("feeds").begin_array();
  for (const ManifestFeed& feed : manifest.feeds) {
    json.begin_object();
    json.key("file").value(feed.file);
    json.key("name").value(feed.name);
    json.key("organizer");
    feed.organizer ? json.value(*feed.organizer) : json.null();
    json.key("event_count").value(feed.event_count);
    json.end_object();
  }
  json.end_array();
  json.key("sources").begin_array();
  for (const auto& source : manifest.sources) json.value(source);
  json.end_array();
  json.end_object();
  return json.str();
}

BuildManifest parse_build_manifest(std::string_view json, const std::string& origin) {
  BuildManifest manifest;
  try {
    Poco::JSON::Parser parser;
    const auto root = parser.parse(std::string(json)).extract<Poco::JSON::Object::Ptr>();
    if (!root) throw std::runtime_error("not a JSON object");
    manifest.generation = root->optValue<std::string>("generation", "");
    if (manifest.generation.empty()) throw std::runtime_error("no 'generation'");
    manifest.calendar_name = root->optValue<std::string>("calendar_name", "");
    manifest.event_count = root->optValue<std::size_t>("event_count", 0);
    manifest.refresh_hours = root->optValue<int>("refresh_hours", 12);
    manifest.undated_count = root->optValue<std::size_t>("undated_count", 0);
    if (root->has("last_issue_date") && !root->isNull("last_issue_date")) {
      manifest.last_issue_date = root->getValue<std::string>("last_issue_date");
    }
    if (root->has("feed_window_start")) {
      const std::string start = root->getValue<std::string>("feed_window_start");
      manifest.feed_window_start = parse_iso_day(start);
      if (!manifest.feed_window_start) {
        throw std::runtime_error("feed_window_start '" + start + "' is not a date");
      }
    }
    const auto feeds = root->getArray("feeds");
    if (!feeds) throw std::runtime_error("no 'feeds' list");
    for (unsigned i = 0; i < feeds->size(); ++i) {
      const auto object = feeds->getObject(i);
      if (!object) throw std::runtime_error("feed " + std::to_string(i + 1) + " is not an object");
      ManifestFeed feed;
      feed.file = object->optValue<std::string>("file", "");
      if (!is_safe_relative_file(feed.file)) {
        throw std::runtime_error("feed file '" + feed.file + "' is not an .ics file in the folder");
      }
      feed.name = object->optValue<std::string>("name", feed.file);
      if (object->has("organizer") && !object->isNull("organizer")) {
        feed.organizer = object->getValue<std::string>("organizer");
      }
      feed.event_count = object->optValue<std::size_t>("event_count", 0);
      manifest.feeds.push_back(std::move(feed));
    }
    if (const auto sources = root->getArray("sources")) {
      for (unsigned i = 0; i < sources->size(); ++i) {
        manifest.sources.push_back(sources->getElement<std::string>(i));
      }
    }
  } catch (const Poco::Exception& error) {
    throw std::runtime_error("cannot read '" + origin + "': " + error.displayText());
  } catch (const std::runtime_error& error) {
    throw std::runtime_error("cannot read '" + origin + "': " + error.what());
  }
  return manifest;
}

}  // namespace itkal

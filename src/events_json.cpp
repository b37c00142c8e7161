#include "itkal/events_json.hpp"

#include <Poco/JSON/Parser.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <stdexcept>

#include "itkal/extraction_json.hpp"
#include "itkal/json_writer.hpp"

namespace itkal {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string text_of(const Object::Ptr& object, const std::string& key) {
  if (!object->has(key) || object->isNull(key)) throw std::runtime_error("missing '" + key + "'");
  return object->getValue<std::string>(key);
}

std::optional<std::string> optional_text(const Object::Ptr& object, const std::string& key) {
  if (!object->has(key) || object->isNull(key)) return std::nullopt;
  return object->getValue<std::string>(key);
}

std::vector<std::string> texts_of(const Object::Ptr& object, const std::string& key) {
  std::vector<std::string> values;
  if (auto array = object->getArray(key)) {
    for (unsigned i = 0; i < array->size(); ++i)
      values.push_back(array->getElement<std::string>(i));
  }
  return values;
}

boost::gregorian::date date_of(const Object::Ptr& object, const std::string& key) {
  const std::string text = text_of(object, key);
  try {
    return boost::gregorian::from_simple_string(text);
  } catch (const std::exception&) {
    throw std::runtime_error("'" + key + "' is not a date: '" + text + "'");
  }
}

std::optional<TimeOfDay> time_of(const Object::Ptr& object, const std::string& key) {
  auto text = optional_text(object, key);
  if (!text) return std::nullopt;
  auto time = TimeOfDay::from_string(*text);
  if (!time) throw std::runtime_error("'" + key + "' is not a time: '" + *text + "'");
  return time;
}

std::vector<Occurrence> occurrences_of(const Object::Ptr& object) {
  std::vector<Occurrence> occurrences;
  if (auto array = object->getArray("occurrences")) {
    for (unsigned i = 0; i < array->size(); ++i) {
      auto item = array->getObject(i);
      if (!item) throw std::runtime_error("occurrence is not an object");
      Occurrence occurrence{date_of(item, "start_date"), date_of(item, "end_date"),
                            time_of(item, "start_time"), time_of(item, "end_time"),
                            item->optValue<bool>("daily_times", false)};
      occurrences.push_back(occurrence);
    }
  }
  return occurrences;
}

EntryStatus status_of(const Object::Ptr& object) {
  return object->optValue<std::string>("status", "confirmed") == "cancelled"
             ? EntryStatus::cancelled
             : EntryStatus::confirmed;
}

}  // namespace

std::string aggregation_to_json(const Aggregation& aggregation) {
  JsonWriter json;
  json.begin_object();
  json.key("events").begin_array();
  for (const Event& event : aggregation.events) {
    json.begin_object();
    json.key("id").value(event.id);
    json.key("dated").value(true);
    json.key("title").value(event.title);
    json.key("occurrences");
    write_occurrences_json(json, event.occurrences, true);
    json.key("location");
    write_optional_string(json, event.location);
    json.key("organizers");
    write_string_array(json, event.organizers);
    json.key("details");
    write_string_array(json, event.details);
    json.key("online").value(event.online);
    json.key("status").value(to_string(event.status));
    json.key("url");
    write_optional_string(json, event.url);
    json.key("sequence").value(event.sequence);
    json.key("first_seen").value(iso_date(event.first_seen));
    json.key("last_seen").value(iso_date(event.last_seen));
    json.key("last_modified").value(iso_date(event.last_modified));
    json.key("sources");
    write_string_array(json, event.sources);
    json.key("source_text").value(event.source_text);
    json.key("source_line").value(event.source_line);
    json.end_object();
  }
  json.end_array();
  json.key("undated").begin_array();
  for (std::size_t i = 0; i < aggregation.undated.size(); ++i) {
    const Entry& entry = aggregation.undated[i];
    json.begin_object();
    json.key("dated").value(false);
    json.key("title").value(entry.title);
    json.key("note").value(entry.notes.empty() ? std::string() : entry.notes.front());
    json.key("location");
    write_optional_string(json, entry.location);
    json.key("organizers");
    write_string_array(json, entry.organizers);
    json.key("details");
    write_string_array(json, entry.details);
    json.key("online").value(entry.online);
    json.key("status").value(to_string(entry.status));
    json.key("source").value(i < aggregation.undated_sources.size() ? aggregation.undated_sources[i]
                                                                    : "");
    json.key("source_text").value(entry.text);
    json.key("source_line").value(entry.line);
    json.end_object();
  }
  json.end_array();
  json.end_object();
  return json.str();
}

Aggregation aggregation_from_json(std::string_view text, const std::string& origin) {
  Aggregation aggregation;
  try {
    Poco::JSON::Parser parser;
    auto root = parser.parse(std::string(text)).extract<Object::Ptr>();
    if (auto events = root->getArray("events")) {
      for (unsigned i = 0; i < events->size(); ++i) {
        auto object = events->getObject(i);
        if (!object)
          throw std::runtime_error("event " + std::to_string(i + 1) + " is not an object");
        Event event;
        event.id = text_of(object, "id");
        event.title = text_of(object, "title");
        event.occurrences = occurrences_of(object);
        if (event.occurrences.empty())
          throw std::runtime_error("event '" + event.id + "' has no occurrence");
        event.location = optional_text(object, "location");
        event.organizers = texts_of(object, "organizers");
        event.details = texts_of(object, "details");
        event.online = object->optValue<bool>("online", false);
        event.status = status_of(object);
        event.url = optional_text(object, "url");
        event.sequence = object->optValue<int>("sequence", 0);
        event.first_seen = date_of(object, "first_seen");
        event.last_seen = date_of(object, "last_seen");
        event.last_modified = date_of(object, "last_modified");
        event.sources = texts_of(object, "sources");
        event.source_text = object->optValue<std::string>("source_text", "");
        event.source_line = object->optValue<unsigned>("source_line", 0);
        aggregation.events.push_back(std::move(event));
      }
    }
    if (auto undated = root->getArray("undated")) {
      for (unsigned i = 0; i < undated->size(); ++i) {
        auto object = undated->getObject(i);
        if (!object)
          throw std::runtime_error("undated entry " + std::to_string(i + 1) + " is not an object");
        Entry entry;
        entry.title = text_of(object, "title");
        if (auto note = optional_text(object, "note"); note && !note->empty())
          entry.notes.push_back(*note);
        entry.location = optional_text(object, "location");
        entry.organizers = texts_of(object, "organizers");
        entry.details = texts_of(object, "details");
        entry.online = object->optValue<bool>("online", false);
        entry.status = status_of(object);
        entry.text = object->optValue<std::string>("source_text", "");
        entry.line = object->optValue<unsigned>("source_line", 0);
        aggregation.undated.push_back(std::move(entry));
        aggregation.undated_sources.push_back(object->optValue<std::string>("source", ""));
      }
    }
  } catch (const Poco::Exception& error) {
    throw std::runtime_error("cannot read '" + origin + "': " + error.displayText());
  } catch (const std::runtime_error& error) {
    throw std::runtime_error("cannot read '" + origin + "': " + error.what());
  }
  return aggregation;
}

}  // namespace itkal

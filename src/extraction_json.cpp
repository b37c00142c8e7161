#include "itkal/extraction_json.hpp"

#include <cstdio>

namespace itkal {

std::string iso_date(const boost::gregorian::date& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", static_cast<int>(date.year()),
                static_cast<int>(date.month()), static_cast<int>(date.day()));
  return buffer;
}

namespace {

void optional_time(JsonWriter& json, const std::optional<TimeOfDay>& time) {
  if (time) {
    json.value(time->to_string());
  } else {
    json.null();
  }
}

void string_list(JsonWriter& json, const std::vector<std::string>& list) {
  json.begin_array();
  for (const auto& item : list) json.value(item);
  json.end_array();
}

}  // namespace

void write_entry_json(JsonWriter& json, const Entry& entry, bool with_line) {
  json.begin_object();
  if (with_line) json.key("line").value(entry.line);
  json.key("dated").value(entry.dated);
  json.key("occurrences").begin_array();
  for (const auto& occurrence : entry.occurrences) {
    json.begin_object();
    json.key("start_date").value(iso_date(occurrence.start_date));
    json.key("end_date").value(iso_date(occurrence.end_date));
    json.key("start_time");
    optional_time(json, occurrence.start_time);
    json.key("end_time");
    optional_time(json, occurrence.end_time);
    json.end_object();
  }
  json.end_array();
  json.key("location");
  if (entry.location) {
    json.value(*entry.location);
  } else {
    json.null();
  }
  json.key("title").value(entry.title);
  json.key("organizers");
  string_list(json, entry.organizers);
  json.key("details");
  string_list(json, entry.details);
  json.key("online").value(entry.online);
  json.key("status").value(to_string(entry.status));
  if (!entry.notes.empty()) {
    json.key("notes");
    string_list(json, entry.notes);
  }
  json.end_object();
}

std::string extraction_to_json(const Extraction& extraction) {
  JsonWriter json;
  json.begin_object();
  json.key("source").value(extraction.source);
  json.key("issue_date").value(iso_date(extraction.issue_date));
  json.key("section_heading_line").value(extraction.section_heading_line);
  json.key("entries").begin_array();
  for (const auto& entry : extraction.entries) write_entry_json(json, entry, true);
  json.end_array();
  json.key("warnings").begin_array();
  for (const auto& warning : extraction.warnings) {
    json.begin_object();
    json.key("line").value(warning.line);
    json.key("text").value(warning.text);
    json.key("message").value(warning.message);
    json.end_object();
  }
  json.end_array();
  json.end_object();
  return json.str();
}

}  // namespace itkal

#include "itkal/formats/extraction_json.hpp"

namespace itkal {

void write_string_array(JsonWriter& json, const std::vector<std::string>& values) {
  json.begin_array();
  for (const auto& value : values) json.value(value);
  json.end_array();
}

void write_optional_string(JsonWriter& json, const std::optional<std::string>& value) {
  if (value) {
    json.value(*value);
  } else {
    json.null();
  }
}

void write_occurrences_json(JsonWriter& json, const std::vector<Occurrence>& occurrences,
                            bool with_daily_times) {
  const auto time = [](const std::optional<TimeOfDay>& t) {
    return t ? std::optional<std::string>(t->to_string()) : std::nullopt;
  };
  json.begin_array();
  for (const auto& occurrence : occurrences) {
    json.begin_object();
    json.key("start_date").value(iso_date(occurrence.start_date));
    json.key("end_date").value(iso_date(occurrence.end_date));
    json.key("start_time");
    write_optional_string(json, time(occurrence.start_time));
    json.key("end_time");
    write_optional_string(json, time(occurrence.end_time));
    if (with_daily_times) json.key("daily_times").value(occurrence.daily_times);
    json.end_object();
  }
  json.end_array();
}

void write_entry_json(JsonWriter& json, const Entry& entry, bool with_line) {
  json.begin_object();
  if (with_line) json.key("line").value(entry.line);
  json.key("dated").value(entry.dated);
  json.key("occurrences");
  write_occurrences_json(json, entry.occurrences, false);
  json.key("location");
  write_optional_string(json, entry.location);
  json.key("title").value(entry.title);
  json.key("organizers");
  write_string_array(json, entry.organizers);
  json.key("details");
  write_string_array(json, entry.details);
  json.key("online").value(entry.online);
  json.key("status").value(to_string(entry.status));
  // Only when the entry has a link, so that the documents of entries without one keep their
  // bytes.
  if (entry.url) json.key("url").value(*entry.url);
  if (!entry.notes.empty()) {
    json.key("notes");
    write_string_array(json, entry.notes);
  }
  json.end_object();
}

namespace {

/// The document up to the opening of `entries`.
void write_head(JsonWriter& json, const Extraction& extraction) {
  json.begin_object();
  json.key("source").value(extraction.source);
  json.key("issue_date").value(iso_date(extraction.issue_date));
  json.key("issue_date_source").value(to_string(extraction.issue_date_source));
  json.key("section_heading_line").value(extraction.section_heading_line);
  json.key("entries").begin_array();
}

/// The end of `entries`, the warnings and the end of the document.
void write_tail(JsonWriter& json, const std::vector<Warning>& warnings) {
  json.end_array();
  json.key("warnings").begin_array();
  for (const auto& warning : warnings) {
    json.begin_object();
    json.key("line").value(warning.line);
    json.key("text").value(warning.text);
    json.key("message").value(warning.message);
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

/// A stream is written in pieces of about this size: few writes, and a piece stays in the cache.
constexpr std::size_t kJsonPieceBytes = 64 * 1024;

}  // namespace

std::string extraction_to_json(const Extraction& extraction) {
  JsonWriter json;
  json.reserve(512 * (extraction.entries.size() + extraction.warnings.size() + 1));  // ~440 each
  write_head(json, extraction);
  for (const auto& entry : extraction.entries) write_entry_json(json, entry, true);
  write_tail(json, extraction.warnings);
  return json.str();
}

void ExtractionJsonStream::begin(const Extraction& head) {
  json_.reserve(kJsonPieceBytes + 4096);
  write_head(json_, head);
}

void ExtractionJsonStream::entry(Entry&& entry) {
  write_entry_json(json_, entry, true);
  if (json_.pending() >= kJsonPieceBytes) json_.drain_to(out_);
}

void ExtractionJsonStream::finish(const std::vector<Warning>& warnings) {
  write_tail(json_, warnings);
  json_.drain_to(out_);
  out_ << '\n';
  out_.flush();
}

}  // namespace itkal

#include "itkal/formats/extraction_json.hpp"

#include "itkal/formats/entry_json.hpp"
#include "itkal/text/iso_date.hpp"

namespace itkal {

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

/// The entries of one part of the calendar, as the stream writes them.
class ExtractionJsonPart : public ExtractionSink {
 public:
  void begin(const Extraction&) override {}
  void entry(Entry&& entry) override {
    write_entry_json(json, EntryJsonValues::of(entry), kExtractEntryFields);
  }
  /// Inside the document and its `entries`.
  JsonWriter json = JsonWriter::part_at_depth(2);
};

/// A stream is written in pieces of about this size: few writes, and a piece stays in the cache.
constexpr std::size_t kJsonPieceBytes = 64 * 1024;

}  // namespace

std::string extraction_to_json(const Extraction& extraction) {
  JsonWriter json;
  json.reserve(512 * (extraction.entries.size() + extraction.warnings.size() + 1));  // ~440 each
  write_head(json, extraction);
  for (const auto& entry : extraction.entries)
    write_entry_json(json, EntryJsonValues::of(entry), kExtractEntryFields);
  write_tail(json, extraction.warnings);
  return json.str();
}

void ExtractionJsonStream::begin(const Extraction& head) {
  json_.reserve(kJsonPieceBytes + 4096);
  write_head(json_, head);
}

void ExtractionJsonStream::entry(Entry&& entry) {
  write_entry_json(json_, EntryJsonValues::of(entry), kExtractEntryFields);
  if (json_.pending() >= kJsonPieceBytes) json_.drain_to(out_);
}

std::unique_ptr<ExtractionSink> ExtractionJsonStream::part() {
  return std::make_unique<ExtractionJsonPart>();
}

void ExtractionJsonStream::join(ExtractionSink& part) {
  json_.drain_with_part_to(dynamic_cast<ExtractionJsonPart&>(part).json, out_);
}

void ExtractionJsonStream::finish(const std::vector<Warning>& warnings) {
  write_tail(json_, warnings);
  json_.drain_to(out_);
  out_ << '\n';
  out_.flush();
}

}  // namespace itkal

#pragma once

#include <ostream>
#include <string>

#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/text/iso_date.hpp"
#include "itkal/text/json_writer.hpp"

namespace itkal {

/// A JSON array of strings.
void write_string_array(JsonWriter& json, const std::vector<std::string>& values);
/// The string, or null.
void write_optional_string(JsonWriter& json, const std::optional<std::string>& value);
/// The occurrences as {start_date, end_date, start_time, end_time[, daily_times]} objects.
void write_occurrences_json(JsonWriter& json, const std::vector<Occurrence>& occurrences,
                            bool with_daily_times);

/// Writes one entry in the schema of shared/newsletters/expected/*.json.
void write_entry_json(JsonWriter& json, const Entry& entry, bool with_line);

/// `itkal extract --json`: source, issue_date, issue_date_source (option, masthead,
/// mail_header, file_name), section_heading_line, entries[], warnings[].
std::string extraction_to_json(const Extraction& extraction);

/// extraction_to_json written to a stream while the calendar is read (stream_calendar): the head
/// when it is known, each entry as it comes, the warnings at the end; the bytes are the same.
class ExtractionJsonStream : public ExtractionSink {
 public:
  explicit ExtractionJsonStream(std::ostream& out) : out_(out) {}
  void begin(const Extraction& head) override;
  void entry(Entry&& entry) override;
  /// The warnings and the end of the document; flushes.
  void finish(const std::vector<Warning>& warnings);

 private:
  std::ostream& out_;
  JsonWriter json_;
};

}  // namespace itkal

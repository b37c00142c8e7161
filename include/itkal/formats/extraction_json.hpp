#pragma once

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

}  // namespace itkal

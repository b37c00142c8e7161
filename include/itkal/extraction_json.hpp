#pragma once

#include <string>

#include "itkal/calendar_extractor.hpp"
#include "itkal/json_writer.hpp"

namespace itkal {

/// "YYYY-MM-DD".
std::string iso_date(const boost::gregorian::date& date);

/// Writes one entry in the schema of shared/newsletters/expected/*.json.
void write_entry_json(JsonWriter& json, const Entry& entry, bool with_line);

/// `itkal extract --json`: source, issue_date, section_heading_line, entries[], warnings[].
std::string extraction_to_json(const Extraction& extraction);

}  // namespace itkal

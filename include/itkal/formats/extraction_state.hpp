#pragma once

#include <optional>
#include <string>

#include "itkal/extract/calendar_extractor.hpp"

namespace itkal {

/// The last good reading of one source, kept in `output/.state/<source>.json` so that a build
/// with --keep-going can stand in a source that fails today with what it said before. Unlike
/// `extract --json` (the schema of the expected files), it keeps every entry field the
/// aggregation uses (text, URL, notes, daily times), so a reading read back aggregates exactly as
/// the reading that was written.
std::string extraction_to_state(const Extraction& extraction);

/// The reading written by extraction_to_state; nullopt for empty or damaged text (a damaged state
/// file is as good as none: the source counts as never read). Warnings are not kept.
std::optional<Extraction> extraction_from_state(const std::string& text);

}  // namespace itkal

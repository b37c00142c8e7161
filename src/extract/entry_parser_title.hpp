#pragma once

// Internal to the entry parser (src/entry_parser*.cpp): tidying a title and what its words say.

#include <string>
#include <string_view>

#include "itkal/model/organizer_directory.hpp"

namespace itkal::entry_detail {

/// The organizer a title names by its prefix: "AKDB-Techniktage: …", "KISA-Digitaltag".
const std::string* title_prefix_organizer(const std::string& title,
                                          const OrganizerDirectory& directory);

/// A whole segment in quotation marks: "…", „…“, »…«.
bool is_quoted(std::string_view text);

/// Leftovers of a plain title once dates and times are taken out: leading separators
/// (". GRENZLAND-WANDERUNG"), trailing connectors ("… 1. Termin und"), footnote stars
/// ("Elternsprechtag*"), and parentheses around the whole title ("(Tag nach Fronleichnam)").
void tidy_plain_title(std::string& title);

/// "Tanz in den Mai." reads as a sentence; a calendar title has no final period. Abbreviations
/// ("e.V.", "Str.") keep theirs.
void strip_sentence_period(std::string& title);

}  // namespace itkal::entry_detail

#pragma once

// Internal to the entry parser (src/entry_parser*.cpp) and the prose reader: the words that make
// a date a deadline ("Anmeldung bis 5.2.", "bis zum 19.06.2017 einreichen") or the day an event
// was moved from, not an event or the end of one. Both lists live here, so that a word added to one
// is weighed for the other.

#include <cstddef>
#include <string_view>

namespace itkal::entry_detail {

/// In running prose: the date at text[begin] comes right after "bis (zum|zur)" or
/// "spätestens". A span in prose is one date expression ("vom 20. bis 23. Juni"), so a "bis"
/// left before a date is a deadline's.
bool follows_deadline_word(std::string_view text, std::size_t begin);

/// In running prose: the date at text[begin] comes right after "verschoben (vom)" or "verlegt
/// (vom)": the day an event was moved from, not its day.
bool follows_moved_from_word(std::string_view text, std::size_t begin);

/// In a calendar entry, whose title may end in a span's end ("Fachtagung in Kassel bis 5.2."):
/// the words before that "bis" ("Anmeldung", "Frist", "spätestens") make the date a deadline.
bool names_deadline(std::string_view before);

/// Any of the words names a deadline ("Anmeldeschluss für Standplätze", "Anträge einreichen").
bool mentions_deadline(std::string_view words);

/// In a calendar entry: the words before its first date are a deadline's and nothing else
/// ("bis 11.11.2024: Anmeldung …", "spätestens bis zum 3.5.:"): a day by which something is
/// due, not the day of an event, and not the end of the entry above it.
bool is_deadline_lead(std::string_view lead);

}  // namespace itkal::entry_detail

#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "itkal/extract/entry_parser.hpp"

namespace itkal {

/// Several entries written on one line, as school plans do: "03.09. Elternabend 1. Klassen
/// 19:00 Uhr 10.09. Schulfest 14.09. – 18.09. Projektwoche" is three entries. The line (markup
/// allowed, spaces collapsed) is cut before a numeric day ("10.09.") that follows a capitalised
/// word ("Uhr", "Schulfest"), never after a word that ties the date to what stands before ("bis",
/// "vom", "Fr.", "Termine:"), and only where the piece before it reads as a dated entry with a
/// title. A weekday with a date ("SONNTAG, 14. JUNI") after a capitalised word begins a new
/// day too; and when a bare date is followed by its time ("SAMSTAG, 13. JUNI 15.00 Uhr
/// Kinderfest 19.30 Uhr Konzert"), a later time after a capitalised word begins another item of
/// that day, its date words put before it. Returns the pieces in order; none when it holds one
/// entry (most lines: no copy of the line is made then).
std::vector<std::string> split_entries_on_line(std::string_view line, const EntryParser& parser,
                                               std::size_t line_number);

}  // namespace itkal

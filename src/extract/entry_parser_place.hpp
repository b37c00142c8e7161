#pragma once

// Internal to the entry parser (src/entry_parser*.cpp): whether words name a place, and taking a
// place out of a plain title.

#include <optional>
#include <string>
#include <string_view>

namespace itkal::entry_detail {

/// A street or a postcode: certainly a place, never a title.
bool looks_like_address(std::string_view text);

/// A building word ("Rathaus", "Stadthalle", "Schule") somewhere, or a postcode.
bool looks_like_place(std::string_view text);

/// The first word names a building ("Bürgerhaus Mitte", "Rathaus, Ratssaal") or the text is an
/// address; "Ausschuss für Schule und Kultur" is a title that merely mentions one.
bool starts_like_place(std::string_view text);

/// "Märchen-Lesung im Literaturmuseum": a place named at the end of a plain title moves to the
/// location. Only phrases that name a building or address count, so "KI im öffentlichen
/// Sektor" keeps its words.
std::optional<std::string> take_trailing_place(std::string& title);

/// "Stadtratssitzung - Rathaus": the last part after a spaced dash names a building or address.
std::optional<std::string> take_dashed_place(std::string& title);

}  // namespace itkal::entry_detail

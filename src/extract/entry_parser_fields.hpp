#pragma once

// Internal to the entry parser (src/entry_parser*.cpp): what the segments after a title say —
// organizers, details, a URL, a place, "online", and whether the entry is cancelled.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "itkal/model/organizer_directory.hpp"

namespace itkal::entry_detail {

/// "online", "Webinar", "(digital)": the event takes place online.
bool is_online_marker(std::string_view text);

/// "ganztags", "ganztägig": the event lasts all day, which an entry without times says already.
bool is_all_day_marker(std::string_view text);

/// "abgesagt", "entfällt", "findet nicht statt".
bool is_cancelled_phrase(std::string_view text);

/// Fields gathered from the segments after the title.
struct Trailing {
  std::vector<std::string> organizers;
  std::vector<std::string> details;
  std::optional<std::string> location;
  std::optional<std::string> url;
  bool cancelled = false;
  bool online = false;
};

/// Title and trailing fields of the text after the head.
struct Tail {
  std::string title;
  Trailing trailing;
};

/// Takes a " – abgesagt" suffix off; true when there was one.
bool strip_status_suffix(std::string_view& segment);

/// Takes trailing "(…)" notes off; `always` takes any, otherwise only detail-like ones
/// ("(verschoben vom 25.6.)"), so that "Public-IT-Security (PITS)" keeps its parenthesis.
void strip_parentheticals(std::string_view& segment, bool always, Trailing& trailing);

/// Applies one trailing segment; false (and `trailing` untouched) when it is unknown and
/// `unknown_is_organizer` is off.
bool apply_segment(std::string_view segment, bool unknown_is_organizer, bool parenthesis_always,
                   const OrganizerDirectory& directory, Trailing& trailing);

/// "ABGESAGT: Sommerfest" / "Entfällt! Sommerfest" / "fällt aus, Feiertag": cancelled, prefix
/// removed.
bool strip_cancelled_prefix(std::string& title);

/// "Andrea Berg abgesagt", "… am 18. März, entfällt.": a status at the end of a plain title.
bool strip_trailing_status(std::string& title, Trailing& trailing);

}  // namespace itkal::entry_detail

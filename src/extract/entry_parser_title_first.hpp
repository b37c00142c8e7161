#pragma once

// Internal to the entry parser (src/entry_parser*.cpp): entries whose title comes before the
// date ("Zwischenzeugnis 17.02.2027", "Sitzung des Stadtrates am: 05.12.2026, Rathaus").

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "entry_parser_fields.hpp"
#include "itkal/extract/date_expression_parser.hpp"
#include "itkal/model/organizer_directory.hpp"

namespace itkal::entry_detail {

/// How far into a line a title-first date is looked for.
constexpr std::size_t kMaxLeadBytes = 240;

/// A date expression found after the start of a line: where it begins and ends, and what it said.
struct LaterDate {
  std::size_t first = 0;
  std::size_t second = 0;
  DateParse parse;
};

/// The first date expression after `from` that starts at a word ("Zwischenzeugnis 17.02.2023",
/// "Herbst 2026 | Mittwoch, 17. September 2025").
std::optional<LaterDate> find_later_date(std::string_view plain, std::size_t from,
                                         const DateExpressionParser& dates);

/// True when another date stands after `from` (prose that names an old and a new date).
/// Where a date stamp that closes the line after `from` begins ("… 23.12.-6.1. Stand
/// 01.08.2024"): the page's date, neither a second date of the entry nor a part of it.
std::optional<std::size_t> closing_date_stamp(std::string_view plain, std::size_t from,
                                              const DateExpressionParser& dates);

bool has_second_date(std::string_view plain, std::size_t from, const DateExpressionParser& dates);

/// "April/Mai 2026", "Juni": a lead that names months (and years, joined by "/") only, a label
/// of the plan that the date is the first thing of an entry under.
bool is_period_label(std::string_view lead);

/// The text before a title-first date, without table cells that only name a weekday, a year or
/// a season, and without trailing labels ("am", "Datum:", "Wann?") and separators.
std::string clean_lead(std::string_view lead);

/// "Frühest möglicher Termin", "steht noch nicht fest": the date is a bound, not the event's.
bool names_uncertain_date(std::string_view lead);

/// After a title-first date: separated segments give the place, organizers and details; text
/// that follows the date directly is the title ("Kreisausschuss 05.12.2022 Nichtöffentliche
/// Sitzung des Kreisausschusses").
Tail read_after_lead(std::string_view plain, std::size_t date_end, std::size_t from,
                     const OrganizerDirectory& directory);

}  // namespace itkal::entry_detail

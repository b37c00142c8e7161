#pragma once

// Internal to the calendar reader (src/extract/calendar_section.cpp): a line that names only the
// year, or the school year, of the dates below it ("2026", "Jahrestermine 2023", "Kita-Jahr
// 2025/2026"), as plans for parents and clubs write them above blocks of dates without a year.

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <optional>
#include <string_view>

namespace itkal::extract_detail {

/// The first day of the year a heading names: 1 January of "2026", 1 August of the school year
/// "2025/26" (so that August to December fall in 2025, January to July in 2026). nullopt for
/// any other line: one with a day, a month ("Mai 2026"), a time, more numbers or many words.
/// `shown` is the line's visible text, spaces collapsed.
std::optional<boost::gregorian::date> year_heading_start(std::string_view shown);

}  // namespace itkal::extract_detail

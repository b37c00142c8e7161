#pragma once

// Internal to the date grammar (src/extract/date_expression_parser.cpp): the named days of the
// church and civil year ("Pfingstmontag", "Buß- und Bettag") written before a date, which the
// date must agree with.

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstdint>
#include <string_view>

#include "itkal/text/text_scanner.hpp"

namespace itkal::date_detail {

/// An index into the table of named days; 0 for none.
using NamedDay = std::uint8_t;

/// Reads a named day at the scanner ("Pfingstmontag", "Christi Himmelfahrt", "Buß- und
/// Bettag"); 0 (scanner unchanged) when there is none.
NamedDay parse_named_day(TextScanner& scanner);

/// The day a named day falls on in `year`.
boost::gregorian::date named_day_date(NamedDay day, int year);

/// How the named day is written in messages ("Pfingstmontag").
std::string_view named_day_display(NamedDay day);

}  // namespace itkal::date_detail

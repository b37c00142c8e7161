#pragma once

// Internal to the extract stage: the weekday a sentence names, and whether it states a weekly
// rule ("jeden 1. und 3. Freitag im Monat", "immer dienstags"), which the calendar reader and the
// prose reader both check dates against before giving them the rule's time.

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <string_view>

namespace itkal::extract_detail {

/// The ISO weekday (1 = Monday) that `words` name ("Freitag", "sonntags"); 0 when they name
/// none or more than one.
int weekday_named_in(std::string_view words);

/// The weekday of a weekly rule in `words` ("jeden ersten Dienstag im Monat", "jeweils
/// freitags", "immer montags"): weekday_named_in when the words hold a rule word; 0 otherwise.
int weekly_rule_weekday(std::string_view words);

/// The ISO weekday (1 = Monday … 7 = Sunday) of `day`, as the two functions above number them.
inline int iso_weekday(boost::gregorian::date day) {
  return (day.day_of_week().as_number() + 6) % 7 + 1;
}

}  // namespace itkal::extract_detail

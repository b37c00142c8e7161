#pragma once

#include <algorithm>
#include <vector>

#include "itkal/model/entry.hpp"

namespace itkal::extract_detail {

/// Every occurrence is one day, all day (`all_day`) or with a time (otherwise). Both ways of
/// telling one event twice (a paragraph below its title line, a teaser above its body) match
/// only such entries: a span or a mix of forms is no retelling a reader would recognise.
inline bool all_single_days(const std::vector<Occurrence>& occurrences, bool all_day) {
  return !occurrences.empty() &&
         std::all_of(occurrences.begin(), occurrences.end(), [&](const Occurrence& occurrence) {
           return occurrence.start_date == occurrence.end_date && occurrence.all_day() == all_day;
         });
}

}  // namespace itkal::extract_detail

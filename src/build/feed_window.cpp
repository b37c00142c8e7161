#include "itkal/build/feed_window.hpp"

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>

namespace itkal {

FeedWindow FeedWindow::of(boost::gregorian::date today, int past_days) {
  if (past_days <= 0) return {};
  return {today - boost::gregorian::days(past_days)};
}

bool FeedWindow::keeps(const Event& event) const {
  if (!start || event.occurrences.empty()) return true;
  return std::any_of(
      event.occurrences.begin(), event.occurrences.end(),
      [this](const Occurrence& occurrence) { return occurrence.end_date >= *start; });
}

std::vector<Event> FeedWindow::apply(const std::vector<Event>& events) const {
  std::vector<Event> kept;
  kept.reserve(events.size());
  std::copy_if(events.begin(), events.end(), std::back_inserter(kept),
               [this](const Event& event) { return keeps(event); });
  return kept;
}

}  // namespace itkal

#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <optional>
#include <vector>

#include "itkal/model/event.hpp"

namespace itkal {

/// Which past events the .ics feeds still carry. A feed that keeps every past event grows
/// without end and passes the ~1 MB / 1,000 events at which Google Calendar stops reading it;
/// events.json and the build state keep everything, so a dropped event never comes back with a
/// new UID.
struct FeedWindow {
  /// The first day an event must still reach; nullopt keeps everything.
  std::optional<boost::gregorian::date> start;

  /// The window of `past_days` before `today` (the build day); 0 days keeps everything.
  static FeedWindow of(boost::gregorian::date today, int past_days);

  /// True when the event's last occurrence ends on or after `start`: an event with one date in
  /// the window keeps all its dates.
  [[nodiscard]] bool keeps(const Event& event) const;

  /// The events the window keeps, in their order.
  [[nodiscard]] std::vector<Event> apply(const std::vector<Event>& events) const;
};

}  // namespace itkal

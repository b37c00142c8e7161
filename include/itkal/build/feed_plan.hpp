#pragma once

#include <string>
#include <vector>

#include "itkal/ical/feed_filter.hpp"
#include "itkal/model/event.hpp"
#include "itkal/model/organizer_directory.hpp"

namespace itkal {

/// One feed to write: its calendar name, its file name without ".ics", and its events.
struct FeedSpec {
  std::string name;  ///< X-WR-CALNAME: "VITAKO IT-Kalender – KDO"
  std::string slug;  ///< lower-case letters, digits and '-': "kdo" → kdo.ics
  FeedFilter filter;
  bool operator==(const FeedSpec&) const = default;
};

/// What feeds to plan besides the one with every event.
struct FeedPlanOptions {
  std::string name = "VITAKO IT-Kalender";  ///< the all-feed's name; prefix of the others
  std::string all_slug = "all";
  bool per_organizer = true;    ///< one feed per organizer that has events
  std::vector<FeedSpec> named;  ///< from the configuration; an empty slug is made from the name
};

/// The feeds to write and the problems met while planning them.
struct FeedPlan {
  std::vector<FeedSpec> feeds;        ///< all first, then organizers by slug, then named ones
  std::vector<std::string> warnings;  ///< "feed 'x': slug 'kdo' is taken by …; skipped"
};

/// True for a slug that is safe as a file name and URL segment: [a-z0-9]+ joined by single '-'.
bool is_valid_slug(const std::string& slug);

/// Plans the feeds for a set of events: everything, one per organizer (canonical names through
/// the directory's aliases, file names by slugify), and the named ones. A named feed takes the
/// slug of an organizer feed (that one is dropped with a warning: the operator chose it);
/// a named feed whose slug is invalid or already taken by the all-feed or an earlier named
/// feed is skipped with a warning. The same events give the same plan.
FeedPlan plan_feeds(const std::vector<Event>& events, const OrganizerDirectory& directory,
                    const FeedPlanOptions& options = {});

}  // namespace itkal

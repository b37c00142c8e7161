#pragma once

#include <memory>
#include <string>

#include "itkal/aggregate/aggregator.hpp"
#include "itkal/config/config.hpp"
#include "itkal/ical/feed_filter.hpp"
#include "itkal/ical/ical_writer.hpp"
#include "itkal/serve/feed_store.hpp"
#include "itkal/serve/http_resource.hpp"

namespace itkal {

/// A feed the server filters on request (/calendar.ics?organizer=…, /events.json?…).
enum class FilteredForm { ics, json };

/// A cache key that is the same for every query that selects the same events: organizers by
/// their folded canonical names, in order and without repeats; texts folded as FeedMatcher
/// compares them.
std::string normalized_filter_key(const FeedFilter& filter, const FeedSnapshot& snapshot);

/// "VITAKO IT-Kalender – KDO" for organizer filters (the name of the build's organizer feed),
/// "VITAKO IT-Kalender – Auswahl" for any other filter.
std::string filtered_feed_name(const FeedFilter& filter, const FeedSnapshot& snapshot,
                               const Config& config);

/// The calendar options of a feed named `name`, from the configuration.
FeedOptions feed_options(const Config& config, std::string name);

/// Events and undated entries that pass the filter; an event keeps only the occurrences in the
/// date range, as the .ics has only their VEVENTs. Undated entries are tested on everything but
/// the dates (they have none) and stay marked "dated": false.
Aggregation filter_aggregation(const Aggregation& all, const FeedMatcher& matcher);

/// Renders the filtered feed in `form`, dated when the snapshot was published. Not cached here:
/// the caller keeps it in the snapshot's render cache under normalized_filter_key.
std::shared_ptr<const HttpResource> render_filtered(const FeedSnapshot& snapshot,
                                                    const FeedFilter& filter, const Config& config,
                                                    FilteredForm form);

}  // namespace itkal

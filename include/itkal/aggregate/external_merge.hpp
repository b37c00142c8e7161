#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "itkal/aggregate/aggregator.hpp"
#include "itkal/model/event.hpp"

namespace itkal {

/// What identities and versions of external events are decided against.
struct ExternalMergeState {
  /// The build day: the first_seen of an external event no earlier build has published.
  boost::gregorian::date today;
  /// The previous build's events (events.json) by id; empty on the first build.
  std::map<std::string, const Event*> previous;
};

/// Adds the events of external calendars (ics_feed_reader.hpp) to the newsletter events.
///
/// An external event and a newsletter event are one event when the newsletter event has a single
/// occurrence on the same day(s) and either their titles match as in aggregation (titles_match) or
/// both carry the same URL. Each newsletter event merges with at most one external event (the
/// first in start and id order). The merged event takes the external feed's title, times, place,
/// URL and description; the newsletter's organizers, details and entry text stay (the text as a
/// detail "Im Rundbrief: …"); it is cancelled when either says so.
///
/// Its id is the one seen first: the id the previous build published when only one of the two
/// was published; otherwise the one with the earlier first_seen (a newsletter event's is its
/// first issue's date, an external event's the build day it was first published on, kept in
/// events.json), the newsletter's on a tie. Either rule keeps an id once it is published.
///
/// Returns the ids of every event that holds an external event (see version_external_events).
std::set<std::string> merge_external_events(Aggregation& aggregation, std::vector<Event> external,
                                            const ExternalMergeState& state);

/// Gives the events with the listed ids their SEQUENCE and LAST-MODIFIED from the previous
/// build, so that an external calendar, which need not raise its own SEQUENCE, still reaches the
/// clients: unchanged content keeps both; changed content (what subscribers see) raises SEQUENCE
/// above the previous build's and dates the change on the build day. Call it after corrections.
void version_external_events(std::vector<Event>& events, const std::set<std::string>& ids,
                             const ExternalMergeState& state);

}  // namespace itkal

#pragma once

#include <string>
#include <vector>

#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/model/event.hpp"

namespace itkal {

/// The result of aggregating issues: dated events, plus the undated entries of the latest
/// issue that lists each (they are not VEVENTs but belong in events.json).
struct Aggregation {
  std::vector<Event> events;                 ///< ordered by first start date, then id
  std::vector<Entry> undated;                ///< latest version of each undated entry
  std::vector<std::string> undated_sources;  ///< source file of each undated entry
};

/// The order of Aggregation::events: first start day, then its start time (all-day first),
/// then id. Both events need an occurrence.
bool event_order(const Event& a, const Event& b);

/// True when two titles name the same event as aggregation matches them: equal after folding,
/// or the same numbers ("2. Workshop") and at least three quarters of their words shared.
bool titles_match(const std::string& a, const std::string& b);

/// Merges the extractions of many issues into one set of events. Issues are applied in
/// issue-date order (ties by source name), whatever order they are given in; a later issue's
/// version of an event wins; an event keeps its id for its whole life.
Aggregation aggregate(const std::vector<Extraction>& issues);

}  // namespace itkal

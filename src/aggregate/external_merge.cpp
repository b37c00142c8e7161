#include "itkal/aggregate/external_merge.hpp"

#include <algorithm>

namespace itkal {
namespace greg = boost::gregorian;

namespace {

/// "https://www.kdo.de/termine/" and "http://www.kdo.de/termine" are one page.
std::string comparable_url(std::string url) {
  for (const char* scheme : {"https://", "http://"}) {
    if (url.starts_with(scheme)) url.erase(0, std::string(scheme).size());
  }
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

bool same_days(const Event& newsletter, const Event& external) {
  if (newsletter.occurrences.size() != 1 || external.occurrences.empty()) return false;
  const Occurrence& a = newsletter.occurrences.front();
  const Occurrence& b = external.occurrences.front();
  return a.start_date == b.start_date && a.end_date == b.end_date;
}

bool same_event(const Event& newsletter, const Event& external) {
  if (!same_days(newsletter, external)) return false;
  if (titles_match(newsletter.title, external.title)) return true;
  return newsletter.url && external.url &&
         comparable_url(*newsletter.url) == comparable_url(*external.url);
}

/// What subscribers see of an event; a change in it must raise SEQUENCE.
bool same_content(const Event& a, const Event& b) {
  return a.title == b.title && a.occurrences == b.occurrences && a.location == b.location &&
         a.organizers == b.organizers && a.details == b.details && a.online == b.online &&
         a.status == b.status && a.url == b.url && a.source_text == b.source_text;
}

const Event* previous_of(const ExternalMergeState& state, const std::string& id) {
  const auto found = state.previous.find(id);
  return found == state.previous.end() ? nullptr : found->second;
}

Event merged_event(const Event& newsletter, Event external, const ExternalMergeState& state) {
  const greg::date external_first = external.first_seen;
  const bool newsletter_published = previous_of(state, newsletter.id) != nullptr;
  const bool external_published = previous_of(state, external.id) != nullptr;
  const bool keep_external = newsletter_published != external_published
                                 ? external_published
                                 : external_first < newsletter.first_seen;
  Event merged = std::move(external);
  if (!keep_external) merged.id = newsletter.id;
  if (!merged.location) merged.location = newsletter.location;
  if (!merged.url) merged.url = newsletter.url;
  merged.online = newsletter.online;
  if (newsletter.status == EntryStatus::cancelled) merged.status = EntryStatus::cancelled;
  std::vector<std::string> organizers = newsletter.organizers;
  for (const auto& organizer : merged.organizers) {
    if (std::find(organizers.begin(), organizers.end(), organizer) == organizers.end())
      organizers.push_back(organizer);
  }
  merged.organizers = std::move(organizers);
  merged.details = newsletter.details;
  if (!newsletter.source_text.empty())
    merged.details.push_back("Im Rundbrief: " + newsletter.source_text);
  std::vector<std::string> sources = newsletter.sources;
  sources.insert(sources.end(), merged.sources.begin(), merged.sources.end());
  merged.sources = std::move(sources);
  merged.sequence = std::max(merged.sequence, newsletter.sequence);
  merged.first_seen = std::min(newsletter.first_seen, external_first);
  // An external event not yet published has the build day as its date: it must not date a
  // newsletter event that keeps its id, or that event would change every day.
  merged.last_modified =
      keep_external ? std::max(newsletter.last_modified, external_first) : newsletter.last_modified;
  merged.last_seen =
      keep_external ? std::max(newsletter.last_seen, external_first) : newsletter.last_seen;
  return merged;
}

}  // namespace

std::set<std::string> merge_external_events(Aggregation& aggregation, std::vector<Event> external,
                                            const ExternalMergeState& state) {
  // Without external events the aggregation stays where it is, in event order, instead of being
  // moved into a new vector and sorted again (65,000 events are tens of megabytes).
  if (external.empty()) {
    auto& events = aggregation.events;
    if (!std::is_sorted(events.begin(), events.end(), event_order)) {
      std::sort(events.begin(), events.end(), event_order);
    }
    return {};
  }
  std::sort(external.begin(), external.end(), event_order);
  std::vector<bool> taken(aggregation.events.size(), false);
  std::vector<Event> added;
  for (Event& event : external) {
    const Event* before = previous_of(state, event.id);
    event.first_seen = before ? before->first_seen : state.today;
    event.last_modified = event.last_seen = event.first_seen;
    std::optional<std::size_t> match;
    for (std::size_t i = 0; i < aggregation.events.size() && !match; ++i) {
      if (!taken[i] && same_event(aggregation.events[i], event)) match = i;
    }
    if (!match) {
      added.push_back(std::move(event));
      continue;
    }
    taken[*match] = true;
    added.push_back(merged_event(aggregation.events[*match], std::move(event), state));
  }
  std::vector<Event> events;
  events.reserve(aggregation.events.size() + added.size());
  for (std::size_t i = 0; i < aggregation.events.size(); ++i) {
    if (!taken[i]) events.push_back(std::move(aggregation.events[i]));
  }
  std::set<std::string> ids;
  for (Event& event : added) {
    ids.insert(event.id);
    events.push_back(std::move(event));
  }
  std::sort(events.begin(), events.end(), event_order);
  aggregation.events = std::move(events);
  return ids;
}

void version_external_events(std::vector<Event>& events, const std::set<std::string>& ids,
                             const ExternalMergeState& state) {
  for (Event& event : events) {
    if (!ids.contains(event.id)) continue;
    const Event* before = previous_of(state, event.id);
    if (!before) continue;
    if (same_content(*before, event)) {
      event.sequence = std::max(event.sequence, before->sequence);
      event.last_modified = before->last_modified;
    } else {
      event.sequence = std::max(event.sequence, before->sequence + 1);
      event.last_modified = state.today;
    }
    event.last_seen = std::max(event.last_seen, event.last_modified);
  }
}

}  // namespace itkal

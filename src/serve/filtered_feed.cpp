#include "itkal/serve/filtered_feed.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <chrono>
#include <vector>

#include "feed_reply.hpp"
#include "itkal/formats/events_json.hpp"
#include "itkal/text/text_folding.hpp"

namespace itkal {

std::string normalized_filter_key(const FeedFilter& filter, const FeedSnapshot& snapshot) {
  std::vector<std::string> organizers;
  for (const auto& organizer : filter.organizers) {
    organizers.push_back(fold_for_matching(snapshot.organizer_name(organizer).value_or(organizer)));
  }
  std::sort(organizers.begin(), organizers.end());
  organizers.erase(std::unique(organizers.begin(), organizers.end()), organizers.end());
  std::string key = "o=";
  for (const auto& organizer : organizers) key += organizer + ",";
  if (filter.location) key += "&l=" + fold_for_matching(*filter.location);
  if (filter.from) key += "&f=" + boost::gregorian::to_iso_extended_string(*filter.from);
  if (filter.to) key += "&t=" + boost::gregorian::to_iso_extended_string(*filter.to);
  if (filter.text) key += "&q=" + fold_for_matching(*filter.text);
  if (filter.online) key += *filter.online ? "&n=1" : "&n=0";
  return key;
}

std::string filtered_feed_name(const FeedFilter& filter, const FeedSnapshot& snapshot,
                               const Config& config) {
  const bool organizers_only = !filter.organizers.empty() && !filter.location && !filter.from &&
                               !filter.to && !filter.text && !filter.online;
  if (!organizers_only) return config.calendar_name + " \u2013 Auswahl";
  std::vector<std::string> names;
  for (const auto& organizer : filter.organizers) {
    const std::string name = snapshot.organizer_name(organizer).value_or(organizer);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  std::string joined;
  for (const auto& name : names) joined += (joined.empty() ? "" : ", ") + name;
  return config.calendar_name + " \u2013 " + joined;
}

FeedOptions feed_options(const Config& config, std::string name) {
  FeedOptions options;
  options.name = std::move(name);
  options.description = config.calendar_description;
  options.uid_domain = config.uid_domain;
  options.refresh_interval = std::chrono::hours(config.refresh_hours);
  return options;
}

Aggregation filter_aggregation(const Aggregation& all, const FeedMatcher& matcher) {
  Aggregation selected;
  for (const Event& event : all.events) {
    if (!matcher.matches_event(event)) continue;
    Event kept = event;
    kept.occurrences.clear();
    for (const auto& occurrence : event.occurrences) {
      if (matcher.matches_occurrence(occurrence)) kept.occurrences.push_back(occurrence);
    }
    if (!kept.occurrences.empty()) selected.events.push_back(std::move(kept));
  }
  for (std::size_t i = 0; i < all.undated.size(); ++i) {
    const Entry& entry = all.undated[i];
    Event as_event;
    as_event.title = entry.title;
    as_event.location = entry.location;
    as_event.organizers = entry.organizers;
    as_event.details = entry.details;
    as_event.online = entry.online;
    if (!matcher.matches_event(as_event)) continue;
    selected.undated.push_back(entry);
    selected.undated_sources.push_back(i < all.undated_sources.size() ? all.undated_sources[i]
                                                                      : "");
  }
  return selected;
}

std::shared_ptr<const HttpResource> render_filtered(const FeedSnapshot& snapshot,
                                                    const FeedFilter& filter, const Config& config,
                                                    FilteredForm form) {
  const FeedMatcher matcher(filter, snapshot.directory());
  std::string body;
  if (form == FilteredForm::ics) {
    // Only the selected events' VEVENTs: the same bytes as selecting from every event's.
    const RenderedEvents rendered(snapshot.feed_events(), snapshot.uid_domain(),
                                  [&](const Event& event) { return matcher.matches_event(event); });
    body = render_feed(rendered, matcher,
                       feed_options(config, filtered_feed_name(filter, snapshot, config)));
  } else {
    body = aggregation_to_json(filter_aggregation(snapshot.aggregation(), matcher));
  }
  return make_http_resource(
      std::move(body),
      form == FilteredForm::ics ? feed_reply::kCalendarType : feed_reply::kJsonType,
      form == FilteredForm::ics ? "calendar.ics" : "", snapshot.published(), config.gzip);
}

}  // namespace itkal

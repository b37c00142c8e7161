#include "itkal/ical/feed_filter.hpp"

#include <algorithm>
#include <array>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <set>
#include <string_view>

#include "itkal/text/text_folding.hpp"

namespace itkal {
namespace {

/// Strict YYYY-MM-DD; nullopt for anything else, including impossible days like 2026-02-30.
std::optional<boost::gregorian::date> parse_iso_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int fields[3] = {0, 0, 0};
  const std::array<std::pair<std::size_t, std::size_t>, 3> spans{{{0, 4}, {5, 2}, {8, 2}}};
  for (std::size_t i = 0; i < spans.size(); ++i) {
    for (std::size_t k = spans[i].first; k < spans[i].first + spans[i].second; ++k) {
      if (text[k] < '0' || text[k] > '9') return std::nullopt;
      fields[i] = fields[i] * 10 + (text[k] - '0');
    }
  }
  const int year = fields[0], month = fields[1], day = fields[2];
  if (year < 1400 || year > 9999 || month < 1 || month > 12 || day < 1) return std::nullopt;
  const int days_in_month = boost::gregorian::gregorian_calendar::end_of_month_day(
      static_cast<unsigned short>(year), static_cast<unsigned short>(month));
  if (day > days_in_month) return std::nullopt;
  return boost::gregorian::date(static_cast<unsigned short>(year),
                                static_cast<unsigned short>(month),
                                static_cast<unsigned short>(day));
}

std::optional<bool> parse_flag(const std::string& text) {
  std::string lower;
  for (const char c : text) lower += ascii_lower(c);
  for (const char* yes : {"true", "1", "yes", "ja"}) {
    if (lower == yes) return true;
  }
  for (const char* no : {"false", "0", "no", "nein"}) {
    if (lower == no) return false;
  }
  return std::nullopt;
}

bool contains(const std::string& haystack_key, const std::string& needle_key) {
  return haystack_key.find(needle_key) != std::string::npos;
}

}  // namespace

bool FeedFilter::empty() const {
  return organizers.empty() && !location && !from && !to && !text && !online;
}

FeedFilterParse parse_feed_filter(const std::vector<std::pair<std::string, std::string>>& params) {
  FeedFilterParse result;
  std::set<std::string, std::less<>> seen;
  auto fail = [&result](const std::string& message) {
    result.error = message;
    return result;
  };
  for (const auto& [name, raw_value] : params) {
    const std::string value = collapse_spaces(raw_value);
    if (value.empty()) return fail("parameter '" + name + "' is empty");
    if (name != "organizer" && !seen.insert(name).second) {
      return fail("parameter '" + name + "' is given more than once");
    }
    if (name == "organizer") {
      if (fold_for_matching(value).empty()) {
        return fail("parameter 'organizer': '" + value + "' names no organizer");
      }
      result.filter.organizers.push_back(value);
    } else if (name == "location" || name == "q") {
      // Folding drops punctuation; a value of punctuation alone would match everything.
      if (fold_for_matching(value).empty()) {
        return fail("parameter '" + name + "': '" + value + "' has no letters or digits");
      }
      (name == "location" ? result.filter.location : result.filter.text) = value;
    } else if (name == "from" || name == "to") {
      const auto date = parse_iso_date(value);
      if (!date) {
        return fail("parameter '" + name + "': '" + value + "' is not a date like 2026-04-20");
      }
      (name == "from" ? result.filter.from : result.filter.to) = date;
    } else if (name == "online") {
      const auto flag = parse_flag(value);
      if (!flag) return fail("parameter 'online': '" + value + "' is not true or false");
      result.filter.online = flag;
    } else {
      return fail("unknown parameter '" + name +
                  "'; known are organizer, location, from, to, q, online");
    }
  }
  if (result.filter.from && result.filter.to && *result.filter.from > *result.filter.to) {
    return fail(
        "parameter 'from' (" + boost::gregorian::to_iso_extended_string(*result.filter.from) +
        ") is after 'to' (" + boost::gregorian::to_iso_extended_string(*result.filter.to) + ")");
  }
  return result;
}

FeedMatcher::FeedMatcher(const FeedFilter& filter, const OrganizerDirectory& directory)
    : filter_(filter), directory_(directory) {
  for (const auto& organizer : filter_.organizers)
    organizer_keys_.push_back(organizer_key(organizer));
  if (filter_.location) location_key_ = fold_for_matching(*filter_.location);
  if (filter_.text) text_key_ = fold_for_matching(*filter_.text);
}

std::string FeedMatcher::organizer_key(const std::string& organizer) const {
  // Aliases name the same body: "Kommunale Datenverarbeitung Oldenburg" is KDO.
  const std::string* canonical = directory_.canonical_name(organizer);
  return fold_for_matching(canonical ? *canonical : organizer);
}

bool FeedMatcher::organizer_matches(const std::string& organizer) const {
  const auto known = organizer_answers_.find(organizer);
  if (known != organizer_answers_.end()) return known->second;
  const std::string key = organizer_key(organizer);
  const bool answer = !key.empty() && std::find(organizer_keys_.begin(), organizer_keys_.end(),
                                                key) != organizer_keys_.end();
  organizer_answers_.emplace(organizer, answer);
  return answer;
}

bool FeedMatcher::matches_event(const Event& event) const {
  if (filter_.online && event.online != *filter_.online) return false;
  if (!organizer_keys_.empty() &&
      std::none_of(event.organizers.begin(), event.organizers.end(),
                   [this](const std::string& organizer) { return organizer_matches(organizer); })) {
    return false;
  }
  if (filter_.location &&
      !(event.location && contains(fold_for_matching(*event.location), location_key_))) {
    return false;
  }
  if (filter_.text) {
    bool found = contains(fold_for_matching(event.title), text_key_) ||
                 (event.location && contains(fold_for_matching(*event.location), text_key_));
    for (const auto& organizer : event.organizers) {
      found = found || contains(fold_for_matching(organizer), text_key_);
    }
    for (const auto& detail : event.details) {
      found = found || contains(fold_for_matching(detail), text_key_);
    }
    if (!found) return false;
  }
  return true;
}

bool FeedMatcher::matches_occurrence(const Occurrence& occurrence) const {
  if (filter_.from && occurrence.end_date < *filter_.from) return false;
  if (filter_.to && occurrence.start_date > *filter_.to) return false;
  return true;
}

bool FeedMatcher::matches(const Event& event) const {
  return matches_event(event) && std::any_of(event.occurrences.begin(), event.occurrences.end(),
                                             [this](const Occurrence& occurrence) {
                                               return matches_occurrence(occurrence);
                                             });
}

}  // namespace itkal

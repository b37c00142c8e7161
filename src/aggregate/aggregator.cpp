#include "itkal/aggregate/aggregator.hpp"

#include "itkal/text/sha1_engine.hpp"

#include <algorithm>
#include <map>
#include <unordered_set>

#include "itkal/text/iso_date.hpp"
#include "itkal/text/text_folding.hpp"
#include "itkal/text/text_scanner.hpp"

namespace itkal {
namespace greg = boost::gregorian;

namespace {

/// How far an event may move between issues and still be the same event without saying so.
constexpr long kMoveWindowDays = 14;
/// How similar two titles must be (shared words / all words) when they are not equal.
constexpr double kSimilarTitle = 0.75;

std::vector<std::string> title_words(const std::string& title) {
  std::vector<std::string> words;
  std::string current;
  for (const char c : slugify(title) + "-") {
    if (c == '-') {
      if (!current.empty()) words.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  return words;
}

/// The numbers a title carries ("2. Workshop", "KommDIGITALE 2026"): events that differ in them
/// are different events, however alike the rest.
std::vector<std::string> title_numbers(const std::string& title) {
  std::vector<std::string> numbers;
  std::string current;
  for (const char c : title + " ") {
    if (c >= '0' && c <= '9') {
      current += c;
    } else if (!current.empty()) {
      numbers.push_back(current);
      current.clear();
    }
  }
  return numbers;
}

/// Dates an entry says it was moved from: "verschoben vom 25.6." names the old date.
std::vector<greg::date> moved_from_dates(const Entry& entry, const greg::date& issue_date) {
  std::vector<greg::date> dates;
  const DateExpressionParser parser(issue_date);
  for (const auto& detail : entry.details) {
    const std::string folded = fold_for_matching(detail);
    if (folded.find("verschoben") == std::string::npos &&
        folded.find("verlegt") == std::string::npos) {
      continue;
    }
    for (std::size_t pos = 0; pos < detail.size(); ++pos) {
      if (!(detail[pos] >= '0' && detail[pos] <= '9') ||
          (pos > 0 && detail[pos - 1] >= '0' && detail[pos - 1] <= '9')) {
        continue;
      }
      TextScanner scanner(detail, pos);
      DateParse parse = parser.parse(scanner);
      if (parse.kind == DateParse::Kind::dated) {
        for (const auto& occurrence : parse.occurrences) dates.push_back(occurrence.start_date);
      }
    }
  }
  return dates;
}

/// What subscribers see of an event; a change in it is a new SEQUENCE.
bool same_content(const Event& event, const Entry& entry) {
  return event.title == entry.title && event.occurrences == entry.occurrences &&
         event.location == entry.location && event.organizers == entry.organizers &&
         event.details == entry.details && event.online == entry.online &&
         event.status == entry.status && event.url == entry.url;
}

void take_content(Event& event, const Entry& entry) {
  event.title = entry.title;
  event.occurrences = entry.occurrences;
  event.location = entry.location;
  event.organizers = entry.organizers;
  event.details = entry.details;
  event.online = entry.online;
  event.status = entry.status;
  event.url = entry.url;
}

std::string digest(const std::string& text) { return sha1_hex(text).substr(0, 20); }

/// What matching needs of a title, computed once per title instead of once per comparison.
struct TitleKey {
  std::string folded;
  std::vector<std::string> numbers;
  /// Sorted, each word once: one allocation instead of a tree node per word.
  std::vector<std::string> words;

  explicit TitleKey(const std::string& title)
      : folded(fold_for_matching(title)), numbers(title_numbers(title)), words(title_words(title)) {
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
  }
};

/// Words both sorted word lists hold.
std::size_t shared_words(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::size_t shared = 0;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    const int order = i->compare(*j);
    if (order == 0) ++shared;
    if (order <= 0) ++i;
    if (order >= 0) ++j;
  }
  return shared;
}

double word_overlap(const TitleKey& a, const TitleKey& b) {
  if (a.words.empty() || b.words.empty()) return 0.0;
  const std::size_t shared = shared_words(a.words, b.words);
  return static_cast<double>(shared) /
         static_cast<double>(a.words.size() + b.words.size() - shared);
}

/// Equal after folding, or the same numbers and most words shared.
bool similar_titles(const TitleKey& a, const TitleKey& b) {
  return a.folded == b.folded || (a.numbers == b.numbers && word_overlap(a, b) >= kSimilarTitle);
}

/// A match score: lower is better; nullopt when the entry cannot be this event.
std::optional<long> match_score(const Event& event, const TitleKey& event_key, const Entry& entry,
                                const TitleKey& entry_key,
                                const std::vector<greg::date>& moved_from) {
  const greg::date event_start = event.occurrences.front().start_date;
  const greg::date entry_start = entry.occurrences.front().start_date;
  const long distance = std::labs((entry_start - event_start).days());
  const bool announced_move =
      std::find(moved_from.begin(), moved_from.end(), event_start) != moved_from.end();
  if (!announced_move && distance > kMoveWindowDays) return std::nullopt;
  if (!similar_titles(event_key, entry_key)) return std::nullopt;
  if (announced_move) return 0;
  return distance * 2 + (event_key.folded == entry_key.folded ? 0 : 1);
}

/// Stable order of issues: by issue date, then by content, so renaming files never reorders.
std::string issue_order_key(const Extraction& issue) {
  std::string content;
  for (const auto& entry : issue.entries) content += entry.text + "\n";
  return iso_date(issue.issue_date) + digest(content);
}

/// Sorted by index, then each event moved into its place along the permutation's cycles: an
/// Event is a dozen strings and vectors, and sorting them directly moves each about log2(n)
/// times; moving them into a second vector would fault in tens of megabytes of fresh pages.
/// The ids make the order total.
void sort_events(std::vector<Event>& events) {
  std::vector<std::size_t> order(events.size());  // order[k]: the event that belongs at k
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return event_order(events[a], events[b]); });
  for (std::size_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) continue;
    Event held = std::move(events[start]);
    std::size_t place = start;
    while (order[place] != start) {
      const std::size_t from = order[place];
      events[place] = std::move(events[from]);
      order[place] = place;
      place = from;
    }
    events[place] = std::move(held);
    order[place] = place;
  }
}

}  // namespace

bool titles_match(const std::string& a, const std::string& b) {
  return similar_titles(TitleKey(a), TitleKey(b));
}

bool event_order(const Event& a, const Event& b) {
  const auto& first_a = a.occurrences.front();
  const auto& first_b = b.occurrences.front();
  if (first_a.start_date != first_b.start_date) return first_a.start_date < first_b.start_date;
  const int time_a = first_a.start_time ? first_a.start_time->minutes_since_midnight() : -1;
  const int time_b = first_b.start_time ? first_b.start_time->minutes_since_midnight() : -1;
  if (time_a != time_b) return time_a < time_b;
  return a.id < b.id;
}

Aggregation aggregate(const std::vector<Extraction>& given) {
  // Ordered by pointer: the issues are never copied (12,000 issues hold about 100,000 entries).
  std::vector<const Extraction*> issues;
  {
    std::vector<std::pair<std::string, std::size_t>> order;
    order.reserve(given.size());
    for (std::size_t i = 0; i < given.size(); ++i) order.emplace_back(issue_order_key(given[i]), i);
    std::sort(order.begin(), order.end());
    issues.reserve(given.size());
    for (const auto& [key, index] : order) issues.push_back(&given[index]);
  }
  // Room for an event per dated entry: growing would move every Event into fresh pages at each
  // doubling (an Event is a dozen strings and vectors). Pages never touched cost nothing.
  std::size_t entries = 0;
  for (const Extraction& issue : given) entries += issue.entries.size();
  std::vector<Event> events;
  events.reserve(entries);
  std::vector<TitleKey> keys;  // keys[i] belongs to events[i]
  keys.reserve(entries);
  // Events by their first day: matching looks only at the days an event may have moved to.
  std::multimap<greg::date, std::size_t> by_start;
  std::unordered_set<std::string> used_ids;
  std::map<std::string, std::pair<Entry, std::string>> undated;  // folded title → latest
  const auto reindex = [&](std::size_t index, greg::date old_start) {
    auto [first, last] = by_start.equal_range(old_start);
    for (auto it = first; it != last; ++it) {
      if (it->second == index) {
        by_start.erase(it);
        break;
      }
    }
    by_start.emplace(events[index].occurrences.front().start_date, index);
  };
  // matched_in[i]: the 1-based number of the last issue that matched events[i], so that an issue
  // matches an event once; a number per event instead of a fresh flag per event for each issue,
  // which would grow with issues × events.
  std::vector<std::size_t> matched_in;
  matched_in.reserve(entries);
  std::size_t issue_number = 0;
  for (const Extraction* issue_pointer : issues) {
    const Extraction& issue = *issue_pointer;
    ++issue_number;
    for (const Entry& entry : issue.entries) {
      if (!entry.dated || entry.occurrences.empty()) {
        undated[fold_for_matching(entry.title)] = {entry, issue.source};
        continue;
      }
      TitleKey entry_key(entry.title);
      const auto moved_from = moved_from_dates(entry, issue.issue_date);
      std::optional<std::size_t> best;
      long best_score = 0;
      const auto consider = [&](std::size_t i) {
        if (matched_in[i] == issue_number) return;
        const auto score = match_score(events[i], keys[i], entry, entry_key, moved_from);
        if (score && (!best || *score < best_score || (*score == best_score && i < *best))) {
          best = i;
          best_score = *score;
        }
      };
      const greg::date start = entry.occurrences.front().start_date;
      for (auto it = by_start.lower_bound(start - greg::days(kMoveWindowDays));
           it != by_start.end() && it->first <= start + greg::days(kMoveWindowDays); ++it) {
        consider(it->second);
      }
      for (const auto& day : moved_from) {
        auto [first, last] = by_start.equal_range(day);
        for (auto it = first; it != last; ++it) consider(it->second);
      }
      if (best) {
        Event& event = events[*best];
        matched_in[*best] = issue_number;
        if (!same_content(event, entry)) {
          const greg::date old_start = event.occurrences.front().start_date;
          take_content(event, entry);
          keys[*best] = std::move(entry_key);
          reindex(*best, old_start);
          ++event.sequence;
          event.last_modified = issue.issue_date;
        }
        event.last_seen = issue.issue_date;
        if (event.sources.empty() || event.sources.back() != issue.source) {
          event.sources.push_back(issue.source);
        }
        event.source_text = entry.text;
        event.source_line = entry.line;
        continue;
      }
      Event event;
      take_content(event, entry);
      const std::string base =
          digest(entry_key.folded + "|" + iso_date(entry.occurrences.front().start_date));
      event.id = base;
      for (int n = 2; used_ids.contains(event.id); ++n) {
        event.id = digest(base + "|" + std::to_string(n));
      }
      used_ids.insert(event.id);
      event.first_seen = event.last_seen = event.last_modified = issue.issue_date;
      event.sources.push_back(issue.source);
      event.source_text = entry.text;
      event.source_line = entry.line;
      by_start.emplace(start, events.size());
      events.push_back(std::move(event));
      keys.push_back(std::move(entry_key));  // last use
      matched_in.push_back(issue_number);
    }
  }
  keys = {};
  Aggregation aggregation;
  aggregation.events = std::move(events);
  sort_events(aggregation.events);
  for (auto& [key, value] : undated) {
    aggregation.undated.push_back(std::move(value.first));
    aggregation.undated_sources.push_back(std::move(value.second));
  }
  return aggregation;
}

}  // namespace itkal

#include "itkal/aggregator.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>

#include <algorithm>
#include <map>
#include <set>

#include "itkal/extraction_json.hpp"
#include "itkal/text_folding.hpp"
#include "itkal/text_scanner.hpp"

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

double word_overlap(const std::string& a, const std::string& b) {
  const auto words_a = title_words(a);
  const auto words_b = title_words(b);
  const std::set<std::string> set_a(words_a.begin(), words_a.end());
  const std::set<std::string> set_b(words_b.begin(), words_b.end());
  if (set_a.empty() || set_b.empty()) return 0.0;
  std::size_t shared = 0;
  for (const auto& word : set_a) shared += set_b.count(word);
  return static_cast<double>(shared) / static_cast<double>(set_a.size() + set_b.size() - shared);
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

std::string digest(const std::string& text) {
  Poco::SHA1Engine engine;
  engine.update(text);
  return Poco::DigestEngine::digestToHex(engine.digest()).substr(0, 20);
}

/// A match score: lower is better; nullopt when the entry cannot be this event.
std::optional<long> match_score(const Event& event, const Entry& entry,
                                const std::vector<greg::date>& moved_from) {
  const greg::date event_start = event.occurrences.front().start_date;
  const greg::date entry_start = entry.occurrences.front().start_date;
  const long distance = std::labs((entry_start - event_start).days());
  const bool same_title = fold_for_matching(event.title) == fold_for_matching(entry.title);
  const bool similar_title =
      same_title || (title_numbers(event.title) == title_numbers(entry.title) &&
                     word_overlap(event.title, entry.title) >= kSimilarTitle);
  if (!similar_title) return std::nullopt;
  const bool announced_move =
      std::find(moved_from.begin(), moved_from.end(), event_start) != moved_from.end();
  if (announced_move) return 0;
  if (distance > kMoveWindowDays) return std::nullopt;
  return distance * 2 + (same_title ? 0 : 1);
}

/// Stable order of issues: by issue date, then by content, so renaming files never reorders.
std::string issue_order_key(const Extraction& issue) {
  std::string content;
  for (const auto& entry : issue.entries) content += entry.text + "\n";
  return iso_date(issue.issue_date) + digest(content);
}

}  // namespace

Aggregation aggregate(std::vector<Extraction> issues) {
  std::sort(issues.begin(), issues.end(), [](const Extraction& a, const Extraction& b) {
    return issue_order_key(a) < issue_order_key(b);
  });
  std::vector<Event> events;
  std::set<std::string> used_ids;
  std::map<std::string, std::pair<Entry, std::string>> undated;  // folded title → latest
  for (const Extraction& issue : issues) {
    std::vector<bool> matched_in_issue(events.size(), false);
    for (const Entry& entry : issue.entries) {
      if (!entry.dated || entry.occurrences.empty()) {
        undated[fold_for_matching(entry.title)] = {entry, issue.source};
        continue;
      }
      const auto moved_from = moved_from_dates(entry, issue.issue_date);
      std::optional<std::size_t> best;
      long best_score = 0;
      for (std::size_t i = 0; i < events.size(); ++i) {
        if (i < matched_in_issue.size() && matched_in_issue[i]) continue;
        if (auto score = match_score(events[i], entry, moved_from);
            score && (!best || *score < best_score)) {
          best = i;
          best_score = *score;
        }
      }
      if (best) {
        Event& event = events[*best];
        matched_in_issue[*best] = true;
        if (!same_content(event, entry)) {
          take_content(event, entry);
          ++event.sequence;
          event.last_modified = issue.issue_date;
        }
        event.last_seen = issue.issue_date;
        if (event.sources.empty() || event.sources.back() != issue.source)
          event.sources.push_back(issue.source);
        event.source_text = entry.text;
        event.source_line = entry.line;
        continue;
      }
      Event event;
      take_content(event, entry);
      const std::string base = digest(fold_for_matching(entry.title) + "|" +
                                      iso_date(entry.occurrences.front().start_date));
      event.id = base;
      for (int n = 2; used_ids.contains(event.id); ++n)
        event.id = digest(base + "|" + std::to_string(n));
      used_ids.insert(event.id);
      event.first_seen = event.last_seen = event.last_modified = issue.issue_date;
      event.sources.push_back(issue.source);
      event.source_text = entry.text;
      event.source_line = entry.line;
      events.push_back(std::move(event));
      matched_in_issue.push_back(true);
    }
  }
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    const auto& first_a = a.occurrences.front();
    const auto& first_b = b.occurrences.front();
    if (first_a.start_date != first_b.start_date) return first_a.start_date < first_b.start_date;
    const int time_a = first_a.start_time ? first_a.start_time->minutes_since_midnight() : -1;
    const int time_b = first_b.start_time ? first_b.start_time->minutes_since_midnight() : -1;
    if (time_a != time_b) return time_a < time_b;
    return a.id < b.id;
  });
  Aggregation aggregation;
  aggregation.events = std::move(events);
  for (auto& [key, value] : undated) {
    aggregation.undated.push_back(std::move(value.first));
    aggregation.undated_sources.push_back(std::move(value.second));
  }
  return aggregation;
}

}  // namespace itkal

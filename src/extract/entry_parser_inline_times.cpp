#include "entry_parser_inline_times.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "entry_parser_segments.hpp"
#include "itkal/text/text_folding.hpp"
#include "itkal/text/text_scanner.hpp"

namespace itkal::entry_detail {

namespace greg = boost::gregorian;

namespace {

/// Times written once for the whole entry apply to every occurrence without its own.
void apply_time(std::vector<Occurrence>& occurrences, const TimeRange& time) {
  for (auto& occurrence : occurrences) {
    if (!occurrence.all_day()) continue;
    occurrence.start_time = time.start;
    occurrence.end_time = time.end;
    if (occurrence.start_date != occurrence.end_date) {
      occurrence.daily_times = true;
    } else if (time.start && time.end && *time.end < *time.start) {
      // "22-2 Uhr": the event ends after midnight.
      occurrence.end_date = occurrence.start_date + greg::days(1);
    }
  }
}

/// A time in running text: where it stands, whether it is inside parentheses and whether it
/// opens the doors ("Einlass ab 14:45 Uhr").
struct TimeMatch {
  std::size_t begin;
  std::size_t end;
  TimeRange range;
  bool in_parentheses;
  bool doors = false;
};

/// "10-12 & 13-15 Uhr": an unmarked range that a marked one right after it makes certain.
std::optional<TimeMatch> unmarked_range_before_marked(std::string_view plain, std::size_t i,
                                                      std::size_t to) {
  TextScanner scanner(plain.substr(0, to), i);
  auto first = TimeRangeParser::parse_point(scanner);
  if (!first) return std::nullopt;
  scanner.skip_spaces();
  if (!scanner.accept_dash()) return std::nullopt;
  scanner.skip_spaces();
  auto second = TimeRangeParser::parse_point(scanner);
  if (!second) return std::nullopt;
  const std::size_t end = scanner.pos();
  scanner.skip_spaces();
  if (!(scanner.accept('&') || scanner.accept_word("und") || scanner.accept_word("sowie") ||
        scanner.accept(',')))
    return std::nullopt;
  scanner.skip_spaces();
  const std::size_t joined = scanner.pos();  // the joiner is blanked with the first range
  const TimeParse next = TimeRangeParser::parse(scanner);
  const TimeOfDay start_time{first->hour, first->minute};
  const TimeOfDay end_time{second->hour, second->minute};
  if (next.kind != TimeParse::Kind::time || !start_time.ok() || !end_time.ok()) return std::nullopt;
  (void)end;
  return TimeMatch{i, joined, {start_time, end_time}, false};
}

/// "… , 10 und um 16 Uhr": an unmarked_time_joined_to_marked after a separator or "um", so that
/// "Klasse 4 und 16 Uhr" stays a class.
std::optional<TimeMatch> unmarked_time_before_marked(std::string_view plain, std::size_t i,
                                                     std::size_t to) {
  // Most words a time may start with ("ab", "bis", "Beginn") are none of these: one look each.
  if (plain[i] == 'u' || plain[i] == 'U') {
    if (plain.substr(i + 1, 2) != "m ") return std::nullopt;
  } else if (!is_digit(plain[i])) {
    return std::nullopt;
  } else {
    const std::size_t before = i == 0 ? npos : plain.find_last_not_of(' ', i - 1);
    if (before == npos || std::string_view(",:|").find(plain[before]) == npos) return std::nullopt;
  }
  TextScanner scanner(plain.substr(0, to), i);
  const auto joined = unmarked_time_joined_to_marked(scanner);
  if (!joined) return std::nullopt;
  return TimeMatch{i, joined->next, joined->time, false};
}

/// The bytes blank_inline_times stops at: parentheses and the bytes a time may start with.
const auto kTimeScanStops = [] {
  std::array<bool, 256> stops{};
  for (int byte = 0; byte < 256; ++byte) {
    const char c = static_cast<char>(byte);
    stops[static_cast<std::size_t>(byte)] = c == '(' || c == ')' || TimeRangeParser::may_start(c);
  }
  return stops;
}();

/// How far before a time the words that say what the time is are looked for.
constexpr std::size_t kWordsBeforeTimeBytes = 24;

/// The words in the bytes just before `at`, folded (fold_for_matching): the three checks below
/// ask whether they end in a word that names the time's role.
FoldedText folded_words_before(std::string_view plain, std::size_t at) {
  const std::size_t begin = at >= kWordsBeforeTimeBytes ? at - kWordsBeforeTimeBytes : 0;
  return FoldedText(plain.substr(begin, at - begin));
}

/// "Schulschluss: 11.45 Uhr", "(Unterrichtsende 11.15 Uhr)": the time before `at` ends the
/// lessons of a school day; it is not the event's.
bool ends_lessons(std::string_view plain, std::size_t at) {
  const FoldedText folded = folded_words_before(plain, at);
  const std::string_view before = folded.view();
  for (const std::string_view word :
       {"schulschluss", "unterrichtsschluss", "unterrichtsende", "schulende"}) {
    if (before.ends_with(word)) return true;
  }
  return false;
}

/// "15:30 Uhr, Einlass ab 14:45 Uhr", "Einlass: 18 Uhr", "Einlass ist um 19 Uhr": the time at
/// `at` opens the doors before the event starts.
bool opens_doors(std::string_view plain, std::size_t at) {
  // Folding drops blanks and colons, so "Einlass: " and "Einlass ist " end as "einlass(ist)".
  const FoldedText folded = folded_words_before(plain, at);
  std::string_view before = folded.view();
  if (before.ends_with("ist")) before.remove_suffix(3);
  return before.ends_with("einlass");
}

/// "Faschingsdienstag bis 14 Uhr geöffnet", "Betreuungszeit nur bis 14:30 Uhr": an end alone
/// that limits the opening hours of the day; the day's entry is no event that ends then.
bool limits_opening_hours(std::string_view plain, std::size_t at, std::size_t end,
                          const TimeRange& range) {
  if (range.start || !range.end) return false;
  const FoldedText folded_before = folded_words_before(plain, at);
  const std::string_view before = folded_before.view();
  const FoldedText folded_after(plain.substr(end, 16));
  const std::string_view after = folded_after.view();
  return before.ends_with("nur") || before.ends_with("betreuungszeit") ||
         after.starts_with("geoeffnet") || after.starts_with("offen");
}

}  // namespace

std::optional<JoinedTime> unmarked_time_joined_to_marked(TextScanner& scanner) {
  const auto start = scanner.pos();
  const auto fail = [&] {
    scanner.set_pos(start);
    return std::nullopt;
  };
  if (scanner.accept_word("um")) scanner.skip_spaces();
  if (!scanner.at_digit()) return fail();
  const auto first = TimeRangeParser::parse_point(scanner);
  if (!first || first->marked) return fail();  // a marked time is read on its own
  const auto first_end = scanner.pos();
  scanner.skip_spaces();
  if (!(scanner.accept('&') || scanner.accept_word("und"))) return fail();
  scanner.skip_spaces();
  const std::size_t next = scanner.pos();
  if (scanner.accept_word("um")) scanner.skip_spaces();
  const auto second = TimeRangeParser::parse_point(scanner);
  const TimeOfDay time{first->hour, first->minute};
  if (!second || !second->marked || second->hour <= first->hour || !time.ok()) return fail();
  scanner.set_pos(first_end);
  return JoinedTime{{time, std::nullopt}, next};
}

InlineTimes blank_inline_times(std::string& plain, std::size_t from, std::size_t to) {
  InlineTimes result;
  std::vector<TimeMatch> matches;
  int depth = 0;
  for (std::size_t i = from; i < to; ++i) {
    // Most bytes of a title are letters no time starts with: one look-up each.
    if (!kTimeScanStops[static_cast<unsigned char>(plain[i])]) continue;
    if (plain[i] == '(') ++depth;
    if (plain[i] == ')' && depth > 0) --depth;
    if (i > 0 && (is_word_byte(plain[i - 1]) || is_digit(plain[i - 1]) || plain[i - 1] == '.')) {
      continue;
    }
    if (!TimeRangeParser::may_start(plain[i])) continue;  // most words of a title
    auto unmarked = unmarked_range_before_marked(plain, i, to);
    if (!unmarked) unmarked = unmarked_time_before_marked(plain, i, to);
    if (unmarked) {
      unmarked->in_parentheses = depth > 0;
      matches.push_back(*unmarked);
      i = unmarked->end - 1;
      continue;
    }
    TextScanner scanner(std::string_view(plain).substr(0, to), i);
    const TimeParse time = TimeRangeParser::parse(scanner);
    if (time.kind != TimeParse::Kind::time || (!time.range.start && !time.range.end)) continue;
    const std::string_view raw = std::string_view(plain).substr(i, scanner.pos() - i);
    const FoldedText folded_written(raw);
    const std::string_view written = folded_written.view();
    const bool certain = written.ends_with("uhr") || written.ends_with("h") ||
                         raw.find(':') != npos || written.starts_with("um") ||
                         written.starts_with("ab") || written.starts_with("von") ||
                         written.starts_with("bis");
    if (!certain || (scanner.pos() < to &&
                     (is_word_byte(plain[scanner.pos()]) || is_digit(plain[scanner.pos()])))) {
      continue;
    }
    const FoldedText folded_before(
        std::string_view(plain).substr(i >= 8 ? i - 8 : 0, i >= 8 ? 8 : i));
    const std::string_view before = folded_before.view();
    if (before.ends_with("oder") || before.ends_with("bzw")) result.alternative = true;
    if (ends_lessons(plain, i)) continue;
    if (limits_opening_hours(plain, i, scanner.pos(), time.range)) {
      i = scanner.pos() - 1;  // "14 Uhr" after "bis" is no start either
      continue;
    }
    std::size_t begin = i;
    // "jeweils von 14-15 Uhr": the word that introduces the time goes with it.
    for (std::string_view word : {"jeweils ", "Jeweils "}) {
      if (begin >= word.size() &&
          std::string_view(plain).substr(begin - word.size(), word.size()) == word) {
        begin -= word.size();
      }
    }
    matches.push_back({begin, scanner.pos(), time.range, depth > 0, opens_doors(plain, i)});
    i = scanner.pos() - 1;
  }
  const bool any_outside = std::any_of(
      matches.begin(), matches.end(), [](const TimeMatch& match) { return !match.in_parentheses; });
  // The doors open before the event: beside the event's own time, theirs is none of its times.
  const bool any_start = std::any_of(matches.begin(), matches.end(), [&](const TimeMatch& match) {
    return !match.doors && (!any_outside || !match.in_parentheses);
  });
  for (const TimeMatch& match : matches) {
    if (any_outside && match.in_parentheses) continue;
    std::fill(plain.begin() + static_cast<std::ptrdiff_t>(match.begin),
              plain.begin() + static_cast<std::ptrdiff_t>(match.end), ' ');
    if (any_start && match.doors) continue;
    if (std::find(result.times.begin(), result.times.end(), match.range) == result.times.end()) {
      result.times.push_back(match.range);
    }
  }
  return result;
}

InlineTimes times_in(std::string_view text) {
  std::string copy(text);
  return blank_inline_times(copy, 0, copy.size());
}

std::optional<TimeRange> time_for_each(std::string_view text) {
  const std::size_t each = text.find("jeweils ");
  if (each == std::string_view::npos) return std::nullopt;
  std::string_view clause = text.substr(each);
  clause = clause.substr(0, clause.find_first_of(",)"));
  for (const std::string_view joiner : {" und ", " oder ", "&", "/"}) {
    if (clause.find(joiner) != std::string_view::npos) return std::nullopt;
  }
  const InlineTimes times = times_in(clause);
  if (times.alternative || times.times.size() != 1) return std::nullopt;
  return times.times.front();
}

void apply_times(std::vector<Occurrence>& occurrences, const TimeList& times) {
  if (times.empty()) return;
  if (times.size() == 1) {
    apply_time(occurrences, times.front());
    return;
  }
  std::vector<Occurrence> expanded;
  for (const auto& occurrence : occurrences) {
    if (!occurrence.all_day()) {
      expanded.push_back(occurrence);
      continue;
    }
    for (const auto& time : times) {
      std::vector<Occurrence> one{occurrence};
      apply_time(one, time);
      expanded.push_back(one.front());
    }
  }
  occurrences = std::move(expanded);
}

}  // namespace itkal::entry_detail

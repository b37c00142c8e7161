#include "entry_parser_title_first.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "entry_parser_segments.hpp"
#include "itkal/extract/time_range_parser.hpp"
#include "itkal/text/text_folding.hpp"
#include "itkal/text/text_scanner.hpp"
#include "itkal/text/word_list.hpp"

namespace itkal::entry_detail {

namespace {

/// A word a date can begin with: a weekday, "am", "vom", "den", "KW", "Kalenderwoche", "an den"
/// (before plural weekdays), a month before a day ("Sep. 15 um 15:00"), and the words of an
/// undated date (see announces_undated).
bool may_start_date_word(std::string_view text) {
  TextScanner scanner(text);
  if (DateExpressionParser::parse_weekday_name(scanner) != 0) return true;
  if (scanner.accept_word("am") || scanner.accept_word("vom") || scanner.accept_word("den") ||
      scanner.accept_word("KW") || scanner.accept_word("Kalenderwoche") ||
      scanner.accept_word("jeden") || scanner.accept_word("jedem") || scanner.accept_word("jede") ||
      scanner.accept_word("Termin")) {
    return true;
  }
  if (scanner.accept_word("an")) {
    scanner.skip_spaces();
    return scanner.accept_word("den") || scanner.accept_word("jedem");
  }
  if (DateExpressionParser::parse_month_name(scanner) != 0 && scanner.accept(' ')) {
    scanner.skip_spaces();
    return scanner.at_digit();
  }
  return false;
}

/// True when a separator (":", ",", "|", a dash) stands right before `at`, blanks between.
bool after_separator(std::string_view plain, std::size_t at) {
  const std::string_view before = trim_view(plain.substr(0, at));
  return before.ends_with(':') || before.ends_with(',') || before.ends_with('|') ||
         before.ends_with('-') || before.ends_with("\xE2\x80\x93");
}

/// An undated date after a title that is still one ("Stammtisch: jeden zweiten Donnerstag im
/// Monat", "Sommerfest: Termin wird noch bekannt gegeben"); a month or season after a title
/// ("Sommerakademie Juni 2026") is not looked for.
bool announces_undated(std::string_view text) {
  TextScanner scanner(text);
  return scanner.accept_word("jeden") || scanner.accept_word("jedem") ||
         scanner.accept_word("jede") || scanner.accept_word("Termin") || scanner.accept_word("an");
}

bool is_label_word(std::string_view word) {
  // "diesen", "kommenden", "naechsten" (folded): "Flohmarkt diesen Samstag, am 19.9.".
  static constexpr WordList<23> kLabels{std::array<std::string_view, 23>{
      "am",      "vom",  "ab",     "bis",    "den",       "datum",           "termin",   "wann",
      "beginn",  "zeit", "start",  "dem",    "zum",       "einschliesslich", "von",      "seit",
      "jeweils", "um",   "diesen", "diesem", "kommenden", "kommender",       "naechsten"}};
  return kLabels.may_start_folding_of(word) && kLabels.contains(FoldedText(word).view());
}

/// A segment that holds nothing but a time ("12 Uhr"): the head has read it already.
bool is_time_only(std::string_view segment) {
  TextScanner scanner(segment);
  if (TimeRangeParser::parse(scanner).kind != TimeParse::Kind::time) return false;
  scanner.skip_spaces();
  return scanner.at_end();
}

/// Where the page's date stamp that closes the line begins ("Weihnachtsferien 23.12.-6.1.
/// Stand 01.08.2024": a flattened page's last cell), when `later` is its date.
std::optional<std::size_t> stamp_of(std::string_view plain, const LaterDate& later) {
  if (!trim_view(plain.substr(later.second)).empty()) return std::nullopt;
  std::string_view before = trim_view(plain.substr(0, later.first));
  if (before.ends_with(':')) before = trim_view(before.substr(0, before.size() - 1));
  constexpr std::string_view kStand = "Stand";
  if (!before.ends_with(kStand)) return std::nullopt;
  const std::size_t at = before.size() - kStand.size();
  if (at != 0 && before[at - 1] != ' ') return std::nullopt;
  return static_cast<std::size_t>(before.data() - plain.data()) + at;  // trimmed blanks too
}

}  // namespace

std::optional<LaterDate> find_later_date(std::string_view plain, std::size_t from,
                                         const DateExpressionParser& dates) {
  const std::size_t limit = std::min(plain.size(), from + kMaxLeadBytes);
  for (std::size_t i = from + 1; i < limit; ++i) {
    const char previous = plain[i - 1];
    if (is_word_byte(previous) || is_digit(previous) || previous == '.' || previous == '/' ||
        previous == '-' || !(is_digit(plain[i]) || is_word_byte(plain[i]))) {
      continue;
    }
    if ((static_cast<unsigned char>(plain[i]) & 0xC0) == 0x80) continue;  // inside a UTF-8 letter
    if (!is_digit(plain[i]) && !may_start_date_word(plain.substr(i))) continue;
    TextScanner scanner(plain, i);
    DateParse parse = dates.parse(scanner);
    if (parse.kind == DateParse::Kind::dated || parse.kind == DateParse::Kind::invalid ||
        (parse.kind == DateParse::Kind::undated && after_separator(plain, i) &&
         announces_undated(plain.substr(i)))) {
      return LaterDate{i, scanner.pos(), std::move(parse)};
    }
  }
  return std::nullopt;
}

std::optional<std::size_t> closing_date_stamp(std::string_view plain, std::size_t from,
                                              const DateExpressionParser& dates) {
  const auto later = find_later_date(plain, from, dates);
  return later ? stamp_of(plain, *later) : std::nullopt;
}

bool has_second_date(std::string_view plain, std::size_t from, const DateExpressionParser& dates) {
  while (from < plain.size()) {
    auto later = find_later_date(plain, from, dates);
    if (!later || stamp_of(plain, *later)) return false;
    // "Sommerferien 06.07.2026 – 14.08.2026 (Schulschließzeit: 13.07.2026 – 31.07.2026)": a
    // date in parentheses after the event's is a note about it.
    // "(Label: date)" only; "(13. bis 15. März)" may name the event's days again or others.
    const std::size_t open = plain.rfind('(', later->first);
    if (open == npos || open < from) return true;
    const std::size_t close = plain.find(')', open);
    if (close != npos && close < later->first) return true;
    const std::string_view before = trim_view(plain.substr(open + 1, later->first - open - 1));
    if (!before.ends_with(':') || before.find('(') != npos) return true;
    if (close == npos) return false;
    from = close + 1;
  }
  return false;
}

bool is_period_label(std::string_view lead) {
  lead = trim_view(lead);
  if (lead.ends_with(':')) lead.remove_suffix(1);  // "Mai: 12.5. Maifest"
  TextScanner scanner(lead);
  bool month = false;
  bool open_slash = false;  // "März /": a label cut short
  while (!scanner.at_end()) {
    scanner.skip_spaces();
    if (scanner.at_end()) break;
    if (DateExpressionParser::parse_month_name(scanner) != 0) {
      month = true;
      open_slash = false;
      continue;
    }
    std::size_t digits = 0;
    const auto before = scanner.pos();
    if (scanner.read_number(4, &digits) >= 0 && digits == 4) {
      open_slash = false;
      continue;
    }
    scanner.set_pos(before);
    if (!scanner.accept('/')) return false;
    open_slash = true;
  }
  return month && !open_slash;
}

std::string clean_lead(std::string_view lead) {
  enum class CellKind { dropped, label, kept };
  const auto kind_of = [](const std::string& cell) {
    if (cell.empty()) return CellKind::dropped;
    TextScanner scanner(cell);
    const bool weekday = DateExpressionParser::parse_weekday_name(scanner) != 0 && [&] {
      scanner.accept('.');
      scanner.skip_spaces();
      if (scanner.accept_dash() || scanner.accept('/')) {
        scanner.skip_spaces();
        DateExpressionParser::parse_weekday_name(scanner);
        scanner.accept('.');
      }
      scanner.skip_spaces();
      return scanner.at_end();
    }();
    const bool year = cell.size() == 4 && std::all_of(cell.begin(), cell.end(), is_digit);
    if (weekday || year) return CellKind::dropped;
    TextScanner period(cell);
    // Only asks whether the cell names a period without a day; the issue date plays no part.
    static const DateExpressionParser probe(boost::gregorian::date(2000, 1, 1));
    return probe.parse(period).kind == DateParse::Kind::undated ? CellKind::label : CellKind::kept;
  };
  std::string text;
  if (lead.find('|') == npos) {
    // Most leads are one cell: no lists to build.
    std::string cell = collapse_spaces(lead);
    if (kind_of(cell) != CellKind::dropped) text = std::move(cell);
  } else {
    std::vector<std::string> kept;
    std::vector<std::string> labels;
    for (std::size_t begin = 0, i = 0; i <= lead.size(); ++i) {
      if (i < lead.size() && lead[i] != '|') continue;
      std::string cell = collapse_spaces(lead.substr(begin, i - begin));
      begin = i + 1;
      const CellKind kind = kind_of(cell);
      if (kind == CellKind::kept) kept.push_back(std::move(cell));
      if (kind == CellKind::label) labels.push_back(std::move(cell));
    }
    text = kept.empty() ? (labels.empty() ? std::string() : labels.front()) : join_segments(kept);
  }
  // Trailing separators and labels: "Sitzung des Stadtrates am:", "Tag des Ehrenamtes:".
  for (bool changed = true; changed && !text.empty();) {
    changed = false;
    while (!text.empty() && (text.back() == ':' || text.back() == ',' || text.back() == '-' ||
                             text.back() == ' ' || text.back() == '?' || text.back() == '(')) {
      text.pop_back();
      changed = true;
    }
    if (text.ends_with("\xE2\x80\x93")) {
      text.resize(text.size() - 3);
      changed = true;
    }
    const auto space = text.rfind(' ');
    const std::string_view last = space == std::string::npos
                                      ? std::string_view(text)
                                      : std::string_view(text).substr(space + 1);
    if (is_label_word(last) || weekday_segment(last) != 0) {
      text.resize(space == std::string::npos ? 0 : space);
      changed = true;
    }
  }
  collapse_spaces_in_place(text);
  return text;
}

bool names_uncertain_date(std::string_view lead) {
  const FoldedText folded_text(lead);
  const std::string_view folded = folded_text.view();
  for (std::string_view phrase : {"fruehest", "spaetestens", "nochnichtfest", "nichtvor"}) {
    if (folded.find(phrase) != npos) return true;
  }
  return false;
}

Tail read_after_lead(std::string_view plain, std::size_t date_end, std::size_t from,
                     const OrganizerDirectory& directory) {
  Tail tail;
  const std::string between =
      collapse_spaces(std::string_view(plain).substr(date_end, from - date_end));
  std::string storage;
  const SegmentList segments = split_segments(std::string_view(plain).substr(from), storage);
  if (segments.empty()) return tail;
  const bool separated =
      !between.empty() || (from > 0 && (plain[from - 1] == ',' || plain[from - 1] == ':'));
  std::size_t first = 0;
  const std::string_view front = segments.front();
  const bool lowercase = !front.empty() && front.front() >= 'a' && front.front() <= 'z';
  const std::size_t words =
      static_cast<std::size_t>(std::count(front.begin(), front.end(), ' ')) + 1;
  if (!separated && !front.starts_with("(") && !front.starts_with("in ") &&
      !front.starts_with("im ") && !lowercase && words > 3) {
    tail.title = front;
    first = 1;
  }
  bool location_open = false;
  for (std::size_t i = first; i < segments.size(); ++i) {
    std::string_view segment = segments[i];
    while (segment.starts_with("( )") || segment.starts_with("()")) {
      segment = trim_view(segment.substr(segment.starts_with("()") ? 2 : 3));
    }
    // "(je einschließlich)", "(Freitag) (Bestätigung … steht noch aus)": notes, not a place.
    while (segment.starts_with("(") && segment.find(')') != npos) {
      const std::size_t close = segment.find(')');
      const std::string_view inner = trim_view(segment.substr(1, close - 1));
      if (!inner.empty() && weekday_segment(inner) == 0) tail.trailing.details.emplace_back(inner);
      segment = trim_view(segment.substr(close + 1));
    }
    if (segment.empty()) continue;
    if (segment.ends_with(")") && segment.find('(') == npos) segment.remove_suffix(1);
    while (!segment.empty() && segment.back() == '.') segment.remove_suffix(1);
    for (std::string_view label : {"im: ", "im ", "in ", "Wo? ", "Ort: ", "Sitzungsort: ",
                                   "Veranstaltungsort: ", "Treffpunkt: "}) {
      if (segment.starts_with(label)) segment = segment.substr(label.size());
    }
    if (segment.empty() || is_time_only(segment)) continue;
    if (apply_segment(segment, false, true, directory, tail.trailing)) continue;
    const bool still_lowercase = segment.front() >= 'a' && segment.front() <= 'z';
    if (i == 0 && lowercase && still_lowercase && words <= 3) {
      tail.trailing.details.emplace_back(segment);
      continue;
    }
    if (!tail.trailing.location) {
      tail.trailing.location = segment;
      location_open = true;
    } else if (location_open) {
      // "Veranstaltungsort: Stadtbibliothek, Berliner Straße 13": the address goes on.
      tail.trailing.location->append(", ").append(segment);
    } else {
      tail.trailing.details.emplace_back(segment);
    }
  }
  return tail;
}

}  // namespace itkal::entry_detail

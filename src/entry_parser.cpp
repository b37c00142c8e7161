#include "itkal/entry_parser.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "itkal/text_folding.hpp"
#include "itkal/text_scanner.hpp"
#include "itkal/time_range_parser.hpp"

namespace itkal {
namespace greg = boost::gregorian;

namespace {

constexpr std::size_t npos = std::string::npos;

constexpr std::array<std::string_view, 9> kOnlineMarkers{
    "online",           "digital",        "virtuell",        "webinar",  "onlineveranstaltung",
    "onlineseminar",    "videokonferenz", "livestream",      "webkonferenz"};

constexpr std::array<std::string_view, 14> kCancelledPhrases{
    "abgesagt",     "entfaellt",      "faelltaus",          "ausgefallen",  "storniert",
    "findetnichtstatt", "cancelled",  "canceled",           "terminabgesagt", "veranstaltungabgesagt",
    "wirdabgesagt", "mussabgesagtwerden", "istabgesagt",    "entfallen"};

constexpr std::array<std::string_view, 20> kDetailKeywords{
    "verschoben", "neu",       "geaendert", "ausgebucht", "ausverkauft", "anmeldung",  "nachholtermin",
    "ersatztermin", "hybrid",  "praesenz",  "kostenlos",  "kostenfrei",  "eintritt",   "findet",
    "ort",        "treffpunkt", "beginn",   "einlass",    "nur",         "mit"};

constexpr std::array<std::string_view, 24> kPlaceWords{
    "strasse", "str",    "platz",    "haus",    "halle",  "saal",    "rathaus",   "kirche",
    "schule",  "zentrum", "raum",    "gebaeude", "campus", "hotel",  "museum",    "bibliothek",
    "forum",   "aula",   "turnhalle", "gemeindehaus", "buergerhaus", "stadthalle", "messe", "park"};

bool is_online_marker(std::string_view text) {
  const std::string folded = fold_for_matching(text);
  return std::find(kOnlineMarkers.begin(), kOnlineMarkers.end(), folded) != kOnlineMarkers.end();
}

bool is_cancelled_phrase(std::string_view text) {
  std::string folded = fold_for_matching(text);
  return std::find(kCancelledPhrases.begin(), kCancelledPhrases.end(), folded) !=
         kCancelledPhrases.end();
}

bool starts_with_detail_keyword(std::string_view text) {
  const std::string folded = fold_for_matching(text.substr(0, std::min<std::size_t>(text.size(), 24)));
  for (auto keyword : kDetailKeywords) {
    if (folded.starts_with(keyword)) return true;
  }
  return false;
}

bool contains_digit(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool looks_like_place(std::string_view text) {
  const std::string folded = fold_for_matching(text);
  for (auto word : kPlaceWords) {
    if (folded.find(word) != npos) return true;
  }
  // A German postcode: five digits on their own.
  for (std::size_t i = 0; i + 5 <= text.size(); ++i) {
    bool five = true;
    for (std::size_t k = 0; k < 5; ++k) five = five && text[i + k] >= '0' && text[i + k] <= '9';
    const bool bounded = (i == 0 || !(text[i - 1] >= '0' && text[i - 1] <= '9')) &&
                         (i + 5 == text.size() || !(text[i + 5] >= '0' && text[i + 5] <= '9'));
    if (five && bounded) return true;
  }
  return false;
}

std::string trim_copy(std::string_view text) {
  std::string collapsed = collapse_spaces(text);
  while (!collapsed.empty() && (collapsed.back() == ',' || collapsed.back() == ';' ||
                                collapsed.back() == ' ')) {
    collapsed.pop_back();
  }
  return collapsed;
}

/// Position of a " – " / " - " dash that separates phrases (not a hyphen in a word), or npos.
std::size_t find_spaced_dash(std::string_view text, std::size_t from = 0) {
  for (std::size_t i = from; i + 2 < text.size(); ++i) {
    if (text[i] != ' ') continue;
    TextScanner scanner(text, i + 1);
    if (scanner.accept_dash() && (scanner.at_end() || scanner.peek() == ' ')) return i;
  }
  return npos;
}

/// Splits at top-level commas and semicolons (not inside parentheses or quotes).
std::vector<std::string> split_segments(std::string_view text) {
  std::vector<std::string> segments;
  int depth = 0;
  bool quoted = false;
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ',';
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    if (c == '"') quoted = !quoted;
    const bool last = i == text.size();
    if (last || ((c == ',' || c == ';') && depth == 0 && !quoted)) {
      // "Fachtagung Daten nutzen, Bildung gestalten": a comma inside a number ("1,5") is no split.
      const bool in_number = !last && i > 0 && i + 1 < text.size() && text[i - 1] >= '0' &&
                             text[i - 1] <= '9' && text[i + 1] >= '0' && text[i + 1] <= '9';
      if (in_number) continue;
      std::string segment = trim_copy(text.substr(begin, i - begin));
      if (!segment.empty()) segments.push_back(std::move(segment));
      begin = i + 1;
    }
  }
  return segments;
}

std::string join_segments(const std::vector<std::string>& segments, std::size_t count = npos) {
  std::string joined;
  for (std::size_t i = 0; i < segments.size() && i < count; ++i) {
    joined += (i ? ", " : "") + segments[i];
  }
  return joined;
}

/// What the part between the date and the title said.
struct Head {
  std::size_t end = 0;
  std::optional<TimeRange> time;
  std::optional<std::string> place;
  bool online = false;
  std::string invalid;  ///< set when a time is impossible
};

bool at_phrase_dash(const TextScanner& scanner) {
  const std::size_t pos = scanner.pos();
  if (pos == 0 || scanner.text()[pos - 1] != ' ') return false;
  TextScanner probe(scanner.text(), pos);
  return probe.accept_dash() && (probe.at_end() || probe.peek() == ' ');
}

/// End of a head segment: the next separator, the bold title, or `limit`.
std::size_t segment_end(std::string_view plain, std::size_t from, std::size_t limit) {
  for (std::size_t i = from; i < limit; ++i) {
    const char c = plain[i];
    if (c == ',' || c == ';' || c == '|') return i;
    const bool time_colon = c == ':' && i > 0 && i + 1 < plain.size() && plain[i - 1] >= '0' &&
                            plain[i - 1] <= '9' && plain[i + 1] >= '0' && plain[i + 1] <= '9';
    if (c == ':' && !time_colon) return i;
  }
  return limit;
}

/// Reads times, "online" and the place that stand between the date and the title.
/// `limit` is where the bold title (or the table cell) begins.
Head parse_head(std::string_view plain, std::size_t pos, std::size_t limit, bool bold_title) {
  Head head;
  TextScanner scanner(plain.substr(0, limit), pos);
  bool separated = false;
  std::vector<std::string> place;
  std::size_t place_start = npos;
  for (;;) {
    scanner.skip_spaces();
    if (scanner.at_end()) break;
    const char c = scanner.peek();
    if (c == ':') {
      scanner.accept(":");
      if (!place.empty()) head.place = join_segments(place);
      head.end = scanner.pos();
      return head;
    }
    if (c == ',' || c == ';' || c == '|') {
      scanner.set_pos(scanner.pos() + 1);
      separated = true;
      continue;
    }
    if (at_phrase_dash(scanner)) {
      scanner.accept_dash();
      separated = true;
      continue;
    }
    if (place.empty()) {
      const auto before_time = scanner.pos();
      TimeParse time = TimeRangeParser::parse(scanner);
      if (time.kind == TimeParse::Kind::invalid) {
        head.invalid = time.message;
        head.end = before_time;
        return head;
      }
      if (time.kind == TimeParse::Kind::time) {
        if (!head.time) head.time = time.range;
        separated = false;
        continue;
      }
    }
    const std::size_t end = segment_end(plain, scanner.pos(), limit);
    const std::string_view segment = plain.substr(scanner.pos(), end - scanner.pos());
    const bool closes = end < limit || bold_title;
    if (is_online_marker(segment) && (closes || end == plain.size())) {
      head.online = true;
      scanner.set_pos(end);
      separated = true;
      continue;
    }
    if (separated && closes && segment.size() <= 120 && end < plain.size()) {
      if (place_start == npos) place_start = scanner.pos();
      place.push_back(collapse_spaces(segment));
      scanner.set_pos(end);
      separated = false;
      continue;
    }
    break;
  }
  if (!place.empty()) {
    if (bold_title && scanner.at_end()) {
      head.place = join_segments(place);
      head.end = scanner.pos();
      return head;
    }
    head.end = place_start;  // no colon followed: those words begin the title
    return head;
  }
  head.end = scanner.pos();
  return head;
}

/// Fields gathered from the segments after the title.
struct Trailing {
  std::vector<std::string> organizers;
  std::vector<std::string> details;
  std::optional<std::string> location;
  std::optional<std::string> url;
  bool cancelled = false;
  bool online = false;
};

void add_unique(std::vector<std::string>& list, std::string value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

/// Takes a " – abgesagt" suffix off; true when there was one.
bool strip_status_suffix(std::string& segment) {
  for (std::size_t dash = find_spaced_dash(segment); dash != npos;
       dash = find_spaced_dash(segment, dash + 1)) {
    TextScanner scanner(segment, dash + 1);
    scanner.accept_dash();
    if (is_cancelled_phrase(scanner.rest())) {
      segment = trim_copy(std::string_view(segment).substr(0, dash));
      return true;
    }
  }
  return false;
}

/// Takes trailing "(…)" notes off; `always` takes any, otherwise only detail-like ones
/// ("(verschoben vom 25.6.)"), so that "Public-IT-Security (PITS)" keeps its parenthesis.
void strip_parentheticals(std::string& segment, bool always, Trailing& trailing) {
  while (!segment.empty() && segment.back() == ')') {
    int depth = 0;
    std::size_t open = npos;
    for (std::size_t i = segment.size(); i-- > 0;) {
      if (segment[i] == ')') ++depth;
      if (segment[i] == '(' && --depth == 0) {
        open = i;
        break;
      }
    }
    if (open == npos) return;
    const std::string inner = collapse_spaces(segment.substr(open + 1, segment.size() - open - 2));
    const bool detail_like = contains_digit(inner) || starts_with_detail_keyword(inner) ||
                             is_cancelled_phrase(inner) || is_online_marker(inner);
    if (!(always && open > 0) && !detail_like) return;
    if (open == 0 && !always) return;
    if (is_cancelled_phrase(inner)) {
      trailing.cancelled = true;
    } else if (is_online_marker(inner)) {
      trailing.online = true;
    } else if (!inner.empty()) {
      trailing.details.insert(trailing.details.begin(), inner);
    }
    segment = trim_copy(std::string_view(segment).substr(0, open));
  }
}

enum class SegmentKind { organizer, detail, status, location, url, online, unknown };

SegmentKind classify(const std::string& segment, const OrganizerDirectory& directory) {
  if (is_cancelled_phrase(segment)) return SegmentKind::status;
  if (segment.starts_with("http://") || segment.starts_with("https://") ||
      segment.starts_with("www.")) {
    return SegmentKind::url;
  }
  if (segment.starts_with("Ort:") || segment.starts_with("Ort ") || segment.starts_with("in ")) {
    return SegmentKind::location;
  }
  if (is_online_marker(segment)) return SegmentKind::online;
  if (directory.is_detail(segment)) return SegmentKind::detail;
  if (directory.canonical_name(segment)) return SegmentKind::organizer;
  return SegmentKind::unknown;
}

/// Applies one trailing segment; false when it is unknown and `unknown_is_organizer` is off.
bool apply_segment(std::string segment, bool unknown_is_organizer, bool parenthesis_always,
                   const OrganizerDirectory& directory, Trailing& trailing) {
  Trailing local;
  if (strip_status_suffix(segment)) local.cancelled = true;
  strip_parentheticals(segment, parenthesis_always, local);
  const auto commit = [&] {
    trailing.cancelled = trailing.cancelled || local.cancelled;
    trailing.online = trailing.online || local.online;
    for (auto& detail : local.details) trailing.details.push_back(detail);
  };
  if (segment.empty()) {
    commit();
    return true;
  }
  switch (classify(segment, directory)) {
    case SegmentKind::status:
      trailing.cancelled = true;
      break;
    case SegmentKind::url:
      trailing.url = segment;
      break;
    case SegmentKind::location: {
      TextScanner scanner(segment);
      scanner.accept("Ort:") || scanner.accept("Ort") || scanner.accept("in");
      trailing.location = collapse_spaces(scanner.rest());
      break;
    }
    case SegmentKind::online:
      trailing.online = true;
      break;
    case SegmentKind::detail:
      trailing.details.push_back(segment);
      break;
    case SegmentKind::organizer:
      add_unique(trailing.organizers, *directory.canonical_name(segment));
      break;
    case SegmentKind::unknown:
      if (!unknown_is_organizer) return false;
      if (segment.size() > 80) {
        trailing.details.push_back(segment);
      } else {
        add_unique(trailing.organizers, segment);
      }
      break;
  }
  commit();
  return true;
}

/// The organizer a title names by its prefix: "AKDB-Techniktage: …", "KISA-Digitaltag".
const std::string* title_prefix_organizer(const std::string& title,
                                          const OrganizerDirectory& directory) {
  const std::size_t end = title.find_first_of("-: ");
  if (end == npos || end == 0) return nullptr;
  const std::string prefix = title.substr(0, end);
  if (title[end] == ' ') {
    // A space ends the prefix only for acronyms ("BSI IT-Grundschutztag").
    const bool acronym =
        prefix.size() >= 2 && std::all_of(prefix.begin(), prefix.end(), [](char c) {
          return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        });
    if (!acronym) return nullptr;
  }
  return directory.canonical_name(prefix);
}

/// "ABGESAGT: Sommerfest" / "Entfällt! Sommerfest": cancelled, prefix removed.
bool strip_cancelled_prefix(std::string& title) {
  const std::size_t end = title.find_first_of(":!-");
  if (end == npos || end > 24) return false;
  if (!is_cancelled_phrase(std::string_view(title).substr(0, end))) return false;
  std::size_t next = end + 1;
  while (next < title.size() && (title[next] == ' ' || title[next] == '!' || title[next] == ':')) {
    ++next;
  }
  title = title.substr(next);
  return true;
}

std::size_t skip_decoration(std::string_view plain) {
  TextScanner scanner(plain);
  for (;;) {
    scanner.skip_spaces();
    if (scanner.accept("|") || scanner.accept("\xE2\x80\xA2") || scanner.accept("* ") ||
        scanner.accept("> ") || scanner.accept("\xC2\xB7") || scanner.accept("\xE2\x96\xBA")) {
      continue;
    }
    if ((scanner.peek() == '-' && scanner.peek(1) == ' ') ||
        (scanner.rest().starts_with("\xE2\x80\x93 "))) {
      scanner.accept_dash();
      continue;
    }
    return scanner.pos();
  }
}

/// Title and trailing fields of the text after the head (not a table row).
struct Tail {
  std::string title;
  Trailing trailing;
};

Tail read_tail(const MarkedText& text, std::size_t from, std::size_t to,
               const OrganizerDirectory& directory) {
  Tail tail;
  const std::string& plain = text.plain;
  const auto bold = std::find_if(text.bold.begin(), text.bold.end(),
                                 [&](const auto& span) { return span.second > from && span.first < to; });
  if (bold != text.bold.end()) {
    std::size_t title_begin = std::max(bold->first, from);
    const std::string prefix = trim_copy(std::string_view(plain).substr(from, title_begin - from));
    if (!prefix.empty() && prefix.find(',') == npos) title_begin = from;
    std::size_t title_end = std::min(bold->second, to);
    for (auto next = bold + 1; next != text.bold.end() && next->first < to; ++next) {
      const std::string gap = trim_copy(std::string_view(plain).substr(title_end, next->first - title_end));
      if (!gap.empty() && gap.find(',') != npos) break;
      title_end = std::min(next->second, to);
    }
    // A title broken across lines continues after the bold up to the first separator
    // ("**…gemeinsam** souverän?, eGovernment").
    std::size_t glue = title_end;
    while (glue < to && plain[glue] != ',' && plain[glue] != ';' && plain[glue] != '(') {
      if (plain[glue] == ' ' && at_phrase_dash(TextScanner(plain, glue + 1))) break;
      ++glue;
    }
    if (title_end < to && plain[title_end] != ',' && plain[title_end] != ';') title_end = glue;
    tail.title = trim_copy(std::string_view(plain).substr(title_begin, title_end - title_begin));
    for (auto& segment : split_segments(std::string_view(plain).substr(title_end, to - title_end))) {
      apply_segment(segment, true, true, directory, tail.trailing);
    }
    return tail;
  }
  std::vector<std::string> segments = split_segments(std::string_view(plain).substr(from, to - from));
  if (segments.empty()) return tail;
  // The last segment may end in a status or a note even when it is the title itself.
  {
    Trailing last;
    if (strip_status_suffix(segments.back())) last.cancelled = true;
    strip_parentheticals(segments.back(), false, last);
    tail.trailing = last;
  }
  std::size_t kept = segments.size();
  while (kept > 1) {
    Trailing probe = tail.trailing;
    if (!apply_segment(segments[kept - 1], false, false, directory, probe)) break;
    tail.trailing = std::move(probe);
    --kept;
  }
  // Peeled from the end: restore reading order.
  std::reverse(tail.trailing.organizers.begin(), tail.trailing.organizers.end());
  tail.title = join_segments(segments, kept);
  return tail;
}

/// One cell of a `|` table row, with its offsets in the plain text.
struct Cell {
  std::size_t begin;
  std::size_t end;
};

std::vector<Cell> split_cells(std::string_view plain, std::size_t from) {
  std::vector<Cell> cells;
  std::size_t begin = from;
  for (std::size_t i = from; i <= plain.size(); ++i) {
    if (i == plain.size() || plain[i] == '|') {
      std::size_t b = begin;
      std::size_t e = i;
      while (b < e && plain[b] == ' ') ++b;
      while (e > b && plain[e - 1] == ' ') --e;
      if (e > b) cells.push_back({b, e});
      begin = i + 1;
    }
  }
  return cells;
}

bool has_bold(const MarkedText& text, const Cell& cell) {
  return std::any_of(text.bold.begin(), text.bold.end(),
                     [&](const auto& span) { return span.first < cell.end && span.second > cell.begin; });
}

EntryParse warning(std::size_t line, const std::string& text, std::string message) {
  EntryParse result;
  result.kind = EntryParse::Kind::warning;
  result.warning = {line, text, std::move(message)};
  return result;
}

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

}  // namespace

MarkedText MarkedText::from_markup(std::string_view marked) {
  MarkedText text;
  text.plain.reserve(marked.size());
  std::size_t open = npos;
  for (std::size_t i = 0; i < marked.size(); ++i) {
    if (marked[i] == '*' && i + 1 < marked.size() && marked[i + 1] == '*') {
      if (open == npos) {
        open = text.plain.size();
      } else {
        if (text.plain.size() > open) text.bold.emplace_back(open, text.plain.size());
        open = npos;
      }
      ++i;
      continue;
    }
    text.plain += marked[i];
  }
  // An unclosed marker: bold to the end, as a reader would see it.
  if (open != npos && text.plain.size() > open) text.bold.emplace_back(open, text.plain.size());
  return text;
}

bool EntryParser::starts_entry(std::string_view marked_line) const {
  const MarkedText text = MarkedText::from_markup(marked_line.substr(0, 256));
  TextScanner scanner(text.plain, skip_decoration(text.plain));
  return dates_.parse(scanner).kind != DateParse::Kind::none;
}

EntryParse EntryParser::parse(std::string_view marked, std::size_t line) const {
  if (marked.size() > kMaxEntryBytes) {
    return warning(line, std::string(marked.substr(0, 200)) + "…",
                   "entry of " + std::to_string(marked.size()) + " bytes is too long to be one entry");
  }
  const MarkedText text = MarkedText::from_markup(marked);
  const std::string& plain = text.plain;
  const std::string original = collapse_spaces(plain);
  const std::size_t start = skip_decoration(plain);
  TextScanner scanner(plain, start);
  DateParse date = dates_.parse(scanner);
  if (date.kind == DateParse::Kind::none) return {};
  if (date.kind == DateParse::Kind::invalid) return warning(line, original, date.message);
  if (date.kind == DateParse::Kind::undated && collapse_spaces(scanner.rest()).empty()) {
    return {};  // "Mai 2026" alone: a sub-heading of the calendar, not an entry
  }

  EntryParse result;
  result.kind = EntryParse::Kind::entry;
  Entry& entry = result.entry;
  entry.line = line;
  entry.text = original;
  entry.dated = date.kind == DateParse::Kind::dated;
  entry.occurrences = std::move(date.occurrences);
  if (!date.note.empty()) entry.notes.push_back(date.note);

  Tail tail;
  Head head;
  std::vector<Cell> cells = split_cells(plain, scanner.pos());
  const bool table = plain.find('|', scanner.pos()) != npos && !cells.empty();
  if (table) {
    // The date's own cell may go on with a time; later cells are times, "online" or content.
    Cell first = cells.front();
    const bool date_cell_continues = plain.find('|', scanner.pos()) > first.begin;
    std::vector<Cell> content;
    if (date_cell_continues) {
      head = parse_head(plain, scanner.pos(), first.end, false);
      if (!head.invalid.empty()) return warning(line, original, head.invalid);
      if (head.end < first.end) content.push_back({head.end, first.end});
      cells.erase(cells.begin());
    }
    for (const Cell& cell : cells) {
      TextScanner cell_scanner(std::string_view(plain).substr(0, cell.end), cell.begin);
      TimeParse time = TimeRangeParser::parse(cell_scanner);
      cell_scanner.skip_spaces();
      if (time.kind == TimeParse::Kind::invalid) return warning(line, original, time.message);
      if (time.kind == TimeParse::Kind::time && cell_scanner.at_end()) {
        if (!head.time) head.time = time.range;
      } else if (is_online_marker(std::string_view(plain).substr(cell.begin, cell.end - cell.begin))) {
        head.online = true;
      } else {
        content.push_back(cell);
      }
    }
    auto cell_text = [&](const Cell& cell) {
      return collapse_spaces(std::string_view(plain).substr(cell.begin, cell.end - cell.begin));
    };
    if (content.size() == 1) {
      tail = read_tail(text, content[0].begin, content[0].end, directory_);
    } else if (content.size() >= 2) {
      std::size_t title_index = 0;
      const auto bold_cell = std::find_if(content.begin(), content.end(),
                                          [&](const Cell& cell) { return has_bold(text, cell); });
      if (bold_cell != content.end()) {
        title_index = static_cast<std::size_t>(bold_cell - content.begin());
      } else if (looks_like_place(cell_text(content[0])) && !looks_like_place(cell_text(content[1]))) {
        title_index = 1;
      }
      tail = read_tail(text, content[title_index].begin, content[title_index].end, directory_);
      bool location_taken = false;
      for (std::size_t i = 0; i < content.size(); ++i) {
        if (i == title_index) continue;
        const std::string value = cell_text(content[i]);
        if (!location_taken && !directory_.canonical_name(value) && !directory_.is_detail(value)) {
          tail.trailing.location = value;
          location_taken = true;
        } else if (!apply_segment(value, false, true, directory_, tail.trailing)) {
          tail.trailing.details.push_back(value);
        }
      }
    }
  } else {
    const auto bold = std::find_if(text.bold.begin(), text.bold.end(),
                                   [&](const auto& span) { return span.second > scanner.pos(); });
    const bool bold_title = bold != text.bold.end() && bold->first >= scanner.pos();
    const std::size_t limit = bold_title ? bold->first : plain.size();
    head = parse_head(plain, scanner.pos(), limit, bold_title);
    if (!head.invalid.empty()) return warning(line, original, head.invalid);
    tail = read_tail(text, head.end, plain.size(), directory_);
  }

  if (head.time) apply_time(entry.occurrences, *head.time);
  entry.online = head.online || tail.trailing.online;
  entry.location = head.place ? head.place : tail.trailing.location;
  if (entry.location && is_online_marker(*entry.location)) {
    entry.online = true;
    entry.location.reset();
  }
  entry.title = tail.title;
  if (strip_cancelled_prefix(entry.title)) entry.status = EntryStatus::cancelled;
  if (tail.trailing.cancelled) entry.status = EntryStatus::cancelled;
  entry.organizers = tail.trailing.organizers;
  entry.details = tail.trailing.details;
  entry.url = tail.trailing.url;
  if (const std::string* prefix = title_prefix_organizer(entry.title, directory_)) {
    add_unique(entry.organizers, *prefix);
  }
  if (entry.title.empty()) return warning(line, original, "entry has a date but no title");
  return result;
}

}  // namespace itkal

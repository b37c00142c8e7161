#include "itkal/extract/entry_parser.hpp"

#include <algorithm>
#include <boost/container/small_vector.hpp>
#include <optional>

#include "entry_parser_deadline.hpp"
#include "entry_parser_fields.hpp"
#include "entry_parser_inline_times.hpp"
#include "entry_parser_links.hpp"
#include "entry_parser_more_dates.hpp"
#include "entry_parser_moved.hpp"
#include "entry_parser_new_date.hpp"
#include "entry_parser_place.hpp"
#include "entry_parser_segments.hpp"
#include "entry_parser_span_end.hpp"
#include "entry_parser_title.hpp"
#include "entry_parser_title_first.hpp"
#include "itkal/extract/time_range_parser.hpp"
#include "itkal/text/text_folding.hpp"
#include "itkal/text/text_scanner.hpp"

// The parser reads a line in three steps: the date at its start (or after a title that comes
// first), then head and tail around the title — of a table row or of a plain line — and last
// finish_entry, which applies times, place, status and title tidying. The pieces each step
// uses live in entry_parser_*.cpp behind internal headers in src/.

namespace itkal {
namespace greg = boost::gregorian;
using namespace entry_detail;

namespace {

/// What the part between the date and the title said.
struct Head {
  std::size_t end = 0;
  TimeList times;  ///< one, or several on the same day ("14.00 und 16.00 Uhr")
  std::optional<std::string> place;
  bool online = false;
  std::vector<int> weekdays;  ///< weekdays written after the date ("10. Mai, Dienstag")
  std::string invalid;        ///< set when a time is impossible
};

/// End of a head segment: the next separator, the bold title, or `limit`.
std::size_t segment_end(std::string_view plain, std::size_t from, std::size_t limit) {
  const std::string_view head = plain.substr(0, limit);
  for (std::size_t i = find_first_byte_of(head, ",;|:", from); i != npos;
       i = find_first_byte_of(head, ",;|:", i + 1)) {
    const bool time_colon = plain[i] == ':' && i > 0 && i + 1 < plain.size() &&
                            plain[i - 1] >= '0' && plain[i - 1] <= '9' && plain[i + 1] >= '0' &&
                            plain[i + 1] <= '9';
    if (!time_colon) return i;
  }
  return limit;
}

/// "14.00 und 16.00 Uhr", "8 - 11.30 Uhr und 13 - 18 Uhr": more start times on the same day.
void read_more_times(TextScanner& scanner, TimeList& times) {
  for (;;) {
    const auto saved = scanner.pos();
    scanner.skip_spaces();
    if (!(scanner.accept_word("und") || scanner.accept_word("sowie") || scanner.accept(',') ||
          scanner.accept('&') || scanner.accept('+'))) {
      break;
    }
    scanner.skip_spaces();
    const TimeParse more = TimeRangeParser::parse(scanner);
    if (more.kind != TimeParse::Kind::time || !more.range.start) {
      scanner.set_pos(saved);
      break;
    }
    times.push_back(more.range);
  }
}
/// `limit` is where the bold title (or the table cell) begins. With `dash_ends_head`, a " – "
/// that no time follows starts the title ("2. Januar – Heule Eule: Wo ist Mama?").
Head parse_head(std::string_view plain, std::size_t pos, std::size_t limit, bool bold_title,
                bool dash_ends_head) {
  Head head;
  TextScanner scanner(plain.substr(0, limit), pos);
  bool separated = false;
  std::string place;  // the place segments, joined with ", "
  std::size_t place_start = npos;
  for (;;) {
    scanner.skip_spaces();
    if (scanner.at_end()) break;
    const char c = scanner.peek();
    if (c == ':') {
      scanner.accept(':');
      if (place_start != npos) head.place = std::move(place);
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
      scanner.skip_spaces();
      TextScanner probe(plain.substr(0, limit), scanner.pos());
      if (dash_ends_head && place_start == npos &&
          TimeRangeParser::parse(probe).kind == TimeParse::Kind::none) {
        head.end = scanner.pos();
        return head;
      }
      separated = true;
      continue;
    }
    const auto before_time = scanner.pos();
    TimeParse time = TimeRangeParser::parse(scanner);
    if (time.kind == TimeParse::Kind::none) {
      if (auto joined = unmarked_time_joined_to_marked(scanner)) {
        time = {.kind = TimeParse::Kind::time, .range = joined->time, .message = {}};
      }
    }
    if (time.kind == TimeParse::Kind::invalid) {
      head.invalid = time.message;
      head.end = before_time;
      return head;
    }
    if (time.kind == TimeParse::Kind::time) {
      if (head.times.empty()) {
        head.times.push_back(time.range);
        read_more_times(scanner, head.times);
      }
      separated = false;
      continue;
    }
    if (place_start == npos) {
      // "17.04.17 Dienstag Lernstandserhebung": a weekday word after the date is checked later.
      TextScanner probe(plain.substr(0, limit), scanner.pos());
      if (int weekday = DateExpressionParser::parse_weekday_name(probe); weekday != 0) {
        probe.accept('.');
        const char next = probe.peek();
        if (probe.at_end() || next == ' ' || next == ',' || next == ':' || next == ')') {
          head.weekdays.push_back(weekday);
          scanner.set_pos(probe.pos());
          separated = false;
          continue;
        }
      }
    }
    const std::size_t end = segment_end(plain, scanner.pos(), limit);
    const std::string_view segment = plain.substr(scanner.pos(), end - scanner.pos());
    if (int weekday = weekday_segment(segment); weekday != 0 && place_start == npos) {
      head.weekdays.push_back(weekday);
      scanner.set_pos(end);
      separated = true;
      continue;
    }
    const bool closes = end < limit || bold_title;
    if (is_all_day_marker(segment) && (closes || end == plain.size())) {
      scanner.set_pos(end);  // "12.6., ganztags: Wandertag": no time is what it says
      separated = true;
      continue;
    }
    if (is_online_marker(segment) && (closes || end == plain.size())) {
      head.online = true;
      scanner.set_pos(end);
      separated = true;
      continue;
    }
    if (separated && closes && segment.size() <= 120 && end < plain.size()) {
      if (place_start == npos) {
        place_start = scanner.pos();
      } else {
        place += ", ";
      }
      place += collapse_spaces(segment);
      scanner.set_pos(end);
      separated = false;
      continue;
    }
    break;
  }
  if (place_start != npos) {
    if (bold_title && scanner.at_end()) {
      head.place = std::move(place);
      head.end = scanner.pos();
      return head;
    }
    head.end = place_start;  // no colon followed: those words begin the title
    return head;
  }
  head.end = scanner.pos();
  return head;
}

std::size_t skip_decoration(std::string_view plain) {
  TextScanner scanner(plain);
  for (;;) {
    scanner.skip_spaces();
    if (scanner.accept('|') || scanner.accept("\xE2\x80\xA2") || scanner.accept("* ") ||
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

Tail read_tail(const MarkedText& text, std::size_t from, std::size_t to,
               const OrganizerDirectory& directory) {
  Tail tail;
  const std::string& plain = text.plain;
  const auto bold = std::find_if(text.bold.begin(), text.bold.end(), [&](const auto& span) {
    return span.second > from && span.first < to;
  });
  if (bold != text.bold.end()) {
    std::size_t title_begin = std::max(bold->first, from);
    const std::string_view prefix =
        trim_like_copy(std::string_view(plain).substr(from, title_begin - from));
    if (!prefix.empty() && prefix.find(',') == npos) title_begin = from;
    std::size_t title_end = std::min(bold->second, to);
    for (auto next = bold + 1; next != text.bold.end() && next->first < to; ++next) {
      const std::string_view gap =
          trim_like_copy(std::string_view(plain).substr(title_end, next->first - title_end));
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
    std::string storage;
    for (const std::string_view segment :
         split_segments(std::string_view(plain).substr(title_end, to - title_end), storage)) {
      apply_segment(segment, true, true, directory, tail.trailing);
    }
    return tail;
  }
  std::string storage;
  SegmentList segments = split_segments(std::string_view(plain).substr(from, to - from), storage);
  if (segments.empty()) return tail;
  if (segments.size() > 1 && is_quoted(segments.front())) {
    // '"Der Zeitpfeil", Prof. Dr. Eric Lutz, Theoretische Physik': the quoted talk is the title,
    // speaker and institution are details.
    tail.title = segments.front();
    for (std::size_t i = 1; i < segments.size(); ++i) {
      if (!apply_segment(segments[i], false, true, directory, tail.trailing)) {
        tail.trailing.details.emplace_back(segments[i]);
      }
    }
    return tail;
  }
  // The last segment may end in a status or a note even when it is the title itself.
  {
    Trailing last;
    if (strip_status_suffix(segments.back())) last.cancelled = true;
    strip_parentheticals(segments.back(), false, last);
    tail.trailing = std::move(last);
  }
  std::size_t kept = segments.size();
  // apply_segment leaves the fields alone when it does not know a segment.
  while (kept > 1 && apply_segment(segments[kept - 1], false, false, directory, tail.trailing)) {
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

/// The cells of a table row: a handful, kept off the heap.
using CellList = boost::container::small_vector<Cell, 8>;

CellList split_cells(std::string_view plain, std::size_t from) {
  CellList cells;
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
  return std::any_of(text.bold.begin(), text.bold.end(), [&](const auto& span) {
    return span.first < cell.end && span.second > cell.begin;
  });
}

EntryParse warning(std::size_t line, const std::string& text, std::string message) {
  EntryParse result;
  result.kind = EntryParse::Kind::warning;
  result.warning = {line, text, std::move(message)};
  return result;
}

/// A table cell that holds nothing but a date expression.
std::optional<DateParse> whole_cell_date(std::string_view cell, const DateExpressionParser& dates) {
  TextScanner scanner(cell);
  DateParse parse = dates.parse(scanner);
  scanner.skip_spaces();
  if (parse.kind == DateParse::Kind::invalid) return parse;
  if (parse.kind != DateParse::Kind::dated || !scanner.at_end()) return std::nullopt;
  return parse;
}

/// "23.11.2017 | Stand 02.12.2020, 17:10 Uhr" at the head of an article: the page's dates of
/// publication and update, with a time of day, read as an event by nobody.
bool is_date_stamp(std::string_view rest) {
  // Folding runs only where a stamp's word may begin: most entries go on with a time or a place.
  const std::size_t first = rest.find_first_not_of(" |,:-");
  if (first == npos || std::string_view("SsZzAaVvEe").find(rest[first]) == npos) return false;
  const FoldedText folded(rest.substr(first, 40));
  std::string_view word = folded.view();
  for (const std::string_view stamp :
       {"stand", "zuletztaktualisiert", "aktualisiert", "veroffentlicht", "erstellt"}) {
    if (!word.starts_with(stamp)) continue;
    word.remove_prefix(stamp.size());
    if (word.starts_with("am")) word.remove_prefix(2);
    return !word.empty() && word.front() >= '0' && word.front() <= '9';
  }
  return false;
}

/// "Bis 15. März 2024 | Anmeldeschluss für Standplätze |": the words after a deadline's date,
/// in a cell or after a colon, name it a deadline; the day is then the entry's, as a calendar of
/// deadlines lists it. Any other words ("bis 30.11.: Ausstellung") leave the day unclear.
bool labels_deadline(std::string_view after_date) {
  after_date = trim_view(after_date);
  if (!after_date.starts_with(':') && !after_date.starts_with('|')) return false;
  after_date.remove_prefix(1);
  return mentions_deadline(after_date.substr(0, after_date.find('|')));
}

/// "Frühjahr: 7. Februar 2005 - 11. Februar 2005", "Mai: 12.5. Maifest": a season or month
/// whose colon is followed right away by a date labels that date, as a plan's first column
/// does; the season is no undated entry of its own. Any words between the colon and the date
/// ("Juni: Sommerfest, Anmeldung bis 3.6.") leave the line undated.
std::optional<LaterDate> labelled_by_period(std::string_view plain, const TextScanner& after,
                                            const DateParse& date,
                                            const DateExpressionParser& dates) {
  // Only a month, season or quarter ("no day given: …"), not "tba" or "Termin folgt".
  if (date.kind != DateParse::Kind::undated || !date.note.starts_with("no day given: ")) {
    return std::nullopt;
  }
  const std::size_t colon = plain.find_first_not_of(' ', after.pos());
  if (colon == npos || plain[colon] != ':') return std::nullopt;
  const std::size_t first = plain.find_first_not_of(' ', colon + 1);
  if (first == npos || !is_digit(plain[first])) return std::nullopt;
  TextScanner scanner(plain, first);
  DateParse labelled = dates.parse(scanner);
  if (labelled.kind != DateParse::Kind::dated || labelled.occurrences.empty()) return std::nullopt;
  // "im Juni: 20.04.": a month label that another month's date contradicts labels nothing.
  const int month = DateExpressionParser::month_named_in(plain.substr(0, colon));
  const int labelled_month = labelled.occurrences.front().start_date.month();
  if (month != 0 && month != labelled_month) return std::nullopt;
  return LaterDate{first, scanner.pos(), std::move(labelled)};
}

/// "23.122024.": digits, a dot and more digits that make no date.
bool starts_with_broken_date(std::string_view plain, std::size_t start) {
  std::size_t i = start;
  while (i < plain.size() && is_digit(plain[i])) ++i;
  return i > start && i - start <= 2 && i + 1 < plain.size() && plain[i] == '.' &&
         is_digit(plain[i + 1]);
}

/// After a date: a dash and then digits that did not read as the span's end.
bool continues_with_broken_span(const TextScanner& scanner) {
  TextScanner probe(scanner.text(), scanner.pos());
  probe.skip_spaces();
  if (!probe.accept_dash() && !probe.accept_word("bis")) return false;
  probe.skip_spaces();
  if (!probe.at_digit()) return false;
  std::size_t digits = 0;
  while (probe.at_digit()) {
    probe.set_pos(probe.pos() + 1);
    ++digits;
  }
  // "- 30.102020" or "- 3020": a number where the last day should be, and no time after it.
  return probe.peek() == '.' && probe.peek(1) >= '0' && probe.peek(1) <= '9' && digits <= 2 && [&] {
    std::size_t more = 0;
    TextScanner rest(probe.text(), probe.pos() + 1);
    while (rest.at_digit()) {
      rest.set_pos(rest.pos() + 1);
      ++more;
    }
    return more > 2;
  }();
}

/// Every weekday written after the date must be the weekday of a day of the entry.
bool check_weekdays(const std::vector<Occurrence>& occurrences, const std::vector<int>& weekdays) {
  for (const int weekday : weekdays) {
    bool found = false;
    for (const auto& occurrence : occurrences) {
      if ((occurrence.end_date - occurrence.start_date).days() >= 6) return true;
      for (auto day = occurrence.start_date; day <= occurrence.end_date; day += greg::days(1)) {
        found = found || (day.day_of_week().as_number() + 6) % 7 + 1 == weekday;
      }
    }
    if (!found) return false;
  }
  return true;
}

/// The date at the start of a line, or after a title written first, and what stood before it.
struct LineStart {
  DateParse date;
  std::size_t date_end = 0;
  std::string lead;        ///< a title written before the date ("Zwischenzeugnis 17.02.2023")
  TimeList lead_times;     ///< "… finden jeweils dienstags, 17 Uhr, statt: 30. Januar, …"
  std::string moved_from;  ///< "verschoben vom 3.3.": the old date of a moved title-first entry
};

/// Fills `result` from the start of the line (its date from `known` when given). Returns what parse
/// returns when the line is no entry or cannot be read, else nothing. `result` is filled in place,
/// not returned: it holds the line's dates, and moving them costs a tenth of the parser's time on
/// short lines.
std::optional<EntryParse> read_line_start(MarkedText& text, const std::string& original,
                                          std::size_t line, const DateExpressionParser& dates,
                                          std::optional<LeadingDate>& known, LineStart& result) {
  const std::size_t start = skip_decoration(text.plain);
  TextScanner scanner(text.plain, start);
  if (known) {
    result.date = std::move(known->date);
    scanner.set_pos(known->end);
  } else {
    result.date = dates.parse(scanner);
  }
  DateParse& date = result.date;
  const auto stop = [](EntryParse parse) { return std::optional<EntryParse>(std::move(parse)); };
  const bool label_cell =
      date.kind == DateParse::Kind::undated && collapse_spaces(scanner.rest()).starts_with("|");
  auto later = date.kind == DateParse::Kind::none || label_cell
                   ? find_later_date(text.plain, start, dates)
                   : labelled_by_period(text.plain, scanner, date, dates);
  if (date.kind == DateParse::Kind::none && !later) return stop({});
  if (date.kind == DateParse::Kind::none && starts_with_broken_date(text.plain, start)) {
    // "23.122024. - 31.12.2024": reading the later date would drop the first one.
    return stop(warning(line, original, "unreadable date at the start"));
  }
  if (later && is_deadline_lead(std::string_view(text.plain).substr(start, later->first - start)) &&
      !labels_deadline(std::string_view(text.plain).substr(later->second))) {
    return stop(warning(line, original, "a deadline ('bis …'), not the day of an event"));
  }
  if (later) {
    InlineTimes lead_times = blank_inline_times(text.plain, start, later->first);
    if (lead_times.alternative) {
      return stop(warning(line, original, "alternative times ('oder')"));
    }
    result.lead_times = std::move(lead_times.times);
    result.lead = clean_lead(std::string_view(text.plain).substr(start, later->first - start));
    // "April/Mai 2026   27.04.-22.05.26 Lernstanderhebungen": the months label the plan; the
    // entry starts at its date.
    const bool titled_first = !result.lead.empty();
    if (text.plain.find('|') == npos &&
        is_period_label(std::string_view(text.plain).substr(start, later->first - start))) {
      result.lead.clear();
    }
    if (auto moved = read_moved_from(text.plain, result.lead, *later, dates)) {
      later = std::move(moved->date);
      result.lead = std::move(moved->lead);
      result.moved_from = std::move(moved->detail);
    } else if (titled_first && dated_by_record(text.plain, *later)) {
      return stop(warning(line, original,
                          "a day after 'vom' without an end dates what the title refers to, not "
                          "the event"));
    }
    if (names_uncertain_date(result.lead)) {
      return stop(warning(line, original, "the date is not fixed yet ('" + result.lead + "')"));
    }

    // The date was read by find_later_date; blanking the times before it changed nothing after.
    scanner.set_pos(later->second);
    date = std::move(later->parse);
    const bool in_table = text.plain.find('|') != npos;
    if (titled_first && !in_table && has_second_date(text.plain, later->second, dates)) {
      return stop(warning(line, original,
                          "several dates in one sentence; which one is the event's is unclear"));
    }
  }
  if (date.kind == DateParse::Kind::invalid) return stop(warning(line, original, date.message));
  if (date.kind == DateParse::Kind::dated && continues_with_broken_span(scanner)) {
    // "19.10. - 30.102020": the end of the span cannot be read.
    return stop(warning(line, original, "unreadable end of a span"));
  }
  if (date.kind == DateParse::Kind::undated && result.lead.empty() &&
      collapse_spaces(scanner.rest()).empty()) {
    return stop({});  // "Mai 2026" alone: a sub-heading of the calendar, not an entry
  }
  if (date.kind == DateParse::Kind::dated && result.lead.empty() && is_date_stamp(scanner.rest())) {
    return stop(warning(line, original, "the page's date stamp ('Stand …'), not an event"));
  }
  if (!result.lead.empty()) {
    if (auto stamp = closing_date_stamp(text.plain, scanner.pos(), dates)) text.truncate(*stamp);
  }
  result.date_end = scanner.pos();
  return std::nullopt;
}

/// What a line says around its title: the head before it and the tail from it on. `problem`
/// is set when the line cannot be read safely; it becomes the warning.
struct HeadAndTail {
  Head head;
  Tail tail;
  std::string problem;
};

/// The content cells of a table row with a title written before the date: the lead is the
/// title, the cells give place, organizers and details.
Tail read_cells_after_lead(const std::string& lead,
                           const boost::container::small_vector<std::string, 8>& texts,
                           const OrganizerDirectory& directory) {
  Tail tail;
  tail.title = lead;
  for (const std::string& value : texts) {
    if (!apply_segment(value, false, true, directory, tail.trailing)) {
      if (!tail.trailing.location) {
        tail.trailing.location = value;
      } else {
        tail.trailing.details.push_back(value);
      }
    }
  }
  return tail;
}

/// Two or more content cells: the bold one is the title, or the second when the first names a
/// place; the others give place, organizers and details.
Tail read_content_cells(const MarkedText& text, const CellList& content,
                        const boost::container::small_vector<std::string, 8>& texts,
                        const OrganizerDirectory& directory) {
  std::size_t title_index = 0;
  const auto bold_cell = std::find_if(content.begin(), content.end(),
                                      [&](const Cell& cell) { return has_bold(text, cell); });
  if (bold_cell != content.end()) {
    title_index = static_cast<std::size_t>(bold_cell - content.begin());
  } else if (starts_like_place(texts[0]) && !starts_like_place(texts[1])) {
    title_index = 1;
  }
  Tail tail = read_tail(text, content[title_index].begin, content[title_index].end, directory);
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (i == title_index) continue;
    const std::string& value = texts[i];
    const bool lowercase = !value.empty() && value.front() >= 'a' && value.front() <= 'z';
    const auto known = directory.match_folded(FoldedText(value).view());
    if (!tail.trailing.location && !lowercase && !known.organizer && !known.detail) {
      tail.trailing.location = value;
    } else if (!apply_segment(value, false, true, directory, tail.trailing)) {
      tail.trailing.details.push_back(value);
    }
  }
  return tail;
}

/// A `DATE | TIME | TITLE | PLACE` row: the date's own cell may go on with a time; later cells
/// are times, "online", weekdays, more dates (added to `occurrences`) or content.
HeadAndTail parse_table_row(MarkedText& text, std::size_t date_end, CellList& cells,
                            const std::string& lead, std::vector<Occurrence>& occurrences,
                            const OrganizerDirectory& directory,
                            const DateExpressionParser& dates) {
  HeadAndTail read;
  Head& head = read.head;
  const std::string& plain = text.plain;
  const Cell first = cells.front();
  const bool date_cell_continues = plain.find('|', date_end) > first.begin;
  CellList content;
  if (date_cell_continues) {
    head = parse_head(plain, date_end, first.end, false, false);
    if (!head.invalid.empty()) {
      read.problem = head.invalid;
      return read;
    }
    if (head.end < first.end) content.push_back({head.end, first.end});
    cells.erase(cells.begin());
  }
  std::optional<TimeRange> cell_time;  // the first cell that holds nothing but a time
  for (const Cell& cell : cells) {
    TextScanner cell_scanner(std::string_view(plain).substr(0, cell.end), cell.begin);
    TimeParse time = TimeRangeParser::parse(cell_scanner);
    cell_scanner.skip_spaces();
    if (time.kind == TimeParse::Kind::invalid) {
      read.problem = time.message;
      return read;
    }
    const std::string_view cell_view =
        std::string_view(plain).substr(cell.begin, cell.end - cell.begin);
    if (time.kind == TimeParse::Kind::time && cell_scanner.at_end()) {
      if (!cell_time) cell_time = time.range;
    } else if (is_online_marker(cell_view)) {
      head.online = true;
    } else if (int weekday = weekday_segment(cell_view); weekday != 0) {
      head.weekdays.push_back(weekday);
    } else if (auto more = whole_cell_date(cell_view, dates)) {
      // "| MOW | 20. – 24.09.2015 | 18. – 22.09.2016 |": each date cell is an occurrence.
      if (more->kind == DateParse::Kind::invalid) {
        read.problem = more->message;
        return read;
      }
      for (auto& occurrence : more->occurrences) occurrences.push_back(occurrence);
    } else {
      content.push_back(cell);
    }
  }
  if (head.times.empty() && cell_time) head.times.push_back(*cell_time);
  if (head.times.empty() && !content.empty()) {
    const InlineTimes inline_times =
        blank_inline_times(text.plain, content.front().begin, content.back().end);
    if (inline_times.alternative) {
      read.problem = "alternative times ('oder')";
      return read;
    }
    head.times = inline_times.times;
  }
  // The text of every cell that has one, collapsed once: the choices below read them often.
  boost::container::small_vector<std::string, 8> texts;
  {
    CellList filled;
    for (const Cell& cell : content) {
      std::string value =
          trim_copy(std::string_view(plain).substr(cell.begin, cell.end - cell.begin));
      if (value.empty()) continue;
      filled.push_back(cell);
      texts.push_back(std::move(value));
    }
    content = filled;
  }
  if (!lead.empty()) {
    read.tail = read_cells_after_lead(lead, texts, directory);
  } else if (content.size() == 1) {
    read.tail = read_tail(text, content[0].begin, content[0].end, directory);
  } else if (content.size() >= 2) {
    read.tail = read_content_cells(text, content, texts, directory);
  }
  return read;
}

/// A line that is no table row: the head up to the (bold) title, then the title and its
/// trailing fields; or, with a title written before the date, what follows the date.
HeadAndTail parse_plain_line(MarkedText& text, std::size_t date_end, const std::string& lead,
                             const OrganizerDirectory& directory) {
  HeadAndTail read;
  Head& head = read.head;
  Tail& tail = read.tail;
  const std::string& plain = text.plain;
  const auto bold = std::find_if(text.bold.begin(), text.bold.end(),
                                 [&](const auto& span) { return span.second > date_end; });
  const bool bold_title = bold != text.bold.end() && bold->first >= date_end;
  const std::size_t limit = bold_title ? bold->first : plain.size();
  head = parse_head(plain, date_end, limit, bold_title, lead.empty());
  if (!head.invalid.empty()) {
    read.problem = head.invalid;
    return read;
  }
  if (head.times.empty()) {
    const InlineTimes inline_times = blank_inline_times(text.plain, head.end, plain.size());
    if (inline_times.alternative) {
      read.problem = "alternative times ('oder')";
      return read;
    }
    head.times = inline_times.times;
  }
  if (lead.empty()) {
    tail = read_tail(text, head.end, plain.size(), directory);
    if (tail.title.starts_with("in ") && !bold_title && !head.place) {
      // "Freitag, 1. April, in Regensburg": a place, and no title.
      tail.trailing.location = tail.title.substr(3);
      tail.title.clear();
    }
  } else {
    tail = read_after_lead(plain, date_end, head.end, directory);
    if (tail.title.empty()) {
      tail.title = lead;
      if (!tail.trailing.location) tail.trailing.location = take_trailing_place(tail.title);
    } else if (!directory.canonical_name(lead)) {
      tail.trailing.details.insert(tail.trailing.details.begin(), lead);
    } else {
      add_unique(tail.trailing.organizers, *directory.canonical_name(lead));
    }
  }
  return read;
}

/// "Wandertag ganztägig": the all-day word is no part of the title.
void strip_all_day_suffix(std::string& title) {
  const std::size_t space = title.rfind(' ');
  if (space == npos || !is_all_day_marker(std::string_view(title).substr(space + 1))) return;
  title.resize(space);
  while (!title.empty() && (title.back() == ' ' || title.back() == ',')) title.pop_back();
}

/// Completes the entry from what head and tail said: times applied to the dates, place, online,
/// status, a tidy title, organizers and details. Returns the problem that makes the line a
/// warning (a weekday that contradicts the date), else an empty text. Works in place: the
/// entry and its fields are moved once, into their final place.
std::string finish_entry(EntryParse& result, HeadAndTail& read, const MarkedText& text,
                         std::size_t date_end, bool has_lead, const TimeList& lead_times,
                         const OrganizerDirectory& directory) {
  Entry& entry = result.entry;
  Head& head = read.head;
  Tail& tail = read.tail;
  const std::string& written = entry.text;  // the line, for warnings
  if (head.times.empty()) head.times = lead_times;
  if (!check_weekdays(entry.occurrences, head.weekdays)) {
    return "the weekday written does not match the date";
  }
  apply_times(entry.occurrences, head.times);
  entry.online = head.online || tail.trailing.online;
  entry.location = head.place ? std::move(head.place) : std::move(tail.trailing.location);
  const bool bold_title = std::any_of(text.bold.begin(), text.bold.end(),
                                      [&](const auto& span) { return span.second > date_end; });
  if (!bold_title && strip_trailing_status(tail.title, tail.trailing))
    tail.trailing.cancelled = true;
  // An online event has no room: "Open Source im Rathaus" is then part of the title.
  if (!bold_title && !entry.location && !has_lead && !head.online && !tail.trailing.online) {
    entry.location = take_dashed_place(tail.title);
    if (!entry.location) entry.location = take_trailing_place(tail.title);
  }
  if (entry.location && is_online_marker(*entry.location)) {
    entry.online = true;
    entry.location.reset();
  }
  entry.title = std::move(tail.title);
  if (!bold_title) {
    tidy_plain_title(entry.title);
    strip_all_day_suffix(entry.title);
  }
  if (strip_cancelled_prefix(entry.title)) entry.status = EntryStatus::cancelled;
  if (tail.trailing.cancelled) entry.status = EntryStatus::cancelled;
  strip_sentence_period(entry.title);
  entry.organizers = std::move(tail.trailing.organizers);
  entry.details = std::move(tail.trailing.details);
  entry.url = std::move(tail.trailing.url);
  if (const std::string* prefix = title_prefix_organizer(entry.title, directory)) {
    add_unique(entry.organizers, *prefix);
  }
  if (entry.title.empty()) {
    result.warnings.push_back({entry.line, written, "entry has a date but no title"});
  }
  return {};
}

}  // namespace

MarkedText MarkedText::from_markup(std::string_view marked) {
  MarkedText text;
  text.assign_markup(marked);
  return text;
}

void MarkedText::assign_markup(std::string_view marked) {
  plain.clear();
  bold.clear();
  plain.reserve(marked.size());
  std::size_t open = npos;
  // From star to star: most lines have none or two pairs.
  for (std::size_t i = 0;;) {
    const std::size_t star = find_first_byte_of(marked, "*", i);
    if (star == npos) {
      plain.append(marked.substr(i));
      break;
    }
    if (star + 1 == marked.size() || marked[star + 1] != '*') {  // a lone star stays
      plain.append(marked.substr(i, star + 1 - i));
      i = star + 1;
      continue;
    }
    plain.append(marked.substr(i, star - i));
    if (open == npos) {
      open = plain.size();
    } else {
      if (plain.size() > open) bold.emplace_back(open, plain.size());
      open = npos;
    }
    i = star + 2;
  }
  // An unclosed marker: bold to the end, as a reader would see it.
  if (open != npos && plain.size() > open) bold.emplace_back(open, plain.size());
}

void MarkedText::truncate(std::size_t end) {
  if (end >= plain.size()) return;
  plain.resize(end);
  bold.erase(std::remove_if(bold.begin(), bold.end(),
                            [&](const auto& range) { return range.first >= end; }),
             bold.end());
  for (auto& range : bold) range.second = std::min(range.second, end);
}

void MarkedText::erase(std::size_t begin, std::size_t end) {
  end = std::min(end, plain.size());
  if (begin >= end) return;
  plain.erase(begin, end - begin);
  const std::size_t removed = end - begin;
  const auto moved = [&](std::size_t at) {
    return at <= begin ? at : (at >= end ? at - removed : begin);
  };
  for (auto& range : bold) range = {moved(range.first), moved(range.second)};
  bold.erase(std::remove_if(bold.begin(), bold.end(),
                            [](const auto& range) { return range.first >= range.second; }),
             bold.end());
}

bool EntryParser::starts_entry(std::string_view marked_line) const {
  return leading_date(marked_line).has_value();
}

namespace {

/// The text leading_date and parse read a line into: one per thread, reused, so that no line is
/// copied onto the heap (neither runs inside the other, nor the date parser in either). A line
/// that opens an entry is asked for its date and then parsed: `leading_markup` is the markup
/// leading_date read into `text` last, so that parse of the same markup right after takes the
/// text as it is rather than reading it once more.
struct ReadText {
  MarkedText text;
  std::string leading_markup;
  bool holds_leading = false;  ///< `text` is still what leading_date made of `leading_markup`
};

thread_local ReadText read_text;

}  // namespace

std::optional<LeadingDate> EntryParser::leading_date(std::string_view marked_line) const {
  ReadText& shared = read_text;
  MarkedText& text = shared.text;
  const std::string_view read = marked_line.substr(0, 256);
  text.assign_markup(read);
  shared.leading_markup.assign(read);
  shared.holds_leading = true;
  TextScanner scanner(text.plain, skip_decoration(text.plain));
  DateParse date = dates_.parse(scanner);
  if (date.kind == DateParse::Kind::none) return std::nullopt;
  return LeadingDate{.marked = read, .date = std::move(date), .end = scanner.pos()};
}

bool lacks_title(const EntryParse& parse) {
  return parse.kind == EntryParse::Kind::entry && parse.entry.dated && parse.entry.title.empty() &&
         !parse.entry.location;
}

bool EntryParser::holds_entry(std::string_view marked_line) const {
  return starts_entry(marked_line) || later_date_kind(marked_line) == DateParse::Kind::dated;
}

bool EntryParser::holds_entry_or_refused_date(std::string_view marked_line) const {
  if (starts_entry(marked_line)) return true;
  const DateParse::Kind kind = later_date_kind(marked_line);
  return kind == DateParse::Kind::dated || kind == DateParse::Kind::invalid;
}

DateParse::Kind EntryParser::later_date_kind(std::string_view marked_line) const {
  const MarkedText text = MarkedText::from_markup(marked_line.substr(0, kMaxLeadBytes + 64));
  const std::size_t start = skip_decoration(text.plain);
  const auto later = find_later_date(text.plain, start, dates_);
  if (!later) return DateParse::Kind::none;
  // "KDO (verschoben vom 25.6.)", "seit 1.5.": a date that belongs to a note, not an entry.
  const std::string_view before = std::string_view(text.plain).substr(start, later->first - start);
  if (before.find('(') != npos && before.find(')') == npos) return DateParse::Kind::none;
  const FoldedText folded_text(before.substr(before.size() > 16 ? before.size() - 16 : 0));
  const std::string_view folded = folded_text.view();
  for (std::string_view word : {"verschoben", "seit", "bis", "ab", "vom", "verlegt"}) {
    if (folded.ends_with(word)) return DateParse::Kind::none;
  }
  TextScanner scanner(text.plain, later->first);
  return dates_.parse(scanner).kind;
}

EntryParse EntryParser::parse(std::string_view marked, std::size_t line,
                              std::optional<LeadingDate> known) const {
  // One result, returned by name: built where the caller's value lies.
  EntryParse result;
  parse_into(marked, line, std::move(known), result);
  return result;
}

void EntryParser::parse_into(std::string_view marked, std::size_t line,
                             std::optional<LeadingDate>&& known, EntryParse& out) const {
  if (marked.size() > kMaxEntryBytes) {
    {
      out = warning(
          line, std::string(marked.substr(0, 200)) + "…",
          "entry of " + std::to_string(marked.size()) + " bytes is too long to be one entry");
      return;
    }
  }
  // The text changes below: it is leading_date's no more.
  ReadText& shared = read_text;
  MarkedText& text = shared.text;
  if (!shared.holds_leading || shared.leading_markup != marked) text.assign_markup(marked);
  shared.holds_leading = false;
  std::optional<std::string> link = take_markdown_links(text);
  std::string original = collapse_spaces(text.plain);
  // The date leading_date read holds for this text when it read the same markup and no link
  // was taken out since.
  if (known && (link || known->marked != marked)) known.reset();
  LineStart start;
  if (auto stop = read_line_start(text, original, line, dates_, known, start)) {
    {
      out = std::move(*stop);
      return;
    }
  }

  out.kind = EntryParse::Kind::entry;
  Entry& entry = out.entry;
  entry.line = line;
  entry.text = std::move(original);
  entry.dated = start.date.kind == DateParse::Kind::dated;
  entry.occurrences = std::move(start.date.occurrences);
  if (!start.date.note.empty()) entry.notes.push_back(start.date.note);

  // A replacement date and further dates are both written with "Termin" (a replacement also
  // as "neues Datum"): two searches skip both on the many lines without them.
  const bool names_termin = start.lead.empty() && entry.dated &&
                            (text.plain.find("min", start.date_end) != npos ||
                             text.plain.find("Datum", start.date_end) != npos);
  std::string old_date_detail;
  if (names_termin) {
    ReplacementDate moved =
        read_replacement_date(text, skip_decoration(text.plain), start.date_end, entry, dates_);
    if (!moved.problem.empty()) {
      out = warning(line, entry.text, std::move(moved.problem));
      return;
    }
    old_date_detail = std::move(moved.detail);
  }
  const bool has_cell_border = text.plain.find('|', start.date_end) != npos;
  if (!has_cell_border && names_termin) {
    if (std::string problem = read_further_dates(text, start.date_end, entry, dates_);
        !problem.empty()) {
      {
        out = warning(line, entry.text, std::move(problem));
        return;
      }
    }
  }
  if (!has_cell_border && start.lead.empty() && entry.occurrences.size() == 1 &&
      entry.occurrences.front().start_date == entry.occurrences.front().end_date) {
    if (std::string problem = read_span_end_after_title(text, start.date_end, entry, dates_);
        !problem.empty()) {
      {
        out = warning(line, entry.text, std::move(problem));
        return;
      }
    }
  }
  CellList cells = has_cell_border ? split_cells(text.plain, start.date_end) : CellList();
  HeadAndTail read = !cells.empty()
                         ? parse_table_row(text, start.date_end, cells, start.lead,
                                           entry.occurrences, directory_, dates_)
                         : parse_plain_line(text, start.date_end, start.lead, directory_);
  if (!read.problem.empty()) {
    out = warning(line, entry.text, std::move(read.problem));
    return;
  }
  std::string problem = finish_entry(out, read, text, start.date_end, !start.lead.empty(),
                                     start.lead_times, directory_);
  if (!problem.empty()) {
    out = warning(line, entry.text, std::move(problem));
    return;
  }
  if (link && !entry.url) entry.url = std::move(link);
  if (!old_date_detail.empty()) {
    entry.details.insert(entry.details.begin(), std::move(old_date_detail));
  }
  if (!start.moved_from.empty()) {
    entry.details.insert(entry.details.begin(), std::move(start.moved_from));
  }
}

}  // namespace itkal

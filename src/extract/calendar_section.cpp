#include "itkal/extract/calendar_section.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "entry_parser_inline_times.hpp"
#include "itkal/extract/entry_line_split.hpp"
#include "itkal/extract/labelled_fields.hpp"
#include "itkal/extract/time_range_parser.hpp"
#include "itkal/text/text_folding.hpp"
#include "occurrence_shape.hpp"
#include "weekday_rule.hpp"
#include "year_heading.hpp"

namespace itkal {
namespace {

constexpr std::size_t kMaxHeadingBytes = 100;
/// Longer lines (markup included), lines with a dot (every date line has one) and lines without
/// a digit are never a year heading: they are not folded to be asked.
constexpr std::size_t kMaxYearHeadingLineBytes = 80;
/// Lines looked at after a heading for the first entry.
constexpr std::size_t kHeadingLookahead = 6;

bool contains_any(std::string_view text, const std::vector<std::string>& needles) {
  const std::string haystack = ascii_lowercase(text);
  return std::any_of(needles.begin(), needles.end(), [&](const std::string& needle) {
    return !needle.empty() && haystack.find(ascii_lowercase(needle)) != std::string::npos;
  });
}

/// The text a reader sees of `line` (no bold markers, single spaces) into `out`, whose buffer
/// is reused: the entry reader asks this of every line. The markers go as MarkedText drops them
/// ("**" from the left, a lone star stays), without the bold spans it keeps.
void assign_visible(const TextLine& line, std::string& out) {
  const std::string_view marked = line.text;
  out.clear();
  for (std::size_t i = 0;;) {
    const std::size_t marker = marked.find("**", i);
    if (marker == std::string_view::npos) {
      out.append(marked.substr(i));
      break;
    }
    out.append(marked.substr(i, marker - i));
    i = marker + 2;
  }
  collapse_spaces_in_place(out);
}

std::string visible(const TextLine& line) {
  std::string text;
  assign_visible(line, text);
  return text;
}

bool is_blank(const TextLine& line) { return visible(line).empty(); }

/// The next non-blank line after `index`, or lines.size().
std::size_t next_content(const std::vector<TextLine>& lines, std::size_t index) {
  for (std::size_t i = index + 1; i < lines.size(); ++i) {
    if (!is_blank(lines[i])) return i;
  }
  return lines.size();
}

/// Words of a line that announces a whole plan rather than an event: "Veranstaltungsplan vom
/// 01.09. bis 30.11." heads a calendar (a table of contents line); its dates are no event.
constexpr std::array<std::string_view, 5> kOverviewWords{"plan", "übersicht", "vorschau",
                                                         "kalender", "programm"};
constexpr std::size_t kMaxOverviewLeadBytes = 40;

/// A title-first line whose title is a plan of dates ("Veranstaltungsplan vom 01.09. bis
/// 30.11.", "Terminübersicht 1.9.–31.12."): a heading, not an entry.
bool is_overview_line(const TextLine& line, const EntryParser& parser) {
  const std::string text = visible(line);
  const std::size_t digit = text.find_first_of("0123456789");
  if (digit == std::string::npos || digit == 0 || digit > kMaxOverviewLeadBytes) return false;
  const std::string lead = ascii_lowercase(std::string_view(text).substr(0, digit));
  const std::size_t space = lead.find(' ');
  const std::string_view first_word = std::string_view(lead).substr(0, space);
  if (std::none_of(kOverviewWords.begin(), kOverviewWords.end(), [&](std::string_view word) {
        // "Veranstaltungsplan", "Jahresprogramm"; not "Kreisprogrammbesprechung am 11. …".
        return first_word.ends_with(word);
      })) {
    return false;
  }
  return !parser.starts_entry(line.text) && parser.holds_entry(line.text);
}

/// Group names that head a part of a calendar ("Senioren", "Gottesdienste:"): the calendar goes
/// on below them.
constexpr std::array<std::string_view, 16> kGroupHeadings{"senioren",
                                                          "seniorinnen und senioren",
                                                          "jugend",
                                                          "kinder",
                                                          "kinder und jugend",
                                                          "familien",
                                                          "gottesdienste",
                                                          "gottesdienst",
                                                          "sport",
                                                          "kultur",
                                                          "musik",
                                                          "vereine",
                                                          "kirchenmusik",
                                                          "ökumene",
                                                          "frauen",
                                                          "männer"};

bool is_group_heading(const TextLine& line) {
  std::string text = ascii_lowercase(visible(line));
  while (!text.empty() && (text.back() == ':' || text.back() == ' ')) text.pop_back();
  return std::any_of(kGroupHeadings.begin(), kGroupHeadings.end(),
                     [&](std::string_view word) { return text == word; });
}

/// A time anywhere in the text ("Beginn um 18 Uhr", "19:30"), as the entry parser reads one.
bool holds_time(std::string_view shown) { return !entry_detail::times_in(shown).times.empty(); }

/// The text begins with a time ("16:00 Uhr - Lesung", "19.30 Uhr Konzert").
bool starts_with_time(std::string_view shown) {
  TextScanner scanner(shown);
  // "| 17.00 Uhr | Kirche Reschwitz |": a flattened table's row begins with its cell border.
  if (scanner.accept('|')) scanner.skip_spaces();
  const TimeParse time = TimeRangeParser::parse(scanner);
  return time.kind == TimeParse::Kind::time && time.range.start.has_value();
}

/// A line that introduces a list gives its time to this many lines below it at most: a list
/// under such a line is a month's programme, not a whole calendar (and a part of a large calendar
/// looks no further up for it).
constexpr std::size_t kMaxListLines = 64;

/// "Wir treffen uns um 20.00 Uhr zu folgenden Terminen:", "an folgenden Tagen": the line says
/// that what it tells holds for each of the dates below it.
bool names_following_dates(std::string_view shown) {
  for (const std::string_view words : {"folgenden Termin", "folgende Termin", "folgenden Tag",
                                       "folgende Tag", "folgenden Daten"}) {
    if (shown.find(words) != std::string_view::npos) return true;
  }
  return false;
}

/// A weekly rule is told in a sentence, not a paragraph.
constexpr std::size_t kMaxRuleLineBytes = 240;

/// "jeden 1. und 3. Freitag im Monat von 17 bis 19 Uhr im Vereinshaus", "immer dienstags um 19
/// Uhr": a line that states a weekly rule with one weekday and one time; that ISO weekday, 0 for
/// any other line. The dates listed below such a line are the rule's (rule_list_time_of).
int rule_weekday_of(std::string_view shown) {
  if (shown.size() > kMaxRuleLineBytes) return 0;
  const std::string text = ascii_lowercase(shown);
  // A line that names days itself ("Am Freitag, den 30. November, 7. und 14. Dezember, jeweils
  // von 14-15 Uhr") is an entry or a warning, never a rule for the dates below it.
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] == '.' && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
        std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      return 0;
    }
  }
  if (DateExpressionParser::month_named_in(shown) != 0) return 0;
  return extract_detail::weekly_rule_weekday(text);
}

/// The one time a weekly rule (rule_weekday_of) gives; nullopt when it gives none or several.
std::optional<TimeRange> rule_list_time_of(std::string_view shown) {
  if (rule_weekday_of(shown) == 0) return std::nullopt;
  const entry_detail::InlineTimes times = entry_detail::times_in(shown);
  if (times.alternative || times.times.size() != 1 || !times.times.front().start) {
    return std::nullopt;
  }
  return times.times.front();
}

/// A line that may introduce a list (list_time_of): one without a date, or a weekly rule
/// ("jeden Freitag von 17 bis 19 Uhr"), which the date grammar reads as a date without a day.
bool may_open_list(const std::optional<LeadingDate>& leading, std::string_view shown) {
  return !leading ||
         (leading->date.kind == DateParse::Kind::undated && rule_weekday_of(shown) != 0);
}

/// "Hier eine Übersicht der Termine im Januar (jeweils um 16 Uhr, Dauer etwa 30 Minuten):": a
/// line that introduces the list below it and gives each of its items one time; nullopt for any
/// other line (no colon at its end, no "jeweils", no time or several after it).
std::optional<TimeRange> list_time_of(std::string_view shown) {
  if (!shown.ends_with(':')) return rule_list_time_of(shown);
  auto time = entry_detail::time_for_each(shown);
  if (!time && names_following_dates(shown)) {
    const entry_detail::InlineTimes times = entry_detail::times_in(shown);
    if (!times.alternative && times.times.size() == 1) time = times.times.front();
  }
  if (!time || !time->start) return std::nullopt;
  return time;
}

/// Label lines read for one event at most ("Was:", "Wann:", "Uhrzeit:", "Wo:", ...).
constexpr std::size_t kMaxLabelLines = 6;

/// An event written as labelled fields from lines[index] on.
struct LabelledRecord {
  std::string text;  ///< as a table row for the entry parser
  std::size_t last;  ///< index of its last line
};

/// The event whose labelled fields begin at lines[index], whose visible text is `shown`, when
/// they give a title and a date; nullopt otherwise (an "Ort:" line below an entry stays that
/// entry's).
std::optional<LabelledRecord> labelled_record_at(const std::vector<TextLine>& lines,
                                                 std::size_t index, std::string_view shown,
                                                 const EntryParser& parser) {
  if (!begins_with_label(shown)) return std::nullopt;
  LabelledFields fields;
  std::size_t last = index;
  std::size_t i = index;
  for (std::size_t k = 0; k < kMaxLabelLines && i < lines.size(); ++k) {
    const bool read = i == index ? fields.read_line(shown) : fields.read_line(visible(lines[i]));
    if (!read) break;
    last = i;
    i = next_content(lines, i);
  }
  if (!fields.complete() || !parser.starts_entry(fields.when)) return std::nullopt;
  return LabelledRecord{fields.entry_text(), last};
}

std::optional<LabelledRecord> labelled_record_at(const std::vector<TextLine>& lines,
                                                 std::size_t index, const EntryParser& parser) {
  return labelled_record_at(lines, index, visible(lines[index]), parser);
}

bool is_heading_candidate(const TextLine& line, const SectionOptions& options,
                          const EntryParser& parser) {
  if (is_overview_line(line, parser)) return true;
  const std::string text = visible(line);
  if (text.empty() || text.size() > kMaxHeadingBytes) return false;
  if (!contains_any(text, options.headings)) return false;
  if (parser.starts_entry(line.text)) return false;
  // A sentence that mentions the calendar is not its heading.
  return line.heading || (text.back() != '.' && text.back() != ',');
}

/// The entry's text is visibly unfinished: an open bold title, a trailing comma or dash.
bool ends_unfinished(const std::string& previous) {
  const std::size_t markers = [&] {
    std::size_t count = 0;
    for (std::size_t i = previous.find("**"); i != std::string::npos;
         i = previous.find("**", i + 2))
      ++count;
    return count;
  }();
  if (markers % 2 == 1) return true;
  const char last = previous.back();
  if (last == ',' || last == '-' || last == '&' || last == ':' || last == '(' || last == '/')
    return true;
  return previous.ends_with("\xE2\x80\x93");  // en dash
}

/// "(auch samstags)25.02-03.03.26", "(Der Unterricht schließt früher.)- 30.01.26": a note in
/// parentheses before the line's own date, not a note that goes on with the entry above.
bool note_before_date(std::string_view line) {
  if (!line.starts_with('(')) return false;
  const std::size_t close = line.find(')');
  if (close == std::string_view::npos) return false;
  const std::size_t date = line.find_first_not_of(" -", close + 1);
  return date != std::string_view::npos && line[date] >= '0' && line[date] <= '9';
}

/// The text ends with a clock time written with minutes ("… Elternbeiratsvorsitzende 13.30").
bool ends_with_clock_time(std::string_view text) {
  const std::size_t start = text.find_last_of(' ');
  TextScanner scanner(text.substr(start == std::string_view::npos ? 0 : start + 1));
  const auto point = TimeRangeParser::parse_point(scanner);
  return point && point->marked && scanner.at_end();
}

/// "-15.30Uhr)" below an entry that ends with "13.30": the line is the end of a time range
/// that a line break split, not a line of its own.
bool ends_split_time_range(std::string_view previous, std::string_view line) {
  if (!ends_with_clock_time(previous)) return false;
  TextScanner scanner(line);
  if (!scanner.accept_dash() && !scanner.accept_word("bis")) return false;
  scanner.skip_spaces();
  const auto point = TimeRangeParser::parse_point(scanner);
  return point && point->marked;
}

bool same_days(const std::vector<Occurrence>& a, const std::vector<Occurrence>& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](const Occurrence& x, const Occurrence& y) {
           return x.start_date == y.start_date;
         });
}

/// A word of the title (five letters or more, quotes trimmed) stands in `text` too: the
/// paragraph tells of the event the title names.
bool shares_title_word(std::string_view title, std::string_view text) {
  constexpr std::size_t kMinWordBytes = 5;
  const auto is_separator = [](char c) {
    return static_cast<unsigned char>(c) < 0x80 && !std::isalnum(static_cast<unsigned char>(c));
  };
  std::size_t at = 0;
  while (at < title.size()) {
    while (at < title.size() && is_separator(title[at])) ++at;
    std::size_t end = at;
    while (end < title.size() && !is_separator(title[end])) ++end;
    std::string_view word = title.substr(at, end - at);
    at = end;
    // „MachBar“: typographic quotes are bytes above 0x7F like umlauts; they stand at the ends.
    while (!word.empty() && static_cast<unsigned char>(word.front()) >= 0x80) word.remove_prefix(1);
    while (!word.empty() && static_cast<unsigned char>(word.back()) >= 0x80) word.remove_suffix(1);
    if (word.size() >= kMinWordBytes && text.find(word) != std::string_view::npos) return true;
  }
  return false;
}

/// "Allerheiligen: 02. November": the text ends with a day and a month, without a year.
bool ends_with_day_and_month(std::string_view previous) {
  while (previous.ends_with(' ')) previous.remove_suffix(1);
  const std::size_t space = previous.find_last_of(' ');
  if (space == std::string_view::npos || space < 2 || previous[space - 1] != '.' ||
      previous[space - 2] < '0' || previous[space - 2] > '9') {
    return false;
  }
  TextScanner month(previous.substr(space + 1));
  return DateExpressionParser::parse_month_name(month) != 0 && month.at_end();
}

/// "Allerheiligen: 02. November" above "2004 - 06. November 2004": a line break between a
/// date's month and its year, not a date line of its own.
bool splits_date_before_year(std::string_view previous, std::string_view line) {
  TextScanner year(line);
  std::size_t digits = 0;
  if (year.read_number(4, &digits) < 1900 || digits != 4) return false;
  if (!year.at_end() && year.peek() != ' ' && year.peek() != ',' && year.peek() != '-') {
    return false;
  }
  return ends_with_day_and_month(previous);
}

/// "bis 18.10.2024…": where the date after the line's leading "bis" ends, if a date follows it.
std::optional<std::size_t> end_of_bis_date(std::string_view shown, const EntryParser& parser) {
  TextScanner scanner(shown);
  if (!scanner.accept_word("bis")) return std::nullopt;
  scanner.skip_spaces();
  const auto date = parser.leading_date(shown.substr(scanner.pos()));
  if (!date || date->date.kind != DateParse::Kind::dated) return std::nullopt;
  return scanner.pos() + date->end;
}

/// "bis 11.11.2024: Anmeldung …": a line that begins with a deadline and goes on after a colon;
/// below a finished entry it is an item of its own, not that entry's end.
bool begins_with_deadline(std::string_view shown, const EntryParser& parser) {
  const auto end = end_of_bis_date(shown, parser);
  if (!end) return false;
  const std::size_t after = shown.find_first_not_of(' ', *end);
  return after != std::string_view::npos && shown[after] == ':';
}

/// "Dienstag |", "Donnerstag-Freitag |": a flattened table's weekday cell, alone on its line.
bool is_weekday_cell(std::string_view shown) {
  TextScanner scanner(shown);
  if (DateExpressionParser::parse_weekday_name(scanner) == 0) return false;
  scanner.accept('.');
  if (scanner.accept_dash()) {
    if (DateExpressionParser::parse_weekday_name(scanner) == 0) return false;
    scanner.accept('.');
  }
  scanner.skip_spaces();
  scanner.accept('|') || scanner.accept(':') || scanner.accept(',');
  scanner.skip_spaces();
  return scanner.at_end();
}

/// The previous entry is visibly unfinished, or the line visibly continues it.
bool must_continue(const std::string& block, const std::string& line) {
  const std::string previous = collapse_spaces(block);
  if (previous.empty() || line.empty()) return false;
  if (ends_unfinished(previous) || ends_split_time_range(previous, line)) return true;
  const char first = line.front();
  return (first >= 'a' && first <= 'z') || first == ',' || first == '(' || first == ')' ||
         line.starts_with("\xC3\xA4") || line.starts_with("\xC3\xB6") ||
         line.starts_with("\xC3\xBC");
}

/// "12.6., 14.30 -", "12.6. 14.30 bis": the line breaks inside a time range, so the line below
/// is its end, not the first cell under a day heading.
bool ends_in_range_joiner(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text.ends_with('-') || text.ends_with("\xE2\x80\x93") || text.ends_with(" bis");
}

/// The time lines[index] (visible text `shown`) gives every item of the list it introduces:
/// list_time_of, when the next line with words begins with a date and the line does not visibly
/// go on with the one above it. Asked of the lines alone, so that a part of a large calendar that
/// starts inside such a list finds its time as the reading of the whole calendar does.
std::optional<TimeRange> introduced_list_time(const std::vector<TextLine>& lines, std::size_t index,
                                              std::string_view shown, const EntryParser& parser) {
  auto time = list_time_of(shown);
  if (!time) return std::nullopt;
  std::size_t next = index + 1;
  while (next < lines.size() && is_blank(lines[next])) ++next;
  if (next == lines.size() || lines[next].heading || !parser.leading_date(lines[next].text)) {
    return std::nullopt;
  }
  // A weekly rule begins in lower case ("jeden Freitag …") below a line of its own or one that
  // announces it ("Wir sind für Dich da:"): it goes on with that line only when the line is
  // visibly unfinished otherwise (a comma, a dash, an open bold marker).
  const bool rule = rule_weekday_of(shown) != 0;
  for (std::size_t above = index; above-- > 0;) {
    if (is_blank(lines[above])) continue;
    const std::string previous = visible(lines[above]);
    const std::string joined = collapse_spaces(previous);
    if (rule ? !joined.ends_with(':') && ends_unfinished(joined)
             : must_continue(previous, std::string(shown))) {
      return std::nullopt;
    }
    break;
  }
  return time;
}

/// Lines read ahead for the next entry before a line that is not one ends the calendar.
constexpr std::size_t kContinuationLookahead = 4;

/// An entry follows within the next few lines, with no heading or footer in between: the lines
/// up to it (a place, a note) still belong to the calendar.
bool entry_follows(const std::vector<TextLine>& lines, std::size_t index,
                   const SectionOptions& options, const EntryParser& parser) {
  std::size_t probe = index;
  for (std::size_t k = 0; k < kContinuationLookahead; ++k) {
    probe = next_content(lines, probe);
    if (probe == lines.size() || lines[probe].heading) return false;
    if (parser.holds_entry(lines[probe].text)) return true;
    if (contains_any(visible(lines[probe]), options.footers)) return false;
  }
  return false;
}

/// A document without a calendar heading is read as a calendar when at least this many of its
/// lines begin with a date and carry a title: a plan of dates, not a letter that names one.
constexpr std::size_t kHeadlessMinEntries = 3;

/// A day heading's items counted for a headless calendar are looked for this far below it.
constexpr std::size_t kDayItemLookahead = 40;

/// A year written in the text (four digits in a row): a masthead date ("15. April 2026") has
/// one, the day headings of a weekly calendar ("28. APRIL", "Dienstag, 6. Oktober") do not.
bool writes_year(std::string_view text) {
  std::size_t run = 0;
  for (char c : text) {
    run = c >= '0' && c <= '9' ? run + 1 : 0;
    if (run == 4) return true;
  }
  return false;
}

/// A year that a date writes: four digits right after a day's dot ("20.03.2026"), after a month
/// name ("20. März 2026") or before an ISO date's dash ("2026-03-20"). A year in a title
/// ("DMEA 2026", "zählt für 2026") is none.
bool writes_date_year(std::string_view text) {
  const auto digit = [&](std::size_t i) {
    return i < text.size() && text[i] >= '0' && text[i] <= '9';
  };
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    if (!digit(i) || (i > 0 && digit(i - 1)) || !digit(i + 1) || !digit(i + 2) || !digit(i + 3) ||
        digit(i + 4)) {
      continue;
    }
    if ((i > 0 && text[i - 1] == '.') ||
        (i + 5 < text.size() && text[i + 4] == '-' && digit(i + 5))) {
      return true;
    }
    if (i >= 2 && text[i - 1] == ' ') {
      std::size_t word = i - 1;
      while (word > 0 && text[word - 1] != ' ') --word;
      if (DateExpressionParser::month_named_in(text.substr(word, i - 1 - word)) != 0) return true;
    }
  }
  return false;
}

/// "14.05.26": a day, a month and a two-digit year, which writes_date_year does not see.
bool writes_short_year(std::string_view text) {
  const auto digit = [&](std::size_t i) {
    return i < text.size() && text[i] >= '0' && text[i] <= '9';
  };
  for (std::size_t dot = text.find('.'); dot != std::string_view::npos;
       dot = text.find('.', dot + 1)) {
    // dot: the one after the month; a digit before it, a day and a dot before that.
    if (!digit(dot + 1) || !digit(dot + 2) || digit(dot + 3) || dot < 3 || !digit(dot - 1)) {
      continue;
    }
    std::size_t month = dot - 1;
    if (month > 0 && digit(month - 1)) --month;
    if (month >= 2 && text[month - 1] == '.' && digit(month - 2)) return true;
  }
  return false;
}

/// Words that say the dates below are last year's: a club's review of its past year lists
/// "11.Juni Chortreffen" without a year, and a reader never takes them for this year's.
constexpr std::array<std::string_view, 5> kLookBackWords{
    "im vergangenen jahr", "im letzten jahr", "im vorjahr", "jahresrückblick", "rückblick auf"};

/// Every one of kLookBackWords holds one of these: most lines are passed over without a copy.
bool may_look_back(std::string_view text) {
  return text.find("ahr") != std::string_view::npos ||
         text.find("ckblick") != std::string_view::npos;
}

/// The line says that the dates below it lie in the year before the issue's.
bool looks_back_a_year(std::string_view shown) {
  if (!may_look_back(shown)) return false;
  const std::string text = ascii_lowercase(shown);
  return std::any_of(kLookBackWords.begin(), kLookBackWords.end(),
                     [&](std::string_view words) { return text.find(words) != std::string::npos; });
}

/// A line this long that tells a further date in a clause of its own is running prose.
constexpr std::size_t kMinProseLineBytes = 120;

/// A paragraph that begins with a date and tells more dated events in its sentences ("Am 8.
/// November gestaltet A den Abend, am 9. November liest B, …"): running prose that a plan's line
/// never is. Such a line is no entry of a headless calendar; a reader takes each of its dates.
bool tells_further_dates(std::string_view shown, const EntryParser& parser) {
  if (shown.size() < kMinProseLineBytes) return false;
  for (std::size_t at = shown.find(", am ", 1); at != std::string_view::npos;
       at = shown.find(", am ", at + 1)) {
    if (parser.starts_entry(shown.substr(at + 5))) return true;
  }
  return false;
}

/// Sentences a paragraph holds at least (see is_prose_paragraph).
constexpr std::size_t kMinParagraphSentences = 3;

/// "Los geht es am Montag, 29. Juli – dann ist Wunschtag … Tags darauf (30.7.) findet …": a
/// long line of several sentences that does not begin with a date is running prose, not the
/// first entry of a calendar below a heading ("Ferienprogramm des Jugendzentrums"); the prose
/// reader takes its dates sentence by sentence.
bool is_prose_paragraph(const TextLine& line, const EntryParser& parser) {
  if (line.text.size() < 2 * kMinProseLineBytes || parser.leading_date(line.text)) return false;
  std::size_t sentences = 0;
  for (std::size_t at = line.text.find(". "); at != std::string_view::npos;
       at = line.text.find(". ", at + 2)) {
    const std::size_t next = at + 2;
    if (next < line.text.size() && std::isupper(static_cast<unsigned char>(line.text[next]))) {
      ++sentences;
    }
  }
  return sentences + 1 >= kMinParagraphSentences;
}

/// How many entries the line begins for a headless calendar: one for a dated entry with a title;
/// for a day heading without a year ("28. APRIL" alone), one per item with a time below it.
std::size_t titled_entries_at(const std::vector<TextLine>& lines, std::size_t index,
                              const EntryParser& parser) {
  const TextLine& line = lines[index];
  // Was/Wann/Wo announces an event beyond doubt: it is a calendar on its own.
  if (labelled_record_at(lines, index, parser)) return kHeadlessMinEntries;
  if (!parser.starts_entry(line.text)) return 0;
  const EntryParse parse = parser.parse(collapse_spaces(line.text), line.number);
  if (parse.kind != EntryParse::Kind::entry) return 0;
  if (!lacks_title(parse)) return tells_further_dates(visible(line), parser) ? 0 : 1;
  if (writes_year(visible(line))) return 0;
  std::size_t items = 0;
  std::size_t probe = index;
  for (std::size_t k = 0; k < kDayItemLookahead; ++k) {
    probe = next_content(lines, probe);
    if (probe == lines.size() || lines[probe].heading || parser.holds_entry(lines[probe].text)) {
      break;
    }
    if (holds_time(visible(lines[probe]))) ++items;
  }
  return items;
}

/// The day heading a line ends with ("Veranstaltungen 27. APRIL", a page's banner before the
/// first day of a weekly calendar): the line's longest tail after a space that is a date without
/// a year and nothing else. Empty when there is none.
std::string_view day_heading_at_end(std::string_view text, const EntryParser& parser) {
  for (std::size_t space = text.find(' '); space != std::string_view::npos;
       space = text.find(' ', space + 1)) {
    const std::string_view tail = text.substr(space + 1);
    if (tail.empty() || tail.front() == ' ' || !parser.starts_entry(tail)) continue;
    const EntryParse parse = parser.parse(tail, 0);
    if (parse.kind == EntryParse::Kind::entry && lacks_title(parse) && !writes_year(tail)) {
      return tail;
    }
  }
  return {};
}

/// A banner is a short line (a page's title or breadcrumb), not a sentence.
constexpr std::size_t kMaxBannerBytes = 60;

/// Above a headless calendar that begins with a day heading, the line whose end is the heading
/// of the day before it (see day_heading_at_end): a short line with only that day's items (no
/// date) between it and the calendar. lines.size() when there is none.
std::size_t banner_before(const std::vector<TextLine>& lines, std::size_t first,
                          const EntryParser& parser) {
  const TextLine& line = lines[first];
  if (!parser.starts_entry(line.text) || writes_year(visible(line))) return lines.size();
  if (!lacks_title(parser.parse(collapse_spaces(line.text), line.number))) return lines.size();
  bool items = false;
  for (std::size_t k = 0; k < kDayItemLookahead && k < first; ++k) {
    const TextLine& above = lines[first - 1 - k];
    if (is_blank(above)) continue;
    if (above.heading || parser.starts_entry(above.text)) return lines.size();
    if (items && visible(above).size() <= kMaxBannerBytes &&
        !day_heading_at_end(above.text, parser).empty()) {
      return first - 1 - k;
    }
    items = true;
  }
  return lines.size();
}

/// The first line of a headless calendar (see find_headless_calendar), or lines.size().
std::size_t headless_calendar_start(const std::vector<TextLine>& lines, const EntryParser& parser) {
  std::size_t first = lines.size();
  std::size_t titled = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::size_t entries = titled_entries_at(lines, i, parser);
    if (entries == 0) continue;
    if (first == lines.size()) first = i;
    titled += entries;
  }
  return titled < kHeadlessMinEntries ? lines.size() : first;
}

/// The previous non-blank line before `index`, or lines.size().
std::size_t previous_content(const std::vector<TextLine>& lines, std::size_t index) {
  for (std::size_t i = index; i-- > 0;) {
    if (!is_blank(lines[i])) return i;
  }
  return lines.size();
}

/// "Herbstferien:" right above a date line without a title of its own ("Sonntag, 28. September
/// 2025 bis"): the label of that date.
bool labels_untitled_date(const std::vector<TextLine>& lines, std::size_t i,
                          const EntryParser& parser) {
  const std::string shown = visible(lines[i]);
  if (!shown.ends_with(':') || shown.size() > kMaxHeadingBytes || i + 1 >= lines.size()) {
    return false;
  }
  const TextLine& below = lines[i + 1];
  if (below.heading || !parser.starts_entry(below.text)) return false;
  const std::string date = collapse_spaces(below.text);
  return ends_in_range_joiner(date) || lacks_title(parser.parse(date, below.number));
}

/// A heading candidate that labels the untitled date below it, with more such labelled dates
/// right above it ("Schuljahresbeginn:" / "Montag, 11. August 2025" above "Herbstferien:" /
/// "Sonntag, 28. September 2025 bis"), is one label of a list of dates, not the calendar's
/// heading: the index of the list's first label, or lines.size() when the candidate is none.
std::size_t labelled_dates_start(const std::vector<TextLine>& lines, std::size_t candidate,
                                 const EntryParser& parser) {
  if (!labels_untitled_date(lines, candidate, parser)) return lines.size();
  std::size_t first = lines.size();
  for (std::size_t label = candidate;;) {
    std::size_t above = previous_content(lines, label);
    if (above == lines.size()) break;
    // The date lines of the pair above (a range may take two), then their label.
    bool dated = false;
    while (above < lines.size() && !lines[above].heading &&
           parser.starts_entry(lines[above].text)) {
      dated = true;
      above = above == 0 ? lines.size() : above - 1;
    }
    if (!dated || above == lines.size() || !labels_untitled_date(lines, above, parser)) break;
    first = label = above;
  }
  return first;
}

/// The index of the calendar heading: the first heading candidate followed by an entry within
/// a few lines; lines.size() when there is none.
std::size_t calendar_heading(const std::vector<TextLine>& lines, const SectionOptions& options,
                             const EntryParser& parser) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!is_heading_candidate(lines[i], options, parser)) continue;
    std::size_t probe = i;
    for (std::size_t k = 0; k < kHeadingLookahead; ++k) {
      probe = next_content(lines, probe);
      if (probe == lines.size()) break;
      if ((parser.holds_entry(lines[probe].text) && !is_prose_paragraph(lines[probe], parser)) ||
          labelled_record_at(lines, probe, parser)) {
        return i;
      }
      if (lines[probe].heading) break;
    }
  }
  return lines.size();
}

CalendarSection collect_section(const NewsletterText& text, const SectionStart& start,
                                const SectionOptions& options, const EntryParser& parser) {
  CalendarSection section;
  section.heading_line = start.heading_line;
  read_calendar_entries(text, start, options, parser,
                        [&](EntryBlock&& block) { section.blocks.push_back(std::move(block)); });
  return section;
}

}  // namespace

std::optional<SectionStart> locate_calendar_section(const NewsletterText& text,
                                                    const SectionOptions& options,
                                                    const EntryParser& parser) {
  const auto& lines = text.lines;
  const std::size_t heading = calendar_heading(lines, options, parser);
  if (heading < lines.size()) {
    const std::size_t labelled = labelled_dates_start(lines, heading, parser);
    if (labelled < lines.size()) return SectionStart{0, labelled, lines[labelled].number};
    const std::size_t number = lines[heading].number;
    return SectionStart{number, heading + 1, number};
  }
  const std::size_t first = headless_calendar_start(lines, parser);
  if (first == lines.size()) return std::nullopt;
  const std::size_t banner = banner_before(lines, first, parser);
  if (banner < lines.size()) {
    return SectionStart{
        .first_index = banner, .calendar_line = lines[banner].number, .banner = true};
  }
  // The first line starts a titled entry, so the first block begins there.
  return SectionStart{0, first, lines[first].number};
}

std::size_t prose_under_heading(const NewsletterText& text, const EntryRun& run,
                                const SectionOptions& options, const EntryParser& parser) {
  const auto& lines = text.lines;
  if (!run.calendar_ended || run.end >= lines.size()) return run.end;
  const std::size_t above = previous_content(lines, run.end);
  if (above == lines.size() || !is_heading_candidate(lines[above], options, parser)) {
    return run.end;
  }
  for (std::size_t i = run.end; i < lines.size(); ++i) {
    // A line that starts with a date is more of a calendar than of running prose.
    if (lines[i].heading || is_heading_candidate(lines[i], options, parser) ||
        contains_any(visible(lines[i]), options.footers) || parser.starts_entry(lines[i].text)) {
      return i;
    }
  }
  return lines.size();
}

std::optional<CalendarSection> find_calendar_section(const NewsletterText& text,
                                                     const SectionOptions& options,
                                                     const EntryParser& parser) {
  const auto start = locate_calendar_section(text, options, parser);
  if (!start) return std::nullopt;
  return collect_section(text, *start, options, parser);
}

std::optional<CalendarSection> find_headless_calendar(const NewsletterText& text,
                                                      const SectionOptions& options,
                                                      const EntryParser& parser) {
  const std::size_t first = headless_calendar_start(text.lines, parser);
  if (first == text.lines.size()) return std::nullopt;
  return collect_section(text, SectionStart{0, first, text.lines[first].number}, options, parser);
}

namespace {

/// How far after the entry above a day of a year's plan may land when it is read in the next
/// year (follow_year_of_plan): a plan's next item, not a date a whole season away.
constexpr long kPlanWrapDays = 92;

/// The first day of a dated entry; nullopt for anything else.
std::optional<boost::gregorian::date> first_day_of(const EntryParse& parse) {
  if (parse.kind != EntryParse::Kind::entry || !parse.entry.dated ||
      parse.entry.occurrences.empty()) {
    return std::nullopt;
  }
  return parse.entry.occurrences.front().start_date;
}

/// `day` as a year's plan that runs on in date order reads it below an entry on `above`: a year
/// later when the look-back of the issue date put it before `issue` and a year on lands at most
/// kPlanWrapDays after `above`; `day` itself otherwise (see follow_year_of_plan).
boost::gregorian::date in_plan_order(boost::gregorian::date day, boost::gregorian::date above,
                                     boost::gregorian::date issue) {
  if (day >= issue || day >= above || above < issue) return day;
  const boost::gregorian::date later = day + boost::gregorian::years(1);
  return later > above && later <= above + boost::gregorian::days(kPlanWrapDays) ? later : day;
}

/// Reads a calendar's lines into entry blocks (see read_calendar_entries).
class EntryReader {
 public:
  EntryReader(const SectionOptions& options, const EntryParser& parser,
              const std::function<void(EntryBlock&&)>& take)
      : options_(options), parser_(parser), take_(take) {}

  /// Reads lines from `first` on until the calendar ends or a stop line (read_calendar_run);
  /// `banner`: see SectionStart::banner.
  EntryRun read(const std::vector<TextLine>& lines, std::size_t first, bool banner,
                std::span<const std::size_t> stops) {
    auto stop = std::upper_bound(stops.begin(), stops.end(), first);
    EntryRun run{.end = lines.size()};
    take_list_time_above(lines, first);
    take_year_heading_above(lines, first);
    if (banner) {
      TextLine heading = lines[first];
      heading.text = day_heading_at_end(heading.text, parser_);
      open_entries(heading, parser_.leading_date(heading.text));
      ++first;
    }
    for (std::size_t i = first; i < lines.size(); ++i) {
      while (stop != stops.end() && *stop < i) ++stop;
      if (stop != stops.end() && *stop == i) {
        run.end = i;
        break;
      }
      // Both readings look at the visible text: it is made once, into a buffer kept.
      assign_visible(lines[i], shown_);
      const std::string& shown = shown_;
      if (auto record = labelled_record_at(lines, i, shown, parser_)) {
        open_record(lines[i], std::move(record->text));
        i = record->last;
        continue;
      }
      if (!read_line(lines, i, shown)) {
        run = {.end = i, .calendar_ended = true};
        break;
      }
    }
    if (current_) hand_on();
    return run;
  }

 private:
  /// False when the line ends the calendar; `shown` is its visible text.
  bool read_line(const std::vector<TextLine>& lines, std::size_t i, const std::string& shown) {
    const TextLine& line = lines[i];
    if (shown.empty()) {
      gap_ = true;
      return true;
    }
    const bool after_gap = std::exchange(gap_, false);
    std::string label = std::exchange(label_, std::string());
    // A line that starts with a date opens an entry; a title-first line ("Zwischenzeugnis
    // 17.02.2027") does too, unless the entry before it is visibly unfinished. A plan's own
    // line ("Veranstaltungsplan vom 01.09. bis 30.11.") is a heading.
    // A date line after words below the look-back list is no longer of that list.
    if (looked_back_ && left_look_back_list_ && parser_.starts_entry(line.text)) end_look_back();
    std::optional<LeadingDate> leading = dates().leading_date(line.text);
    const bool starts = leading.has_value();
    if (looked_back_ && !starts) left_look_back_list_ = true;
    if (may_open_list(leading, shown) && opens_list(lines, i, shown)) return true;
    if (starts && i > list_end_) list_time_.reset();
    // A line without a date ends the list, unless it goes on with the item above (see below).
    const std::optional<TimeRange> list_time =
        starts ? list_time_ : std::exchange(list_time_, std::nullopt);
    if (!starts && opens_year_block(shown)) return true;
    if (!starts && looks_back_a_year(shown)) {
      look_back();
      open_ = false;  // a sentence of its own: the entry above ends before it
      return true;
    }
    if (starts && leading->date.kind == DateParse::Kind::undated) frame_by_month_heading(shown);
    if (!after_gap && ((starts && ends_range_open()) || continues_split_date(shown) ||
                       (!starts && ends_day_heading(shown)))) {
      join_range_end(line);
      return true;
    }
    if (!starts && is_overview_line(line, parser_)) {
      open_ = false;
      return true;
    }
    if (!starts && begins_with_deadline(shown, dates()) && follows_finished_entry()) {
      open_entries(line, std::nullopt);
      return true;
    }
    if (!starts && is_weekday_cell(shown) && date_line_follows(lines, i)) {
      open_ = false;
      weekday_cell_ = shown;
      return true;
    }
    if (after_gap && describes_entry_above(line, shown)) {
      open_ = false;
      return true;
    }
    if (starts || ((!open_ || !must_continue(current_->text, shown) || opens_after_note(shown)) &&
                   parser_.holds_entry_or_refused_date(line.text))) {
      open_entries(line, std::move(leading), std::span(lines).subspan(i + 1));
      if (starts) title_by_label(label);
      return true;
    }
    if (labels_date_below(lines, i, shown) &&
        !(open_ && !after_gap && must_continue(current_->text, shown))) {
      open_ = false;
      label_ = shown;
      return true;
    }
    if (is_heading_candidate(line, options_, parser_) ||
        (is_group_heading(line) && entry_follows(lines, i, options_, parser_)) ||
        introduces_next_entry(lines, i, shown)) {
      open_ = false;  // a sub-heading of the calendar ("Termine im Mai", "Senioren")
      return true;
    }
    if (contains_any(shown, options_.footers) && !(open_ && must_continue(current_->text, shown))) {
      return false;
    }
    if (!open_) return !current_;  // words between the heading and the first entry
    if (date_heading_ && !line.heading && opens_item(shown, after_gap)) {
      hand_on();
      EntryBlock& block = current_.emplace();
      block.line = line.number;
      block.text = day_heading_ + " | " + collapse_spaces(line.text);
      return true;
    }
    const bool continues = (date_heading_ && !line.heading) ||
                           must_continue(current_->text, shown) ||
                           (!line.heading && entry_follows(lines, i, options_, parser_));
    if (!continues) return false;
    if (date_heading_ && ends_in_range_joiner(current_->text)) date_heading_ = false;
    current_->text += date_heading_ ? " | " : " ";
    current_->text += collapse_spaces(line.text);
    current_->parsed.reset();
    list_time_ = list_time;
    return true;
  }

  /// A line that introduces a list and gives its items a time (introduced_list_time) ends the
  /// entry above it; the time holds for the lines that begin with a date below it, up to the
  /// first line that does not or kMaxListLines. Any other line without a date that does not go on
  /// with the item above ends the list.
  bool opens_list(const std::vector<TextLine>& lines, std::size_t i, const std::string& shown) {
    auto time = introduced_list_time(lines, i, shown, parser_);
    if (!time) return false;
    list_time_ = time;
    list_weekday_ = rule_weekday_of(shown);
    list_end_ = i + kMaxListLines;
    list_day_.reset();
    open_ = false;
    date_heading_ = false;
    return true;
  }

  /// A reading that starts inside a list (a part of a large calendar, or a headless calendar
  /// right below the line that introduces its list) takes the list's time as the reading from
  /// above would have: the lines between the two begin with a date or are blank.
  void take_list_time_above(const std::vector<TextLine>& lines, std::size_t first) {
    for (std::size_t k = 0; k < kMaxListLines && k < first; ++k) {
      const std::size_t above = first - 1 - k;
      const std::string shown = visible(lines[above]);
      if (shown.empty() || !may_open_list(parser_.leading_date(lines[above].text), shown)) {
        continue;
      }
      list_time_ = introduced_list_time(lines, above, shown, parser_);
      list_weekday_ = rule_weekday_of(shown);
      list_end_ = above + kMaxListLines;
      list_day_.reset();
      if (list_time_) follow_list_order(lines, above + 1, first);
      return;
    }
  }

  /// Follows the date order of the list's items in lines [from, to), as keep_list_in_date_order
  /// did when they were read, so that a reading from `to` on goes on as the whole reading does.
  void follow_list_order(const std::vector<TextLine>& lines, std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to && list_time_; ++k) {
      const auto leading = parser_.leading_date(lines[k].text);
      if (!leading || leading->date.kind != DateParse::Kind::dated ||
          leading->date.occurrences.empty()) {
        continue;
      }
      boost::gregorian::date day = leading->date.occurrences.front().start_date;
      if (list_day_) day = in_plan_order(day, *list_day_, parser_.issue_date());
      if (list_day_ && day < *list_day_) list_time_.reset();
      list_day_ = day;
    }
  }

  /// A reading that starts below a year heading takes its year as a reading from that line on
  /// would: a heading a few lines above with no date between, or the page's title
  /// ("Jahresprogramm 2021" above a plan without a calendar heading).
  void take_year_heading_above(const std::vector<TextLine>& lines, std::size_t first) {
    std::size_t seen = 0;
    for (std::size_t above = first; above-- > 0 && seen < kHeadingLookahead;) {
      const std::string shown = visible(lines[above]);
      if (shown.empty()) continue;
      ++seen;
      if (frame_by_year_heading(shown)) return;
      if (parser_.holds_entry(lines[above].text)) break;
    }
    for (std::size_t title = 0; title < first; ++title) {
      const std::string shown = visible(lines[title]);
      if (shown.empty()) continue;
      frame_by_year_heading(shown);
      return;
    }
  }

  /// Reads the dates from here on in the year of the heading `shown`, when it is one.
  bool frame_by_year_heading(const std::string& shown) {
    const auto first_day = extract_detail::year_heading_start(shown);
    if (first_day) framed_.emplace(parser_.with_years_from(*first_day));
    return first_day.has_value();
  }

  /// Gives the entry the time of its list when it writes none of its own.
  void give_list_time(EntryBlock& block) const {
    if (!block.parsed) block.parsed = dates().parse(block.text, block.line, std::nullopt);
    Entry& entry = block.parsed->entry;
    if (block.parsed->kind != EntryParse::Kind::entry || !entry.dated ||
        !std::all_of(entry.occurrences.begin(), entry.occurrences.end(),
                     [](const Occurrence& occurrence) { return occurrence.all_day(); })) {
      return;
    }
    // A weekly rule's time belongs to its weekday only ("fällt aus" days stay as they are).
    if (block.list_weekday != 0 &&
        !std::all_of(
            entry.occurrences.begin(), entry.occurrences.end(), [&](const Occurrence& occurrence) {
              return extract_detail::iso_weekday(occurrence.start_date) == block.list_weekday;
            })) {
      return;
    }
    entry_detail::apply_times(entry.occurrences, {*block.list_time});
  }

  /// The open entry's date stops before its year, which begins this line (splits_date_before_year).
  bool continues_split_date(std::string_view shown) const {
    return open_ && current_ && splits_date_before_year(current_->text, shown);
  }

  /// "Montag, 14. Oktober 2024" above "bis 18.10.2024: Projektwoche": the line ends the span
  /// that the date line without a title above it begins (not a cell of an item below it).
  bool ends_day_heading(std::string_view shown) const {
    return open_ && current_ && date_heading_ && current_->text == day_heading_ &&
           end_of_bis_date(shown, dates()).has_value();
  }

  /// "6. März 2025: Bilderbuchkino Lesebär" and, after a blank line, the paragraph that tells of
  /// it ("Beim Bilderbuchkino Lesebär am Donnerstag, 6. März, können Kinder … um 15 Uhr …"): the
  /// same event, its day with a time, told once more. The entry above takes the paragraph's
  /// times and its text as a detail; the paragraph is no entry of its own.
  bool describes_entry_above(const TextLine& line, std::string_view shown) {
    // A paragraph, not a list's next line (which may be another event of the same day).
    constexpr std::size_t kMinParagraphBytes = 120;
    if (shown.size() < kMinParagraphBytes || !current_ || !current_->parsed ||
        current_->parsed->kind != EntryParse::Kind::entry) {
      return false;
    }
    Entry& above = current_->parsed->entry;
    if (!above.dated || above.title.empty() ||
        !extract_detail::all_single_days(above.occurrences, true)) {
      return false;
    }
    std::string text = collapse_spaces(line.text);
    const EntryParse told = dates().parse(text, line.number, std::nullopt);
    if (told.kind != EntryParse::Kind::entry || !told.entry.dated ||
        !extract_detail::all_single_days(told.entry.occurrences, false) ||
        !same_days(above.occurrences, told.entry.occurrences) ||
        !shares_title_word(above.title, told.entry.text)) {
      return false;
    }
    above.occurrences = told.entry.occurrences;
    above.details.push_back(told.entry.text);
    return true;
  }

  /// The open entry has a title and a date of its own and does not visibly go on.
  bool follows_finished_entry() const {
    return open_ && current_ && !date_heading_ && !ends_range_open() &&
           !ends_unfinished(collapse_spaces(current_->text));
  }

  /// The next line with words begins with a date.
  bool date_line_follows(const std::vector<TextLine>& lines, std::size_t i) const {
    const std::size_t next = next_content(lines, i);
    return next < lines.size() && !lines[next].heading &&
           dates().leading_date(lines[next].text).has_value();
  }

  /// "Sonntag, 28. September 2025 bis" with the end date on the next line: the open entry
  /// is a range still waiting for its end.
  bool ends_range_open() const { return open_ && current_ && ends_in_range_joiner(current_->text); }

  /// Appends the end date of a range split over two lines to the open entry, read anew.
  void join_range_end(const TextLine& line) {
    current_->text += " ";
    current_->text += collapse_spaces(line.text);
    current_->parsed = dates().parse(current_->text, current_->line, std::nullopt);
    date_heading_ = date_heading_ && lacks_title(*current_->parsed);
    keep_day_heading();
  }

  /// "Herbstferien:" right above a line that starts with a date: the title of that date when
  /// the date line has none of its own ("Sonntag, 28. September 2025 bis").
  bool labels_date_below(const std::vector<TextLine>& lines, std::size_t i,
                         const std::string& shown) const {
    if (!shown.ends_with(':') || shown.size() > kMaxHeadingBytes) return false;
    const std::size_t next = i + 1;
    return next < lines.size() && !lines[next].heading &&
           parser_.leading_date(lines[next].text).has_value();
  }

  /// Reads the open entry, a date line without a title, anew behind its label.
  void title_by_label(const std::string& label) {
    if (label.empty() || !(date_heading_ || ends_in_range_joiner(current_->text))) return;
    current_->text = collapse_spaces(label) + " " + current_->text;
    current_->parsed = dates().parse(current_->text, current_->line, std::nullopt);
    date_heading_ = lacks_title(*current_->parsed);
    keep_day_heading();
  }

  /// A line that begins with a note in parentheses and then a date of its own, after a
  /// finished entry: it opens an entry although "(" usually goes on with the one above.
  bool opens_after_note(const std::string& shown) const {
    return open_ && note_before_date(shown) && !ends_unfinished(collapse_spaces(current_->text));
  }

  /// "Schriftliche Prüfungen:" between a finished entry and a line that holds one: a label of
  /// the entries below, not more of the one above.
  bool introduces_next_entry(const std::vector<TextLine>& lines, std::size_t i,
                             const std::string& shown) const {
    if (!open_ || !shown.ends_with(':') || shown.size() > kMaxHeadingBytes ||
        must_continue(current_->text, shown)) {
      return false;
    }
    const std::size_t next = next_content(lines, i);
    return next < lines.size() && !lines[next].heading && parser_.holds_entry(lines[next].text);
  }

  /// Opens the entries a line starts; a line that starts with a date (`leading`) may hold
  /// several ("03.09. Elternabend 10.09. Schulfest"). `below` are the lines after it, for a look
  /// ahead (empty where the caller has none to give).
  void open_entries(const TextLine& line, std::optional<LeadingDate>&& leading,
                    std::span<const TextLine> below = {}) {
    const bool starts = leading.has_value();
    std::string whole = collapse_spaces(line.text);
    // The weekday cell above the date ("Dienstag |" over "14.11.2023 |") confirms it or, when it
    // names another day, makes the entry a warning.
    if (starts && !weekday_cell_.empty()) {
      if (weekday_cell_.ends_with('|')) weekday_cell_.pop_back();
      whole = collapse_spaces(weekday_cell_ + " " + whole);
      leading.reset();
    }
    weekday_cell_.clear();
    std::vector<std::string> pieces;
    if (starts) pieces = split_entries_on_line(whole, dates(), line.number);
    if (pieces.empty()) open_block(line, std::move(whole), std::move(leading));
    // The first piece begins with the line's date (the parser checks that it is the same text).
    for (std::string& piece : pieces) {
      open_block(line, std::move(piece), std::exchange(leading, std::nullopt));
    }
    open_ = true;
    // "Mittwoch, 12. März 2026" alone, with time, title and place on the lines below (a
    // common city-calendar layout): those lines are its cells, or its items when several
    // of them carry a time.
    date_heading_ =
        starts && pieces.empty() &&
        (lacks_title(*current_->parsed) || names_day_of_items(*current_->parsed, below));
    keep_day_heading();
    item_has_time_ = false;
  }

  /// "Sonntag, 24. Dezember 2023, 4. Advent / Heiligabend" above "| 13.30 Uhr | Kirche …": a
  /// date line whose title names the day (a feast), all day, with items that begin with their
  /// time below it, is their day heading as a date line without a title is.
  bool names_day_of_items(const EntryParse& parse, std::span<const TextLine> below) const {
    // A bold title ("**DMEA 2026**") names an event, not a day: most entries end here.
    return parse.kind == EntryParse::Kind::entry && parse.entry.dated &&
           current_->text.find("**") == std::string::npos &&
           std::all_of(parse.entry.occurrences.begin(), parse.entry.occurrences.end(),
                       [](const Occurrence& occurrence) { return occurrence.all_day(); }) &&
           marked_time_line_follows(below);
  }

  /// The next line with words begins with a time marked as one ("13.30 Uhr", "| 14:00 |"): not
  /// with the next entry's date ("11.6., 15.30-17.30: …").
  static bool marked_time_line_follows(std::span<const TextLine> lines) {
    // The raw text, not the visible one: this looks below every all-day entry, and a time
    // starts the line as written.
    std::size_t next = 0;
    while (next < lines.size() &&
           lines[next].text.find_first_not_of(" \t\r") == std::string_view::npos) {
      ++next;
    }
    if (next == lines.size() || lines[next].heading) return false;
    TextScanner scanner(lines[next].text);
    scanner.skip_spaces();
    if (scanner.accept('|')) scanner.skip_spaces();
    if (!scanner.at_digit()) return false;
    const auto point = TimeRangeParser::parse_point(scanner);
    return point && point->marked;
  }

  /// The open entry's text as the day heading of the items below it, when it is one; cleared
  /// in place otherwise (every entry passes here, and most are no day heading).
  void keep_day_heading() {
    if (date_heading_) {
      day_heading_ = current_->text;
    } else {
      day_heading_.clear();
    }
  }

  /// Hands on the entry before and opens one of `text`, read at once.
  void open_block(const TextLine& line, std::string&& text, std::optional<LeadingDate>&& leading) {
    if (current_) hand_on();
    EntryBlock& block = current_.emplace();
    block.line = line.number;
    block.text = std::move(text);
    block.list_time = list_time_;
    block.list_weekday = list_weekday_;
    dates().parse_into(block.text, block.line, std::move(leading), block.parsed.emplace());
    if (list_time_) keep_list_in_date_order(block);
  }

  /// A list's items follow each other in date order: an entry dated before the item above it
  /// ("Am 11. April lud der Verein …" below the rehearsals of May) is no more of the list.
  void keep_list_in_date_order(EntryBlock& block) {
    const EntryParse& parse = *block.parsed;
    if (parse.kind != EntryParse::Kind::entry || !parse.entry.dated ||
        parse.entry.occurrences.empty()) {
      return;
    }
    boost::gregorian::date day = parse.entry.occurrences.front().start_date;
    if (list_day_) day = in_plan_order(day, *list_day_, parser_.issue_date());
    if (list_day_ && day < *list_day_) {
      list_time_.reset();
      block.list_time.reset();
      return;
    }
    list_day_ = day;
  }

  /// Hands on the entry being read; under a year heading it is read here, while its year is
  /// known (the caller reads an unread entry as of the issue date).
  void hand_on() {
    if (framed_ && !current_->parsed) {
      current_->parsed = framed_->parse(current_->text, current_->line, std::nullopt);
    }
    if (!framed_) follow_year_of_plan(*current_);
    if (current_->list_time) give_list_time(*current_);
    take_(std::move(*current_));
    current_.reset();
  }

  /// A year's plan without years runs on past the issue date into the months just before it,
  /// a year later ("17. Okt", "07. Nov" in a plan read as of 1 January 2025): a day that the
  /// look-back of the issue date put before it, right below an entry after it, is read in the
  /// year after that entry when that puts it at most kPlanWrapDays later. The rule looks only at
  /// the entry above, so a part of a large calendar that starts at an entry dated on or after
  /// the issue date (calendar_run_starts) reads on as the whole reading does.
  /// An entry that writes no year has every day from the issue date's reading: a year on is
  /// each day a year later (no read again: a generated list of 200,000 entries moves a quarter).
  void follow_year_of_plan(EntryBlock& block) {
    if (!block.parsed) block.parsed = parser_.parse(block.text, block.line);
    std::optional<boost::gregorian::date> day = first_day_of(*block.parsed);
    if (!day) return;
    if (last_day_ && in_plan_order(*day, *last_day_, parser_.issue_date()) != *day &&
        !writes_date_year(block.text) && !writes_short_year(block.text)) {
      std::vector<Occurrence>& occurrences = block.parsed->entry.occurrences;
      const bool leap_day = std::any_of(occurrences.begin(), occurrences.end(), [](const auto& o) {
        return o.start_date.month() == 2 && o.start_date.day() == 29;
      });
      if (!leap_day) {
        for (Occurrence& occurrence : occurrences) {
          occurrence.start_date += boost::gregorian::years(1);
          occurrence.end_date += boost::gregorian::years(1);
        }
        day = occurrences.front().start_date;
      }
    }
    last_day_ = day;
  }

  /// A year heading ("2026", "Kita-Jahr 2025/26") ends the entry above it and gives its year to
  /// the dates below without one, up to the next year heading: a careful reader of a plan in
  /// year blocks never takes the year of "17. Juli" from the issue date.
  bool opens_year_block(const std::string& shown) {
    const auto first_day = extract_detail::year_heading_start(shown);
    if (!first_day) return false;
    settle_current();
    framed_.emplace(parser_.with_years_from(*first_day));
    open_ = false;
    date_heading_ = false;
    return true;
  }

  /// Reads the dates of the list below in the year before the issue's (see looks_back_a_year),
  /// up to the first date line after a line that does not start with one.
  void look_back() {
    settle_current();
    looked_back_.emplace(framed_);
    left_look_back_list_ = false;
    const int last_year = parser_.issue_date().year() - 1;
    framed_.emplace(parser_.with_years_from(boost::gregorian::date(last_year, 1, 1)));
  }

  void end_look_back() {
    settle_current();
    if (*looked_back_) {
      framed_.emplace(**looked_back_);
    } else {
      framed_.reset();
    }
    looked_back_.reset();
  }

  /// Reads the open entry now, while the years it was written under still hold.
  void settle_current() {
    if (current_ && !current_->parsed) {
      current_->parsed = dates().parse(current_->text, current_->line, std::nullopt);
    }
  }

  /// "August 2026" alone, read as a month without a day as before, also gives its year to the
  /// dates below it, as a year heading does: "Fr., 07.08." under it is not the August of the
  /// issue's year.
  void frame_by_month_heading(const std::string& shown) {
    if (const auto first_day = extract_detail::year_heading_start(shown)) {
      framed_.emplace(parser_.with_years_from(*first_day));
    }
  }

  /// The parser for the entries read now: the year heading's, when one came.
  const EntryParser& dates() const { return framed_ ? *framed_ : parser_; }

  /// Opens the entry of an event in labelled fields: "WHEN | WHAT | WHERE".
  void open_record(const TextLine& line, std::string text) {
    list_time_.reset();
    open_block(line, std::move(text), std::nullopt);
    current_->labelled = true;
    open_ = true;
    date_heading_ = false;
    gap_ = false;
  }

  /// Under a day heading, the line begins an item of its own: the item before it has a time and
  /// this line begins with one ("19:30 Uhr Konzert"), or a paragraph with a time begins here.
  /// Otherwise the line is one more cell of the item before it.
  bool opens_item(std::string_view shown, bool after_gap) {
    const bool timed = holds_time(shown);
    // "Treffpunkt:" above "9:30 Uhr Gerätehaus": the value of the item's label, not an item.
    const bool labelled = current_ && current_->text.ends_with(':');
    const bool opens =
        item_has_time_ && timed && !labelled && (after_gap || starts_with_time(shown));
    item_has_time_ = item_has_time_ || timed;
    return opens;
  }

  const SectionOptions& options_;
  const EntryParser& parser_;
  const std::function<void(EntryBlock&&)>& take_;
  /// The entry being read: it is handed on when the next one opens or the calendar ends.
  std::optional<EntryBlock> current_;
  bool open_ = false;
  bool date_heading_ = false;   ///< the open entry began as a line with a date and nothing else
  std::string day_heading_;     ///< that line, given to every item below it
  bool item_has_time_ = false;  ///< the open item under a day heading holds a time
  bool gap_ = false;            ///< a blank line came since the last line read
  std::string label_;           ///< "Herbstferien:" just read, for the date line below it
  std::string weekday_cell_;    ///< "Dienstag |" just read, for the date line below it
  std::optional<EntryParser> framed_;  ///< reads the dates under the last year heading
  /// While the list under a look-back line is read: the frame to return to after it.
  std::optional<std::optional<EntryParser>> looked_back_;
  bool left_look_back_list_ = false;    ///< a line without a date came below the look-back list
  std::string shown_;                   ///< the visible text of the line being read
  std::optional<TimeRange> list_time_;  ///< see opens_list
  std::size_t list_end_ = 0;            ///< the last line list_time_ may reach
  int list_weekday_ = 0;                ///< the weekday of list_time_'s rule (EntryBlock)
  std::optional<boost::gregorian::date> list_day_;  ///< the first day of the list's last item
  /// The first day of the last dated entry handed on (follow_year_of_plan).
  std::optional<boost::gregorian::date> last_day_;
};

}  // namespace

void read_calendar_entries(const NewsletterText& text, const SectionStart& start,
                           const SectionOptions& options, const EntryParser& parser,
                           const std::function<void(EntryBlock&&)>& take) {
  EntryReader(options, parser, take).read(text.lines, start.first_index, start.banner, {});
}

EntryRun read_calendar_run(const NewsletterText& text, std::size_t first,
                           std::span<const std::size_t> stops, const SectionOptions& options,
                           const EntryParser& parser, const std::function<void(EntryBlock&&)>& take,
                           bool banner) {
  return EntryReader(options, parser, take).read(text.lines, first, banner, stops);
}

namespace {

/// The line above may hand state to a date line below it: a label ("Herbstferien:") that titles
/// it, a range ("28. September 2025 bis") that it ends, a weekday cell ("Dienstag |") that
/// confirms it, or a date whose year it begins ("02. November" above "2004 - …"). Markup and
/// spaces at the ends are ignored, and any line ending in "bis" counts, so the test errs
/// towards "may".
bool may_carry_into_next(std::string_view line) {
  const auto is_trim = [](char c) {
    return c == ' ' || c == '\t' || c == '*' || c == '_' || c == '|';
  };
  while (!line.empty() && is_trim(line.back())) line.remove_suffix(1);
  while (!line.empty() && is_trim(line.front())) line.remove_prefix(1);
  return line.ends_with(':') || line.ends_with("bis") || ends_in_range_joiner(line) ||
         is_weekday_cell(line) || ends_with_day_and_month(line);
}

}  // namespace

std::vector<std::size_t> calendar_run_starts(const NewsletterText& text, std::size_t first,
                                             std::size_t spacing, const EntryParser& parser,
                                             std::size_t* bytes) {
  std::vector<std::size_t> starts{first};
  std::size_t total = 0;
  std::size_t part = 0;
  bool framed = false;  // a year heading or a look-back line came: no run may start below it
  for (std::size_t i = first; i < text.lines.size(); ++i) {
    const std::string_view raw = text.lines[i].text;
    total += raw.size() + 1;
    part += raw.size() + 1;
    // The year heading's year holds for every line below it: no run may start without it.
    if (!framed && raw.size() <= kMaxYearHeadingLineBytes &&
        raw.find('.') == std::string_view::npos &&
        raw.find_first_of("0123456789") != std::string_view::npos &&
        extract_detail::year_heading_start(visible(text.lines[i]))) {
      framed = true;
    }
    // So does a look-back line's year for the list below it (see looks_back_a_year).
    if (!framed && !raw.empty() && !std::isdigit(static_cast<unsigned char>(raw.front())) &&
        may_look_back(raw)) {
      framed = looks_back_a_year(visible(text.lines[i]));
    }
    if (framed || part < spacing || i == starts.back() ||
        may_carry_into_next(text.lines[i - 1].text)) {
      continue;
    }
    // A day before the issue date may move a year on after the entry above it
    // (follow_year_of_plan): a run starts only where that cannot be.
    const auto leading = parser.leading_date(text.lines[i].text);
    if (!leading || leading->date.occurrences.empty() ||
        leading->date.occurrences.front().start_date < parser.issue_date()) {
      continue;
    }
    starts.push_back(i);
    part = 0;
  }
  if (bytes) *bytes = total;
  return starts;
}

}  // namespace itkal

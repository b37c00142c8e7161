#include "itkal/extract/prose_calendar.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "entry_parser_deadline.hpp"
#include "entry_parser_inline_times.hpp"
#include "itkal/extract/date_expression_parser.hpp"
#include "itkal/extract/entry_parser.hpp"
#include "itkal/text/text_folding.hpp"
#include "itkal/text/text_scanner.hpp"
#include "occurrence_shape.hpp"
#include "weekday_rule.hpp"

namespace itkal {
namespace {

namespace greg = boost::gregorian;

/// A masthead ("Ausgabe vom 15. April 2026") is a short line of its own.
constexpr std::size_t kMaxMastheadBytes = 80;

/// One paragraph's visible text, and where each of its lines begins in it.
struct Paragraph {
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> starts;  ///< (offset, line number)

  /// The index in `starts` of the line that holds text[offset] (a search: a letter without
  /// blank lines is one paragraph of many lines).
  [[nodiscard]] std::size_t line_index(std::size_t offset) const {
    const auto after =
        std::upper_bound(starts.begin(), starts.end(), offset,
                         [](std::size_t value, const std::pair<std::size_t, std::size_t>& start) {
                           return value < start.first;
                         });
    return after == starts.begin() ? 0 : static_cast<std::size_t>(after - starts.begin()) - 1;
  }
  [[nodiscard]] std::size_t line_at(std::size_t offset) const {
    return starts[line_index(offset)].second;
  }
  /// Bytes of the line that holds text[offset].
  [[nodiscard]] std::size_t line_length_at(std::size_t offset) const {
    const std::size_t index = line_index(offset);
    const std::size_t end = index + 1 < starts.size() ? starts[index + 1].first : text.size();
    return end - starts[index].first;
  }
};

/// A line that is a date and nothing else ("15. April 2026", "Samstag, 13. Juni"): a masthead
/// or a day heading, never part of a sentence.
bool is_bare_date(std::string_view shown, const DateExpressionParser& dates) {
  TextScanner scanner(shown);
  if (dates.parse(scanner).kind == DateParse::Kind::none) return false;
  return shown.find_first_not_of(" .,:", scanner.pos()) == std::string_view::npos;
}

/// "- Am 2.3. ist das Jahreskonzert.", "• …": a list's item, told on its own when the item above
/// ended as a sentence; a time in one item is none of the next item's.
bool is_bullet_item(std::string_view shown) {
  return shown.starts_with("- ") || shown.starts_with("\xE2\x80\xA2 ") || shown.starts_with("* ");
}

/// A list's item that ends as a sentence does ("… ihr Patronatsfest. (19:00 Uhr)"); bullets
/// that carry the fields of one event ("- Samstag, 11. Oktober 2025" / "- 10:00 – 14:00 Uhr")
/// do not end so.
bool ends_sentence(std::string_view text) {
  return !text.empty() && std::string_view(".!?)").find(text.back()) != std::string_view::npos;
}

/// Text wrapped by hand or by a mail program keeps its lines shorter than this.
constexpr std::size_t kMaxWrappedLineBytes = 120;

/// Lines joined into paragraphs at blank lines; a heading or a bare date is one of its own,
/// except for the dates of a list that a comma carries over a line break ("…, 9. Juni," /
/// "14. Juli, 4. August,"): they go on with the sentence.
std::vector<Paragraph> paragraphs_of(std::span<const TextLine> lines,
                                     const DateExpressionParser& dates) {
  std::vector<Paragraph> paragraphs;
  bool open = false;
  bool after_long_line = false;
  for (const TextLine& line : lines) {
    const std::string shown = collapse_spaces(MarkedText::from_markup(line.text).plain);
    if (shown.empty()) {
      open = false;
      continue;
    }
    const bool carried = open && paragraphs.back().text.ends_with(',');
    const bool alone =
        line.heading || (!carried && !shown.ends_with(',') && is_bare_date(shown, dates));
    const bool next_item = open && is_bullet_item(shown) && ends_sentence(paragraphs.back().text);
    if (!open || alone || next_item || after_long_line) paragraphs.emplace_back();
    // A page's paragraph copied as one line is longer than any wrapped line: when it ends a
    // sentence, the next line is the next paragraph, not more of it.
    after_long_line = shown.size() > kMaxWrappedLineBytes && ends_sentence(shown);
    Paragraph& paragraph = paragraphs.back();
    if (!paragraph.text.empty()) paragraph.text += ' ';
    paragraph.starts.emplace_back(paragraph.text.size(), line.number);
    paragraph.text += shown;
    open = !alone;
  }
  return paragraphs;
}

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

bool starts_upper(std::string_view text, std::size_t at) {
  if (at >= text.size()) return false;
  if (text[at] >= 'A' && text[at] <= 'Z') return true;
  const std::string_view rest = text.substr(at);
  return rest.starts_with("\xC3\x84") || rest.starts_with("\xC3\x96") ||
         rest.starts_with("\xC3\x9C");  // Ä Ö Ü
}

/// Quotes a sentence may open with ('. "Kreative Nachmittage" stehen am …').
constexpr std::array<std::string_view, 4> kOpeningQuotes{"\"", "\xE2\x80\x9E", "\xE2\x80\x9C",
                                                         "\xC2\xBB"};  // " „ “ »

/// `at`, or past the opening quote that stands there.
std::size_t past_opening_quote(std::string_view text, std::size_t at) {
  for (const std::string_view quote : kOpeningQuotes) {
    if (text.substr(at).starts_with(quote)) return at + quote.size();
  }
  return at;
}

bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }

/// The digits right before text[at].
std::size_t digits_before(std::string_view text, std::size_t at) {
  std::size_t digits = 0;
  while (digits < at && text[at - 1 - digits] >= '0' && text[at - 1 - digits] <= '9') ++digits;
  return digits;
}

/// A dot with the next sentence glued to it ("aus dem Jahre 1938.Auf eine Reise",
/// "Lichtwerk-Kino.Der Ausflug"): a word of three lower-case letters at least or a year before
/// it, a capitalized word right after it. Abbreviations ("z.B.", "St.Martin"), names
/// ("vhs.KinderUni") and dates ("12.März") are none.
bool glued_sentence_end(std::string_view text, std::size_t at) {
  if (text[at] != '.' || at + 2 >= text.size() || !starts_upper(text, at + 1)) return false;
  const char after = text[at + 2];
  if (!is_ascii_lower(after) && (after & 0x80) == 0) return false;
  std::size_t end = at + 2;  // a capital inside the word names a brand ("vhs.KinderUni")
  while (end < text.size() && is_word_byte(text[end])) {
    if (starts_upper(text, end)) return false;
    ++end;
  }
  if (digits_before(text, at) == 4) return at == 4 || !is_word_byte(text[at - 5]);
  return at >= 3 && is_ascii_lower(text[at - 1]) && is_ascii_lower(text[at - 2]) &&
         is_ascii_lower(text[at - 3]);
}

/// How many times a run like "um 12 und 14 Uhr" or "um 11, 13 und 15 Uhr" lists in `text`:
/// starting times of the same event, each a session of its own (the entry parser reads them so
/// too); 0 when no such run is written.
std::size_t listed_session_times(std::string_view text) {
  const auto digit_at = [&](std::size_t i) {
    return i < text.size() && text[i] >= '0' && text[i] <= '9';
  };
  // One time: one or two digits, then ".MM" or ":MM" at most.
  const auto time_end = [&](std::size_t i) {
    if (!digit_at(i)) return std::string_view::npos;
    i += digit_at(i + 1) ? 2 : 1;
    if (i + 2 < text.size() && (text[i] == '.' || text[i] == ':') && digit_at(i + 1) &&
        digit_at(i + 2)) {
      i += 3;
    }
    return i;
  };
  for (std::size_t at = text.find("um "); at != std::string_view::npos;
       at = text.find("um ", at + 1)) {
    std::size_t i = time_end(at + 3);
    std::size_t times = 1;
    while (i != std::string_view::npos) {
      const std::string_view rest = text.substr(i);
      std::size_t joiner = 0;
      if (rest.starts_with(", ")) joiner = 2;
      if (rest.starts_with(" und ")) joiner = 5;
      if (joiner == 0) break;
      const std::size_t next = time_end(i + joiner);
      if (next == std::string_view::npos) break;
      i = next;
      ++times;
    }
    if (times > 1 && i != std::string_view::npos && text.substr(i).starts_with(" Uhr")) {
      return times;
    }
  }
  return 0;
}

/// "… im Stadtpark. 9. Februar (Samstag): 17 Uhr, Winterwanderung": a sentence that ends in a
/// word (not an abbreviation: four letters or more, or "Uhr") before a day number with its dot
/// ends there; the list of dates after it is not the sentence's.
bool ends_before_day_number(std::string_view text, std::size_t at) {
  if (text[at] != '.' || at + 4 >= text.size() || text[at + 1] != ' ') return false;
  std::size_t digit = at + 2;
  const auto is_digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (!is_digit(digit)) return false;
  if (is_digit(digit + 1)) ++digit;
  if (digit + 1 >= text.size() || text[digit + 1] != '.') return false;
  std::size_t letters = 0;
  std::size_t begin = at;
  while (begin > 0 && is_word_byte(text[begin - 1])) {
    --begin;
    ++letters;
  }
  return letters >= 4 || text.substr(begin, at - begin) == "Uhr";
}

/// Where the next sentence begins when the mark at `at` ends one, nullopt when it does not: a
/// space and a capital (maybe after an opening quote) follow, and it is no day's dot ("am
/// 12. März"); a year before it ("am 24.06.2017. Der") ends one. A glued sentence begins right
/// after the dot.
std::optional<std::size_t> next_sentence_at(std::string_view text, std::size_t at) {
  const char c = text[at];
  if (c != '.' && c != '!' && c != '?') return std::nullopt;
  if (glued_sentence_end(text, at)) return at + 1;
  if (ends_before_day_number(text, at)) return at + 2;
  if (at + 1 >= text.size() || text[at + 1] != ' ' ||
      !starts_upper(text, past_opening_quote(text, at + 2))) {
    return std::nullopt;
  }
  const std::size_t digits = digits_before(text, at);
  if (c == '.' && digits != 0 && digits != 4) return std::nullopt;
  return at + 2;
}

/// A list's bullet: the item after it is a sentence of its own, whatever ends the one before.
constexpr std::string_view kBullet = "\xE2\x80\xA2";  // •

std::vector<Span> sentences_of(std::string_view text) {
  std::vector<Span> sentences;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i).starts_with(kBullet)) {
      if (text.find_first_not_of(' ', begin) < i) sentences.push_back({begin, i});
      begin = i + kBullet.size();
      i = begin - 1;
      continue;
    }
    const std::optional<std::size_t> next = next_sentence_at(text, i);
    if (!next) continue;
    sentences.push_back({begin, i + 1});
    begin = *next;
    i = begin - 1;
  }
  if (begin < text.size()) sentences.push_back({begin, text.size()});
  return sentences;
}

/// A date expression in the text.
struct DateMatch {
  Span span;
  DateParse parse;
};

bool is_word_or_digit(char c) { return is_word_byte(c) || (c >= '0' && c <= '9'); }

/// Every date expression in text[sentence], read at word starts; months alone and undated
/// markers ("im August") are no dates.
std::vector<DateMatch> dates_in(std::string_view text, Span sentence,
                                const DateExpressionParser& dates) {
  std::vector<DateMatch> found;
  const std::string_view bounded = text.substr(0, sentence.end);
  for (std::size_t pos = sentence.begin; pos < sentence.end; ++pos) {
    if (!is_word_or_digit(text[pos]) || (pos > 0 && is_word_or_digit(text[pos - 1]))) continue;
    TextScanner scanner(bounded, pos);
    DateParse parse = dates.parse(scanner);
    if (parse.kind != DateParse::Kind::dated && parse.kind != DateParse::Kind::invalid) continue;
    const std::size_t end = std::max(scanner.pos(), pos + 1);
    found.push_back({{pos, end}, std::move(parse)});
    pos = end - 1;
  }
  return found;
}

/// Where one date's clause ends and the next one's begins: the last of these in the gap
/// between the two dates, since the next date's clause begins with the words that lead to it
/// ("Am Sonntag, 3. Juni, steigt der Frühschoppen, am 14. Juni gibt es eine Lesung").
constexpr std::array<std::string_view, 6> kClauseCuts{", ", "; ", " und ", " sowie ", ": ", " – "};

/// `after` (the gap's text after a cut) closes a parenthesis or a German quotation it does not
/// open: the cut stands inside a Bible reference "(Lukas 19, 10)" or a title "„Frei! – Basis“".
bool closes_enclosure(std::string_view after) {
  static constexpr std::string_view kOpenQuote = "\xE2\x80\x9E";   // „
  static constexpr std::string_view kCloseQuote = "\xE2\x80\x9C";  // “
  int parentheses = 0;
  int quotes = 0;
  for (std::size_t i = 0; i < after.size(); ++i) {
    const std::string_view rest = after.substr(i);
    if (after[i] == '(') ++parentheses;
    if (after[i] == ')' && --parentheses < 0) return true;
    if (rest.starts_with(kOpenQuote)) ++quotes;
    if (rest.starts_with(kCloseQuote) && --quotes < 0) return true;
  }
  return false;
}

/// The cut in the gap, or nullopt when nothing cuts there.
std::optional<Span> clause_cut(std::string_view text, Span gap) {
  const std::string_view between = text.substr(gap.begin, gap.end - gap.begin);
  std::optional<Span> cut;
  for (std::string_view word : kClauseCuts) {
    std::size_t at = between.rfind(word);
    while (at != std::string_view::npos && closes_enclosure(between.substr(at + word.size()))) {
      at = at == 0 ? std::string_view::npos : between.rfind(word, at - 1);
    }
    if (at != std::string_view::npos && (!cut || gap.begin + at > cut->begin)) {
      cut = Span{gap.begin + at, gap.begin + at + word.size()};
    }
  }
  return cut;
}

/// "(ab Mittwoch, 2. September, von 15.30 bis 17 Uhr) oder im „Stillcafé“ (Freitag, …)": a
/// date in parentheses with a time after it keeps what follows it up to their close; the next
/// date's clause begins there. Nullopt when the date stands in none, no time follows it there,
/// or the parentheses do not close before the next date.
std::optional<Span> closing_parenthesis(std::string_view text, Span sentence, Span date,
                                        std::size_t next) {
  const std::string_view before = text.substr(sentence.begin, date.begin - sentence.begin);
  const std::size_t open = before.rfind('(');
  if (open == std::string_view::npos || before.find(')', open) != std::string_view::npos) {
    return std::nullopt;
  }
  const std::size_t close = text.substr(0, next).find(')', date.end);
  if (close == std::string_view::npos ||
      entry_detail::times_in(text.substr(date.end, close - date.end)).times.empty()) {
    return std::nullopt;
  }
  return Span{close + 1, close + 1};
}

/// A clause of a sentence and the dates in it (one, unless nothing cuts between two).
struct Clause {
  Span span;
  std::vector<const DateMatch*> dates;
};

std::vector<Clause> clauses_of(std::string_view text, Span sentence,
                               const std::vector<DateMatch>& dates) {
  std::vector<Clause> clauses;
  Clause current{{sentence.begin, sentence.end}, {}};
  for (std::size_t i = 0; i < dates.size(); ++i) {
    current.dates.push_back(&dates[i]);
    if (i + 1 == dates.size()) break;
    auto cut = closing_parenthesis(text, sentence, dates[i].span, dates[i + 1].span.begin);
    if (!cut) cut = clause_cut(text, {dates[i].span.end, dates[i + 1].span.begin});
    if (!cut) continue;
    current.span.end = cut->begin;
    clauses.push_back(std::move(current));
    current = Clause{{cut->end, sentence.end}, {}};
  }
  clauses.push_back(std::move(current));
  return clauses;
}

/// Words left at the ends of a title once its date and time are taken out ("am", "vom").
constexpr std::array<std::string_view, 22> kLooseWords{
    "am",  "vom",  "ab",  "um",  "den", "dem", "zum",    "zur",   "bis", "von",    "für",
    "ist", "sind", "und", "der", "die", "das", "findet", "statt", "im",  "unterm", "sowie"};

bool is_loose(std::string_view word) {
  return std::any_of(kLooseWords.begin(), kLooseWords.end(), [&](std::string_view loose) {
    return equals_ignoring_ascii_case(word, loose);
  });
}

/// text from `at` on, without the parenthesis it may open with ("(ab" before the date).
std::string_view without_open_parenthesis(std::string_view text, std::size_t at) {
  text.remove_prefix(at);
  if (text.starts_with('(')) text.remove_prefix(1);
  return text;
}

/// The words with separators and loose words trimmed from both ends.
std::string trimmed_title(std::string_view words) {
  std::string text = collapse_spaces(words);
  const auto is_separator = [](char c) {
    return c == ' ' || c == ',' || c == ';' || c == ':' || c == '-' || c == '.';
  };
  for (bool changed = true; changed && !text.empty();) {
    changed = false;
    // A parenthesis that opens at the title's end or closes at its start holds the date.
    while (!text.empty() && (is_separator(text.back()) || text.back() == '(')) {
      text.pop_back(), changed = true;
    }
    while (!text.empty() && (is_separator(text.front()) || text.front() == ')')) {
      text.erase(0, 1), changed = true;
    }
    const std::size_t last = text.rfind(' ');
    if (last != std::string::npos && is_loose(without_open_parenthesis(text, last + 1))) {
      text.erase(last);
      changed = true;
    }
    const std::size_t first = text.find(' ');
    if (first != std::string::npos && is_loose(std::string_view(text).substr(0, first))) {
      text.erase(0, first + 1);
      changed = true;
    }
  }
  return text.size() == 0 || is_loose(text) ? std::string() : text;
}

/// The clause's own words before its date (after a colon that introduces a list), or after it
/// when none stand before; `blanked` holds the clause with its dates and times blanked out.
std::string title_of(std::string_view blanked, Span clause, Span date) {
  const std::string_view before = blanked.substr(clause.begin, date.begin - clause.begin);
  const std::size_t colon = before.rfind(": ");
  std::string title =
      trimmed_title(colon == std::string_view::npos ? before : before.substr(colon + 2));
  if (title.empty()) title = trimmed_title(blanked.substr(date.end, clause.end - date.end));
  return title;
}

void blank(std::string& text, Span span) {
  std::fill(text.begin() + static_cast<std::ptrdiff_t>(span.begin),
            text.begin() + static_cast<std::ptrdiff_t>(span.end), ' ');
}

// Two readings of a time spoken of but not written. same_time_words_in looks for the few set
// phrases that hand a time written before them on to the dates after them, and says where they
// stand, so that those dates can be given it (find_named_time); names_a_time looks for any word
// "Zeit" or "Uhrzeit" in a sentence, and only says that some time is meant, so that no date of
// the paragraph takes a time from elsewhere for its own.

/// Words that give later dates a time named before them ("jeden letzten Sonntag, zu der
/// genannten Zeit").
constexpr std::array<std::string_view, 8> kSameTimeWords{
    "zu der genannten zeit", "zur genannten zeit", "zu der genannten uhrzeit",
    "zur genannten uhrzeit", "zur gleichen zeit",  "zur selben zeit",
    "zur gleichen uhrzeit",  "zur selben uhrzeit"};

/// Where the first of kSameTimeWords stands in `text`, if anywhere.
std::optional<Span> same_time_words_in(std::string_view text) {
  const std::string lower = ascii_lowercase(text);
  std::optional<Span> first;
  for (std::string_view words : kSameTimeWords) {
    const std::size_t at = lower.find(words);
    if (at != std::string::npos && (!first || at < first->begin)) {
      first = Span{at, at + words.size()};
    }
  }
  return first;
}

/// The sentence speaks of a time without writing it ("zu der genannten Zeit", "zur gleichen
/// Uhrzeit"): the dates it refers to have one, but which is for the reader to look up.
bool names_a_time(std::string_view sentence) {
  for (std::string_view word : {"Zeit", "Uhrzeit"}) {
    for (std::size_t at = sentence.find(word); at != std::string_view::npos;
         at = sentence.find(word, at + 1)) {
      const std::size_t end = at + word.size();
      if ((at == 0 || !is_word_byte(sentence[at - 1])) &&
          (end == sentence.size() || !is_word_byte(sentence[end]))) {
        return true;
      }
    }
  }
  return false;
}

/// The one time a dated sentence gives all its dates with "jeweils" ("am 25. September, am
/// 2. und am 9. Oktober, jeweils um 15 Uhr", time_for_each); empty when it gives none. `blanked` is
/// the paragraph with its dates blanked out.
entry_detail::TimeList shared_time_within(const std::string& blanked, Span sentence) {
  const auto time = entry_detail::time_for_each(
      std::string_view(blanked).substr(sentence.begin, sentence.end - sentence.begin));
  if (!time) return {};
  return {*time};
}

/// The sentence gives its time to each of several things ("Die Sitzungen beginnen jeweils um
/// 19.00 Uhr"); "jeweils dienstags" names a weekday rule instead, not the dates before.
bool gives_each_a_time(std::string_view sentence) {
  const std::size_t at = sentence.find("jeweils ");
  if (at == std::string_view::npos) return false;
  TextScanner scanner(sentence.substr(at + std::string_view("jeweils ").size()));
  return scanner.accept_word("um") || scanner.accept_word("von") || scanner.accept_word("ab") ||
         scanner.at_digit();
}

/// A sentence without a date that gives the time of the dates just before it ("Beide Termine
/// finden um 19 Uhr statt", "Alle Vorträge beginnen um 19.30 Uhr", "Die Sitzungen beginnen
/// jeweils um 19.00 Uhr"): its one time, or empty. "Beide" must follow a sentence of two
/// dates, "Alle" and "jeweils" one of at least two.
entry_detail::TimeList time_for_sentence_before(const std::string& blanked, Span sentence,
                                                std::size_t dates_before) {
  const std::string_view text =
      std::string_view(blanked).substr(sentence.begin, sentence.end - sentence.begin);
  TextScanner scanner(text);
  const bool both = scanner.accept_word("Beide");
  const bool several =
      dates_before >= 2 && (scanner.accept_word("Alle") || gives_each_a_time(text));
  if (both ? dates_before != 2 : !several) return {};
  const entry_detail::InlineTimes times = entry_detail::times_in(text);
  if (times.alternative || times.times.size() != 1) return {};
  return times.times;
}

/// Words that say an event starts ("Startschuss", "beginnt") or ends ("Ende", "endet"), by
/// their lower-case beginnings.
constexpr std::array<std::string_view, 3> kStartStems{"beginn", "start", "anfang"};
constexpr std::array<std::string_view, 2> kEndStems{"ende", "schluss"};

/// The words of `text` (its runs of letters, umlauts among them), in order.
std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  for (std::size_t at = 0; at < text.size();) {
    if (!is_word_byte(text[at])) {
      ++at;
      continue;
    }
    std::size_t end = at;
    while (end < text.size() && is_word_byte(text[end])) ++end;
    words.push_back(text.substr(at, end - at));
    at = end;
  }
  return words;
}

/// A word of `text` begins with one of `stems` ("Startschuss", "Ende", "endet").
template <std::size_t N>
bool says_any(std::string_view text, const std::array<std::string_view, N>& stems) {
  for (const std::string_view word : words_of(text)) {
    const std::string lower = ascii_lowercase(word);
    for (const std::string_view stem : stems) {
      if (lower.starts_with(stem)) return true;
    }
  }
  return false;
}

/// "Beginn: 20 Uhr", "Treffpunkt ist um 13:30 Uhr …", "Abfahrt um 8 Uhr": a sentence that
/// begins with a word for the start of an event, or of an outing.
bool labels_start(std::string_view sentence) {
  for (const std::string_view word : {"Beginn", "Treffpunkt", "Treffen", "Abfahrt", "Start"}) {
    if (sentence.starts_with(word)) return true;
  }
  return false;
}

/// A noun names an event when it is this long at least: articles and "Zeit" are no names.
constexpr std::size_t kMinNameBytes = 5;

/// `a` and `b` share a capitalized word of kMinNameBytes or more ("Schulfest").
bool shares_noun(std::string_view a, std::string_view b) {
  const std::vector<std::string_view> others = words_of(b);
  for (const std::string_view word : words_of(a)) {
    if (word.size() < kMinNameBytes || !starts_upper(word, 0)) continue;
    if (std::find(others.begin(), others.end(), word) != others.end()) return true;
  }
  return false;
}

/// Words by which a sentence speaks of several events ("Beginn ist jeweils um 9 Uhr", "Beide
/// beginnen um 19 Uhr", "Alle Vorträge …").
constexpr std::array<std::string_view, 3> kSeveralWords{"jeweils", "beide", "alle"};

bool speaks_of_several(std::string_view sentence) {
  for (const std::string_view word : words_of(sentence)) {
    const std::string lower = ascii_lowercase(word);
    if (std::find(kSeveralWords.begin(), kSeveralWords.end(), lower) != kSeveralWords.end()) {
      return true;
    }
  }
  return false;
}

/// Sentences with a time each that make a day's programme at least (find_day_programmes): two
/// may be an event and an alternative to it ("Unterricht beginnt um 8.30 Uhr. Kinder, die nicht
/// mitkommen, dürfen um 9.30 Uhr zur Schule kommen.").
constexpr std::size_t kMinProgrammeItems = 3;

/// A list in date order: a date a year on lies this close after the date before it.
constexpr int kListStepDays = 60;

/// Reads one paragraph (see read_prose_events).
class ParagraphReader {
 public:
  ParagraphReader(const Paragraph& paragraph, greg::date issue_date, ProseEvents& out)
      : paragraph_(paragraph),
        issue_date_(issue_date),
        dates_(issue_date),
        year_later_(issue_date + greg::years(1)),
        out_(out) {}

  void read() {
    const std::string& text = paragraph_.text;
    std::vector<DatedSentence> dated;
    std::vector<Span> undated_sentences;
    std::string undated = text;  // the paragraph without its dates: times left in it
    for (const Span sentence : sentences_of(text)) {
      std::vector<DateMatch> dates = dates_in(text, sentence, dates_);
      for (const DateMatch& date : dates) blank(undated, date.span);
      std::erase_if(dates, [&](const DateMatch& date) { return is_masthead(date); });
      if (dates.empty()) {
        undated_sentences.push_back(sentence);
      } else {
        DatedSentence& added = dated.emplace_back();
        added.span = sentence;
        added.dates = std::move(dates);
      }
    }
    blanked_ = undated;
    find_default_time(undated_sentences);
    find_shared_times(dated, undated_sentences);
    find_named_time(undated_sentences);
    find_event_times(dated, undated_sentences);
    find_day_programmes(dated, undated_sentences);
    // A time in a sentence with a date is that sentence's; only a time that stands in a
    // sentence of its own ("Beginn ist um 19 Uhr"), or one it names ("zu der genannten Zeit"),
    // may be another date's.
    const std::vector<std::optional<std::size_t>> owners = time_owners(dated, undated_sentences);
    if (dated.size() == 1 && dated.front().dates.size() == 1) {
      start_time_ = labelled_start_time(undated_sentences);
    }
    for (std::size_t index = 0; index < dated.size(); ++index) {
      const DatedSentence& sentence = dated[index];
      paragraph_has_time_ = std::any_of(owners.begin(), owners.end(), [&](const auto& owner) {
        return !owner || *owner == index;
      });
      shared_time_ = sentence.shared_time;
      for (const Clause& clause : clauses_of(text, sentence.span, sentence.dates)) {
        read_clause(clause);
      }
      publish_programme(index, sentence.dates.front());
    }
  }

 private:
  struct DatedSentence {
    Span span;
    std::vector<DateMatch> dates;
    entry_detail::TimeList shared_time;  ///< the time every date of the sentence has
  };

  /// "Die Imker treffen sich, wenn nicht anders angegeben, sonntags um 10 Uhr": one time that
  /// every date of the paragraph without its own has, on the weekday named if one is. A weekly
  /// rule does the same for the dates on its weekday ("Vorlesestunden finden jeden ersten
  /// Dienstag im Monat statt, jeweils ab 17 Uhr"). Such a sentence is then no longer one without
  /// a date whose time may be any date's.
  void find_default_time(std::vector<Span>& undated) {
    for (auto sentence = undated.begin(); sentence != undated.end(); ++sentence) {
      const std::string_view words = blanked_words(*sentence);
      const bool usual = words.find("nicht anders angegeben") != std::string_view::npos ||
                         words.find("nicht anders vermerkt") != std::string_view::npos;
      const int rule_weekday = usual ? 0 : extract_detail::weekly_rule_weekday(words);
      if (!usual && rule_weekday == 0) continue;
      const entry_detail::InlineTimes times = entry_detail::times_in(words);
      if (times.alternative || times.times.size() != 1) {
        if (usual) return;
        continue;
      }
      default_time_ = times.times;
      default_weekday_ = usual ? extract_detail::weekday_named_in(words) : rule_weekday;
      undated.erase(sentence);
      return;
    }
  }

  /// Every occurrence falls on the default time's weekday (any day when it names none).
  bool on_default_weekday(const std::vector<Occurrence>& occurrences) const {
    return default_weekday_ == 0 ||
           std::all_of(occurrences.begin(), occurrences.end(), [&](const Occurrence& occurrence) {
             return occurrence.start_date == occurrence.end_date &&
                    extract_detail::iso_weekday(occurrence.start_date) == default_weekday_;
           });
  }

  /// Gives each dated sentence the time it shares among its dates ("jeweils um 15 Uhr") or
  /// takes from the sentence right after it ("Beide Termine finden um 19 Uhr statt"); such a
  /// sentence is then no longer one without a date whose time may be any date's.
  void find_shared_times(std::vector<DatedSentence>& dated, std::vector<Span>& undated) {
    for (DatedSentence& sentence : dated) {
      sentence.shared_time = shared_time_within(blanked_, sentence.span);
      if (!sentence.shared_time.empty()) continue;
      const auto next = std::find_if(undated.begin(), undated.end(), [&](Span other) {
        return other.begin >= sentence.span.end && other.begin <= sentence.span.end + 2;
      });
      if (next == undated.end()) continue;
      std::size_t days = 0;  // "Montag, 1. Februar und Montag, 1. März" is one list of two
      for (const DateMatch& date : sentence.dates) {
        days += std::max<std::size_t>(1, date.parse.occurrences.size());  // a contradiction too
      }
      sentence.shared_time = time_for_sentence_before(blanked_, *next, days);
      if (!sentence.shared_time.empty()) undated.erase(next);
    }
  }

  /// "Der Höhepunkt ist der Festsonntag, 18. Juni. Der Festtag beginnt um 6 Uhr mit dem Weckruf
  /// … Um 8 Uhr ist der Empfang der Vereine. … Der Festgottesdienst beginnt um 10 Uhr.": a
  /// sentence of one day without a time of its own, followed up to the next dated sentence by at
  /// least kMinProgrammeItems sentences that each write one time, each later than the one before,
  /// is that day's programme: each such sentence is an event of the day at its time. A sentence
  /// with an unclear time there ("um 10 oder 11 Uhr", "jeweils um 9 Uhr") leaves the day as it
  /// was. The programme's sentences are then no time that may be any date's.
  void find_day_programmes(const std::vector<DatedSentence>& dated, std::vector<Span>& undated) {
    for (std::size_t index = 0; index < dated.size(); ++index) {
      if (!has_one_untimed_day(dated[index])) continue;
      const std::size_t end =
          index + 1 < dated.size() ? dated[index + 1].span.begin : paragraph_.text.size();
      std::vector<ProgrammeItem> items;
      bool clear = true;
      for (const Span sentence : undated) {
        if (sentence.begin < dated[index].span.end || sentence.begin >= end) continue;
        const std::string_view words = blanked_words(sentence);
        const entry_detail::InlineTimes times = entry_detail::times_in(words);
        if (times.times.empty()) continue;
        clear = !times.alternative && times.times.size() == 1 && times.times.front().start &&
                !speaks_of_several(words) &&
                (items.empty() || *items.back().time.start < *times.times.front().start);
        if (!clear) break;
        items.push_back({sentence, times.times.front()});
      }
      if (!clear || items.size() < kMinProgrammeItems) continue;
      std::erase_if(undated, [&](const Span sentence) {
        return std::any_of(items.begin(), items.end(), [&](const ProgrammeItem& item) {
          return item.sentence.begin == sentence.begin;
        });
      });
      programmes_.emplace(index, std::move(items));
    }
  }

  /// One date of one day, without a time in the sentence: a day a programme may follow.
  bool has_one_untimed_day(const DatedSentence& sentence) const {
    if (sentence.dates.size() != 1 || !sentence.shared_time.empty()) return false;
    const DateParse& date = sentence.dates.front().parse;
    return date.kind == DateParse::Kind::dated && date.occurrences.size() == 1 &&
           date.occurrences.front().start_date == date.occurrences.front().end_date &&
           date.occurrences.front().all_day() &&
           entry_detail::times_in(blanked_words(sentence.span)).times.empty();
  }

  /// Publishes the programme of dated sentence `index` (find_day_programmes), when its day is
  /// one a reader takes: its year written, or not before the issue date.
  void publish_programme(std::size_t index, const DateMatch& date) {
    const auto programme = programmes_.find(index);
    if (programme == programmes_.end()) return;
    const bool before_issue = date.parse.occurrences.front().start_date < issue_date_;
    if (before_issue && !writes_year(date)) return;
    for (const ProgrammeItem& item : programme->second) {
      Entry entry;
      entry.line = paragraph_.line_at(item.sentence.begin);
      entry.dated = true;
      entry.occurrences = date.parse.occurrences;
      entry_detail::apply_times(entry.occurrences, {item.time});
      entry.text = clause_text(item.sentence);
      std::string blanked =
          blanked_.substr(item.sentence.begin, item.sentence.end - item.sentence.begin);
      entry_detail::blank_inline_times(blanked, 0, blanked.size());
      entry.title = trimmed_title(blanked);
      if (entry.title.empty()) continue;
      out_.entries.push_back(std::move(entry));
    }
  }

  /// For each sentence without a date that writes or names a time, the dated sentence (its
  /// index in `dated`) it follows up, or nullopt when it may be any date's. "Die Winterwanderung
  /// ist am 8. Februar. Die erste Gruppe startet um 9 Uhr. Am 6. März ist die Versammlung.":
  /// the time after a dated sentence is that sentence's, not the next date's. A time before
  /// every dated sentence, one after a sentence of deadlines only ("Anmeldung bis 1. Mai"), and
  /// one that speaks of several ("Beginn ist jeweils um 9 Uhr") or names another dated
  /// sentence's event may be any date's.
  std::vector<std::optional<std::size_t>> time_owners(const std::vector<DatedSentence>& dated,
                                                      const std::vector<Span>& undated) const {
    std::vector<std::optional<std::size_t>> owners;
    for (const Span sentence : undated) {
      const std::string_view words = blanked_words(sentence);
      if (!names_a_time(words) && entry_detail::times_in(words).times.empty()) continue;
      std::optional<std::size_t> owner;
      for (std::size_t index = 0; index < dated.size(); ++index) {
        if (dated[index].span.end <= sentence.begin) owner = index;
      }
      if (owner && (deadlines_only(dated[*owner]) || speaks_of_several(words) ||
                    names_another(dated, *owner, words))) {
        owner.reset();
      }
      owners.push_back(owner);
    }
    return owners;
  }

  /// `words` share a noun with a dated sentence other than dated[owner] ("Die Projektwoche
  /// beginnt um 8 Uhr." after the Schulfest's sentence names the Projektwoche's before it).
  bool names_another(const std::vector<DatedSentence>& dated, std::size_t owner,
                     std::string_view words) const {
    for (std::size_t index = 0; index < dated.size(); ++index) {
      if (index != owner && shares_noun(words, blanked_words(dated[index].span))) return true;
    }
    return false;
  }

  /// Every date of the sentence follows a deadline word ("Anmeldungen bis 2. Februar").
  bool deadlines_only(const DatedSentence& sentence) const {
    return std::all_of(sentence.dates.begin(), sentence.dates.end(), [&](const DateMatch& date) {
      return entry_detail::follows_deadline_word(paragraph_.text, date.span.begin);
    });
  }

  /// "Das Schulfest beschließt die Projektwoche am 24.06.2017. Der Startschuss für das
  /// Schulfest ist um 11 Uhr. Ein Ende ist für 16 Uhr vorgesehen.": a sentence without a date
  /// that says when an event starts and names it by a word of exactly one dated sentence (of one
  /// date, with no shared time) gives that date its one time; the sentence right after it, when
  /// it says when it ends and names no other, its end. Such sentences are then no time that may
  /// be any date's.
  void find_event_times(std::vector<DatedSentence>& dated, std::vector<Span>& undated) {
    for (auto sentence = undated.begin(); sentence != undated.end();) {
      const std::string_view words = blanked_words(*sentence);
      const entry_detail::InlineTimes times = entry_detail::times_in(words);
      DatedSentence* named = says_any(words, kStartStems) ? one_named(dated, words) : nullptr;
      if (!named || times.alternative || times.times.size() != 1 || named->dates.size() != 1 ||
          !named->shared_time.empty()) {
        ++sentence;
        continue;
      }
      TimeRange time = times.times.front();
      // An end said right after that does not fit the start leaves the time unclear.
      const auto next = sentence + 1;
      const bool end_said = next != undated.end() && next->begin <= sentence->end + 2 &&
                            says_any(blanked_words(*next), kEndStems);
      const std::optional<TimeOfDay> end =
          end_said ? end_of(dated, *next, time, named) : std::nullopt;
      if (end_said && !end) {
        ++sentence;
        continue;
      }
      if (end) {
        time.end = end;
        undated.erase(next);
      }
      named->shared_time = {time};
      sentence = undated.erase(sentence);
    }
  }

  /// The end time a sentence that says an end ("Ein Ende ist für 16 Uhr vorgesehen.") gives the
  /// event that the sentence before it gave `time`: it names no other dated sentence than
  /// `named` and writes one time, later than the start; nullopt otherwise.
  std::optional<TimeOfDay> end_of(std::vector<DatedSentence>& dated, Span sentence,
                                  const TimeRange& time, const DatedSentence* named) const {
    const std::string_view words = blanked_words(sentence);
    const DatedSentence* other = one_named(dated, words);
    if (time.end || !time.start || (other && other != named)) return std::nullopt;
    const entry_detail::InlineTimes times = entry_detail::times_in(words);
    if (times.alternative || times.times.size() != 1) return std::nullopt;
    const TimeRange& end = times.times.front();
    if (!end.start || end.end || *end.start <= *time.start) return std::nullopt;
    return end.start;
  }

  /// The one dated sentence that shares a noun (a capitalized word of kMinNameBytes or more)
  /// with `words`; nullptr when none or several do.
  DatedSentence* one_named(std::vector<DatedSentence>& dated, std::string_view words) const {
    DatedSentence* found = nullptr;
    for (DatedSentence& sentence : dated) {
      if (!shares_noun(words, blanked_words(sentence.span))) continue;
      if (found) return nullptr;
      found = &sentence;
    }
    return found;
  }

  /// "Premiere ist am 29. Mai von 14 bis 17.30 Uhr. … zu der genannten Zeit am 25. Juni …": the
  /// clauses that reach past such words take the paragraph's time when it writes one only, and
  /// before the words; when it writes none after them or several, which is meant is unclear.
  void find_named_time(std::vector<Span>& undated) {
    const std::optional<Span> words = same_time_words_in(blanked_);
    if (!words) return;
    named_from_ = words->begin;
    const entry_detail::InlineTimes all = entry_detail::times_in(blanked_);
    const entry_detail::InlineTimes earlier =
        entry_detail::times_in(blanked_words({0, words->begin}));
    if (!all.alternative && all.times.size() == 1 && earlier.times.size() == 1) {
      named_time_ = all.times;
    }
    std::erase_if(undated, [&](Span sentence) {
      return sentence.begin <= words->begin && words->begin < sentence.end;
    });
    blank(blanked_, *words);  // no title's words
  }

  /// The words of text[span] with the paragraph's dates blanked out.
  [[nodiscard]] std::string_view blanked_words(Span span) const {
    return std::string_view(blanked_).substr(span.begin, span.end - span.begin);
  }

  void warn(Span clause, std::string message) {
    out_.warnings.push_back(
        {paragraph_.line_at(clause.begin), clause_text(clause), std::move(message)});
  }

  /// The clause as written, without the separator it was cut at; a clause longer than any
  /// entry (a text without sentences) is cut to that length, at a character's start.
  std::string clause_text(Span clause) const {
    std::size_t end = std::min(clause.end, clause.begin + EntryParser::kMaxEntryBytes);
    while (end < clause.end && (paragraph_.text[end] & 0xC0) == 0x80) --end;
    std::string text =
        collapse_spaces(std::string_view(paragraph_.text).substr(clause.begin, end - clause.begin));
    if (text.starts_with("\xE2\x80\x93")) text.erase(0, 3);  // en dash
    const std::size_t first = text.find_first_not_of(",;: ");
    return first == std::string::npos ? std::string() : text.substr(first);
  }

  /// The year of the date is written: read as if the issue came a year later, it names the
  /// same days.
  bool writes_year(const DateMatch& date) const {
    TextScanner scanner(std::string_view(paragraph_.text).substr(0, date.span.end),
                        date.span.begin);
    const DateParse again = year_later_.parse(scanner);
    return again.kind == DateParse::Kind::dated && again.occurrences == date.parse.occurrences;
  }

  /// The issue's own date, with its year, on a short line ("Ausgabe vom 15. April 2026").
  bool is_masthead(const DateMatch& date) const {
    if (date.parse.kind != DateParse::Kind::dated ||
        date.parse.occurrences.front().start_date != issue_date_) {
      return false;
    }
    return paragraph_.line_length_at(date.span.begin) <= kMaxMastheadBytes && writes_year(date);
  }

  /// The one time of the sentences without a date when it is labelled the start ("Beginn: 20
  /// Uhr") and no other such sentence writes one: in a paragraph of a single date, that date's.
  entry_detail::TimeList labelled_start_time(const std::vector<Span>& undated_sentences) const {
    entry_detail::TimeList found;
    std::size_t timed = 0;
    for (const Span sentence : undated_sentences) {
      const std::string_view words = blanked_words(sentence);
      const entry_detail::InlineTimes times = entry_detail::times_in(words);
      if (times.times.empty() && !names_a_time(words)) continue;
      ++timed;
      const std::size_t first = words.find_first_not_of(' ');
      const bool labelled = first != std::string::npos && labels_start(words.substr(first));
      if (!times.alternative && times.times.size() == 1 && labelled) {
        found = times.times;
      }
    }
    return timed == 1 ? found : entry_detail::TimeList();
  }

  /// "am 1. Mai oder bereits am Abend davor": "oder" right after the date, and a word that
  /// begins another day's mention, offers another day ("… am 6. November oder die Lesung …"
  /// goes on to another event).
  [[nodiscard]] bool offers_other_day(std::size_t date_end) const {
    TextScanner after(paragraph_.text, date_end);
    after.skip_spaces();
    after.accept(',');
    after.skip_spaces();
    if (!after.accept_word("oder")) return false;
    after.skip_spaces();
    for (const std::string_view word : {"bereits", "schon", "erst", "am", "an", "auch", "tags"}) {
      if (after.accept_word(word)) return true;
    }
    return false;
  }

  void read_clause(const Clause& clause) {
    if (clause.dates.size() > 1) {
      warn(clause.span, "several dates in one clause: which event each belongs to is unclear");
      return;
    }
    const DateMatch& date = *clause.dates.front();
    if (date.parse.kind == DateParse::Kind::invalid) {
      warn(clause.span, date.parse.message);
      return;
    }
    if (entry_detail::follows_deadline_word(paragraph_.text, date.span.begin)) return;
    if (entry_detail::follows_moved_from_word(paragraph_.text, date.span.begin)) {
      warn(clause.span, "the day the event was moved from, not its day");
      return;
    }
    if (offers_other_day(date.span.end)) {
      warn(clause.span, "another day is offered beside the date: which one is meant is unclear");
      return;
    }
    const bool before_issue = std::any_of(
        date.parse.occurrences.begin(), date.parse.occurrences.end(),
        [&](const Occurrence& occurrence) { return occurrence.start_date < issue_date_; });
    if (before_issue && !writes_year(date)) {
      if (auto next_year = follows_the_list(date)) {
        publish(clause, *next_year);
        return;
      }
      warn(clause.span,
           "no year is written and the date lies before the issue date: a past "
           "event or one of next year?");
      return;
    }
    publish(clause, date);
  }

  /// The date read a year on, when so it follows the date before it in the paragraph within a
  /// list's step ("Männergesang am 5. November …, das Adventskonzert unterm 26. November" in a
  /// letter of January): a list in date order goes on, it does not jump a year back.
  std::optional<DateMatch> follows_the_list(const DateMatch& date) const {
    if (!last_date_) return std::nullopt;
    TextScanner scanner(std::string_view(paragraph_.text).substr(0, date.span.end),
                        date.span.begin);
    DateParse again = year_later_.parse(scanner);
    if (again.kind != DateParse::Kind::dated) return std::nullopt;
    const greg::date start = again.occurrences.front().start_date;
    if (start < *last_date_ || start > *last_date_ + greg::days(kListStepDays)) {
      return std::nullopt;
    }
    return DateMatch{date.span, std::move(again)};
  }

  void publish(const Clause& clause, const DateMatch& date) {
    last_date_ = date.parse.occurrences.back().end_date;
    Entry entry;
    entry.line = paragraph_.line_at(clause.span.begin);
    entry.dated = true;
    entry.occurrences = date.parse.occurrences;
    if (!date.parse.note.empty()) entry.notes.push_back(date.parse.note);
    entry.text = clause_text(clause.span);
    // The clause alone, with offsets from its start: copying the paragraph for every clause
    // would take time in its square.
    const std::size_t at = clause.span.begin;
    std::string blanked = blanked_.substr(at, clause.span.end - at);
    const Span own{0, blanked.size()};
    if (!read_times(clause.span, blanked, entry.occurrences)) return;
    entry.title = title_of(blanked, own, {date.span.begin - at, date.span.end - at});
    const bool timed = !entry.occurrences.front().all_day();
    if (entry.title.empty() && !timed) return;  // a date on its own: no event named
    if (entry.title.empty()) {
      out_.warnings.push_back({entry.line, entry.text, "entry has a date but no title"});
    }
    out_.entries.push_back(std::move(entry));
  }

  /// Gives the occurrences the time of their own clause; false (and a warning) when which time
  /// is meant is unclear.
  /// `blanked` is the clause's text with the dates blanked out; `clause` where it stands.
  bool read_times(Span clause, std::string& blanked, std::vector<Occurrence>& occurrences) {
    const entry_detail::InlineTimes times =
        entry_detail::blank_inline_times(blanked, 0, blanked.size());
    if (!occurrences.front().all_day()) return true;  // the date carries its time
    // "finden um 12 und 14 Uhr Zooführungen statt": the same event at each of the times.
    const bool sessions =
        !times.alternative && times.times.size() > 1 &&
        listed_session_times(
            std::string_view(paragraph_.text).substr(clause.begin, clause.end - clause.begin)) ==
            times.times.size();
    if (sessions) {
      entry_detail::apply_times(occurrences, times.times);
      return true;
    }
    if (times.alternative || times.times.size() > 1) {
      warn(clause, "several times in one clause: which belongs to the date is unclear");
      return false;
    }
    if (times.times.empty() && !shared_time_.empty()) {
      entry_detail::apply_times(occurrences, shared_time_);
      return true;
    }
    if (times.times.empty() && named_from_ && clause.end > *named_from_) {
      if (named_time_.empty()) {
        warn(clause, "a time is named but not written ('zur gleichen Zeit'): which is unclear");
        return false;
      }
      entry_detail::apply_times(occurrences, named_time_);
      return true;
    }
    if (times.times.empty() && !start_time_.empty()) {
      entry_detail::apply_times(occurrences, start_time_);
      return true;
    }
    if (times.times.empty() && !default_time_.empty()) {
      if (!on_default_weekday(occurrences)) {
        warn(clause, "the paragraph's usual time is for another weekday: this date's is unclear");
        return false;
      }
      entry_detail::apply_times(occurrences, default_time_);
      return true;
    }
    if (times.times.empty() && paragraph_has_time_) {
      warn(clause,
           "a time stands elsewhere in the paragraph: whether it is this date's is unclear");
      return false;
    }
    entry_detail::apply_times(occurrences, times.times);
    return true;
  }

  const Paragraph& paragraph_;
  greg::date issue_date_;
  DateExpressionParser dates_;
  DateExpressionParser year_later_;
  ProseEvents& out_;
  std::string blanked_;              ///< the paragraph with its dates blanked out
  bool paragraph_has_time_ = false;  ///< a sentence without a date holds a time this date may have
  entry_detail::TimeList shared_time_;   ///< the time of every date of the sentence being read
  entry_detail::TimeList start_time_;    ///< see labelled_start_time
  entry_detail::TimeList default_time_;  ///< see find_default_time
  int default_weekday_ = 0;              ///< its weekday (ISO, 1 = Monday), 0 for any
  /// Where words that name a time without writing it stand, and the time they name (empty when
  /// unclear): see find_named_time.
  std::optional<std::size_t> named_from_;
  entry_detail::TimeList named_time_;
  std::optional<greg::date> last_date_;  ///< the last date of the paragraph read as an event
  /// One sentence of a day's programme and the time it writes (find_day_programmes).
  struct ProgrammeItem {
    Span sentence;
    TimeRange time;
  };
  /// The programmes found, by the index of their day's sentence among the dated ones.
  std::map<std::size_t, std::vector<ProgrammeItem>> programmes_;
};

}  // namespace

ProseEvents read_prose_events(const NewsletterText& text, greg::date issue_date) {
  return read_prose_events(std::span<const TextLine>(text.lines), issue_date);
}

namespace {

/// The entries that name a time on each day they give as a single day, by day.
std::map<greg::date, std::vector<std::size_t>> timed_entries_by_day(
    const std::vector<Entry>& entries) {
  std::map<greg::date, std::vector<std::size_t>> by_day;
  for (std::size_t k = 0; k < entries.size(); ++k) {
    for (const Occurrence& occurrence : entries[k].occurrences) {
      if (occurrence.start_date != occurrence.end_date || occurrence.all_day()) continue;
      auto& timed = by_day[occurrence.start_date];
      if (timed.empty() || timed.back() != k) timed.push_back(k);
    }
  }
  return by_day;
}

/// An article tells of one event several times: in its teaser, a photo's caption and its body
/// ("Die Mitgliederversammlung ist am 11. März" … "So findet die Mitgliederversammlung am
/// Sonntag, 11. März … statt (Beginn: 14:30 Uhr)"). An all-day entry whose every day another
/// entry gives with a time, and whose title names a noun of that entry's paragraph (`told[k]`
/// is the paragraph of entries[k]), is that event retold.
bool is_retold(std::size_t index, const std::vector<Entry>& entries,
               const std::vector<std::string_view>& told,
               const std::map<greg::date, std::vector<std::size_t>>& timed_by_day) {
  const Entry& entry = entries[index];
  if (!extract_detail::all_single_days(entry.occurrences, true)) return false;
  return std::all_of(
      entry.occurrences.begin(), entry.occurrences.end(), [&](const Occurrence& occurrence) {
        const auto timed = timed_by_day.find(occurrence.start_date);
        if (timed == timed_by_day.end()) return false;
        return std::any_of(timed->second.begin(), timed->second.end(), [&](std::size_t k) {
          return k != index && shares_noun(entry.title, told[k]);
        });
      });
}

void drop_retold(std::vector<Entry>& entries, const std::vector<std::string_view>& told) {
  const auto timed_by_day = timed_entries_by_day(entries);
  std::vector<bool> retold(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    retold[i] = is_retold(i, entries, told, timed_by_day);
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (retold[i]) continue;
    if (kept != i) entries[kept] = std::move(entries[i]);
    ++kept;
  }
  entries.resize(kept);
}

}  // namespace

ProseEvents read_prose_events(std::span<const TextLine> lines, greg::date issue_date) {
  ProseEvents events;
  const std::vector<Paragraph> paragraphs = paragraphs_of(lines, DateExpressionParser(issue_date));
  std::vector<std::string_view> told;
  for (const Paragraph& paragraph : paragraphs) {
    ParagraphReader(paragraph, issue_date, events).read();
    told.resize(events.entries.size(), paragraph.text);
  }
  drop_retold(events.entries, told);
  return events;
}

}  // namespace itkal

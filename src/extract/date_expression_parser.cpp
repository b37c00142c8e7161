#include "itkal/extract/date_expression_parser.hpp"

#include <algorithm>
#include <array>
#include <boost/container/small_vector.hpp>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <stdexcept>
#include <string_view>
#include <type_traits>

#include "itkal/extract/time_range_parser.hpp"
#include "itkal/text/word_list.hpp"
#include "named_day.hpp"

namespace itkal {
namespace greg = boost::gregorian;
// Every date expression is tried at many positions and most hold one to three days: small
// vectors keep those attempts off the heap.
template <typename T, std::size_t N = 4>
using SmallVector = boost::container::small_vector<T, N>;

namespace {

struct NamedNumber {
  std::string_view name;
  int number;
};

// Longest names first so that "Juni" is not read as "Jun" followed by a letter.
constexpr std::array<NamedNumber, 32> kMonthNames{{
    {"januar", 1},  {"jänner", 1},    {"jaenner", 1}, {"jan", 1},       {"jän", 1},
    {"februar", 2}, {"febr", 2},      {"feb", 2},     {"märz", 3},      {"maerz", 3},
    {"mär", 3},     {"mrz", 3},       {"april", 4},   {"apr", 4},       {"mai", 5},
    {"juni", 6},    {"jun", 6},       {"juli", 7},    {"jul", 7},       {"august", 8},
    {"aug", 8},     {"september", 9}, {"sept", 9},    {"sep", 9},       {"oktober", 10},
    {"okt", 10},    {"november", 11}, {"nov", 11},    {"dezember", 12}, {"dez", 12},
    {"marz", 3},    {"mrz.", 3},
}};

constexpr std::array<NamedNumber, 15> kWeekdayNames{{
    {"montag", 1},
    {"dienstag", 2},
    {"mittwoch", 3},
    {"donnerstag", 4},
    {"freitag", 5},
    {"samstag", 6},
    {"sonnabend", 6},
    {"sonntag", 7},
    {"mo", 1},
    {"di", 2},
    {"mi", 3},
    {"do", 4},
    {"fr", 5},
    {"sa", 6},
    {"so", 7},
}};

constexpr std::array<std::string_view, 19> kUndatedMarkers{"on demand",
                                                           "on-demand",
                                                           "tba",
                                                           "t.b.a.",
                                                           "tbd",
                                                           "n.n.",
                                                           "nn",
                                                           "jederzeit",
                                                           "laufend",
                                                           "fortlaufend",
                                                           "auf anfrage",
                                                           "termin folgt",
                                                           "termine folgen",
                                                           "noch offen",
                                                           "wird noch bekannt gegeben",
                                                           "termin wird noch bekannt gegeben",
                                                           "termin wird bekannt gegeben",
                                                           "termin noch offen",
                                                           "demnächst"};

constexpr std::array<std::string_view, 8> kSeasons{"frühjahr",   "fruehjahr",   "frühling",
                                                   "sommer",     "herbst",      "winter",
                                                   "jahresende", "jahresbeginn"};

constexpr auto name_of_named = [](const NamedNumber& named) { return named.name; };
constexpr auto name_of_word = [](std::string_view word) { return word; };
constexpr FirstBytes kMonthFirstBytes(kMonthNames, name_of_named);
constexpr FirstBytes kWeekdayFirstBytes(kWeekdayNames, name_of_named);
constexpr FirstBytes kUndatedFirstBytes(kUndatedMarkers, name_of_word);
constexpr FirstBytes kSeasonFirstBytes(kSeasons, name_of_word);

// parse_month_name and parse_weekday_name filter by the first bytes in lower case: three of a
// month name, two of a weekday.
constexpr bool starts_with_lower_bytes(const auto& table, std::size_t count) {
  return std::all_of(table.begin(), table.end(), [count](const NamedNumber& named) {
    if (named.name.size() < count) return false;
    for (std::size_t i = 0; i < count; ++i) {
      if (ascii_lower(named.name[i]) != named.name[i]) return false;
    }
    return true;
  });
}
static_assert(starts_with_lower_bytes(kMonthNames, 3));
static_assert(starts_with_lower_bytes(kWeekdayNames, 2));

/// One day as written, before months and years are filled in from its neighbours.
struct DayPart {
  int day = 0;
  int month = 0;
  int year = 0;
  int weekday = 0;  // ISO, 0 when not written
  // Weekdays of the parts after this one ("Sa. und So., 4. und 5."): at most the six other days
  // of a week. A fixed array keeps DayPart trivially copyable: parts are copied on every attempt.
  std::array<int, 6> more_weekdays{};
  std::size_t more_weekday_count = 0;
  bool may_be_time = false;  // "10.01" without a final dot: a day or 10:01?
  bool year_written = false;
  bool year_inherited = false;   // the year was taken from the next part ("28.12.-2.1.2027")
  bool month_first = false;      // "Apr. 21": an agenda view's order
  bool month_inherited = false;  // the month was taken from the next part ("23./29./01.07.")
  // "am Pfingstmontag, 29. Mai": the date must be that day. Beside the flags, so that parts,
  // copied on every attempt, grow no bigger.
  date_detail::NamedDay named_day = 0;
  std::optional<TimeOfDay> time;
  std::size_t begin = 0;
  std::size_t end = 0;
};

static_assert(std::is_trivially_copyable_v<DayPart>);

enum class Joiner { range, slash, list };

bool at_separator_or_end(TextScanner& scanner) {
  const auto saved = scanner.pos();
  scanner.skip_spaces();
  const char c = scanner.peek();
  bool result = scanner.at_end() || c == ':' || c == ',' || c == '|' || c == ';' || c == ')';
  if (!result && (scanner.accept_dash())) result = true;
  scanner.set_pos(saved);
  return result;
}

/// A year of three or of five and more digits ("14.05.20226", "04.01.202"): a typo, which no
/// reader can repair safely.
constexpr int kBrokenYear = -1;

int read_year_after_dot(TextScanner& scanner) {
  std::size_t digits = 0;
  const auto saved = scanner.pos();
  while (scanner.at_digit()) {
    scanner.set_pos(scanner.pos() + 1);
    ++digits;
  }
  if (digits == 3 || digits >= 5) return kBrokenYear;  // the digits stay read
  scanner.set_pos(saved);
  if (digits != 2 && digits != 4) return 0;
  const int year = scanner.read_number(4);
  return digits == 4 ? year : 2000 + year;
}

/// A four-digit year after a space ("20. April 2026", "20.4. 2026"), but not a time ("2026"
/// is never one) nor the start of another date.
int read_spaced_year(TextScanner& scanner) {
  const auto saved = scanner.pos();
  scanner.skip_spaces();
  if (!scanner.at_digit()) {  // no year, as read_number would find; most days have none
    scanner.set_pos(saved);
    return 0;
  }
  std::size_t digits = 0;
  const int year = scanner.read_number(4, &digits);
  const bool continues_as_number =
      (scanner.peek() == '.' || scanner.peek() == '-' || scanner.peek() == ':') &&
      scanner.peek(1) >= '0' && scanner.peek(1) <= '9';
  if (year >= 0 && digits == 4 && !continues_as_number) return year;
  scanner.set_pos(saved);
  return 0;
}

/// "20. März 20": a two-digit year after a month name, only where nothing follows it (so that
/// "20. März 20 Uhr" stays a time).
int read_short_year_at_end(TextScanner& scanner) {
  const auto saved = scanner.pos();
  scanner.skip_spaces();
  std::size_t digits = 0;
  const int year = scanner.read_number(2, &digits);
  const auto after = scanner.pos();
  scanner.skip_spaces();
  const char next = scanner.peek();
  if (year >= 0 && digits == 2 &&
      (scanner.at_end() || next == ',' || next == ';' || next == '|' || next == ')')) {
    scanner.set_pos(after);
    return 2000 + year;
  }
  scanner.set_pos(saved);
  return 0;
}

/// ISO date "2026-04-20".
bool parse_iso_date(TextScanner& scanner, DayPart& part) {
  const auto saved = scanner.pos();
  std::size_t digits = 0;
  const int year = scanner.read_number(4, &digits);
  if (year >= 0 && digits == 4 && scanner.accept('-')) {
    std::size_t month_digits = 0;
    const int month = scanner.read_number(2, &month_digits);
    if (month >= 0 && month_digits == 2 && scanner.accept('-')) {
      std::size_t day_digits = 0;
      const int day = scanner.read_number(2, &day_digits);
      if (day >= 0 && day_digits == 2) {
        part.year = year;
        part.month = month;
        part.day = day;
        return true;
      }
    }
  }
  scanner.set_pos(saved);
  return false;
}

/// "13. 11. 2018": a numeric month after a blank, only with a four-digit year after it (else
/// "13. 11" may be a list of numbers). Fills month and year; false (scanner unchanged) else.
bool read_spaced_numeric_month(TextScanner& scanner, DayPart& part) {
  const auto saved = scanner.pos();
  std::size_t digits = 0;
  const int month = scanner.read_number(2, &digits);
  if (month >= 1 && month <= 12 && scanner.accept('.')) {
    scanner.skip_spaces();
    std::size_t year_digits = 0;
    const int year = scanner.read_number(4, &year_digits);
    if (year_digits == 4 && !scanner.at_digit()) {
      part.month = month;
      part.year = year;
      return true;
    }
  }
  scanner.set_pos(saved);
  return false;
}

/// "am kommenden Freitag, 12. Juni", "diesen Samstag, am 19.9.": a word that places the
/// weekday after it relative to the issue; the date written after it decides, the weekday
/// checks it.
bool accept_relative_word(TextScanner& scanner) {
  const char first = ascii_lower(scanner.peek());
  if (first != 'k' && first != 'n' && first != 'd') return false;
  const auto saved = scanner.pos();
  if (scanner.accept_word("kommenden") || scanner.accept_word("kommender") ||
      scanner.accept_word("n\xC3\xA4"
                          "chsten") ||
      scanner.accept_word("naechsten") || scanner.accept_word("diesen") ||
      scanner.accept_word("diesem")) {
    scanner.skip_spaces();
    if (scanner.at_letter() && kWeekdayFirstBytes.may_start(scanner.peek())) return true;
  }
  scanner.set_pos(saved);
  return false;
}

/// True where a month-first day is sure to be a day, not a month and a two-digit year ("Mai
/// 21" may be May 2021): after "um" and a time, "ganztägig", or a range to another
/// month-first day ("Mai 21 – Mai 24"). Scanner unchanged.
bool confirms_month_first(TextScanner& scanner) {
  const auto saved = scanner.pos();
  scanner.skip_spaces();
  bool confirmed = false;
  if (scanner.accept_word("um")) {
    scanner.skip_spaces();
    confirmed = scanner.at_digit();
  } else if (scanner.accept_word("ganzt\xC3\xA4"
                                 "gig") ||
             scanner.accept_word("ganztags")) {
    confirmed = true;
  } else if (scanner.accept_dash() || scanner.accept_word("bis")) {
    scanner.skip_spaces();
    if (DateExpressionParser::parse_month_name(scanner) != 0) {
      scanner.skip_spaces();
      confirmed = scanner.at_digit();
    }
  }
  scanner.set_pos(saved);
  return confirmed;
}

/// "Apr. 21 Di.", "Nov. 9", "Sep. 13 um 19:00": month first, as agenda views write it. The
/// day needs a sign that it is one: a weekday after it (which then checks it), one digit before
/// a separator, what confirms_month_first finds, or (`after_month_first`) a month-first day
/// before it.
bool parse_month_first(TextScanner& scanner, DayPart& part, bool after_month_first) {
  const auto start = scanner.pos();
  const int month = DateExpressionParser::parse_month_name(scanner);
  if (month == 0 || scanner.peek() != ' ') {
    scanner.set_pos(start);
    return false;
  }
  scanner.skip_spaces();
  std::size_t digits = 0;
  const int day = scanner.read_number(2, &digits);
  const char next = scanner.peek();
  const bool number_goes_on = (next == '.' || next == ':' || next == ',' || next == '/') &&
                              scanner.peek(1) >= '0' && scanner.peek(1) <= '9';
  if (day < 1 || day > 31 || scanner.at_digit() || number_goes_on || next == '.') {
    scanner.set_pos(start);
    return false;
  }
  const auto after_day = scanner.pos();
  scanner.skip_spaces();
  if (const int weekday = DateExpressionParser::parse_weekday_name(scanner); weekday != 0) {
    scanner.accept('.');
    part.weekday = weekday;
  } else {
    scanner.set_pos(after_day);
    // "Nov. 9:": one digit before a separator cannot be a year.
    const bool short_day = digits == 1 && at_separator_or_end(scanner);
    if (!short_day && !after_month_first && !confirms_month_first(scanner)) {
      scanner.set_pos(start);
      return false;
    }
  }
  part.day = day;
  part.month = month;
  part.month_first = true;
  return true;
}

/// The comma and article between a weekday or named day and its date ("Pfingstmontag, den").
void skip_after_day_name(TextScanner& scanner) {
  scanner.skip_spaces();
  scanner.accept(',');
  scanner.skip_spaces();
  scanner.accept_word("den") || scanner.accept_word("am");
  scanner.skip_spaces();
}

/// "12.05 Uhr", "19.30h": the word after a day and month without a final dot marks a time.
bool followed_by_uhr(const TextScanner& scanner) {
  TextScanner after(scanner.text(), scanner.pos());
  after.skip_spaces();
  return after.accept_word("Uhr") || after.accept_word("uhr") || after.accept_word("h");
}

/// One day: [weekday | named day] ( ISO | D "." [M "." [YY[YY]] | Monthname [YYYY]] ), or month
/// first
/// ("Apr. 21 Di.").
/// `strict` (list items after a comma): a numeric month needs its final dot, so that
/// "20.4., 15.30-17.30" never reads the time as a date.
std::optional<DayPart> parse_day_part(TextScanner& scanner, bool strict,
                                      bool after_month_first = false) {
  const auto start = scanner.pos();
  auto fail = [&]() -> std::optional<DayPart> {
    scanner.set_pos(start);
    return std::nullopt;
  };
  // Most day parts start with a digit: words and weekdays are looked for only at a letter.
  date_detail::NamedDay named_day = 0;
  if (scanner.at_letter()) {
    if (scanner.accept_word("vom") || scanner.accept_word("am") || scanner.accept_word("den")) {
      scanner.skip_spaces();
      // Only "am Pfingstmontag, 29. Mai": at the start of a line the named day is the title
      // ("Reformationstag 31.10.2022").
      named_day = date_detail::parse_named_day(scanner);
      if (named_day != 0) skip_after_day_name(scanner);
    }
    // "kommenden", "nächsten", "diesen": tested by their first byte before any call.
    const char first = ascii_lower(scanner.peek());
    if (first == 'k' || first == 'n' || first == 'd') accept_relative_word(scanner);
  }
  DayPart part;
  part.begin = start;
  part.named_day = named_day;
  scanner.skip_spaces();
  // The test parse_weekday_name starts with, here too: most day parts start with a digit, and
  // the call it saves costs about 80 instructions per entry (callgrind).
  if (const int weekday = scanner.at_letter() && kWeekdayFirstBytes.may_start(scanner.peek())
                              ? DateExpressionParser::parse_weekday_name(scanner)
                              : 0;
      weekday != 0) {
    part.weekday = weekday;
    scanner.accept('.');
    // "Samstag und Sonntag, 4. und 5. April", "Donnerstag/Freitag, 10./11. März": the weekdays
    // of the days that follow, in order.
    for (;;) {
      const auto before_more = scanner.pos();
      scanner.skip_spaces();
      if (!(scanner.accept_word("und") || scanner.accept('/') || scanner.accept('&'))) break;
      scanner.skip_spaces();
      const int more = DateExpressionParser::parse_weekday_name(scanner);
      if (more == 0 || part.more_weekday_count == part.more_weekdays.size()) {
        scanner.set_pos(before_more);
        break;
      }
      scanner.accept('.');
      part.more_weekdays[part.more_weekday_count++] = more;
    }
    skip_after_day_name(scanner);
  }
  // Month first ("Apr. 21 Di.") starts a line or a span's end, never a list item after a comma.
  if (!strict && scanner.at_letter() && kMonthFirstBytes.may_start(scanner.peek())) {
    const int weekday_before = part.weekday;
    if (!parse_month_first(scanner, part, after_month_first)) return fail();
    if (weekday_before != 0 && part.weekday != weekday_before) return fail();
    part.end = scanner.pos();
    return part;
  }
  // Both an ISO date and a day start with a digit: most attempts after a day end here.
  if (!scanner.at_digit()) return fail();
  // "2026-04-20": four digits and a dash, which most days have not.
  if (scanner.peek(4) == '-' && parse_iso_date(scanner, part)) {
    part.year_written = true;
    part.end = scanner.pos();
    return part;
  }
  part.day = scanner.read_number(2);
  if (part.day < 1 || part.day > 31) return fail();
  const bool dotted = scanner.accept('.');
  const auto after_day = scanner.pos();
  scanner.skip_spaces();
  if (dotted && scanner.pos() == after_day && scanner.at_digit()) {
    std::size_t digits = 0;
    part.month = scanner.read_number(2, &digits);
    if (part.month < 1 || part.month > 12) return fail();
    if (scanner.accept('.')) {
      part.year = read_year_after_dot(scanner);
      if (part.year == 0) part.year = read_spaced_year(scanner);
    } else {
      part.may_be_time = digits == 2;
      // "29.4" without a final dot. After a comma "15.30" is a time, so there only a
      // one-digit month ("14.3+15.3") is read as a date.
      if ((strict && digits != 1) || scanner.at_digit()) return fail();
      if (part.may_be_time && followed_by_uhr(scanner)) return fail();  // "8.30-12.05 Uhr"
    }
  } else if (dotted && scanner.at_digit() && read_spaced_numeric_month(scanner, part)) {
    // "13. 11. 2018": month and year after blanks.
  } else if (int month = DateExpressionParser::parse_month_name(scanner); month != 0) {
    part.month = month;
    part.year = read_spaced_year(scanner);
    if (part.year == 0) part.year = read_short_year_at_end(scanner);
  } else {
    if (!dotted) return fail();
    scanner.set_pos(after_day);
  }
  part.year_written = part.year != 0;
  part.end = scanner.pos();
  return part;
}

/// The byte after blanks, scanner unchanged ('\0' at the end). What may follow a day begins
/// with few bytes; testing this one first skips most attempts, which would fail.
char byte_after_spaces(TextScanner& scanner) {
  const auto saved = scanner.pos();
  scanner.skip_spaces();
  const char next = scanner.peek();
  scanner.set_pos(saved);
  return next;
}

/// False where accept_range_joiner fails: after blanks it needs a dash or "bis".
bool may_start_range_joiner(char next) {
  return next == '-' || next == '\xE2' || ascii_lower(next) == 'b';
}

/// False where accept_list_joiner fails: ",", ";", "&", "+", "und", "u.", "sowie".
bool may_start_list_joiner(char next) {
  const char lower = ascii_lower(next);
  return next == ',' || next == ';' || next == '&' || next == '+' || lower == 'u' || lower == 's';
}

/// False where parse_attached_time fails: a time, or ",", ".", "ab", "um" before it.
bool may_start_attached_time(char next) {
  const char lower = ascii_lower(next);
  return next == ',' || next == '.' || (next >= '0' && next <= '9') || lower == 'a' || lower == 'u';
}

bool accept_range_joiner(TextScanner& scanner) {
  const auto saved = scanner.pos();
  scanner.skip_spaces();
  if (scanner.accept_dash() || scanner.accept_word("bis")) {
    scanner.skip_spaces();
    scanner.accept_word("zum") || scanner.accept_word("einschließlich") ||
        scanner.accept_word("einschl.");
    scanner.skip_spaces();
    return true;
  }
  scanner.set_pos(saved);
  return false;
}

/// "| Mo., 13.10.2025 | bis | Fr., 24.10.2025 |": a cell holding only "bis" (or a dash)
/// between two date cells says outright that they are the first and last day.
void accept_joiner_cell(TextScanner& scanner) {
  const auto saved = scanner.pos();
  if (accept_range_joiner(scanner) && scanner.accept('|')) {
    scanner.skip_spaces();
    return;
  }
  scanner.set_pos(saved);
}

bool accept_list_joiner(TextScanner& scanner) {
  const auto saved = scanner.pos();
  scanner.skip_spaces();
  if (scanner.accept(',') || scanner.accept(';') || scanner.accept_word("und") ||
      scanner.accept_word("u.") || scanner.accept('&') || scanner.accept('+') ||
      scanner.accept_word("sowie")) {
    scanner.skip_spaces();
    scanner.accept_word("und");
    scanner.skip_spaces();
    return true;
  }
  scanner.set_pos(saved);
  return false;
}

/// A single marked time point after a day of a span ("20.4., 10 Uhr – 22.4., 16 Uhr").
std::optional<TimeOfDay> parse_attached_time(TextScanner& scanner) {
  const auto saved = scanner.pos();
  scanner.skip_spaces();
  scanner.accept(',') || scanner.accept('.');
  scanner.skip_spaces();
  scanner.accept_word("ab") || scanner.accept_word("um");
  scanner.skip_spaces();
  if (!scanner.at_digit()) {  // what parse_point would find: most text after a day is no time
    scanner.set_pos(saved);
    return std::nullopt;
  }
  if (auto point = TimeRangeParser::parse_point(scanner); point && point->marked) {
    TimeOfDay time{point->hour, point->minute};
    if (time.ok()) return time;
  }
  scanner.set_pos(saved);
  return std::nullopt;
}

struct DayList {
  SmallVector<DayPart> parts;
  SmallVector<Joiner> joiners;  // joiners[i] joins parts[i] and parts[i + 1]
  std::string item_notes;       // "14. Juli: Ausflug": what a list wrote about one of its days
};

/// "Ausflug", "Adventsfeier", "PITS": a word or two that name what is special about one day of
/// a list. Not a weekday ("Di."), which the day's own reading must confirm, nor "online",
/// which the entry's reading turns into its online flag.
bool is_item_note(std::string_view note) {
  constexpr std::size_t kMinNoteBytes = 4;
  constexpr std::size_t kMaxNoteBytes = 40;
  if (note.size() < kMinNoteBytes || note.size() > kMaxNoteBytes || note.ends_with('.') ||
      note.find_first_of("0123456789()|:;,") != std::string_view::npos) {
    return false;
  }
  const bool has_letters = std::count_if(note.begin(), note.end(), [](char c) {
                             return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
                           }) >= 3;
  constexpr std::string_view kOnline = "online";  // also "Online-Seminar"
  const bool online =
      note.size() >= kOnline.size() &&
      std::equal(kOnline.begin(), kOnline.end(), note.begin(),
                 [](char expected, char written) { return expected == ascii_lower(written); });
  return has_letters && !online;
}

/// "14. Juli (Ausflug), 4. August": a short note in parentheses after a list item, followed by
/// the list's next day with its month. The note goes into `list.item_notes`, so that the list
/// (and the time stated for all of it) goes on. False (scanner unchanged) when there is none.
bool skip_item_note(TextScanner& scanner, DayList& list) {
  const auto saved = scanner.pos();
  scanner.skip_spaces();
  if (!scanner.accept('(')) return false;
  const std::string_view rest = scanner.rest();
  const std::size_t close = rest.find(')');
  const std::string_view note = rest.substr(0, close);
  if (close != std::string_view::npos && is_item_note(note)) {
    scanner.set_pos(scanner.pos() + close + 1);
    if (may_start_list_joiner(byte_after_spaces(scanner)) && accept_list_joiner(scanner)) {
      if (auto part = parse_day_part(scanner, true); part && part->month != 0) {
        if (!list.item_notes.empty()) list.item_notes += "; ";
        list.item_notes += std::string(scanner.text().substr(
            list.parts.back().begin, list.parts.back().end - list.parts.back().begin));
        list.item_notes += ": ";
        list.item_notes += note;
        list.parts.push_back(*part);
        list.joiners.push_back(Joiner::list);
        return true;
      }
    }
  }
  scanner.set_pos(saved);
  return false;
}

/// After a day's own time, another day with a month behind a range or list joiner ("Mo.,
/// 20.4., 10 Uhr – Mi., 22.4., 16 Uhr"), added to `list` with both times. False (scanner
/// somewhere after the time) when there is none.
bool add_day_after_time(TextScanner& scanner, DayList& list, TimeOfDay time) {
  const auto after_time = scanner.pos();
  const char next = byte_after_spaces(scanner);
  for (const Joiner joiner : {Joiner::range, Joiner::list}) {
    scanner.set_pos(after_time);
    const bool joined = joiner == Joiner::range
                            ? may_start_range_joiner(next) && accept_range_joiner(scanner)
                            : may_start_list_joiner(next) && accept_list_joiner(scanner);
    if (!joined) continue;
    if (auto part = parse_day_part(scanner, joiner == Joiner::list); part && part->month != 0) {
      list.parts.back().time = time;
      part->time = parse_attached_time(scanner);
      list.parts.push_back(*part);
      list.joiners.push_back(joiner);
      return true;
    }
  }
  return false;
}

DayList parse_day_list(TextScanner& scanner) {
  DayList list;
  auto first = parse_day_part(scanner, false);
  if (!first) return list;
  list.parts.push_back(*first);
  for (;;) {
    const auto saved = scanner.pos();
    const char next = byte_after_spaces(scanner);
    // Days that carry their own time: "Mo., 20.4., 10 Uhr – Mi., 22.4., 16 Uhr" (a span),
    // "04.06.2019 . 18 Uhr & 05.06.2019 . 18 Uhr" (a list).
    if (may_start_attached_time(next)) {
      if (auto time = parse_attached_time(scanner);
          time && add_day_after_time(scanner, list, *time)) {
        continue;
      }
      scanner.set_pos(saved);
    }
    // "13.10.2025 24.10.2025" or "| 06.10.2025 | 17.10.2025 |": two full dates side by side
    // are the first and last day, as holiday tables write them. Without a cell border both
    // days must carry their year ("13.10.2025 24.10.2025"): without either nothing is tried.
    const bool cell = next == '|';
    const bool full = list.parts.back().year != 0;
    if (list.parts.back().month != 0 && (cell || full)) {
      scanner.skip_spaces();
      scanner.accept('|');
      scanner.skip_spaces();
      if (cell) accept_joiner_cell(scanner);
      if (auto part = parse_day_part(scanner, true);
          part && part->month != 0 && (cell || part->year != 0)) {
        list.parts.push_back(*part);
        list.joiners.push_back(Joiner::range);
        continue;
      }
      scanner.set_pos(saved);
    }
    if (may_start_range_joiner(next) && accept_range_joiner(scanner)) {
      if (auto part = parse_day_part(scanner, false, list.parts.back().month_first)) {
        list.parts.push_back(*part);
        list.joiners.push_back(Joiner::range);
        continue;
      }
      scanner.set_pos(saved);
    }
    if (next == '/') {
      scanner.skip_spaces();
      scanner.accept('/');
      scanner.skip_spaces();
      if (auto part = parse_day_part(scanner, false)) {
        list.parts.push_back(*part);
        list.joiners.push_back(Joiner::slash);
        continue;
      }
      scanner.set_pos(saved);
    }
    if (may_start_list_joiner(next) && accept_list_joiner(scanner)) {
      if (auto part = parse_day_part(scanner, true)) {
        list.parts.push_back(*part);
        list.joiners.push_back(Joiner::list);
        continue;
      }
      scanner.set_pos(saved);
    }
    if (next == '(' && list.parts.back().month != 0 && skip_item_note(scanner, list)) continue;
    return list;
  }
}

/// "Sonntag, 3. Dezember 2023, 1. Advent", "20.4., 2. Workshop": numbers without a month after
/// a whole day are no more days of the list but the start of the title (an ordinal). The list
/// ends at its last day with a month, and the scanner after it.
void drop_numbers_after_list(TextScanner& scanner, DayList& list) {
  std::size_t last = list.parts.size();
  while (last > 0 && list.parts[last - 1].month == 0) --last;
  if (last == 0 || last == list.parts.size()) return;
  // Only list items ("6., 13. und 20.5." ends with its month): a monthless day after a range or
  // slash joiner waits for a month that is not there, as before.
  for (std::size_t i = last - 1; i + 1 < list.parts.size(); ++i) {
    if (list.joiners[i] != Joiner::list) return;
  }
  list.parts.resize(last);
  list.joiners.resize(last - 1);
  scanner.set_pos(list.parts.back().end);
}

std::string part_text(const TextScanner& scanner, const DayPart& part) {
  return std::string(scanner.text().substr(part.begin, part.end - part.begin));
}

DateParse invalid_date(std::string message) {
  DateParse result;
  result.kind = DateParse::Kind::invalid;
  result.message = std::move(message);
  return result;
}

DateParse undated(std::string note) {
  DateParse result;
  result.kind = DateParse::Kind::undated;
  result.note = std::move(note);
  return result;
}

/// Reads "KW 23", "KW23", "KW 23/2026", "KW 23 2026", "23. KW".
bool parse_iso_week(TextScanner& scanner, int& week, int& year) {
  const auto saved = scanner.pos();
  year = 0;
  // Both forms start with "KW" (any case) or with the week's digits.
  if (ascii_lower(scanner.peek()) != 'k' && !scanner.at_digit()) return false;
  if (scanner.accept_word("KW") || scanner.accept("KW") || scanner.accept_word("Kalenderwoche")) {
    scanner.accept('.');
    scanner.skip_spaces();
    week = scanner.read_number(2);
    if (week > 0) {
      const auto after_week = scanner.pos();
      if (scanner.accept('/') || scanner.accept(' ')) {
        std::size_t digits = 0;
        year = scanner.read_number(4, &digits);
        if (digits != 4) {
          year = 0;
          scanner.set_pos(after_week);
        }
      }
      return true;
    }
  } else {
    week = scanner.read_number(2);
    if (week > 0 && scanner.accept('.')) {
      scanner.skip_spaces();
      if (ascii_lower(scanner.peek()) == 'k' && scanner.accept_word("KW")) {
        year = read_spaced_year(scanner);
        return true;
      }
    }
  }
  scanner.set_pos(saved);
  return false;
}

}  // namespace

namespace {

// The validity rules of Boost's calendar in plain integers: resolve and infer_year ask them
// several times per day, and Boost's range-checked year, month and day types cost far more.
constexpr bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

constexpr int days_in_month(int year, int month) {
  if (month == 2) return is_leap_year(year) ? 29 : 28;
  return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}

/// True for a day Boost can hold (years 1400 to 9999) and that exists.
constexpr bool is_valid_day(int year, int month, int day) {
  return year >= 1400 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

greg::date date_of(int year, int month, int day) {
  return greg::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                    static_cast<unsigned short>(day));
}

}  // namespace

std::optional<greg::date> make_date(int year, int month, int day) {
  if (!is_valid_day(year, month, day)) return std::nullopt;
  return date_of(year, month, day);
}

int DateExpressionParser::month_named_in(std::string_view words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0 && words[i - 1] != ' ') continue;
    TextScanner scanner(words, i);
    if (const int month = parse_month_name(scanner); month != 0) return month;
  }
  return 0;
}

int DateExpressionParser::parse_month_name(TextScanner& scanner) {
  if (!scanner.at_letter() || !kMonthFirstBytes.may_start(scanner.peek())) return 0;
  const char first = ascii_lower(scanner.peek());
  const char second = ascii_lower(scanner.peek(1));
  const char third = ascii_lower(scanner.peek(2));
  for (const auto& [name, number] : kMonthNames) {
    // accept_word compares these bytes first; most words here are not month names.
    if (name[0] != first || name[1] != second || name[2] != third) continue;
    const auto saved = scanner.pos();
    if (scanner.accept_word(name)) {
      scanner.accept('.');
      return number;
    }
    scanner.set_pos(saved);
  }
  return 0;
}

int DateExpressionParser::parse_weekday_name(TextScanner& scanner) {
  if (!scanner.at_letter() || !kWeekdayFirstBytes.may_start(scanner.peek())) return 0;
  const char first = ascii_lower(scanner.peek());
  const char second = ascii_lower(scanner.peek(1));
  for (const auto& [name, number] : kWeekdayNames) {
    if (name[0] != first || name[1] != second) continue;  // as in parse_month_name
    if (scanner.accept_word(name)) return number;
  }
  return 0;
}

DateExpressionParser::DateExpressionParser(greg::date issue_date) {
  // Callers validate the issue date (1900-2199); a special value would place every date wrong.
  if (issue_date.is_special()) throw std::invalid_argument("DateExpressionParser: no issue date");
  issue_date_ = issue_date;
  set_cutoff(issue_date - greg::days(60));
}

void DateExpressionParser::set_cutoff(greg::date cutoff) {
  cutoff_ = cutoff;
  const auto ymd = cutoff_.year_month_day();
  cutoff_year_ = ymd.year;
  cutoff_month_ = ymd.month;
  cutoff_day_ = ymd.day;
}

DateExpressionParser DateExpressionParser::with_years_from(greg::date first_day) const {
  DateExpressionParser framed = *this;
  framed.set_cutoff(first_day);
  return framed;
}

int DateExpressionParser::infer_year(int month, int day) const {
  const int year = cutoff_year_;
  // 29.2. exists only in leap years: look ahead until a year has it and is late enough.
  for (int candidate = year; candidate <= year + 8; ++candidate) {
    const bool late_enough =
        candidate > year || month > cutoff_month_ || (month == cutoff_month_ && day >= cutoff_day_);
    if (late_enough && is_valid_day(candidate, month, day)) return candidate;
  }
  return year + 1;
}

namespace {

constexpr std::array<std::string_view, 7> kWeekdayDisplay{
    "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"};

std::string to_german(const greg::date& date) {
  return std::to_string(date.day().as_number()) + "." + std::to_string(date.month().as_number()) +
         "." + std::to_string(static_cast<int>(date.year()));
}

/// A month, season or quarter without a day: the entry is real but has no date.
DateParse parse_undated_period(TextScanner& scanner, std::size_t start) {
  scanner.set_pos(start);
  scanner.accept_word("im") || scanner.accept_word("Anfang") || scanner.accept_word("Mitte") ||
      scanner.accept_word("Ende");
  scanner.skip_spaces();
  // What parse_month_name, the seasons and "Q1"-"Q4" below would find: most words are none.
  const char first = scanner.peek();
  if (!kMonthFirstBytes.may_start(first) && !kSeasonFirstBytes.may_start(first) &&
      ascii_lower(first) != 'q') {
    scanner.set_pos(start);
    return {};
  }
  bool found = DateExpressionParser::parse_month_name(scanner) != 0;
  if (!found) {
    for (auto season : kSeasons) {
      if (season[0] != ascii_lower(scanner.peek())) continue;
      if (scanner.accept_word(season)) {
        found = true;
        break;
      }
    }
  }
  if (!found && (scanner.accept_word("Q1") || scanner.accept_word("Q2") ||
                 scanner.accept_word("Q3") || scanner.accept_word("Q4"))) {
    found = true;
  }
  if (found) {
    read_spaced_year(scanner);
    if (at_separator_or_end(scanner)) {
      const std::string written(scanner.text().substr(start, scanner.pos() - start));
      return undated("no day given: " + written);
    }
  }
  scanner.set_pos(start);
  return {};
}

/// Calendar order of two valid days, compared as numbers.
bool is_before(const DayPart& a, const DayPart& b) {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}

using Dates = SmallVector<greg::date, 8>;

/// Fills months and years in from neighbours and the issue date and checks every day; the
/// days go to `dates`. Returns why a day is impossible, if one is.
std::optional<std::string> place_days(const TextScanner& scanner, DayList& list,
                                      const DateExpressionParser& parser, Dates& dates) {
  auto& parts = list.parts;
  const std::size_t n = parts.size();
  for (std::size_t i = n - 1; i-- > 0;) {
    if (parts[i].month == 0) {
      parts[i].month = parts[i + 1].month;
      parts[i].month_inherited = true;
      if (parts[i].year == 0) parts[i].year = parts[i + 1].year;
      parts[i].year_inherited = parts[i].year != 0;
    } else if (parts[i].year == 0 && parts[i + 1].year != 0) {
      parts[i].year = parts[i + 1].year;
      parts[i].year_inherited = true;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < parts[i].more_weekday_count && i + k + 1 < n; ++k) {
      if (parts[i + k + 1].weekday == 0) parts[i + k + 1].weekday = parts[i].more_weekdays[k];
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    auto& part = parts[i];
    if (part.year == 0) {
      if (i == 0) {
        part.year = parser.infer_year(part.month, part.day);
      } else {
        part.year = parts[i - 1].year;
        if (is_valid_day(part.year, part.month, part.day) && is_before(part, parts[i - 1])) {
          ++part.year;
        }
      }
    }
    bool valid = is_valid_day(part.year, part.month, part.day);
    if (valid && part.year_inherited && i + 1 < n && part.month > parts[i + 1].month) {
      // "28.12.-2.1.2027": the first day lies in the year before the written one.
      const DayPart& next = parts[i + 1];
      if (is_valid_day(next.year, next.month, next.day) && is_before(next, part)) {
        --part.year;
        valid = is_valid_day(part.year, part.month, part.day);
      }
    }
    if (!valid) return "impossible date '" + part_text(scanner, part) + "'";
    const greg::date date = date_of(part.year, part.month, part.day);
    if (part.weekday != 0) {
      const int actual = (date.day_of_week().as_number() + 6) % 7 + 1;
      if (actual != part.weekday) {
        return "weekday '" + part_text(scanner, part) + "' does not match " + to_german(date) +
               ", a " + std::string(kWeekdayDisplay[static_cast<std::size_t>(actual - 1)]);
      }
    }
    if (part.named_day != 0) {
      if (const greg::date named = date_detail::named_day_date(part.named_day, part.year);
          named != date) {
        return "'" + part_text(scanner, part) +
               "': " + std::string(date_detail::named_day_display(part.named_day)) + " " +
               std::to_string(part.year) + " is " + to_german(named);
      }
    }
    dates.push_back(date);
  }
  return {};
}

/// Groups the placed days into occurrences as their joiners say. Returns why a span cannot
/// be, if one cannot.
std::optional<std::string> group_days(const TextScanner& scanner, const DayList& list,
                                      const Dates& dates, std::vector<Occurrence>& occurrences) {
  const auto& parts = list.parts;
  auto open = [&](std::size_t i) {
    occurrences.push_back({dates[i], dates[i], parts[i].time, std::nullopt, false});
  };
  open(0);
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    Occurrence& current = occurrences.back();
    switch (list.joiners[i]) {
      case Joiner::range:
        if (dates[i + 1] == current.start_date && parts[i].time && parts[i + 1].time &&
            *parts[i].time < *parts[i + 1].time) {
          // "24.05.2026 06:00 bis 24.05.2026 23:59": one day with a start and an end.
          current.end_time = parts[i + 1].time;
          break;
        }
        if (dates[i + 1] <= current.start_date) {
          return "span '" + part_text(scanner, parts[i]) + " … " +
                 part_text(scanner, parts[i + 1]) + "' ends before it starts";
        }
        // "18.11 - 10.01": both without their final dot, the second may be 10:01. After a
        // written "01.02." the end "05.02" can only be a day.
        if (parts[i + 1].may_be_time && !parts[i + 1].year_written && parts[i].may_be_time) {
          return "'" + part_text(scanner, parts[i]) + " - " + part_text(scanner, parts[i + 1]) +
                 "' may be a date and a time; write the final dot of a date";
        }
        if (!parts[i].year_written && !parts[i + 1].year_written &&
            (dates[i + 1] - current.start_date).days() > 183) {
          return "span '" + part_text(scanner, parts[i]) + " … " +
                 part_text(scanner, parts[i + 1]) +
                 "' of more than half a year without a year written";
        }
        if ((dates[i + 1] - current.start_date).days() > 366) {
          return "span of more than a year: '" + part_text(scanner, parts[i]) + " … " +
                 part_text(scanner, parts[i + 1]) + "'";
        }
        current.end_date = dates[i + 1];
        current.end_time = parts[i + 1].time;
        break;
      case Joiner::slash:
      case Joiner::list:
        // "23./29./01.07.2021": days that share a month and run backwards have a typo no reader
        // can repair.
        if (parts[i].month_inherited && dates[i + 1] < dates[i]) {
          return "days '" + part_text(scanner, parts[i]) + "' and '" +
                 part_text(scanner, parts[i + 1]) + "' are not in order";
        }
        if (list.joiners[i] == Joiner::list) {
          open(i + 1);
          break;
        }
        // "23./24.4." names two consecutive days: one span, as readers understand it.
        if (dates[i + 1] == current.end_date + greg::days(1) && !parts[i].time) {
          current.end_date = dates[i + 1];
        } else {
          open(i + 1);
        }
        break;
    }
  }
  return {};
}

/// The days of `list` as occurrences, or why they cannot be (then the scanner goes back to
/// `start`). One result object on every path: it is returned without a move.
DateParse resolve(TextScanner& scanner, std::size_t start, DayList& list,
                  const DateExpressionParser& parser) {
  DateParse result;
  Dates dates;
  auto problem = place_days(scanner, list, parser, dates);
  if (!problem) problem = group_days(scanner, list, dates, result.occurrences);
  if (!problem) {
    result.kind = DateParse::Kind::dated;
    if (!list.item_notes.empty()) result.note = std::move(list.item_notes);
  } else {
    result.kind = DateParse::Kind::invalid;
    result.occurrences.clear();
    result.message = std::move(*problem);
    scanner.set_pos(start);
  }
  return result;
}

/// "Montag, 12.10.2026, oder alternativ Mittwoch, 21.10.2026", "12.10., alternativ 21.10.":
/// the same event offered on two days, one occurrence each. Nothing (scanner unchanged) when no
/// such joiner and date follow the day list; a plain "oder" is not one (a warning elsewhere).
std::optional<DateParse> parse_offered_twice(TextScanner& scanner, std::size_t start, DayList& list,
                                             const DateExpressionParser& parser) {
  const auto after = scanner.pos();
  scanner.skip_spaces();
  const bool comma = scanner.accept(',');
  scanner.skip_spaces();
  const char next = ascii_lower(scanner.peek());
  bool offered = false;
  if (next == 'o' && scanner.accept_word("oder")) {
    scanner.skip_spaces();
    offered = scanner.accept_word("alternativ");
  } else if (next == 'a' && comma) {
    offered = scanner.accept_word("alternativ");
  }
  if (!offered) {
    scanner.set_pos(after);
    return std::nullopt;
  }
  scanner.skip_spaces();
  DateParse second = parser.parse(scanner);
  if (second.kind == DateParse::Kind::invalid) {
    scanner.set_pos(start);
    return second;
  }
  if (second.kind != DateParse::Kind::dated) {
    scanner.set_pos(after);
    return std::nullopt;
  }
  DateParse first = resolve(scanner, start, list, parser);
  if (first.kind != DateParse::Kind::dated) return first;
  for (const auto& occurrence : second.occurrences) first.occurrences.push_back(occurrence);
  return first;
}

/// "Freitagen" of "an den beiden Freitagen": the ISO weekday of a plural weekday name, 0
/// (scanner unchanged) when there is none.
int parse_plural_weekday(TextScanner& scanner) {
  const auto saved = scanner.pos();
  const int weekday = DateExpressionParser::parse_weekday_name(scanner);
  // parse_weekday_name reads whole words only: "Freitagen" is no "Freitag". Read the stem.
  if (weekday != 0) {
    scanner.set_pos(saved);
    return 0;
  }
  for (std::size_t i = 0; i < 8; ++i) {  // the full names
    const std::string_view name = kWeekdayNames[i].name;
    const std::string_view rest = scanner.rest();
    if (rest.size() < name.size() + 2) continue;
    bool same = true;
    for (std::size_t k = 0; k < name.size() && same; ++k) same = ascii_lower(rest[k]) == name[k];
    if (!same) continue;
    scanner.set_pos(saved + name.size());
    if (scanner.accept_word("en")) return kWeekdayNames[i].number;
    scanner.set_pos(saved);
  }
  return 0;
}

/// "an den beiden Freitagen", "an den Dienstagen": the weekday every following day must have;
/// 0 (scanner unchanged) when the words are not there.
int parse_every_weekday(TextScanner& scanner) {
  const auto saved = scanner.pos();
  if (!scanner.accept_word("an")) return 0;
  scanner.skip_spaces();
  if (scanner.accept_word("den")) {
    scanner.skip_spaces();
    scanner.accept_word("beiden") || scanner.accept_word("zwei") || scanner.accept_word("drei") ||
        scanner.accept_word("vier") || scanner.accept_word("folgenden");
    scanner.skip_spaces();
    if (const int weekday = parse_plural_weekday(scanner); weekday != 0) {
      scanner.skip_spaces();
      scanner.accept(',') || scanner.accept(':');
      scanner.skip_spaces();
      if (scanner.at_digit()) return weekday;
    }
  }
  scanner.set_pos(saved);
  return 0;
}

/// "jeden zweiten Donnerstag im Monat", "an jedem ersten Dienstag im Monat", "jeden Montag": a
/// recurrence without a first day, an undated entry with a note. Scanner after it, or unchanged
/// (nullopt).
std::optional<DateParse> parse_recurrence(TextScanner& scanner) {
  const auto start = scanner.pos();
  if (scanner.accept_word("an")) scanner.skip_spaces();
  if (!(scanner.accept_word("jeden") || scanner.accept_word("jedem") ||
        scanner.accept_word("jede"))) {
    scanner.set_pos(start);
    return std::nullopt;
  }
  scanner.skip_spaces();
  static constexpr std::array<std::string_view, 10> kOrdinals{
      "ersten", "zweiten", "dritten", "vierten", "letzten", "1.", "2.", "3.", "4.", "zweite"};
  for (const std::string_view ordinal : kOrdinals) {
    if (ordinal.back() == '.' ? scanner.accept(ordinal) : scanner.accept_word(ordinal)) break;
  }
  scanner.skip_spaces();
  if (DateExpressionParser::parse_weekday_name(scanner) == 0) {
    scanner.set_pos(start);
    return std::nullopt;
  }
  const auto after_weekday = scanner.pos();
  scanner.skip_spaces();
  if (scanner.accept_word("im")) {
    scanner.skip_spaces();
    if (!scanner.accept_word("Monat")) scanner.set_pos(after_weekday);
  } else {
    scanner.set_pos(after_weekday);
  }
  const std::string written(scanner.text().substr(start, scanner.pos() - start));
  return undated("recurring, no single date: " + written);
}

/// "????": a date still to come.
bool accept_question_marks(TextScanner& scanner) {
  const auto saved = scanner.pos();
  std::size_t count = 0;
  while (scanner.accept('?')) ++count;
  // No word is made of question marks: "????   Schulkonferenz" in a plan is a date to come.
  if (count >= 3 && (at_separator_or_end(scanner) || scanner.peek() == ' ')) return true;
  scanner.set_pos(saved);
  return false;
}

/// "heute, Mittwoch": the issue date itself, when the weekday is its weekday; else a warning.
/// Nothing (scanner unchanged) without "heute" and a weekday.
std::optional<DateParse> parse_today(TextScanner& scanner, const greg::date& issue) {
  const auto start = scanner.pos();
  if (!scanner.accept_word("heute")) return std::nullopt;
  scanner.skip_spaces();
  scanner.accept(',');
  scanner.skip_spaces();
  const int weekday = DateExpressionParser::parse_weekday_name(scanner);
  if (weekday == 0) {
    scanner.set_pos(start);
    return std::nullopt;
  }
  scanner.accept('.');
  const int actual = (issue.day_of_week().as_number() + 6) % 7 + 1;
  if (actual != weekday) {
    scanner.set_pos(start);
    return invalid_date("'heute, " +
                        std::string(kWeekdayDisplay[static_cast<std::size_t>(weekday - 1)]) +
                        "' does not match the issue date " + to_german(issue) + ", a " +
                        std::string(kWeekdayDisplay[static_cast<std::size_t>(actual - 1)]));
  }
  DateParse result;
  result.kind = DateParse::Kind::dated;
  result.occurrences.push_back({issue, issue, {}, {}, false});
  return result;
}

}  // namespace

DateParse DateExpressionParser::parse(TextScanner& scanner) const {
  const auto start = scanner.pos();
  const char first = ascii_lower(scanner.peek());
  // The forms of prose ("heute, Mittwoch", "????", "jeden zweiten Donnerstag", "an den beiden
  // Freitagen") start with a letter or '?': most positions start with a digit.
  int every_weekday = 0;
  if (first > '9' || first == '?') {
    if (first == 'h') {
      if (auto today = parse_today(scanner, issue_date_)) return std::move(*today);
    }
    if (first == '?' && accept_question_marks(scanner)) return undated("????");
    if (first == 'j' || first == 'a') {
      if (auto recurrence = parse_recurrence(scanner)) return std::move(*recurrence);
    }
    // "an den beiden Freitagen 6. und 13. November": every day that follows is on that weekday.
    if (first == 'a') every_weekday = parse_every_weekday(scanner);
  }
  // "ab Montag 12. – 16. Oktober": "ab" before one span; never before a single day ("ab
  // 12.10." names no end, it stays no date here).
  if (first == 'a' && scanner.accept_word("ab")) {
    scanner.skip_spaces();
    DateParse span = scanner.at_end() ? DateParse{} : parse(scanner);
    if (span.kind == DateParse::Kind::dated && span.occurrences.size() == 1 &&
        span.occurrences.front().start_date != span.occurrences.front().end_date) {
      return span;
    }
    scanner.set_pos(start);
  }
  // Most positions start with a digit, which no undated marker does.
  for (auto marker : kUndatedMarkers) {
    if (!kUndatedFirstBytes.may_start(first)) break;
    if (marker[0] != first) continue;
    if (scanner.accept_word(marker)) {
      if (at_separator_or_end(scanner)) return undated(std::string(marker));
      scanner.set_pos(start);
    }
  }

  if (int week = 0, year = 0; parse_iso_week(scanner, week, year)) {
    if (week > 53) return invalid_date("impossible calendar week " + std::to_string(week));
    // ISO 8601: week 1 holds 4 January; pick the year whose week lies after the cutoff.
    auto monday_of = [week](int y) {
      const greg::date jan4(static_cast<unsigned short>(y), 1, 4);
      const int iso_weekday = (jan4.day_of_week().as_number() + 6) % 7;  // Monday = 0
      return jan4 - greg::days(iso_weekday) + greg::weeks(week - 1);
    };
    int chosen = year;
    if (chosen == 0) {
      chosen = cutoff_year_;
      if (monday_of(chosen) + greg::days(6) < cutoff_) ++chosen;
    }
    // Boost holds the years 1400 to 9999 only (it throws outside), and the first week of 1400
    // starts and the last of 9999 ends beyond them: a warning, like any impossible date.
    if (chosen <= 1400 || chosen >= 9999) {
      return invalid_date("impossible year in calendar week '" + std::to_string(week) + "/" +
                          std::to_string(chosen) + "'");
    }
    const greg::date monday = monday_of(chosen);
    if (week == 53 && greg::date(static_cast<unsigned short>(chosen), 12, 28).week_number() != 53) {
      return invalid_date("year " + std::to_string(chosen) + " has no calendar week 53");
    }
    DateParse result;
    result.kind = DateParse::Kind::dated;
    result.occurrences.push_back({monday, monday + greg::days(6), {}, {}, false});
    return result;
  }

  DayList list = parse_day_list(scanner);
  if (every_weekday != 0) {
    if (list.parts.empty() || list.parts.back().month == 0) {
      scanner.set_pos(start);
      return {};
    }
    for (auto& part : list.parts) {
      if (part.weekday == 0) part.weekday = every_weekday;
    }
  }
  if (list.parts.empty()) {
    return parse_undated_period(scanner, start);
  }
  drop_numbers_after_list(scanner, list);
  if (list.parts.back().month == 0) {
    scanner.set_pos(start);  // "2. Workshop": a number, not a date
    return parse_undated_period(scanner, start);
  }
  if (auto offered = parse_offered_twice(scanner, start, list, *this)) return std::move(*offered);
  {
    // "09. Juli oder 16. Juli", "18.06. bzw. 25.06.": two candidate days, no certain one.
    const auto after = scanner.pos();
    scanner.skip_spaces();
    if (scanner.accept(',')) scanner.skip_spaces();
    const char next = ascii_lower(scanner.peek());
    const bool may_be_alternative = next == 'o' || next == 'b' || next == 'a' || next == 'e';
    if (may_be_alternative &&
        (scanner.accept_word("oder") || scanner.accept_word("bzw.") || scanner.accept_word("bzw") ||
         scanner.accept_word("beziehungsweise") || scanner.accept_word("alternativ") ||
         scanner.accept_word("ersatzweise") || scanner.accept_word("evtl."))) {
      scanner.skip_spaces();
      if (parse_day_part(scanner, false)) {
        scanner.set_pos(start);
        return invalid_date("alternative dates ('" +
                            std::string(scanner.text().substr(start, after - start)) +
                            " oder …'): which one is meant is unclear");
      }
    }
    scanner.set_pos(after);
  }
  return resolve(scanner, start, list, *this);
}

}  // namespace itkal

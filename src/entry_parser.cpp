#include "itkal/entry_parser.hpp"

#include <algorithm>
#include <array>
#include <boost/container/small_vector.hpp>
#include <cstdint>
#include <optional>

#include "itkal/text_folding.hpp"
#include "itkal/text_scanner.hpp"
#include "itkal/time_range_parser.hpp"
#include "itkal/word_list.hpp"

namespace itkal {
namespace greg = boost::gregorian;

namespace {

constexpr std::size_t npos = std::string::npos;

/// The times of an entry: almost always one or two, kept off the heap.
using TimeList = boost::container::small_vector<TimeRange, 2>;

constexpr WordList<12> kOnlineMarkers{std::array<std::string_view, 12>{
    "videoformat", "telefonkonferenz", "onlinemeeting", "online", "digital", "virtuell", "webinar",
    "onlineveranstaltung", "onlineseminar", "videokonferenz", "livestream", "webkonferenz"}};

constexpr WordList<14> kCancelledPhrases{std::array<std::string_view, 14>{
    "abgesagt", "entfaellt", "faelltaus", "ausgefallen", "storniert", "findetnichtstatt",
    "cancelled", "canceled", "terminabgesagt", "veranstaltungabgesagt", "wirdabgesagt",
    "mussabgesagtwerden", "istabgesagt", "entfallen"}};

constexpr std::array<std::string_view, 26> kDetailKeywords{
    "termin",        "genauer",      "uhrzeit",   "auskunft",   "kontakt",     "tel",
    "verschoben",    "neu",          "geaendert", "ausgebucht", "ausverkauft", "anmeldung",
    "nachholtermin", "ersatztermin", "hybrid",    "praesenz",   "kostenlos",   "kostenfrei",
    "eintritt",      "findet",       "ort",       "treffpunkt", "beginn",      "einlass",
    "nur",           "wegen"};

constexpr std::array<std::string_view, 24> kPlaceWords{
    "strasse",   "str",          "platz",       "haus",       "halle", "saal",
    "rathaus",   "kirche",       "schule",      "zentrum",    "raum",  "gebaeude",
    "campus",    "hotel",        "museum",      "bibliothek", "forum", "aula",
    "turnhalle", "gemeindehaus", "buergerhaus", "stadthalle", "messe", "park"};

bool is_online_folded(std::string_view folded) { return kOnlineMarkers.contains(folded); }

bool is_cancelled_folded(std::string_view folded) { return kCancelledPhrases.contains(folded); }

/// Texts that start with no online marker's first letter are rejected without folding.
bool may_be_online_marker(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '(')) ++i;
  return i < text.size() && kOnlineMarkers.may_start(text[i]);
}

bool is_online_marker(std::string_view text) {
  return may_be_online_marker(text) && is_online_folded(FoldedText(text).view());
}

bool is_cancelled_phrase(std::string_view text) {
  return kCancelledPhrases.may_start_folding_of(text) &&
         is_cancelled_folded(FoldedText(text).view());
}

bool starts_with_detail_keyword(std::string_view text) {
  const FoldedText folded_text(text.substr(0, std::min<std::size_t>(text.size(), 24)));
  const std::string_view folded = folded_text.view();
  for (auto keyword : kDetailKeywords) {
    if (folded.starts_with(keyword)) return true;
  }
  return false;
}

bool contains_digit(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Five digits in a row; with `alone`, exactly five (a German postcode, not part of a longer
/// number). One pass over the text.
bool has_five_digits(std::string_view text, bool alone) {
  std::size_t run = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (++run == 5 && !alone) return true;
      continue;
    }
    if (run == 5) return true;
    run = 0;
  }
  return false;
}

/// `word` somewhere in `folded`. The folded names and places searched here are short: a plain
/// loop costs less than string_view::find, which calls memchr for every candidate.
bool contains(std::string_view folded, std::string_view word) {
  if (word.empty() || word.size() > folded.size()) return word.empty();
  for (std::size_t i = 0; i + word.size() <= folded.size(); ++i) {
    if (folded[i] != word[0]) continue;
    std::size_t k = 1;
    while (k < word.size() && folded[i + k] == word[k]) ++k;
    if (k == word.size()) return true;
  }
  return false;
}

/// A street or a postcode: certainly a place, never a title.
bool looks_like_address(std::string_view text) {
  if (has_five_digits(text, false)) return true;
  const FoldedText folded_text(text);
  const std::string_view folded = folded_text.view();
  return contains(folded, "strasse") || contains(folded, "platz");
}

/// The letters a-z of a folded text as a bit set.
constexpr std::uint32_t letters_of(std::string_view folded) {
  std::uint32_t letters = 0;
  for (const char c : folded) {
    if (c >= 'a' && c <= 'z') letters |= 1u << (c - 'a');
  }
  return letters;
}

constexpr auto kPlaceWordLetters = [] {
  std::array<std::uint32_t, kPlaceWords.size()> letters{};
  for (std::size_t i = 0; i < kPlaceWords.size(); ++i) letters[i] = letters_of(kPlaceWords[i]);
  return letters;
}();

bool looks_like_place(std::string_view text) {
  const FoldedText folded_text(text);
  const std::string_view folded = folded_text.view();
  // A word can only occur where all its letters do: most of the 24 searches end at this test.
  const std::uint32_t letters = letters_of(folded);
  for (std::size_t i = 0; i < kPlaceWords.size(); ++i) {
    if ((kPlaceWordLetters[i] & ~letters) == 0 && contains(folded, kPlaceWords[i])) return true;
  }
  return has_five_digits(text, true);  // a German postcode
}

/// The first word names a building ("Bürgerhaus Mitte", "Rathaus, Ratssaal") or the text is an
/// address; "Ausschuss für Schule und Kultur" is a title that merely mentions one.
bool starts_like_place(std::string_view text) {
  // The first word alone is the cheaper test, and it answers most cells that name a place.
  const std::size_t space = find_first_byte_of(text, " ,");
  return looks_like_place(text.substr(0, space)) || looks_like_address(text);
}

/// The text without blanks at its ends and without trailing commas and semicolons.
std::string_view trim_view(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() &&
         (text.back() == ',' || text.back() == ';' || text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

std::string trim_copy(std::string_view text) {
  std::string collapsed = collapse_spaces(text);
  while (!collapsed.empty() &&
         (collapsed.back() == ',' || collapsed.back() == ';' || collapsed.back() == ' ')) {
    collapsed.pop_back();
  }
  return collapsed;
}

/// What trim_copy leaves of `text`, up to blank runs inside, which it would fold: empty exactly
/// when trim_copy's result is, and with the same commas. For tests that need no copy.
std::string_view trim_like_copy(std::string_view text) {
  const auto blank_at_front = [&] {
    return text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
           text.front() == '\r' || text.starts_with("\xC2\xA0");
  };
  while (!text.empty() && blank_at_front()) text.remove_prefix(text.front() == '\xC2' ? 2 : 1);
  for (;;) {
    if (text.ends_with("\xC2\xA0")) {
      text.remove_suffix(2);
    } else if (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                                 text.back() == '\r' || text.back() == ',' || text.back() == ';')) {
      text.remove_suffix(1);
    } else {
      return text;
    }
  }
}

/// Position of a " – " / " - " dash that separates phrases (not a hyphen in a word), or npos.
std::size_t find_spaced_dash(std::string_view text, std::size_t from = 0) {
  // Every dash is '-' or starts with 0xE2: most segments have neither.
  if (find_first_byte_of(text, "-\xE2", from) == npos) return npos;
  for (std::size_t i = from; i + 2 < text.size(); ++i) {
    if (text[i] != ' ') continue;
    TextScanner scanner(text, i + 1);
    if (scanner.accept_dash() && (scanner.at_end() || scanner.peek() == ' ')) return i;
  }
  return npos;
}

/// The bytes split_segments looks at.
constexpr char kSegmentBytes[] = "()\",;";

/// The trimmed segments of a text: a title and a few trailing fields, kept off the heap.
using SegmentList = boost::container::small_vector<std::string_view, 6>;

/// Splits at top-level commas and semicolons (not inside parentheses or quotes). The segments
/// are views into `text`, or into `storage` when the text's blanks had to be collapsed first:
/// either way every segment is collapsed, so that trimming is all that any piece of it needs.
SegmentList split_segments(std::string_view text, std::string& storage) {
  if (!has_single_spaces_only(trim_view(text))) {
    // Collapsing first and splitting then gives the segments that collapsing each one would:
    // no byte that splits is a blank.
    storage = collapse_spaces(text);
    text = storage;
  }
  SegmentList segments;
  int depth = 0;
  bool quoted = false;
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    i = std::min(find_first_byte_of(text, kSegmentBytes, i), text.size());
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
      const std::string_view segment = trim_view(text.substr(begin, i - begin));
      if (!segment.empty()) segments.push_back(segment);
      begin = i + 1;
    }
  }
  return segments;
}

template <typename Strings>
std::string join_segments(const Strings& segments, std::size_t count = npos) {
  std::string joined;
  for (std::size_t i = 0; i < segments.size() && i < count; ++i) {
    if (i) joined += ", ";
    joined += segments[i];
  }
  return joined;
}

/// What the part between the date and the title said.
struct Head {
  std::size_t end = 0;
  TimeList times;  ///< one, or several on the same day ("14.00 und 16.00 Uhr")
  std::optional<std::string> place;
  bool online = false;
  std::vector<int> weekdays;  ///< weekdays written after the date ("10. Mai, Dienstag")
  std::string invalid;        ///< set when a time is impossible
};

bool at_phrase_dash(const TextScanner& scanner) {
  const std::size_t pos = scanner.pos();
  if (pos == 0 || scanner.text()[pos - 1] != ' ') return false;
  TextScanner probe(scanner.text(), pos);
  return probe.accept_dash() && (probe.at_end() || probe.peek() == ' ');
}

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
    if (!(scanner.accept_word("und") || scanner.accept(',') || scanner.accept('&') ||
          scanner.accept('+'))) {
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

/// ISO weekday (1-7) when the whole segment names one ("Dienstag", "(Di.)"), else 0.
int weekday_segment(std::string_view segment) {
  // Weekdays start with M, D, F or S (or a parenthesis): reject the rest at once.
  while (!segment.empty() && segment.front() == ' ') segment.remove_prefix(1);
  while (!segment.empty() && segment.back() == ' ') segment.remove_suffix(1);
  if (segment.empty() || segment.size() > 16) return 0;
  const char first = ascii_lower(segment.front());
  if (first != 'm' && first != 'd' && first != 'f' && first != 's' && first != '(') return 0;
  if (segment.size() >= 2 && segment.front() == '(' && segment.back() == ')') {
    segment = segment.substr(1, segment.size() - 2);
  }
  TextScanner scanner(segment);
  scanner.skip_spaces();
  const int weekday = DateExpressionParser::parse_weekday_name(scanner);
  scanner.accept('.');
  scanner.skip_spaces();
  return weekday != 0 && scanner.at_end() ? weekday : 0;
}

/// Reads times, "online", weekdays and the place that stand between the date and the title.
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

/// Fields gathered from the segments after the title.
struct Trailing {
  std::vector<std::string> organizers;
  std::vector<std::string> details;
  std::optional<std::string> location;
  std::optional<std::string> url;
  bool cancelled = false;
  bool online = false;
};

void add_unique(std::vector<std::string>& list, std::string_view value) {
  if (std::find(list.begin(), list.end(), value) != list.end()) return;
  if (list.empty()) list.reserve(4);  // organizers come in ones to fours
  list.emplace_back(value);
}

/// Takes a " – abgesagt" suffix off; true when there was one.
bool strip_status_suffix(std::string_view& segment) {
  for (std::size_t dash = find_spaced_dash(segment); dash != npos;
       dash = find_spaced_dash(segment, dash + 1)) {
    TextScanner scanner(segment, dash + 1);
    scanner.accept_dash();
    if (is_cancelled_phrase(scanner.rest())) {
      segment = trim_view(segment.substr(0, dash));
      return true;
    }
  }
  return false;
}

/// Takes trailing "(…)" notes off; `always` takes any, otherwise only detail-like ones
/// ("(verschoben vom 25.6.)"), so that "Public-IT-Security (PITS)" keeps its parenthesis.
void strip_parentheticals(std::string_view& segment, bool always, Trailing& trailing) {
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
    segment = trim_view(segment.substr(0, open));
  }
}

enum class SegmentKind { organizer, detail, status, location, url, online, unknown };

struct SegmentClass {
  SegmentKind kind = SegmentKind::unknown;
  const std::string* organizer = nullptr;  ///< the canonical name when kind is organizer
};

SegmentClass classify(std::string_view segment, const OrganizerDirectory& directory) {
  using namespace std::string_view_literals;
  const char first = segment.empty() ? '\0' : segment.front();
  if ((first == 'h' || first == 'w') &&
      (segment.starts_with("http://"sv) || segment.starts_with("https://"sv) ||
       segment.starts_with("www."sv))) {
    return {SegmentKind::url};
  }
  if ((first == 'O' || first == 'i') &&
      (segment.starts_with("Ort:"sv) || segment.starts_with("Ort "sv) ||
       segment.starts_with("in "sv))) {
    return {SegmentKind::location};
  }
  const FoldedText folded_text(segment);
  const std::string_view folded = folded_text.view();
  if (is_cancelled_folded(folded)) return {SegmentKind::status};
  if (is_online_folded(folded)) return {SegmentKind::online};
  const OrganizerDirectory::FoldedMatch match = directory.match_folded(folded);
  if (match.detail) return {SegmentKind::detail};
  if (match.organizer) return {SegmentKind::organizer, match.organizer};
  // "Auskunft Kurt Köpfer", "Anmeldung bis 1.3.": notes for the reader.
  for (std::string_view keyword :
       {"auskunft"sv, "anmeldung"sv, "kontakt"sv, "info"sv, "tel"sv, "eintritt"sv}) {
    if (std::string_view(folded).starts_with(keyword)) return {SegmentKind::detail};
  }
  return {SegmentKind::unknown};
}

/// Applies one trailing segment; false (and `trailing` untouched) when it is unknown and
/// `unknown_is_organizer` is off.
bool apply_segment(std::string_view segment, bool unknown_is_organizer, bool parenthesis_always,
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
  const SegmentClass segment_class = classify(segment, directory);
  switch (segment_class.kind) {
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
      trailing.details.emplace_back(segment);
      break;
    case SegmentKind::organizer:
      add_unique(trailing.organizers, *segment_class.organizer);
      break;
    case SegmentKind::unknown:
      if (!unknown_is_organizer) return false;
      if (segment.size() > 80) {
        trailing.details.emplace_back(segment);
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
  const std::size_t end = find_first_byte_of(title, "-: ");
  if (end == npos || end == 0) return nullptr;
  const std::string_view prefix = std::string_view(title).substr(0, end);
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
  const std::size_t end = find_first_byte_of(title, ":!-");
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

/// A whole segment in quotation marks: "…", „…“, »…«.
bool is_quoted(std::string_view text) {
  const bool opens = text.starts_with("\"") || text.starts_with("\xE2\x80\x9E") ||
                     text.starts_with("\xC2\xBB") || text.starts_with("\xE2\x80\x9C");
  const bool closes = text.ends_with("\"") || text.ends_with("\xE2\x80\x9C") ||
                      text.ends_with("\xC2\xAB") || text.ends_with("\xE2\x80\x9D");
  return text.size() > 2 && opens && closes;
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

void apply_time(std::vector<Occurrence>& occurrences, const TimeRange& time);

/// Several times on one day make one occurrence each ("14.00 und 16.00 Uhr").
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

/// How far into a line a title-first date is looked for.
constexpr std::size_t kMaxLeadBytes = 240;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// A word a date can begin with: a weekday, "am", "vom", "den", "KW".
bool may_start_date_word(std::string_view text) {
  TextScanner scanner(text);
  if (DateExpressionParser::parse_weekday_name(scanner) != 0) return true;
  return scanner.accept_word("am") || scanner.accept_word("vom") || scanner.accept_word("den") ||
         scanner.accept_word("KW");
}

/// A date expression found after the start of a line: where it begins and ends, and what it said.
struct LaterDate {
  std::size_t first = 0;
  std::size_t second = 0;
  DateParse parse;
};

/// The first date expression after `from` that starts at a word ("Zwischenzeugnis 17.02.2023",
/// "Herbst 2026 | Mittwoch, 17. September 2025").
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
    if (parse.kind == DateParse::Kind::dated || parse.kind == DateParse::Kind::invalid) {
      return LaterDate{i, scanner.pos(), std::move(parse)};
    }
  }
  return std::nullopt;
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

/// True when another date stands after `from` (prose that names an old and a new date).
bool has_second_date(std::string_view plain, std::size_t from, const DateExpressionParser& dates) {
  if (from >= plain.size()) return false;
  auto later = find_later_date(plain, from, dates);
  return later.has_value();
}

bool is_label_word(std::string_view word) {
  static constexpr WordList<18> kLabels{std::array<std::string_view, 18>{
      "am", "vom", "ab", "bis", "den", "datum", "termin", "wann", "beginn", "zeit", "start", "dem",
      "zum", "einschliesslich", "von", "seit", "jeweils", "um"}};
  return kLabels.may_start_folding_of(word) && kLabels.contains(FoldedText(word).view());
}

/// The text before a title-first date, without table cells that only name a weekday, a year or
/// a season, and without trailing labels ("am", "Datum:", "Wann?") and separators.
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

/// Finds the times written inside the text ("… um 8.30 Uhr im Saal", "Wanderheim, 19:00 Uhr"),
/// blanks them out (offsets stay valid) and returns them. Only times that cannot be anything else
/// count: with "Uhr"/"h", or "HH:MM", or after "um", "ab", "von", "bis".
/// Times found in running text, and whether one of them was offered as an alternative.
struct InlineTimes {
  TimeList times;
  bool alternative = false;  ///< "15 oder 16 Uhr": which time is meant is unclear
};

/// A time in running text: where it stands and whether it is inside parentheses.
struct TimeMatch {
  std::size_t begin;
  std::size_t end;
  TimeRange range;
  bool in_parentheses;
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
  if (!(scanner.accept('&') || scanner.accept_word("und") || scanner.accept(',')))
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

/// Finds the times written inside the text ("… um 8.30 Uhr im Saal", "Wanderheim, 19:00 Uhr"),
/// blanks them out (offsets stay valid) and returns them. Only times that cannot be anything
/// else count: with "Uhr"/"h", or "HH:MM", or after "um", "ab", "von", "bis". Times outside
/// parentheses win over those inside ("ab 12 Uhr (Unterricht bis 10.30 Uhr)").
/// The bytes blank_inline_times stops at: parentheses and the bytes a time may start with.
const auto kTimeScanStops = [] {
  std::array<bool, 256> stops{};
  for (int byte = 0; byte < 256; ++byte) {
    const char c = static_cast<char>(byte);
    stops[static_cast<std::size_t>(byte)] = c == '(' || c == ')' || TimeRangeParser::may_start(c);
  }
  return stops;
}();

InlineTimes blank_inline_times(MarkedText& text, std::size_t from, std::size_t to) {
  InlineTimes result;
  std::string& plain = text.plain;
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
    if (auto unmarked = unmarked_range_before_marked(plain, i, to)) {
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
    std::size_t begin = i;
    // "jeweils von 14-15 Uhr": the word that introduces the time goes with it.
    for (std::string_view word : {"jeweils ", "Jeweils "}) {
      if (begin >= word.size() &&
          std::string_view(plain).substr(begin - word.size(), word.size()) == word) {
        begin -= word.size();
      }
    }
    matches.push_back({begin, scanner.pos(), time.range, depth > 0});
    i = scanner.pos() - 1;
  }
  const bool any_outside = std::any_of(
      matches.begin(), matches.end(), [](const TimeMatch& match) { return !match.in_parentheses; });
  for (const TimeMatch& match : matches) {
    if (any_outside && match.in_parentheses) continue;
    std::fill(plain.begin() + static_cast<std::ptrdiff_t>(match.begin),
              plain.begin() + static_cast<std::ptrdiff_t>(match.end), ' ');
    if (std::find(result.times.begin(), result.times.end(), match.range) == result.times.end()) {
      result.times.push_back(match.range);
    }
  }
  return result;
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

/// "Frühest möglicher Termin", "steht noch nicht fest": the date is a bound, not the event's.
bool names_uncertain_date(std::string_view lead) {
  const FoldedText folded_text(lead);
  const std::string_view folded = folded_text.view();
  for (std::string_view phrase : {"fruehest", "spaetestens", "nochnichtfest", "nichtvor"}) {
    if (folded.find(phrase) != npos) return true;
  }
  return false;
}

/// A segment that holds nothing but a time ("12 Uhr"): the head has read it already.
bool is_time_only(std::string_view segment) {
  TextScanner scanner(segment);
  if (TimeRangeParser::parse(scanner).kind != TimeParse::Kind::time) return false;
  scanner.skip_spaces();
  return scanner.at_end();
}

/// After a title-first date: separated segments give the place, organizers and details; text
/// that follows the date directly is the title ("Kreisausschuss 05.12.2022 Nichtöffentliche
/// Sitzung des Kreisausschusses").
Tail read_after_lead(const MarkedText& text, std::size_t date_end, std::size_t from,
                     const OrganizerDirectory& directory) {
  Tail tail;
  const std::string& plain = text.plain;
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

/// "Märchen-Lesung im Literaturmuseum": a place named at the end of a plain title moves to the
/// location. Only phrases that name a building or address count, so "KI im öffentlichen
/// Sektor" keeps its words.
std::optional<std::string> take_trailing_place(std::string& title) {
  static constexpr std::array<std::string_view, 8> kIntroducers{
      " im ", " in der ", " in den ", " in dem ", " auf dem ", " am ", " in ", " beim "};
  static constexpr std::array<std::string_view, 6> kPhraseEnds{" zum ", " zur ",  " mit ",
                                                               " für ", " über ", " statt"};
  static constexpr std::array<std::string_view, 26> kMoreBuildings{
      "arena",   "amt",      "stadion", "kino",      "theater",      "oper",       "kapelle",
      "dom",     "muenster", "garten",  "keller",    "scheune",      "burg",       "schloss",
      "galerie", "buehne",   "kita",    "gymnasium", "universitaet", "hochschule", "foyer",
      "anlage",  "gasthaus", "gasthof", "allee",     "weg"};
  std::size_t best = npos;
  std::size_t best_length = 0;
  for (auto introducer : kIntroducers) {
    const std::size_t at = title.rfind(introducer);
    if (at != npos && (best == npos || at > best)) {
      best = at;
      best_length = introducer.size();
    }
  }
  if (best == npos) return std::nullopt;
  std::string phrase = title.substr(best + best_length);
  std::string rest;
  for (auto end : kPhraseEnds) {
    if (const std::size_t at = phrase.find(end); at != npos) {
      rest = phrase.substr(at);
      phrase = phrase.substr(0, at);
    }
  }
  while (!phrase.empty() && (phrase.back() == '.' || phrase.back() == ' ')) phrase.pop_back();
  if (phrase.empty() || phrase.size() > 60) return std::nullopt;
  const char first = phrase.front();
  const bool capital = (first >= 'A' && first <= 'Z') || is_digit(first) ||
                       phrase.starts_with("\xC3\x84") || phrase.starts_with("\xC3\x96") ||
                       phrase.starts_with("\xC3\x9C");
  if (!capital) return std::nullopt;
  if (phrase.find('/') != npos || is_digit(phrase.front())) return std::nullopt;
  const FoldedText folded_text(phrase);
  const std::string_view folded = folded_text.view();
  const bool street = contains(folded, "str") || contains(folded, "weg") ||
                      contains(folded, "platz") || contains(folded, "allee") ||
                      contains(folded, "gasse") || contains(folded, "ring");
  const bool building =
      (looks_like_place(phrase) && !is_digit(phrase.back())) ||
      std::any_of(kMoreBuildings.begin(), kMoreBuildings.end(),
                  [&](std::string_view word) { return contains(folded, word); }) ||
      (is_digit(phrase.back()) && street);
  if (!building) return std::nullopt;
  title = trim_copy(title.substr(0, best) + rest);
  return phrase;
}

/// The first word ends in a building ("Rathaus", "Stadthalle", "Messe Stuttgart") or the text
/// is an address: stricter than looks_like_place, which also finds "str" in "Parteistratege".
bool names_building(std::string_view text) {
  if (looks_like_address(text)) return true;
  const FoldedText folded_first(text.substr(0, find_first_byte_of(text, " ,")));
  const std::string_view first = folded_first.view();
  for (std::string_view ending :
       {"haus",   "halle",      "saal",    "kirche",  "zentrum", "platz",  "park",
        "museum", "bibliothek", "schule",  "arena",   "amt",     "hof",    "garten",
        "forum",  "aula",       "stadion", "theater", "messe",   "kapelle"}) {
    if (first.ends_with(ending)) return true;
  }
  return false;
}

/// "Stadtratssitzung - Rathaus": the last part after a spaced dash names a building or address.
std::optional<std::string> take_dashed_place(std::string& title) {
  std::size_t last = npos;
  for (std::size_t at = find_spaced_dash(title); at != npos; at = find_spaced_dash(title, at + 1)) {
    last = at;
  }
  if (last == npos) return std::nullopt;
  TextScanner scanner(title, last + 1);
  scanner.accept_dash();
  const std::string place = trim_copy(scanner.rest());
  if (place.empty() || place.size() > 60 || !names_building(place)) return std::nullopt;
  title = trim_copy(std::string_view(title).substr(0, last));
  return place;
}

/// "Andrea Berg abgesagt", "… am 18. März, entfällt.": a status at the end of a plain title.
bool strip_trailing_status(std::string& title, Trailing& trailing) {
  static constexpr std::array<std::string_view, 12> kEndings{
      " ist abgesagt", " wird abgesagt",       " abgesagt",   " entfällt",
      " entfaellt",    " fällt ebenfalls aus", " fällt aus",  " faellt aus",
      " ausgefallen",  " findet nicht statt",  " verschoben", " storniert"};
  std::string_view trimmed = title;
  while (!trimmed.empty() && (trimmed.back() == '.' || trimmed.back() == '!' ||
                              trimmed.back() == ' ' || trimmed.back() == ',')) {
    trimmed.remove_suffix(1);
  }
  // Every ending ends in t, n or s: most titles are let go after one look.
  static_assert(std::all_of(kEndings.begin(), kEndings.end(), [](std::string_view ending) {
    return ending.back() == 't' || ending.back() == 'n' || ending.back() == 's';
  }));
  const char last = trimmed.empty() ? '\0' : ascii_lower(trimmed.back());
  if (last != 't' && last != 'n' && last != 's') return false;
  for (auto ending : kEndings) {
    if (trimmed.size() >= ending.size() &&
        equals_ignoring_ascii_case(trimmed.substr(trimmed.size() - ending.size()), ending)) {
      if (ending == " verschoben") trailing.details.push_back("verschoben");
      title = trim_copy(trimmed.substr(0, trimmed.size() - ending.size()));
      return true;
    }
  }
  return false;
}

/// Leftovers of a plain title once dates and times are taken out: leading separators
/// (". GRENZLAND-WANDERUNG"), trailing connectors ("… 1. Termin und"), footnote stars
/// ("Elternsprechtag*"), and parentheses around the whole title ("(Tag nach Fronleichnam)").
void tidy_plain_title(std::string& title) {
  for (bool changed = true; changed && !title.empty();) {
    changed = false;
    while (!title.empty() &&
           (title.front() == '.' || title.front() == ':' || title.front() == ',' ||
            title.front() == '-' || title.front() == ' ' || title.front() == '|')) {
      title.erase(0, 1);
      changed = true;
    }
    while (!title.empty() && (title.back() == '*' || title.back() == ',' || title.back() == ' ' ||
                              title.back() == ':' || title.back() == '|')) {
      title.pop_back();
      changed = true;
    }
    for (std::string_view connector : {" und", " sowie", " jeweils", " um", " ab", " von"}) {
      // The last byte first: most titles end in none of the connectors' last letters.
      if (!title.empty() && title.back() == connector.back() && title.ends_with(connector)) {
        title.resize(title.size() - connector.size());
        changed = true;
      }
    }
  }
  if (title.find('(') != npos) {  // one memchr for most titles instead of two searches
    for (std::size_t at = title.find("( )"); at != npos; at = title.find("( )")) title.erase(at, 3);
    for (std::size_t at = title.find("()"); at != npos; at = title.find("()")) title.erase(at, 2);
  }
  collapse_spaces_in_place(title);
  if (title.size() > 2 && title.front() == '(' && title.back() == ')' &&
      title.find(')') == title.size() - 1) {
    title = title.substr(1, title.size() - 2);
  }
}

/// "Tanz in den Mai." reads as a sentence; a calendar title has no final period. Abbreviations
/// ("e.V.", "Str.") keep theirs.
void strip_sentence_period(std::string& title) {
  if (title.size() < 3 || title.back() != '.') return;
  const char before = title[title.size() - 2];
  const bool abbreviation = title.size() >= 4 && title[title.size() - 3] == '.';
  if (!abbreviation &&
      ((before >= 'a' && before <= 'z') || static_cast<unsigned char>(before) >= 0x80 ||
       before == ')' || before == '"')) {
    title.pop_back();
  }
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

bool EntryParser::starts_entry(std::string_view marked_line) const {
  const MarkedText text = MarkedText::from_markup(marked_line.substr(0, 256));
  TextScanner scanner(text.plain, skip_decoration(text.plain));
  return dates_.parse(scanner).kind != DateParse::Kind::none;
}

bool lacks_title(const EntryParse& parse) {
  return parse.kind == EntryParse::Kind::entry && parse.entry.dated && parse.entry.title.empty() &&
         !parse.entry.location;
}

bool EntryParser::holds_entry(std::string_view marked_line) const {
  if (starts_entry(marked_line)) return true;
  const MarkedText text = MarkedText::from_markup(marked_line.substr(0, kMaxLeadBytes + 64));
  const std::size_t start = skip_decoration(text.plain);
  const auto later = find_later_date(text.plain, start, dates_);
  if (!later) return false;
  // "KDO (verschoben vom 25.6.)", "seit 1.5.": a date that belongs to a note, not an entry.
  const std::string_view before = std::string_view(text.plain).substr(start, later->first - start);
  if (before.find('(') != npos && before.find(')') == npos) return false;
  const FoldedText folded_text(before.substr(before.size() > 16 ? before.size() - 16 : 0));
  const std::string_view folded = folded_text.view();
  for (std::string_view word : {"verschoben", "seit", "bis", "ab", "vom", "verlegt"}) {
    if (folded.ends_with(word)) return false;
  }
  TextScanner scanner(text.plain, later->first);
  return dates_.parse(scanner).kind == DateParse::Kind::dated;
}

EntryParse EntryParser::parse(std::string_view marked, std::size_t line) const {
  if (marked.size() > kMaxEntryBytes) {
    return warning(
        line, std::string(marked.substr(0, 200)) + "…",
        "entry of " + std::to_string(marked.size()) + " bytes is too long to be one entry");
  }
  // One text per thread, reused: its buffer outlives the call, so that a line is not copied
  // onto the heap once more than the entry keeps. parse never runs inside itself.
  thread_local MarkedText text;
  text.assign_markup(marked);
  std::string original = collapse_spaces(text.plain);
  const std::size_t start = skip_decoration(text.plain);
  TextScanner scanner(text.plain, start);
  DateParse date = dates_.parse(scanner);
  std::string lead;  // a title written before the date ("Zwischenzeugnis 17.02.2023")
  const bool label_cell =
      date.kind == DateParse::Kind::undated && collapse_spaces(scanner.rest()).starts_with("|");
  auto later = date.kind == DateParse::Kind::none || label_cell
                   ? find_later_date(text.plain, start, dates_)
                   : std::nullopt;
  if (date.kind == DateParse::Kind::none && !later) return {};
  if (date.kind == DateParse::Kind::none && starts_with_broken_date(text.plain, start)) {
    // "23.122024. - 31.12.2024": reading the later date would drop the first one.
    return warning(line, original, "unreadable date at the start");
  }
  InlineTimes lead_times;  // "… finden jeweils dienstags, 17 Uhr, statt: 30. Januar, …"
  if (later) {
    lead_times = blank_inline_times(text, start, later->first);
    if (lead_times.alternative) return warning(line, original, "alternative times ('oder')");
    lead = clean_lead(std::string_view(text.plain).substr(start, later->first - start));
    if (names_uncertain_date(lead)) {
      return warning(line, original, "the date is not fixed yet ('" + lead + "')");
    }

    // The date was read by find_later_date; blanking the times before it changed nothing after.
    scanner.set_pos(later->second);
    date = std::move(later->parse);
    const bool in_table = text.plain.find('|') != npos;
    if (!lead.empty() && !in_table && has_second_date(text.plain, later->second, dates_)) {
      return warning(line, original,
                     "several dates in one sentence; which one is the event's is unclear");
    }
  }
  if (date.kind == DateParse::Kind::invalid) return warning(line, original, date.message);
  if (date.kind == DateParse::Kind::dated && continues_with_broken_span(scanner)) {
    // "19.10. - 30.102020": the end of the span cannot be read.
    return warning(line, original, "unreadable end of a span");
  }
  if (date.kind == DateParse::Kind::undated && collapse_spaces(scanner.rest()).empty()) {
    return {};  // "Mai 2026" alone: a sub-heading of the calendar, not an entry
  }

  EntryParse result;
  result.kind = EntryParse::Kind::entry;
  Entry& entry = result.entry;
  entry.line = line;
  entry.text = std::move(original);
  const std::string& written = entry.text;  // the line, for warnings
  entry.dated = date.kind == DateParse::Kind::dated;
  entry.occurrences = std::move(date.occurrences);
  if (!date.note.empty()) entry.notes.push_back(date.note);

  const std::string& plain = text.plain;
  Tail tail;
  Head head;
  const bool has_cell_border = plain.find('|', scanner.pos()) != npos;
  CellList cells = has_cell_border ? split_cells(plain, scanner.pos()) : CellList();
  const bool table = has_cell_border && !cells.empty();
  if (table) {
    // The date's own cell may go on with a time; later cells are times, "online" or content.
    Cell first = cells.front();
    const bool date_cell_continues = plain.find('|', scanner.pos()) > first.begin;
    CellList content;
    if (date_cell_continues) {
      head = parse_head(plain, scanner.pos(), first.end, false, false);
      if (!head.invalid.empty()) return warning(line, written, head.invalid);
      if (head.end < first.end) content.push_back({head.end, first.end});
      cells.erase(cells.begin());
    }
    for (const Cell& cell : cells) {
      TextScanner cell_scanner(std::string_view(plain).substr(0, cell.end), cell.begin);
      TimeParse time = TimeRangeParser::parse(cell_scanner);
      cell_scanner.skip_spaces();
      if (time.kind == TimeParse::Kind::invalid) return warning(line, written, time.message);
      const std::string_view cell_view =
          std::string_view(plain).substr(cell.begin, cell.end - cell.begin);
      if (time.kind == TimeParse::Kind::time && cell_scanner.at_end()) {
        if (head.times.empty()) head.times.push_back(time.range);
      } else if (is_online_marker(cell_view)) {
        head.online = true;
      } else if (int weekday = weekday_segment(cell_view); weekday != 0) {
        head.weekdays.push_back(weekday);
      } else if (auto more = whole_cell_date(cell_view, dates_)) {
        // "| MOW | 20. – 24.09.2015 | 18. – 22.09.2016 |": each date cell is an occurrence.
        if (more->kind == DateParse::Kind::invalid) return warning(line, written, more->message);
        for (auto& occurrence : more->occurrences) entry.occurrences.push_back(occurrence);
      } else {
        content.push_back(cell);
      }
    }
    if (head.times.empty() && !content.empty()) {
      const InlineTimes inline_times =
          blank_inline_times(text, content.front().begin, content.back().end);
      if (inline_times.alternative) return warning(line, written, "alternative times ('oder')");
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
      tail.title = lead;
      for (const std::string& value : texts) {
        if (!apply_segment(value, false, true, directory_, tail.trailing)) {
          if (!tail.trailing.location) {
            tail.trailing.location = value;
          } else {
            tail.trailing.details.push_back(value);
          }
        }
      }
    } else if (content.size() == 1) {
      tail = read_tail(text, content[0].begin, content[0].end, directory_);
    } else if (content.size() >= 2) {
      std::size_t title_index = 0;
      const auto bold_cell = std::find_if(content.begin(), content.end(),
                                          [&](const Cell& cell) { return has_bold(text, cell); });
      if (bold_cell != content.end()) {
        title_index = static_cast<std::size_t>(bold_cell - content.begin());
      } else if (starts_like_place(texts[0]) && !starts_like_place(texts[1])) {
        title_index = 1;
      }
      tail = read_tail(text, content[title_index].begin, content[title_index].end, directory_);
      for (std::size_t i = 0; i < content.size(); ++i) {
        if (i == title_index) continue;
        const std::string& value = texts[i];
        const bool lowercase = !value.empty() && value.front() >= 'a' && value.front() <= 'z';
        const auto known = directory_.match_folded(FoldedText(value).view());
        if (!tail.trailing.location && !lowercase && !known.organizer && !known.detail) {
          tail.trailing.location = value;
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
    head = parse_head(plain, scanner.pos(), limit, bold_title, lead.empty());
    if (!head.invalid.empty()) return warning(line, written, head.invalid);
    if (head.times.empty()) {
      const InlineTimes inline_times = blank_inline_times(text, head.end, plain.size());
      if (inline_times.alternative) return warning(line, written, "alternative times ('oder')");
      head.times = inline_times.times;
    }
    if (lead.empty()) {
      tail = read_tail(text, head.end, plain.size(), directory_);
      if (tail.title.starts_with("in ") && !bold_title && !head.place) {
        // "Freitag, 1. April, in Regensburg": a place, and no title.
        tail.trailing.location = tail.title.substr(3);
        tail.title.clear();
      }
    } else {
      tail = read_after_lead(text, scanner.pos(), head.end, directory_);
      if (tail.title.empty()) {
        tail.title = lead;
        if (!tail.trailing.location) tail.trailing.location = take_trailing_place(tail.title);
      } else if (!directory_.canonical_name(lead)) {
        tail.trailing.details.insert(tail.trailing.details.begin(), lead);
      } else {
        add_unique(tail.trailing.organizers, *directory_.canonical_name(lead));
      }
    }
  }

  if (head.times.empty()) head.times = lead_times.times;
  if (!check_weekdays(entry.occurrences, head.weekdays)) {
    return warning(line, written, "the weekday written does not match the date");
  }
  apply_times(entry.occurrences, head.times);
  entry.online = head.online || tail.trailing.online;
  entry.location = head.place ? std::move(head.place) : std::move(tail.trailing.location);
  const bool bold_title = std::any_of(text.bold.begin(), text.bold.end(), [&](const auto& span) {
    return span.second > scanner.pos();
  });
  if (!bold_title && strip_trailing_status(tail.title, tail.trailing))
    tail.trailing.cancelled = true;
  // An online event has no room: "Open Source im Rathaus" is then part of the title.
  if (!bold_title && !entry.location && lead.empty() && !head.online && !tail.trailing.online) {
    entry.location = take_dashed_place(tail.title);
    if (!entry.location) entry.location = take_trailing_place(tail.title);
  }
  if (entry.location && is_online_marker(*entry.location)) {
    entry.online = true;
    entry.location.reset();
  }
  entry.title = std::move(tail.title);
  if (!bold_title) tidy_plain_title(entry.title);
  if (strip_cancelled_prefix(entry.title)) entry.status = EntryStatus::cancelled;
  if (tail.trailing.cancelled) entry.status = EntryStatus::cancelled;
  strip_sentence_period(entry.title);
  entry.organizers = std::move(tail.trailing.organizers);
  entry.details = std::move(tail.trailing.details);
  entry.url = std::move(tail.trailing.url);
  if (const std::string* prefix = title_prefix_organizer(entry.title, directory_)) {
    add_unique(entry.organizers, *prefix);
  }
  if (entry.title.empty()) {
    result.warnings.push_back({line, written, "entry has a date but no title"});
  }
  return result;
}

}  // namespace itkal

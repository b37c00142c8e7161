#include "entry_parser_fields.hpp"

#include <algorithm>
#include <array>

#include "entry_parser_segments.hpp"
#include "itkal/text/text_folding.hpp"
#include "itkal/text/text_scanner.hpp"
#include "itkal/text/word_list.hpp"

namespace itkal::entry_detail {

namespace {

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

bool is_online_folded(std::string_view folded) { return kOnlineMarkers.contains(folded); }

bool is_cancelled_folded(std::string_view folded) { return kCancelledPhrases.contains(folded); }

/// Texts that start with no online marker's first letter are rejected without folding.
bool may_be_online_marker(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '(')) ++i;
  return i < text.size() && kOnlineMarkers.may_start(text[i]);
}

bool starts_with_detail_keyword(std::string_view text) {
  const FoldedText folded_text(text.substr(0, std::min<std::size_t>(text.size(), 24)));
  const std::string_view folded = folded_text.view();
  for (auto keyword : kDetailKeywords) {
    if (folded.starts_with(keyword)) return true;
  }
  return false;
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

}  // namespace

bool is_online_marker(std::string_view text) {
  return may_be_online_marker(text) && is_online_folded(FoldedText(text).view());
}

bool is_all_day_marker(std::string_view text) {
  // Most segments are no such word: the first letter decides before any trimming.
  std::size_t first = 0;
  while (first < text.size() && text[first] == ' ') ++first;
  if (first == text.size() || ascii_lower(text[first]) != 'g') return false;
  text = trim_view(text);
  if (text.size() > 12) return false;
  const FoldedText folded(text);
  return folded.view() == "ganztags" || folded.view() == "ganztaegig";
}

bool is_cancelled_phrase(std::string_view text) {
  return kCancelledPhrases.may_start_folding_of(text) &&
         is_cancelled_folded(FoldedText(text).view());
}

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
                             is_cancelled_phrase(inner) || is_online_marker(inner) ||
                             is_all_day_marker(inner);
    if (!(always && open > 0) && !detail_like) return;
    if (open == 0 && !always) return;
    if (is_all_day_marker(inner)) {
      // "(ganztags)": an entry without times says so already.
    } else if (is_cancelled_phrase(inner)) {
      trailing.cancelled = true;
    } else if (is_online_marker(inner)) {
      trailing.online = true;
    } else if (!inner.empty()) {
      trailing.details.insert(trailing.details.begin(), inner);
    }
    segment = trim_view(segment.substr(0, open));
  }
}

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
  if (segment.empty() || is_all_day_marker(segment)) {
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

bool strip_cancelled_prefix(std::string& title) {
  // "fällt aus, Feiertag": the reason may follow a comma too.
  const std::size_t end = find_first_byte_of(title, ":!-,");
  if (end == npos || end > 24) return false;
  if (!is_cancelled_phrase(std::string_view(title).substr(0, end))) return false;
  std::size_t next = end + 1;
  while (next < title.size() && (title[next] == ' ' || title[next] == '!' || title[next] == ':')) {
    ++next;
  }
  title = title.substr(next);
  return true;
}

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

}  // namespace itkal::entry_detail

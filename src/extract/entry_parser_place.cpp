#include "entry_parser_place.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "entry_parser_segments.hpp"
#include "itkal/text/text_folding.hpp"
#include "itkal/text/text_scanner.hpp"

namespace itkal::entry_detail {

namespace {

constexpr std::array<std::string_view, 24> kPlaceWords{
    "strasse",   "str",          "platz",       "haus",       "halle", "saal",
    "rathaus",   "kirche",       "schule",      "zentrum",    "raum",  "gebaeude",
    "campus",    "hotel",        "museum",      "bibliothek", "forum", "aula",
    "turnhalle", "gemeindehaus", "buergerhaus", "stadthalle", "messe", "park"};

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

}  // namespace

bool looks_like_address(std::string_view text) {
  if (has_five_digits(text, false)) return true;
  const FoldedText folded_text(text);
  const std::string_view folded = folded_text.view();
  return contains(folded, "strasse") || contains(folded, "platz");
}

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

bool starts_like_place(std::string_view text) {
  // The first word alone is the cheaper test, and it answers most cells that name a place.
  const std::size_t space = find_first_byte_of(text, " ,");
  return looks_like_place(text.substr(0, space)) || looks_like_address(text);
}

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

}  // namespace itkal::entry_detail

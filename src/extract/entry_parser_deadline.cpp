#include "entry_parser_deadline.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "entry_parser_segments.hpp"
#include "itkal/text/text_folding.hpp"
#include "itkal/text/text_scanner.hpp"

namespace itkal::entry_detail {

namespace {

/// Words right before a date in prose (lower case, as written): a deadline, or the day a
/// registration or ticket sale opens ("Anmeldung ab 27. Oktober"), none an event.
constexpr std::array<std::string_view, 7> kProseDeadlineWords{
    "bis", "bis zum", "bis zur", "spätestens", "anmeldung ab", "anmeldungen ab", "vorverkauf ab"};

/// Stems of the words of an entry's title before "bis" (folded: "spaetestens").
constexpr std::array<std::string_view, 11> kEntryDeadlineStems{
    "anmeld",  "frist",    "schluss", "bewerb",     "melden",   "spaetestens",
    "buchbar", "einreich", "abgabe",  "verlaenger", "geoeffnet"};

/// Words right before a date in prose that make it the day an event was moved from.
constexpr std::array<std::string_view, 4> kProseMovedFromWords{"verschoben", "verschoben vom",
                                                               "verlegt", "verlegt vom"};

/// The words before text[begin] end in one of `words`, as whole words.
template <std::size_t N>
bool follows_word(std::string_view text, std::size_t begin,
                  const std::array<std::string_view, N>& words) {
  const std::size_t from = begin > 24 ? begin - 24 : 0;
  std::string before = ascii_lowercase(text.substr(from, begin - from));
  while (!before.empty() && before.back() == ' ') before.pop_back();
  return std::any_of(words.begin(), words.end(), [&](std::string_view word) {
    if (!before.ends_with(word)) return false;
    const std::size_t at = before.size() - word.size();
    return at == 0 || !is_word_byte(before[at - 1]);
  });
}

}  // namespace

bool follows_deadline_word(std::string_view text, std::size_t begin) {
  return follows_word(text, begin, kProseDeadlineWords);
}

bool follows_moved_from_word(std::string_view text, std::size_t begin) {
  return follows_word(text, begin, kProseMovedFromWords);
}

bool names_deadline(std::string_view before) {
  const std::size_t comma = before.find_last_of(",:;(");
  if (comma != std::string_view::npos) before.remove_prefix(comma + 1);
  return mentions_deadline(before);
}

bool mentions_deadline(std::string_view words) {
  const FoldedText folded_text(words);
  const std::string_view folded = folded_text.view();
  return std::any_of(kEntryDeadlineStems.begin(), kEntryDeadlineStems.end(),
                     [&](std::string_view stem) { return contains(folded, stem); });
}

bool is_deadline_lead(std::string_view lead) {
  TextScanner scanner(lead);
  scanner.skip_spaces();
  if (!scanner.accept_word("bis") && !scanner.accept_word("spätestens")) return false;
  for (;;) {
    scanner.skip_spaces();
    if (scanner.at_end()) return true;
    if (!scanner.accept_word("bis") && !scanner.accept_word("zum") && !scanner.accept_word("zur") &&
        !scanner.accept_word("am") && !scanner.accept_word("spätestens")) {
      return false;
    }
  }
}

}  // namespace itkal::entry_detail

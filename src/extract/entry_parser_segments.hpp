#pragma once

// Internal to the entry parser (src/entry_parser*.cpp): cutting an entry's text into trimmed
// segments at commas, semicolons and spaced dashes. Not part of the library's interface.

#include <boost/container/small_vector.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "itkal/text/text_scanner.hpp"

namespace itkal::entry_detail {

constexpr std::size_t npos = std::string::npos;

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool contains_digit(std::string_view text);

/// `word` somewhere in `folded`. The folded names and places searched here are short: a plain
/// loop costs less than string_view::find, which calls memchr for every candidate. Inline: it
/// runs for every place word of every line.
inline bool contains(std::string_view folded, std::string_view word) {
  if (word.empty() || word.size() > folded.size()) return word.empty();
  for (std::size_t i = 0; i + word.size() <= folded.size(); ++i) {
    if (folded[i] != word[0]) continue;
    std::size_t k = 1;
    while (k < word.size() && folded[i + k] == word[k]) ++k;
    if (k == word.size()) return true;
  }
  return false;
}

/// The text without blanks at its ends and without trailing commas and semicolons.
inline std::string_view trim_view(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() &&
         (text.back() == ',' || text.back() == ';' || text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

/// The text with its blank runs collapsed and without trailing blanks, commas and semicolons.
std::string trim_copy(std::string_view text);

/// What trim_copy leaves of `text`, up to blank runs inside, which it would fold: empty exactly
/// when trim_copy's result is, and with the same commas. For tests that need no copy.
std::string_view trim_like_copy(std::string_view text);

/// Position of a " – " / " - " dash that separates phrases (not a hyphen in a word), or npos.
std::size_t find_spaced_dash(std::string_view text, std::size_t from = 0);

/// The scanner stands at a dash that a blank precedes and a blank or the end follows.
bool at_phrase_dash(const TextScanner& scanner);

/// The trimmed segments of a text: a title and a few trailing fields, kept off the heap.
using SegmentList = boost::container::small_vector<std::string_view, 6>;

/// Splits at top-level commas and semicolons (not inside parentheses or quotes). The segments
/// are views into `text`, or into `storage` when the text's blanks had to be collapsed first:
/// either way every segment is collapsed, so that trimming is all that any piece of it needs.
SegmentList split_segments(std::string_view text, std::string& storage);

/// The first `count` segments joined with ", ".
template <typename Strings>
std::string join_segments(const Strings& segments, std::size_t count = npos) {
  std::string joined;
  for (std::size_t i = 0; i < segments.size() && i < count; ++i) {
    if (i) joined += ", ";
    joined += segments[i];
  }
  return joined;
}

/// ISO weekday (1-7) when the whole segment names one ("Dienstag", "(Di.)"), else 0.
int weekday_segment(std::string_view segment);

/// Appends `value` unless the list holds it already.
void add_unique(std::vector<std::string>& list, std::string_view value);

}  // namespace itkal::entry_detail

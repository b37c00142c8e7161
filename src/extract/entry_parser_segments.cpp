#include "entry_parser_segments.hpp"

#include <algorithm>

#include "itkal/extract/date_expression_parser.hpp"
#include "itkal/text/text_folding.hpp"

namespace itkal::entry_detail {

namespace {

/// The bytes split_segments looks at.
constexpr char kSegmentBytes[] = "()\",;";

}  // namespace

bool contains_digit(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string trim_copy(std::string_view text) {
  std::string collapsed = collapse_spaces(text);
  while (!collapsed.empty() &&
         (collapsed.back() == ',' || collapsed.back() == ';' || collapsed.back() == ' ')) {
    collapsed.pop_back();
  }
  return collapsed;
}

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

std::size_t find_spaced_dash(std::string_view text, std::size_t from) {
  // Every dash is '-' or starts with 0xE2: most segments have neither.
  if (find_first_byte_of(text, "-\xE2", from) == npos) return npos;
  for (std::size_t i = from; i + 2 < text.size(); ++i) {
    if (text[i] != ' ') continue;
    TextScanner scanner(text, i + 1);
    if (scanner.accept_dash() && (scanner.at_end() || scanner.peek() == ' ')) return i;
  }
  return npos;
}

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

bool at_phrase_dash(const TextScanner& scanner) {
  const std::size_t pos = scanner.pos();
  if (pos == 0 || scanner.text()[pos - 1] != ' ') return false;
  TextScanner probe(scanner.text(), pos);
  return probe.accept_dash() && (probe.at_end() || probe.peek() == ' ');
}

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

void add_unique(std::vector<std::string>& list, std::string_view value) {
  if (std::find(list.begin(), list.end(), value) != list.end()) return;
  if (list.empty()) list.reserve(4);  // organizers come in ones to fours
  list.emplace_back(value);
}

}  // namespace itkal::entry_detail

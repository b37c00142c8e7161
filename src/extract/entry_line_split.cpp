#include "itkal/extract/entry_line_split.hpp"

#include <array>

#include "itkal/text/text_folding.hpp"

namespace itkal {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// At `pos` a numeric day and month begin ("10.09.", "1.9.", "14.09.2026").
bool numeric_date_at(std::string_view text, std::size_t pos) {
  const auto number = [&](std::size_t& i) {
    int value = 0;
    std::size_t digits = 0;
    for (; i < text.size() && is_digit(text[i]) && digits < 3; ++i, ++digits) {
      value = value * 10 + (text[i] - '0');
    }
    return digits >= 1 && digits <= 2 ? value : -1;
  };
  std::size_t i = pos;
  const int day = number(i);
  if (day < 1 || day > 31 || i >= text.size() || text[i] != '.') return false;
  ++i;
  const int month = number(i);
  return month >= 1 && month <= 12 && i < text.size() && text[i] == '.';
}

/// A weekday as written before a date ("Fr.", "Fr", "Freitag", "FREITAG"): the date belongs to
/// it, it does not start a new entry.
bool is_weekday_word(std::string_view word) {
  static constexpr std::array<std::string_view, 14> kWeekdays{
      "mo",     "di",       "mi",       "do",         "fr",      "sa",      "so",
      "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"};
  while (!word.empty() && (word.back() == '.' || word.back() == ',')) word.remove_suffix(1);
  for (std::string_view day : kWeekdays) {
    if (word.size() == day.size() && equals_ignoring_ascii_case(word, day)) return true;
  }
  return false;
}

/// The word before `pos` (which follows a space) lets a new entry begin at `pos`: it starts with
/// a capital and ends with a letter or a digit, and it is no weekday. Lower-case words ("bis",
/// "und", "vom", "oder") and punctuation ("–", "Termine:", "Mittwoch,") tie the date to the text
/// before it.
bool may_cut_after(std::string_view text, std::size_t pos) {
  if (pos < 2 || text[pos - 1] != ' ') return false;
  const std::size_t end = pos - 1;
  std::size_t begin = text.rfind(' ', end - 1);
  begin = begin == std::string_view::npos ? 0 : begin + 1;
  const std::string_view word = text.substr(begin, end - begin);
  if (word.empty()) return false;
  const char first = word.front();
  const bool capital = (first >= 'A' && first <= 'Z') || word.starts_with("\xC3\x84") ||
                       word.starts_with("\xC3\x96") || word.starts_with("\xC3\x9C");
  const char last = word.back();
  const bool closed = (last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z') ||
                      is_digit(last) || static_cast<unsigned char>(last) >= 0x80;
  return capital && closed && !is_weekday_word(word);
}

bool is_titled_entry(std::string_view text, const EntryParser& parser, std::size_t line) {
  const EntryParse parse = parser.parse(text, line);
  return parse.kind == EntryParse::Kind::entry && parse.entry.dated && !lacks_title(parse);
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

std::vector<std::string> split_entries_on_line(std::string_view line, const EntryParser& parser,
                                               std::size_t line_number) {
  std::vector<std::string> pieces;
  // Table rows and bold-marked entries keep their own layout.
  if (line.find('|') != std::string_view::npos || line.find("**") != std::string_view::npos) {
    pieces.emplace_back(line);
    return pieces;
  }
  std::size_t begin = 0;
  // The first date is the entry's own: look for the next one after it.
  for (std::size_t pos = 1; pos < line.size(); ++pos) {
    if (!is_digit(line[pos]) || is_digit(line[pos - 1]) || !numeric_date_at(line, pos) ||
        !may_cut_after(line, pos)) {
      continue;
    }
    const std::string_view before = line.substr(begin, pos - begin);
    if (!is_titled_entry(before, parser, line_number)) continue;
    const std::string_view rest = line.substr(pos);
    if (!parser.starts_entry(rest)) continue;
    pieces.push_back(trimmed(before));
    begin = pos;
  }
  if (pieces.empty()) {
    pieces.emplace_back(line);
    return pieces;
  }
  // The last piece must read as an entry too, or the line stays whole.
  const std::string last = trimmed(line.substr(begin));
  if (!is_titled_entry(last, parser, line_number)) {
    pieces.assign(1, std::string(line));
    return pieces;
  }
  pieces.push_back(last);
  return pieces;
}

}  // namespace itkal

#include "itkal/extract/entry_line_split.hpp"

#include <array>

#include "itkal/extract/time_range_parser.hpp"
#include "itkal/text/text_folding.hpp"
#include "itkal/text/text_scanner.hpp"

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

/// A date with nothing else ("SAMSTAG, 13. JUNI"): the day an item list on one line belongs to.
bool is_date_alone(std::string_view text, const EntryParser& parser, std::size_t line) {
  return lacks_title(parser.parse(text, line));
}

/// At `pos` a weekday begins a date ("SONNTAG, 14. JUNI", "Mi., 3.6."): a new day.
bool weekday_date_at(std::string_view text, std::size_t pos, const EntryParser& parser) {
  const std::size_t end = text.find(' ', pos);
  const std::string_view word = text.substr(pos, end == std::string_view::npos ? end : end - pos);
  return is_weekday_word(word) && parser.starts_entry(text.substr(pos));
}

/// At `pos` a time with "Uhr" or a colon begins ("19.30 Uhr", "16:00").
bool marked_time_at(std::string_view text, std::size_t pos) {
  TextScanner scanner(text, pos);
  const TimeParse time = TimeRangeParser::parse(scanner);
  if (time.kind != TimeParse::Kind::time || !time.range.start) return false;
  const std::string_view written = text.substr(pos, scanner.pos() - pos);
  return written.find("Uhr") != std::string_view::npos ||
         written.find(':') != std::string_view::npos;
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
    return pieces;
  }
  std::size_t begin = 0;
  std::string prefix;  // the day words a piece cut at a time begins with
  std::string day;     // the date words of the piece being read, when its first time follows them
  for (std::size_t pos = 1; pos < line.size(); ++pos) {
    if (line[pos - 1] != ' ') continue;  // cuts only where a word begins
    const bool date_cut =
        (is_digit(line[pos]) && numeric_date_at(line, pos)) || weekday_date_at(line, pos, parser);
    const bool time_cut = !date_cut && is_digit(line[pos]) && marked_time_at(line, pos);
    if (!date_cut && !time_cut) continue;
    const std::string before = prefix + std::string(line.substr(begin, pos - begin));
    if (time_cut && day.empty()) {
      // "SAMSTAG, 13. JUNI 15.00 Uhr Kinderfest": the first time after the bare date is the
      // piece's own; its date words begin every item cut at a later time.
      if (is_date_alone(before, parser, line_number)) day = before;
      continue;
    }
    if (!may_cut_after(line, pos) || !is_titled_entry(before, parser, line_number)) continue;
    std::string next_prefix = time_cut ? day : std::string();
    if (!parser.starts_entry(next_prefix + std::string(line.substr(pos)))) continue;
    pieces.push_back(trimmed(before));
    begin = pos;
    prefix = std::move(next_prefix);
    if (date_cut) day.clear();
  }
  if (pieces.empty()) return pieces;
  // The last piece must read as an entry too, or the line stays whole.
  const std::string last = trimmed(prefix + std::string(line.substr(begin)));
  if (!is_titled_entry(last, parser, line_number)) {
    pieces.clear();
    return pieces;
  }
  pieces.push_back(last);
  return pieces;
}

}  // namespace itkal

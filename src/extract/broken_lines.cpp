#include "broken_lines.hpp"

#include <string>
#include <string_view>

#include "itkal/extract/date_expression_parser.hpp"
#include "itkal/text/text_scanner.hpp"

namespace itkal::extract_detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string_view trim_left(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

/// "Freitag, 05.", "05.": a line that is a day number alone, its weekday before it at most (a
/// day heading that a line break split before its month). A sentence's line that ends so ("…
/// Martin Walser liest am 7.") is left alone: the prose reader joins a paragraph's lines itself.
bool is_bare_day(std::string_view line) {
  TextScanner scanner(trim_left(trim_right(line)));
  if (DateExpressionParser::parse_weekday_name(scanner) != 0) {
    scanner.accept('.');
    scanner.accept(',');
    scanner.skip_spaces();
  }
  std::size_t digits = 0;
  const int day = scanner.read_number(2, &digits);
  return digits > 0 && day >= 1 && day <= 31 && scanner.accept('.') && scanner.at_end();
}

/// "Mai:", "Mai 2017", "Juni, 18 Uhr": the line begins with a month name as a word.
bool begins_with_month(std::string_view line) {
  TextScanner scanner(trim_left(line));
  return DateExpressionParser::parse_month_name(scanner) != 0 &&
         (scanner.at_end() || !scanner.at_letter());
}

/// "09:00", "14.30", "11:00 Uhr" alone on a line.
bool is_bare_time(std::string_view line) {
  line = trim_left(trim_right(line));
  if (line.ends_with(" Uhr")) line.remove_suffix(4);
  if (line.size() < 4 || line.size() > 5) return false;
  const std::size_t mark = line.size() - 3;
  return (line[mark] == ':' || line[mark] == '.') && is_digit(line[mark + 1]) &&
         is_digit(line[mark + 2]) && is_digit(line[0]) && (mark == 1 || is_digit(line[1]));
}

/// "– 14:00 Uhr: Markt", "- 14 Uhr", "bis 14 Uhr", "Uhr: Empfang": the line ends the time above.
bool ends_time_above(std::string_view line) {
  line = trim_left(line);
  if (line.starts_with("Uhr") && (line.size() == 3 || line[3] == ' ' || line[3] == ':')) {
    return true;
  }
  for (const std::string_view joiner : {"\xE2\x80\x93", "-", "bis "}) {
    if (!line.starts_with(joiner)) continue;
    const std::string_view rest = trim_left(line.substr(joiner.size()));
    return !rest.empty() && is_digit(rest.front());
  }
  return false;
}

/// The longest line that is a day alone ("Donnerstag, 05.") or a time alone, with some blanks:
/// every longer line (nearly all) is passed at once.
constexpr std::size_t kMaxSplitLineBytes = 24;

bool joins_next(std::string_view line, std::string_view next) {
  if (line.size() > kMaxSplitLineBytes || line.empty()) return false;
  return (is_bare_day(line) && begins_with_month(next)) ||
         (is_bare_time(line) && ends_time_above(next));
}

}  // namespace

std::optional<NewsletterText> join_broken_dates(const NewsletterText& text) {
  const std::vector<TextLine>& lines = text.lines;
  std::size_t first = 0;
  while (first + 1 < lines.size() && !joins_next(lines[first].text, lines[first + 1].text)) {
    ++first;
  }
  if (first + 1 >= lines.size()) return std::nullopt;
  NewsletterText joined = text;
  joined.lines.assign(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(first));
  for (std::size_t i = first; i < lines.size(); ++i) {
    TextLine line = lines[i];
    if (i + 1 < lines.size() && joins_next(line.text, lines[i + 1].text)) {
      std::string whole(trim_right(line.text));
      whole += ' ';
      whole += trim_left(lines[++i].text);
      line.text = joined.keep(std::move(whole));
    }
    joined.lines.push_back(line);
  }
  return joined;
}

}  // namespace itkal::extract_detail

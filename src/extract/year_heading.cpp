#include "year_heading.hpp"

#include <algorithm>

#include "itkal/extract/date_expression_parser.hpp"
#include "itkal/text/text_scanner.hpp"

namespace itkal::extract_detail {
namespace {

namespace greg = boost::gregorian;

/// Longer lines are sentences or titles that merely mention a year.
constexpr std::size_t kMaxYearHeadingBytes = 40;
constexpr std::size_t kMaxYearHeadingWords = 3;
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2199;
/// A school or Kita year begins with the summer: August.
constexpr unsigned short kSchoolYearMonth = 8;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// The digits at `pos` as a number, and where they end. A run longer than any year ("Tel.
/// 0383485364473") counts only its first digits: the caller refuses it by its length.
int number_at(std::string_view text, std::size_t pos, std::size_t& end) {
  constexpr std::size_t kMaxCountedDigits = 9;  // below int's limit
  int value = 0;
  end = pos;
  for (; end < text.size() && is_digit(text[end]); ++end) {
    if (end - pos < kMaxCountedDigits) value = value * 10 + (text[end] - '0');
  }
  return value;
}

/// "August " before the year of "August 2026": a month name and nothing else.
bool is_month_name_alone(std::string_view before_year) {
  TextScanner scanner(before_year);
  const int month = DateExpressionParser::parse_month_name(scanner);
  scanner.skip_spaces();
  return month != 0 && scanner.at_end();
}

}  // namespace

std::optional<greg::date> year_heading_start(std::string_view shown) {
  while (!shown.empty() && (shown.back() == ':' || shown.back() == ' ')) shown.remove_suffix(1);
  if (shown.empty() || shown.size() > kMaxYearHeadingBytes) return std::nullopt;
  if (std::count(shown.begin(), shown.end(), ' ') >= static_cast<long>(kMaxYearHeadingWords)) {
    return std::nullopt;
  }
  const std::size_t digit = shown.find_first_of("0123456789");
  if (digit == std::string_view::npos || (digit > 0 && shown[digit - 1] != ' ')) {
    return std::nullopt;
  }
  std::size_t end = 0;
  const int year = number_at(shown, digit, end);
  if (end - digit != 4 || year < kFirstYear || year > kLastYear) return std::nullopt;
  bool school_year = false;
  if (end < shown.size() && shown[end] == '/') {
    std::size_t next_end = 0;
    const int next = number_at(shown, end + 1, next_end);
    const std::size_t digits = next_end - end - 1;
    school_year = (digits == 4 && next == year + 1) || (digits == 2 && next == (year + 1) % 100);
    if (!school_year) return std::nullopt;
    end = next_end;
  }
  // The year (or school year) ends the line: "2026 im Rückblick" is no heading of dates.
  if (end != shown.size()) return std::nullopt;
  // "August 2026" heads its month's dates: they lie in its year, whatever the issue date.
  const bool month_heading = !school_year && is_month_name_alone(shown.substr(0, digit));
  // "Termine im Mai 2026": a month's heading among others, not a year's.
  if (!month_heading && DateExpressionParser::month_named_in(shown.substr(0, digit)) != 0) {
    return std::nullopt;
  }
  if (shown.substr(0, digit).find_first_of("0123456789.,;:|()") != std::string_view::npos) {
    return std::nullopt;
  }
  const auto first_year = static_cast<unsigned short>(year);
  return school_year ? greg::date(first_year, kSchoolYearMonth, 1) : greg::date(first_year, 1, 1);
}

}  // namespace itkal::extract_detail

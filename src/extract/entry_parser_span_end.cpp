#include "entry_parser_span_end.hpp"

#include <array>

#include "entry_parser_deadline.hpp"
#include "entry_parser_segments.hpp"
#include "itkal/text/text_folding.hpp"
#include "itkal/text/text_scanner.hpp"

namespace itkal::entry_detail {
namespace greg = boost::gregorian;

namespace {

/// "5.2.2026", "5. Februar 2026", "5.2.26": the expression names its year.
bool writes_year(std::string_view expression) {
  std::size_t runs = 0;
  for (std::size_t i = 0; i < expression.size();) {
    if (!is_digit(expression[i])) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    while (i < expression.size() && is_digit(expression[i])) {
      ++i;
      ++length;
    }
    ++runs;
    if (length == 4) return true;
    // D.M.YY: a third number right after the month's dot.
    if (runs >= 3 && length == 2 && i - length >= 1 && expression[i - length - 1] == '.') {
      return true;
    }
  }
  return false;
}

/// The same day and month in the year of `start` or the next, whichever is not before it.
std::optional<greg::date> next_on_or_after(greg::date start, greg::date day) {
  const int year = start.year();
  auto candidate = make_date(year, day.month(), day.day());
  if (candidate && *candidate >= start) return candidate;
  return make_date(year + 1, day.month(), day.day());
}

}  // namespace

TrailingSpanEnd find_trailing_span_end(std::string_view plain, std::size_t from, greg::date start,
                                       const DateExpressionParser& dates) {
  std::size_t end = plain.size();
  while (end > from && plain[end - 1] == ' ') --end;
  // Most titles end in a letter: only a digit or a digit and a dot may end a date here.
  if (end < from + 2) return {};
  const char last = plain[end - 1];
  if (!is_digit(last) && !(last == '.' && is_digit(plain[end - 2]))) return {};
  // The date is one of the last few words: "bis 5.2.", "9.-20.3.", "9. - 20. März".
  std::array<std::size_t, 4> starts{};
  std::size_t count = 0;
  for (std::size_t i = end; i > from && count < starts.size(); --i) {
    if (plain[i - 1] == ' ') starts[count++] = i;
  }
  for (std::size_t k = count; k-- > 0;) {  // the longest expression first
    const std::size_t at = starts[k];
    if (!is_digit(plain[at])) continue;
    TextScanner scanner(plain.substr(0, end), at);
    const DateParse parse = dates.parse(scanner);
    scanner.skip_spaces();
    if (!scanner.at_end()) continue;
    if (parse.kind != DateParse::Kind::dated || parse.occurrences.size() != 1) return {};
    const Occurrence& written = parse.occurrences.front();
    if (!written.all_day()) return {};
    const std::string_view expression = plain.substr(at, end - at);
    std::string_view before = plain.substr(from, at - from);
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    const bool after_bis = before.ends_with(" bis") || before == "bis";
    TrailingSpanEnd result;
    result.kind = TrailingSpanEnd::Kind::mismatch;
    if (written.start_date == written.end_date) {
      // A single day: a span end only after "bis"; otherwise the line is read as before.
      if (!after_bis || names_deadline(before)) return {};
      std::optional<greg::date> last_day = written.start_date;
      if (!writes_year(expression)) last_day = next_on_or_after(start, written.start_date);
      if (!last_day || *last_day <= start || (*last_day - start).days() > 366) return result;
      result.kind = TrailingSpanEnd::Kind::span_end;
      result.cut = from + before.size() - 3;
      result.end = *last_day;
      return result;
    }
    // A span: it must start on the day at the start of the line; a year not written is the
    // start's.
    if (after_bis) return result;
    const greg::date first = written.start_date;
    if (first.month() != start.month() || first.day() != start.day()) return result;
    if (writes_year(expression) && first.year() != start.year()) return result;
    const int shift = static_cast<int>(start.year()) - static_cast<int>(first.year());
    const auto last_day = make_date(written.end_date.year() + shift, written.end_date.month(),
                                    written.end_date.day());
    if (!last_day || *last_day <= start) return result;
    result.kind = TrailingSpanEnd::Kind::span_end;
    result.cut = at;
    result.end = *last_day;
    return result;
  }
  return {};
}

std::string read_span_end_after_title(MarkedText& text, std::size_t date_end, Entry& entry,
                                      const DateExpressionParser& dates) {
  Occurrence& day = entry.occurrences.front();
  const TrailingSpanEnd span = find_trailing_span_end(text.plain, date_end, day.start_date, dates);
  if (span.kind == TrailingSpanEnd::Kind::mismatch) {
    return "the span after the title does not start on the date at the start";
  }
  if (span.kind == TrailingSpanEnd::Kind::span_end) {
    day.end_date = span.end;
    text.truncate(span.cut);
  }
  return {};
}

}  // namespace itkal::entry_detail

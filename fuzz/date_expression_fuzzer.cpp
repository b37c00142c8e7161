// libFuzzer target: DateExpressionParser at every position of arbitrary text, as the entry
// parser calls it after a weekday, a title or a separator. Checks the documented contracts:
// "none" leaves the scanner where it was; "dated" has occurrences that are real, ordered days.
#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "itkal/extract/date_expression_parser.hpp"
#include "itkal/text/text_scanner.hpp"

namespace {

// Every start position makes one input worth many; the cap keeps one execution cheap so the
// fuzzer explores breadth instead of re-scanning one long input.
constexpr std::size_t kMaxStarts = 512;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace itkal;
  const std::string_view text = fuzz::as_text(data, size);
  const DateExpressionParser parser(boost::gregorian::date(2026, 12, 20));
  const std::size_t starts = std::min(text.size() + 1, kMaxStarts);
  for (std::size_t start = 0; start < starts; ++start) {
    TextScanner scanner(text, start);
    const DateParse result = parser.parse(scanner);
    fuzz::require(scanner.pos() <= text.size(), "scanner moved past the end");
    switch (result.kind) {
      case DateParse::Kind::none:
        fuzz::require(scanner.pos() == start, "no date, but the scanner moved");
        break;
      case DateParse::Kind::dated:
        fuzz::require(!result.occurrences.empty(), "dated without occurrences");
        fuzz::require(scanner.pos() > start, "dated, but nothing consumed");
        for (const Occurrence& occurrence : result.occurrences) fuzz::check_occurrence(occurrence);
        break;
      case DateParse::Kind::undated:
        break;
      case DateParse::Kind::invalid:
        fuzz::require(!result.message.empty(), "invalid without a message");
        break;
    }

    TextScanner names(text, start);
    const int month = DateExpressionParser::parse_month_name(names);
    fuzz::require(month >= 0 && month <= 12, "month out of range");
    if (month == 0) fuzz::require(names.pos() == start, "no month, but the scanner moved");
    names.set_pos(start);
    const int weekday = DateExpressionParser::parse_weekday_name(names);
    fuzz::require(weekday >= 0 && weekday <= 7, "weekday out of range");
  }
  return 0;
}

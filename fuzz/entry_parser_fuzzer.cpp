// libFuzzer target: one entry's text (markup allowed) through EntryParser, as the section
// splitter hands it over. Any bytes: the parser must neither crash nor break its contracts.
#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "itkal/extract/entry_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace itkal;
  const std::string_view marked = fuzz::as_text(data, size);

  // Two issue dates: mid-year, and December, where a year that is not written rolls over into
  // the next one (the year-window arithmetic is a place where off-by-one bugs hide).
  for (const boost::gregorian::date issue :
       {boost::gregorian::date(2026, 4, 15), boost::gregorian::date(2026, 12, 20)}) {
    const EntryParser parser(fuzz::project_directory(), issue);
    (void)parser.starts_entry(marked);
    const EntryParse result = parser.parse(marked, 7);
    if (result.kind == EntryParse::Kind::entry) {
      fuzz::check_entry(result.entry);
      fuzz::require(result.entry.line == 7, "entry line is not the line passed in");
    }
    if (result.kind == EntryParse::Kind::warning)
      fuzz::require(!result.warning.message.empty(), "warning without a message");
  }

  // The bold-marker splitter on its own: spans must lie inside the plain text, in order.
  const MarkedText text = MarkedText::from_markup(marked);
  std::size_t previous_end = 0;
  for (const auto& [begin, end] : text.bold) {
    fuzz::require(begin <= end && end <= text.plain.size(), "bold span outside the text");
    fuzz::require(begin >= previous_end, "bold spans overlap or are out of order");
    previous_end = end;
  }
  return 0;
}

// libFuzzer target: arbitrary bytes as a newsletter file. read_newsletter chooses text, HTML or
// mail by content (the name has no extension, so the bytes decide), then extract_calendar reads
// the calendar. SourceError and ExtractionError are the documented refusals; anything else that
// escapes (another exception, a crash, a leak, a hang) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/formats/extraction_json.hpp"
#include "itkal/read/newsletter_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace itkal;
  const std::string_view bytes = fuzz::as_text(data, size);
  NewsletterText text;
  try {
    text = read_newsletter("input", bytes);
  } catch (const SourceError&) {
    return 0;
  }
  for (const TextLine& line : text.lines) fuzz::require(line.number > 0, "line number 0");
  try {
    // A fixed issue date as well as the newsletter's own: without it most inputs stop at "no
    // issue date" and never reach the section splitter and the entry parser.
    ExtractOptions options;
    for (int pass = 0; pass < 2; ++pass) {
      if (pass == 1) options.issue_date = boost::gregorian::date(2026, 4, 15);
      try {
        const Extraction extraction = extract_calendar(text, fuzz::project_directory(), options);
        for (const Entry& entry : extraction.entries) fuzz::check_entry(entry);
        // What `itkal extract --json` and the build print: it must serialize whatever was read.
        fuzz::require(!extraction_to_json(extraction).empty(), "empty JSON");
      } catch (const ExtractionError&) {
      }
    }
  } catch (const SourceError&) {
  }
  return 0;
}

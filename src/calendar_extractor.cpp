#include "itkal/calendar_extractor.hpp"

#include "itkal/date_expression_parser.hpp"
#include "itkal/entry_parser.hpp"
#include "itkal/extraction_json.hpp"
#include "itkal/text_folding.hpp"
#include "itkal/text_scanner.hpp"

namespace itkal {
namespace {

constexpr std::size_t kMaxDateLineBytes = 80;
/// The issue date stands in the masthead: only the first lines are searched.
constexpr std::size_t kIssueDateSearchLines = 60;

/// A full date with a year at the scanner: "15. April 2026" or "15.04.2026".
std::optional<boost::gregorian::date> read_full_date(TextScanner& scanner) {
  const auto start = scanner.pos();
  const int day = scanner.read_number(2);
  if (day > 0 && scanner.accept(".")) {
    scanner.skip_spaces();
    int month = DateExpressionParser::parse_month_name(scanner);
    if (month == 0 && scanner.at_digit()) {
      month = scanner.read_number(2);
      if (!scanner.accept(".")) month = -1;
    } else {
      scanner.skip_spaces();
    }
    std::size_t digits = 0;
    const int year = month > 0 ? scanner.read_number(4, &digits) : -1;
    if (year > 0 && digits == 4) {
      if (auto date = make_date(year, month, day)) return date;
    }
  }
  scanner.set_pos(start);
  return std::nullopt;
}

}  // namespace

std::optional<boost::gregorian::date> find_issue_date(const NewsletterText& text) {
  std::size_t looked = 0;
  for (const auto& line : text.lines) {
    const std::string shown = collapse_spaces(MarkedText::from_markup(line.text).plain);
    if (shown.empty()) continue;
    if (++looked > kIssueDateSearchLines) break;
    if (shown.size() > kMaxDateLineBytes) continue;
    for (std::size_t pos = 0; pos < shown.size(); ++pos) {
      if (pos > 0 && shown[pos - 1] >= '0' && shown[pos - 1] <= '9') continue;
      TextScanner scanner(shown, pos);
      if (auto date = read_full_date(scanner)) return date;
    }
  }
  return std::nullopt;
}

Extraction extract_calendar(const NewsletterText& text, const OrganizerDirectory& directory,
                            const ExtractOptions& options) {
  Extraction extraction;
  extraction.source = text.source;
  std::optional<boost::gregorian::date> issue_date = options.issue_date;
  if (!issue_date) issue_date = find_issue_date(text);
  if (!issue_date) issue_date = text.envelope_date;
  if (!issue_date) {
    throw ExtractionError("cannot find the issue date in '" + text.source +
                          "': no line like '15. April 2026' near the top; pass --issue-date");
  }
  // Years are inferred from the issue date with Boost, which holds 1400-9999 only; a calendar
  // of a newsletter lies within these bounds or its date line was misread.
  if (issue_date->year() < 1900 || issue_date->year() > 2199) {
    throw ExtractionError("issue date " + iso_date(*issue_date) + " of '" + text.source +
                          "' is not plausible (years 1900 to 2199); pass --issue-date");
  }
  extraction.issue_date = *issue_date;
  extraction.warnings = text.warnings;

  const EntryParser parser(directory, *issue_date);
  const auto section = find_calendar_section(text, options.section, parser);
  if (!section) {
    std::string looked_for;
    for (const auto& heading : options.section.headings) {
      looked_for += (looked_for.empty() ? "'" : ", '") + heading + "'";
    }
    throw ExtractionError("no calendar section in '" + text.source + "': no heading with " +
                          looked_for + " followed by a dated entry");
  }
  extraction.section_heading_line = section->heading_line;
  for (auto& block : section->blocks) {
    EntryParse parsed =
        block.parsed ? std::move(*block.parsed) : parser.parse(block.text, block.line);
    switch (parsed.kind) {
      case EntryParse::Kind::entry:
        extraction.entries.push_back(std::move(parsed.entry));
        for (auto& warning : parsed.warnings) extraction.warnings.push_back(std::move(warning));
        break;
      case EntryParse::Kind::warning:
        extraction.warnings.push_back(std::move(parsed.warning));
        break;
      case EntryParse::Kind::not_an_entry:
        break;  // a month sub-heading such as "Mai 2026"
    }
  }
  return extraction;
}

}  // namespace itkal

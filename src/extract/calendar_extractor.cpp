#include "itkal/extract/calendar_extractor.hpp"

#include <algorithm>
#include <set>

#include "broken_lines.hpp"
#include "calendar_parts.hpp"

#include "itkal/extract/date_expression_parser.hpp"
#include "itkal/extract/entry_parser.hpp"
#include "itkal/extract/prose_calendar.hpp"
#include "itkal/text/iso_date.hpp"
#include "itkal/text/text_folding.hpp"
#include "itkal/text/text_scanner.hpp"
#include "itkal/text/usable_cpus.hpp"

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

std::optional<boost::gregorian::date> find_issue_date(const NewsletterText& text,
                                                      std::size_t before_line) {
  std::size_t looked = 0;
  for (const auto& line : text.lines) {
    if (line.number >= before_line) break;
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

namespace {

/// Where the calendar begins and, for a letter without one, what its prose names.
struct LocatedSection {
  SectionStart start;
  /// The events and warnings of the prose when start.prose, read as of the date the section
  /// was located with: they are what the letter yields, not read a second time.
  ProseEvents prose;
};

/// Where the calendar begins, found with `parser`; a letter without one whose running prose
/// names an event (read as of `issue_date`) is read as prose from its first such line.
std::optional<LocatedSection> locate_section(const NewsletterText& text,
                                             const ExtractOptions& options,
                                             const EntryParser& parser,
                                             boost::gregorian::date issue_date) {
  if (auto start = locate_calendar_section(text, options.section, parser)) {
    return LocatedSection{*start, {}};
  }
  LocatedSection located{{}, read_prose_events(text, issue_date)};
  const ProseEvents& prose = located.prose;
  if (prose.empty()) return std::nullopt;
  std::size_t first = SIZE_MAX;
  for (const Entry& entry : prose.entries) first = std::min(first, entry.line);
  for (const Warning& warning : prose.warnings) first = std::min(first, warning.line);
  located.start.calendar_line = first;
  located.start.prose = true;
  return located;
}

/// locate_section; throws when the newsletter has no calendar.
LocatedSection section_or_throw(const NewsletterText& text, const ExtractOptions& options,
                                const EntryParser& parser, boost::gregorian::date issue_date) {
  auto located = locate_section(text, options, parser, issue_date);
  if (!located) {
    std::string looked_for;
    for (const auto& heading : options.section.headings) {
      looked_for += (looked_for.empty() ? "'" : ", '") + heading + "'";
    }
    throw ExtractionError("no calendar section in '" + text.source + "': no heading with " +
                          looked_for + " followed by a dated entry");
  }
  return std::move(*located);
}

/// Threads for `parallel`: as many as asked, never more than the cores this process may use.
unsigned thread_count(const ParallelOptions& parallel) {
  const unsigned cores = usable_cpus();
  return parallel.threads == 0 ? cores : std::min(parallel.threads, cores);
}

/// Reads the calendar's entries from lines[first] on: a large one in parts on every core when
/// the sink can take parts, a small one (or one that opens with a banner line,
/// SectionStart::banner) in one piece. An event announced in labelled fields and announced so again
/// later is one event. Returns where the reading stopped.
EntryRun read_calendar(const extract_detail::CalendarContext& context, const SectionStart& start,
                       const ParallelOptions& parallel, ExtractionSink& sink,
                       extract_detail::EntryYield& yield) {
  const std::size_t first = start.first_index;
  if (!start.banner && sink.part()) {
    // One walk over the lines both measures the calendar and finds where its parts begin.
    std::size_t bytes = 0;
    const std::vector<std::size_t> starts =
        calendar_run_starts(context.text, first, parallel.part_bytes, context.parser, &bytes);
    if (bytes >= parallel.min_bytes && starts.size() > 1) {
      return extract_detail::read_entries_in_parts(context, starts, thread_count(parallel), sink,
                                                   yield);
    }
  }
  std::set<std::string> announced;
  return extract_detail::read_entries(context, first, {}, announced, sink, yield, start.banner);
}

/// Hands on the events read from prose: entries to the sink, warnings to `yield` (those about
/// dates that do not fit the issue date apart, for the end).
void yield_prose(ProseEvents prose, boost::gregorian::date issue_date, ExtractionSink& sink,
                 extract_detail::EntryYield& yield) {
  for (auto& warning : prose.warnings) yield.warnings.push_back(std::move(warning));
  for (auto& entry : prose.entries) {
    if (auto warning = issue_date_plausibility_warning(entry, issue_date)) {
      yield.implausible.push_back(std::move(*warning));
    }
    sink.entry(std::move(entry));
  }
}

[[noreturn]] void throw_no_issue_date(const std::string& source) {
  throw ExtractionError("cannot find the issue date in '" + source +
                        "': no date like '15. April 2026' before the calendar, no mail Date: "
                        "header, no YYYY-MM-DD in the file name; pass --issue-date YYYY-MM-DD "
                        "(itkal build: put the date into the file name or into \"issue_dates\" "
                        "in itkal.json)");
}

/// Every kind of evidence for the issue date the newsletter and the operator give.
std::vector<IssueDateEvidence> issue_date_evidence(const NewsletterText& text,
                                                   const ExtractOptions& options,
                                                   std::size_t heading_line) {
  std::vector<IssueDateEvidence> evidence;
  if (options.issue_date) evidence.push_back({*options.issue_date, IssueDateSource::option});
  if (auto masthead = find_issue_date(text, heading_line)) {
    evidence.push_back({*masthead, IssueDateSource::masthead});
  }
  if (text.envelope_date) evidence.push_back({*text.envelope_date, IssueDateSource::mail_header});
  if (auto named = find_file_name_date(text.source)) {
    evidence.push_back({*named, IssueDateSource::file_name});
  }
  return evidence;
}

}  // namespace

Extraction stream_calendar(const NewsletterText& as_read, const OrganizerDirectory& directory,
                           const ExtractOptions& options, ExtractionSink& sink) {
  // A date or a time that a line break splits ("Freitag, 05." above "Mai:") is read whole.
  const std::optional<NewsletterText> joined = extract_detail::join_broken_dates(as_read);
  const NewsletterText& text = joined ? *joined : as_read;
  Extraction extraction;
  extraction.source = text.source;
  // The section is found before the issue date is known (the masthead is what lies before it),
  // with the parser of a provisional date; whether a line starts an entry does not depend on
  // the year. The section is looked for again when the chosen date differs.
  boost::gregorian::date provisional = options.issue_date.value_or(find_issue_date(text).value_or(
      text.envelope_date.value_or(boost::gregorian::date(2000, 1, 1))));
  // An implausible date is refused below; the parser must not see it (Boost's range ends).
  if (provisional.year() < 1900 || provisional.year() > 2199) {
    provisional = boost::gregorian::date(2000, 1, 1);
  }
  // No evidence anywhere in the file: say so first, as before (a date in a missing calendar
  // section would not count either).
  if (!options.issue_date && !find_issue_date(text) && !text.envelope_date &&
      !find_file_name_date(text.source)) {
    throw_no_issue_date(text.source);
  }
  std::optional<EntryParser> parser;
  parser.emplace(directory, provisional);
  LocatedSection located = section_or_throw(text, options, *parser, provisional);

  // The masthead ends where the calendar begins: at its heading, or at its first entry when it
  // has none (a document that is a calendar).
  const auto choice = choose_issue_date(
      issue_date_evidence(text, options, located.start.calendar_line), text.source);
  if (!choice) {
    throw_no_issue_date(text.source);
  }
  const boost::gregorian::date issue_date = choice->chosen.date;
  // Years are inferred from the issue date with Boost, which holds 1400-9999 only; a calendar
  // of a newsletter lies within these bounds or its date line was misread.
  if (issue_date.year() < 1900 || issue_date.year() > 2199) {
    throw ExtractionError("issue date " + iso_date(issue_date) + " of '" + text.source +
                          "' is not plausible (years 1900 to 2199); pass --issue-date");
  }
  extraction.issue_date = issue_date;
  extraction.issue_date_source = choice->chosen.source;
  extraction.warnings = text.warnings;
  extraction.warnings.insert(extraction.warnings.end(), choice->warnings.begin(),
                             choice->warnings.end());
  if (issue_date != provisional) {
    parser.emplace(directory, issue_date);
    located = section_or_throw(text, options, *parser, issue_date);
  }
  const SectionStart& start = located.start;
  extraction.section_heading_line = start.heading_line;
  sink.begin(extraction);

  // Dates that do not fit the issue date are warned about after everything else.
  extract_detail::EntryYield yield;
  if (start.prose) {
    // Located as of `issue_date`: with the provisional date when it is the same, else again.
    yield_prose(std::move(located.prose), issue_date, sink, yield);
  } else {
    const extract_detail::CalendarContext context{text, options.section, *parser, issue_date};
    SectionStart part = start;
    for (;;) {
      const EntryRun run = read_calendar(context, part, options.parallel, sink, yield);
      // Sentences under a heading of the calendar after it ("Zeugnistermine:") name dates too.
      const std::size_t prose_end = prose_under_heading(text, run, options.section, *parser);
      if (prose_end <= run.end) break;
      const std::span<const TextLine> lines(text.lines);
      yield_prose(read_prose_events(lines.subspan(run.end, prose_end - run.end), issue_date),
                  issue_date, sink, yield);
      // The prose ended at a line that starts with a date: the calendar goes on there.
      if (prose_end >= lines.size() || !parser->leading_date(lines[prose_end].text)) break;
      part.first_index = prose_end;
      part.banner = false;
    }
  }
  extraction.warnings.insert(extraction.warnings.end(),
                             std::make_move_iterator(yield.warnings.begin()),
                             std::make_move_iterator(yield.warnings.end()));
  for (auto& warning : yield.implausible) extraction.warnings.push_back(std::move(warning));
  return extraction;
}

namespace {

/// Keeps every entry.
class CollectingSink : public ExtractionSink {
 public:
  void begin(const Extraction&) override {}
  void entry(Entry&& entry) override { entries.push_back(std::move(entry)); }
  std::vector<Entry> entries;
};

}  // namespace

Extraction extract_calendar(const NewsletterText& text, const OrganizerDirectory& directory,
                            const ExtractOptions& options) {
  CollectingSink sink;
  Extraction extraction = stream_calendar(text, directory, options, sink);
  extraction.entries = std::move(sink.entries);
  return extraction;
}

}  // namespace itkal

#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/extract/calendar_section.hpp"

namespace itkal::extract_detail {

/// What the extractor reads a calendar with.
struct CalendarContext {
  const NewsletterText& text;
  const SectionOptions& options;
  const EntryParser& parser;
  boost::gregorian::date issue_date;
};

/// What reading calendar entries gives besides the entries themselves.
struct EntryYield {
  std::vector<Warning> warnings;     ///< in the order of the lines
  std::vector<Warning> implausible;  ///< dates that do not fit the issue date, said last
  /// The events in labelled fields kept, by event key: a later part drops their repetitions.
  std::vector<std::string> labelled;
};

/// Reads the entries from lines[first] on as read_calendar_run does, hands each to `sink` and
/// the rest to `yield`; an event in labelled fields whose key `announced` holds is dropped.
/// `banner`: see SectionStart::banner.
EntryRun read_entries(const CalendarContext& context, std::size_t first,
                      std::span<const std::size_t> stops, std::set<std::string>& announced,
                      ExtractionSink& sink, EntryYield& yield, bool banner = false);

/// Reads the calendar in the parts that begin at `starts` (calendar_run_starts) on up to
/// `threads` threads; `sink` and `yield` receive exactly what read_entries from starts[0] gives,
/// and it returns where that reading stopped.
EntryRun read_entries_in_parts(const CalendarContext& context, std::span<const std::size_t> starts,
                               unsigned threads, ExtractionSink& sink, EntryYield& yield);

}  // namespace itkal::extract_detail

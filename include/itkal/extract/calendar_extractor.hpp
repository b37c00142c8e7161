#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "itkal/extract/calendar_section.hpp"
#include "itkal/extract/issue_date.hpp"
#include "itkal/model/entry.hpp"
#include "itkal/model/organizer_directory.hpp"
#include "itkal/read/newsletter_text.hpp"

namespace itkal {

/// Everything read from one issue's calendar.
struct Extraction {
  std::string source;
  boost::gregorian::date issue_date;
  IssueDateSource issue_date_source = IssueDateSource::option;
  std::size_t section_heading_line = 0;
  std::vector<Entry> entries;
  std::vector<Warning> warnings;
};

/// How a large calendar is read on several cores: in parts that begin at lines with a date, each
/// read on its own and joined in order, with the same result as one reading (a part whose start
/// the whole reading would not reach alike is read on by the part before it).
struct ParallelOptions {
  /// A calendar of fewer bytes than this is read in one piece on one thread.
  std::size_t min_bytes = 512 * 1024;
  /// Bytes of a part, about (a part begins at the next line with a date).
  std::size_t part_bytes = 128 * 1024;
  /// Threads at most, the calling one included; 0: one per CPU the process may run on (its
  /// affinity mask). Never more than those CPUs.
  unsigned threads = 0;
};

struct ExtractOptions {
  /// The operator's word (--issue-date or a per-source setting): stronger than anything the
  /// newsletter says.
  std::optional<boost::gregorian::date> issue_date;
  SectionOptions section;
  ParallelOptions parallel;
};

/// A newsletter whose calendar cannot be read: no issue date, no calendar section.
class ExtractionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The issue date a newsletter states in its masthead ("15. April 2026", "Mittwoch, 15.04.2026"):
/// the first short line among the first 60 that holds a full date with a year and lies before
/// line `before_line` (the calendar heading: a date in the calendar is an entry's, never the
/// issue's); nullopt when none does.
std::optional<boost::gregorian::date> find_issue_date(const NewsletterText& text,
                                                      std::size_t before_line = SIZE_MAX);

/// Reads the calendar of one issue: issue date, section, entries and warnings. The issue date is
/// the strongest evidence of: options.issue_date, the masthead (find_issue_date before the
/// calendar heading), the mail's Date: header, a date in the file name; weaker evidence more than
/// a month away is a warning, and so are entries that do not fit the date. Throws
/// ExtractionError (naming the source) when there is no issue date or no calendar section.
Extraction extract_calendar(const NewsletterText& text, const OrganizerDirectory& directory,
                            const ExtractOptions& options = {});

/// Takes an issue's calendar as it is read, so that a large calendar is never held whole.
class ExtractionSink {
 public:
  virtual ~ExtractionSink() = default;
  /// Called once, before the first entry: source, issue date, its source and the section line
  /// are set; no entries, no warnings yet.
  virtual void begin(const Extraction& head) = 0;
  /// Called for every entry, in order.
  virtual void entry(Entry&& entry) = 0;
  /// A sink for the entries of one part of the calendar, read on a thread of its own and joined
  /// in order; nullptr (the default): this sink takes its entries one by one only, so the
  /// calendar is read in one piece.
  virtual std::unique_ptr<ExtractionSink> part() { return nullptr; }
  /// Takes the entries `part` (one of part()) holds, after those taken so far, and empties it:
  /// it may take the entries of another part then (its memory is used again).
  virtual void join(ExtractionSink& /*part*/) {}
};

/// extract_calendar that hands the entries to `sink` one by one instead of keeping them: the
/// result holds the head and every warning (in the same order), its `entries` stay empty. Throws
/// as extract_calendar does, before `begin` is called.
Extraction stream_calendar(const NewsletterText& text, const OrganizerDirectory& directory,
                           const ExtractOptions& options, ExtractionSink& sink);

}  // namespace itkal

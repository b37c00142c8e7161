#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <optional>
#include <string>
#include <vector>

#include "itkal/calendar_section.hpp"
#include "itkal/entry.hpp"
#include "itkal/newsletter_text.hpp"
#include "itkal/organizer_directory.hpp"

namespace itkal {

/// Everything read from one issue's calendar.
struct Extraction {
  std::string source;
  boost::gregorian::date issue_date;
  std::size_t section_heading_line = 0;
  std::vector<Entry> entries;
  std::vector<Warning> warnings;
};

struct ExtractOptions {
  std::optional<boost::gregorian::date> issue_date;  ///< overrides the newsletter's own date
  SectionOptions section;
};

/// A newsletter whose calendar cannot be read: no issue date, no calendar section.
class ExtractionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The issue date a newsletter states near its top ("15. April 2026", "Mittwoch, 15.04.2026"):
/// the first short line that holds a full date with a year; nullopt when none does.
std::optional<boost::gregorian::date> find_issue_date(const NewsletterText& text);

/// Reads the calendar of one issue: issue date, section, entries and warnings. Throws
/// ExtractionError (naming the source) when there is no issue date or no calendar section.
Extraction extract_calendar(const NewsletterText& text, const OrganizerDirectory& directory,
                            const ExtractOptions& options = {});

}  // namespace itkal

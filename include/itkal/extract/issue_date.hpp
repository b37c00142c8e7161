#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "itkal/model/entry.hpp"

namespace itkal {

/// Where an issue's date came from, strongest first: years that entries leave out are taken
/// from it, so the source of a wrong year must be visible.
enum class IssueDateSource { option, masthead, mail_header, file_name };

/// "option", "masthead", "mail_header", "file_name" (the `issue_date_source` of the JSON).
const char* to_string(IssueDateSource source);

/// Parses what to_string writes; nullopt for anything else.
std::optional<IssueDateSource> issue_date_source_from_string(std::string_view text);

/// One piece of evidence for an issue's date.
struct IssueDateEvidence {
  boost::gregorian::date date;
  IssueDateSource source = IssueDateSource::option;
};

/// The issue date chosen from the evidence, and warnings where weaker evidence disagrees.
struct IssueDateChoice {
  IssueDateEvidence chosen;
  std::vector<Warning> warnings;
};

/// Evidence further apart than this is a disagreement worth a warning: a monthly newsletter's
/// masthead, mail and file name may differ by days, never by more than a month.
inline constexpr int kIssueDateDisagreementDays = 31;

/// A date the file name carries as YYYY-MM-DD or YYYYMMDD ("vitako-2026-10-14.eml",
/// "rundbrief_20261014.txt"), not part of a longer number; nullopt when none or not a real day.
std::optional<boost::gregorian::date> find_file_name_date(std::string_view file_name);

/// A day written strictly as YYYY-MM-DD (years 1900-2199), as options and configuration give
/// it; nullopt for anything else ("2026-4-1", "2026-02-30").
std::optional<boost::gregorian::date> parse_iso_day(std::string_view text);

/// Picks the strongest evidence (the order of IssueDateSource) and warns, naming both, about
/// each weaker piece more than kIssueDateDisagreementDays away from it. nullopt when empty.
std::optional<IssueDateChoice> choose_issue_date(const std::vector<IssueDateEvidence>& evidence,
                                                 const std::string& source);

/// True when the entry's text writes `year` ("2027" or ".27"): the year was not inferred.
bool entry_writes_year(const Entry& entry, int year);

/// The warning issue_date_plausibility_warnings gives for one entry, if any.
std::optional<Warning> issue_date_plausibility_warning(const Entry& entry,
                                                       boost::gregorian::date issue_date);

/// Warnings for entries whose dates do not fit the issue date: an occurrence whose inferred year
/// puts it more than 13 months after it (a wrong issue date), or one that ends before issue
/// date − 60 days (an old entry or a mistyped year). The entries stay as they are.
std::vector<Warning> issue_date_plausibility_warnings(const std::vector<Entry>& entries,
                                                      boost::gregorian::date issue_date);

}  // namespace itkal

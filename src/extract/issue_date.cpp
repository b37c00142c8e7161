#include "itkal/extract/issue_date.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <cstdlib>
#include <optional>
#include <utility>

#include "itkal/extract/date_expression_parser.hpp"
#include "itkal/text/iso_date.hpp"

namespace itkal {
namespace {

namespace greg = boost::gregorian;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int digits_value(std::string_view text) {
  int value = 0;
  for (const char c : text) value = value * 10 + (c - '0');
  return value;
}

/// The date written at `pos` as YYYY-MM-DD or YYYYMMDD, with no digit right before or after.
std::optional<greg::date> file_name_date_at(std::string_view name, std::size_t pos) {
  if (pos > 0 && is_digit(name[pos - 1])) return std::nullopt;
  const auto all_digits = [&](std::size_t from, std::size_t count) {
    if (from + count > name.size()) return false;
    for (std::size_t i = from; i < from + count; ++i) {
      if (!is_digit(name[i])) return false;
    }
    return true;
  };
  const auto ends_there = [&](std::size_t end) {
    return end >= name.size() || !is_digit(name[end]);
  };
  if (!all_digits(pos, 4)) return std::nullopt;
  const int year = digits_value(name.substr(pos, 4));
  // Newsletters are dated 1900-2199 (the plausible range extract_calendar accepts).
  if (year < 1900 || year > 2199) return std::nullopt;
  if (pos + 10 <= name.size() && name[pos + 4] == '-' && name[pos + 7] == '-' &&
      all_digits(pos + 5, 2) && all_digits(pos + 8, 2) && ends_there(pos + 10)) {
    return make_date(year, digits_value(name.substr(pos + 5, 2)),
                     digits_value(name.substr(pos + 8, 2)));
  }
  if (all_digits(pos, 8) && ends_there(pos + 8)) {
    return make_date(year, digits_value(name.substr(pos + 4, 2)),
                     digits_value(name.substr(pos + 6, 2)));
  }
  return std::nullopt;
}

/// How a message names a kind of evidence.
std::string describe(IssueDateSource source) {
  switch (source) {
    case IssueDateSource::option:
      return "--issue-date";
    case IssueDateSource::masthead:
      return "the masthead";
    case IssueDateSource::mail_header:
      return "the mail's Date: header";
    case IssueDateSource::file_name:
      return "the file name";
  }
  return "";
}

}  // namespace

const char* to_string(IssueDateSource source) {
  switch (source) {
    case IssueDateSource::option:
      return "option";
    case IssueDateSource::masthead:
      return "masthead";
    case IssueDateSource::mail_header:
      return "mail_header";
    case IssueDateSource::file_name:
      return "file_name";
  }
  return "";
}

std::optional<IssueDateSource> issue_date_source_from_string(std::string_view text) {
  for (const auto source : {IssueDateSource::option, IssueDateSource::masthead,
                            IssueDateSource::mail_header, IssueDateSource::file_name}) {
    if (text == to_string(source)) return source;
  }
  return std::nullopt;
}

std::optional<greg::date> find_file_name_date(std::string_view file_name) {
  // Only the name itself: a folder such as "2026-archiv/" says nothing about the issue.
  if (const auto slash = file_name.rfind('/'); slash != std::string_view::npos) {
    file_name.remove_prefix(slash + 1);
  }
  for (std::size_t pos = 0; pos < file_name.size(); ++pos) {
    if (auto date = file_name_date_at(file_name, pos)) return date;
  }
  return std::nullopt;
}

std::optional<greg::date> parse_iso_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-') return std::nullopt;
  return file_name_date_at(text, 0);
}

std::optional<IssueDateChoice> choose_issue_date(const std::vector<IssueDateEvidence>& evidence,
                                                 const std::string& source) {
  if (evidence.empty()) return std::nullopt;
  IssueDateChoice choice{evidence.front(), {}};
  for (const auto& candidate : evidence) {
    if (candidate.source < choice.chosen.source) choice.chosen = candidate;
  }
  for (const auto& other : evidence) {
    const long apart = std::labs((other.date - choice.chosen.date).days());
    if (apart <= kIssueDateDisagreementDays) continue;
    choice.warnings.push_back(
        {0, "",
         "'" + source + "': issue date " + iso_date(choice.chosen.date) + " from " +
             describe(choice.chosen.source) + " and " + iso_date(other.date) + " from " +
             describe(other.source) + " are " + std::to_string(apart) + " days apart; " +
             iso_date(choice.chosen.date) + " is used (pass --issue-date when it is wrong)"});
  }
  return choice;
}

bool entry_writes_year(const Entry& entry, int year) {
  const std::string digits = std::to_string(year);
  return entry.text.find(digits) != std::string::npos ||
         entry.text.find("." + digits.substr(digits.size() - 2)) != std::string::npos;
}

namespace {

/// The dates an entry of an issue of `issue_date` plausibly falls between.
struct PlausibleDates {
  greg::date earliest;
  greg::date latest;
};

/// Asked for every entry, nearly always of one issue date: the month arithmetic costs more than
/// the check, so the last answer is kept (per thread: the calendar is read in parts).
PlausibleDates plausible_dates(greg::date issue_date) {
  thread_local std::optional<std::pair<greg::date, PlausibleDates>> last;
  if (!last || last->first != issue_date) {
    last.emplace(issue_date, PlausibleDates{.earliest = issue_date - greg::days(60),
                                            .latest = issue_date + greg::months(13)});
  }
  return last->second;
}

}  // namespace

std::optional<Warning> issue_date_plausibility_warning(const Entry& entry, greg::date issue_date) {
  const auto [earliest, latest] = plausible_dates(issue_date);
  for (const Occurrence& occurrence : entry.occurrences) {
    std::string why;
    if (occurrence.start_date > latest && !entry_writes_year(entry, occurrence.start_date.year())) {
      why = iso_date(occurrence.start_date) + " is more than 13 months after the issue date " +
            iso_date(issue_date) + "; check the year and the issue date";
    } else if (occurrence.end_date < earliest) {
      why = iso_date(occurrence.end_date) + " is more than 60 days before the issue date " +
            iso_date(issue_date) + "; check the year and the issue date";
    }
    // One warning per entry is enough to make someone look.
    if (!why.empty()) return Warning{entry.line, entry.text, why};
  }
  return std::nullopt;
}

std::vector<Warning> issue_date_plausibility_warnings(const std::vector<Entry>& entries,
                                                      greg::date issue_date) {
  std::vector<Warning> warnings;
  for (const Entry& entry : entries) {
    if (auto warning = issue_date_plausibility_warning(entry, issue_date)) {
      warnings.push_back(std::move(*warning));
    }
  }
  return warnings;
}

}  // namespace itkal

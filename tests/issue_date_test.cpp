// Where an issue's date comes from (option, masthead, mail Date:, file name) and what the
// entries' years become with it: every case asserts the resulting occurrences.
#include "itkal/extract/issue_date.hpp"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/formats/extraction_json.hpp"
#include "itkal/read/newsletter_reader.hpp"
#include "itkal/text/iso_date.hpp"

namespace itkal {
namespace {

namespace greg = boost::gregorian;

struct IssueCase {
  const char* name;  ///< what the case shows
  const char* file_name;
  std::string bytes;
  std::optional<greg::date> option = std::nullopt;
  greg::date issue_date;
  IssueDateSource source;
  std::vector<std::string> starts;         ///< every occurrence's start day, in entry order
  std::vector<std::string> warnings = {};  ///< a text each warning must contain, in order
};

/// A mail sent on 14 October 2026 whose calendar starts at the top with a full date.
const char* const kMailWithCalendarAtTop =
    "From: Rundbrief <rundbrief@example.org>\n"
    "Date: Wed, 14 Oct 2026 09:00:00 +0200\n"
    "Subject: Rundbrief Oktober\n"
    "Content-Type: text/plain; charset=utf-8\n\n"
    "Termine\n\n"
    "12.03.2027, Bonn: **Frühjahrstagung**\n\n"
    "5.11.: **Herbstforum**\n\n"
    "13.1.: **Neujahrsempfang**\n";

/// The same calendar forwarded on 2 December: the newsletter's own Date: counts.
const char* const kForwardedMail =
    "From: kollege@example.org\n"
    "Date: Wed, 2 Dec 2026 08:00:00 +0100\n"
    "Subject: Fwd: Rundbrief Oktober\n"
    "Content-Type: multipart/mixed; boundary=fwd\n\n"
    "--fwd\nContent-Type: text/plain\n\nzur Info\n"
    "--fwd\nContent-Type: message/rfc822\n\n"
    "From: Rundbrief <rundbrief@example.org>\n"
    "Date: Wed, 14 Oct 2026 09:00:00 +0200\n"
    "Content-Type: text/plain; charset=utf-8\n\n"
    "Termine\n\n"
    "12.03.2027, Bonn: **Frühjahrstagung**\n\n"
    "5.11.: **Herbstforum**\n"
    "--fwd--\n";

/// A text file without a masthead whose calendar starts at the top with full dates.
const char* const kTextWithCalendarAtTop =
    "Termine\n\n"
    "12.03.2027, Bonn: **Frühjahrstagung**\n\n"
    "5.11.: **Herbstforum**\n\n"
    "20.11.2026: **Fachtag**\n";

const IssueCase kCases[] = {
    {.name = "mail: calendar at the top, the Date: header dates it",
     .file_name = "rundbrief.eml",
     .bytes = kMailWithCalendarAtTop,
     .issue_date = greg::date(2026, 10, 14),
     .source = IssueDateSource::mail_header,
     .starts = {"2027-03-12", "2026-11-05", "2027-01-13"}},
    {.name = "forwarded mail: the forwarded newsletter's Date:, not the forward's",
     .file_name = "fwd.eml",
     .bytes = kForwardedMail,
     .issue_date = greg::date(2026, 10, 14),
     .source = IssueDateSource::mail_header,
     .starts = {"2027-03-12", "2026-11-05"}},
    {.name = "text: calendar at the top, the file name dates it (YYYY-MM-DD)",
     .file_name = "rundbrief-2026-10-14.txt",
     .bytes = kTextWithCalendarAtTop,
     .issue_date = greg::date(2026, 10, 14),
     .source = IssueDateSource::file_name,
     .starts = {"2027-03-12", "2026-11-05", "2026-11-20"}},
    {.name = "text: the file name dates it (YYYYMMDD)",
     .file_name = "rundbrief_20261014.txt",
     .bytes = kTextWithCalendarAtTop,
     .issue_date = greg::date(2026, 10, 14),
     .source = IssueDateSource::file_name,
     .starts = {"2027-03-12", "2026-11-05", "2026-11-20"}},
    {.name = "the option beats the file name (no warning: 10 days apart)",
     .file_name = "rundbrief-2026-10-14.txt",
     .bytes = kTextWithCalendarAtTop,
     .option = greg::date(2026, 10, 4),
     .issue_date = greg::date(2026, 10, 4),
     .source = IssueDateSource::option,
     .starts = {"2027-03-12", "2026-11-05", "2026-11-20"}},
    {.name = "masthead before the calendar beats the mail header",
     .file_name = "rundbrief.eml",
     .bytes = "From: a@example.org\nDate: Thu, 15 Oct 2026 07:00:00 +0200\n\n"
              "Rundbrief\n\n14. Oktober 2026\n\nTermine\n\n5.11.: **Herbstforum**\n",
     .issue_date = greg::date(2026, 10, 14),
     .source = IssueDateSource::masthead,
     .starts = {"2026-11-05"}},
    {.name = "disagreeing evidence: the masthead wins, a warning names both",
     .file_name = "rundbrief-2026-10-14.txt",
     // 13.1. comes first: below 5.11. a plan's order would read it as next year's
     // (follow_year_of_plan), and the year would no longer tell which date won.
     .bytes = "Rundbrief\n\n1. Februar 2026\n\nTermine\n\n13.1.: **Neujahrsempfang**\n\n"
              "5.11.: **Herbstforum**\n",
     .issue_date = greg::date(2026, 2, 1),
     .source = IssueDateSource::masthead,
     .starts = {"2026-01-13", "2026-11-05"},
     .warnings = {"issue date 2026-02-01 from the masthead and 2026-10-14 from the file name "
                  "are 255 days apart; 2026-02-01 is used"}},
    {.name = "disagreeing evidence: the mail header beats the file name",
     .file_name = "rundbrief-2027-03-12.eml",
     .bytes = kMailWithCalendarAtTop,
     .issue_date = greg::date(2026, 10, 14),
     .source = IssueDateSource::mail_header,
     .starts = {"2027-03-12", "2026-11-05", "2027-01-13"},
     .warnings = {"2026-10-14 from the mail's Date: header and 2027-03-12 from the file name"}},
    {.name = "plausibility: a dated entry long before the issue date is a warning; a written "
             "later year is not",
     .file_name = "rundbrief.txt",
     .bytes = "15. April 2026\n\nTermine\n\n20.4.: **Workshop**\n\n"
              "12.03.2025: **Altlast**\n\n1.6.2027: **Kongress**\n",
     .issue_date = greg::date(2026, 4, 15),
     .source = IssueDateSource::masthead,
     .starts = {"2026-04-20", "2025-03-12", "2027-06-01"},
     .warnings = {"2025-03-12 is more than 60 days before the issue date 2026-04-15"}},
};

std::string starts_of(const Extraction& extraction) {
  std::string text;
  for (const auto& entry : extraction.entries) {
    for (const auto& occurrence : entry.occurrences) text += iso_date(occurrence.start_date) + " ";
  }
  return text;
}

TEST(IssueDate, EvidenceDecidesTheYearsOfTheEntries) {
  for (const IssueCase& c : kCases) {
    SCOPED_TRACE(c.name);
    ExtractOptions options;
    options.issue_date = c.option;
    const Extraction extraction =
        extract_calendar(read_newsletter(c.file_name, c.bytes), OrganizerDirectory(), options);
    EXPECT_EQ(extraction.issue_date, c.issue_date);
    EXPECT_EQ(extraction.issue_date_source, c.source);
    std::string expected;
    for (const auto& start : c.starts) expected += start + " ";
    EXPECT_EQ(starts_of(extraction), expected);
    ASSERT_EQ(extraction.warnings.size(), c.warnings.size()) << extraction_to_json(extraction);
    for (std::size_t i = 0; i < c.warnings.size(); ++i) {
      EXPECT_NE(extraction.warnings[i].message.find(c.warnings[i]), std::string::npos)
          << extraction.warnings[i].message;
    }
  }
}

TEST(IssueDate, ADateInsideTheCalendarIsNeverTheIssueDate) {
  // No masthead, no header, no date in the name: the calendar's first date must not stand in.
  try {
    extract_calendar(read_newsletter("rundbrief.txt", kTextWithCalendarAtTop),
                     OrganizerDirectory());
    FAIL() << "no error";
  } catch (const ExtractionError& error) {
    EXPECT_NE(std::string(error.what()).find("pass --issue-date YYYY-MM-DD"), std::string::npos)
        << error.what();
  }
  EXPECT_EQ(find_issue_date(read_newsletter("r.txt", kTextWithCalendarAtTop), 1), std::nullopt);
}

struct FileNameCase {
  const char* name;
  std::optional<greg::date> date;
};

const FileNameCase kFileNames[] = {
    {"vitako-aktuell-2026-04-15.txt", greg::date(2026, 4, 15)},
    {"rundbrief_20261014.eml", greg::date(2026, 10, 14)},
    {"2026-10-14", greg::date(2026, 10, 14)},
    {"archiv/2026-10-14/rundbrief.txt", std::nullopt},  // folders say nothing
    {"nr-120261014.txt", std::nullopt},                 // part of a longer number
    {"rundbrief-2026-02-30.txt", std::nullopt},         // no such day
    {"rundbrief-2026-10.txt", std::nullopt},
    {"rundbrief-1850-10-14.txt", std::nullopt},
    {"ausgabe-7-2026-10-14x.txt", greg::date(2026, 10, 14)},
};

TEST(IssueDate, FileNameDates) {
  for (const auto& c : kFileNames) {
    EXPECT_EQ(find_file_name_date(c.name), c.date) << c.name;
  }
}

TEST(IssueDate, SourceNamesRoundTrip) {
  for (const auto source : {IssueDateSource::option, IssueDateSource::masthead,
                            IssueDateSource::mail_header, IssueDateSource::file_name}) {
    EXPECT_EQ(issue_date_source_from_string(to_string(source)), source);
  }
  EXPECT_EQ(issue_date_source_from_string("guess"), std::nullopt);
  EXPECT_EQ(parse_iso_day("2026-10-14"), greg::date(2026, 10, 14));
  EXPECT_EQ(parse_iso_day("20261014"), std::nullopt);
  EXPECT_EQ(parse_iso_day("2026-10-14 "), std::nullopt);
}

}  // namespace
}  // namespace itkal

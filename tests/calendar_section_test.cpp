// Finding the calendar in a newsletter and splitting it into entries.
#include "itkal/extract/calendar_section.hpp"

#include <gtest/gtest.h>

#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/formats/extraction_json.hpp"
#include "itkal/read/newsletter_reader.hpp"
#include "support/entry_expectation.hpp"

namespace itkal {
namespace {

Extraction extract(const std::string& text) {
  static const OrganizerDirectory directory(std::vector<Organizer>{{"KDO", {}}, {"VITAKO", {}}});
  return extract_calendar(read_text_newsletter("test.txt", text), directory);
}

TEST(CalendarSection, FindsTheHeadingAndStopsAtTheFooter) {
  const Extraction extraction = extract(
      "15. April 2026\n\nIm IT-Kalender stehen die Termine.\n\nIT-Kalender\n\n"
      "20.4.: **Workshop**, KDO\n\n21.4.: **Tagung**\n\nVITAKO-Stellenmarkt\n\n22.4.: Stelle\n");
  EXPECT_EQ(extraction.section_heading_line, 5u);
  ASSERT_EQ(extraction.entries.size(), 2u);
  EXPECT_EQ(extraction.entries[1].title, "Tagung");
}

TEST(CalendarSection, JoinsWrappedEntriesAndKeepsNotesWithTheirEntry) {
  const Extraction extraction = extract(
      "15. April 2026\n\nTermine\n\n20.4.: **Workshop**, Freie Hansestadt Bremen,\n\nVITAKO\n\n"
      "12.5.: **Wie werden Kommunen gemeinsam**\n\nsouverän?, KDO\n\n"
      "26.6.: Management Kommunen, KDO\n(verschoben vom 25.6.)\n\nImpressum\n");
  ASSERT_EQ(extraction.entries.size(), 3u);
  EXPECT_EQ(extraction.entries[0].organizers.back(), "VITAKO");
  EXPECT_EQ(extraction.entries[1].title, "Wie werden Kommunen gemeinsam souverän?");
  ASSERT_EQ(extraction.entries[2].details.size(), 1u);
  EXPECT_EQ(extraction.entries[2].details[0], "verschoben vom 25.6.");
}

TEST(CalendarSection, ReadsTitleFirstLinesTableRowsAndMonthSubheadings) {
  const Extraction extraction = extract(
      "1. September 2026\n\nTermine\n\nSeptember 2026\n\nElternabend Klasse 5 17.09.2026, 19 Uhr\n"
      "| 24.09.2026 | 18:00 | Schulkonferenz | Aula |\n\nOktober 2026\n\n"
      "Herbstferien 12.10.2026 - 23.10.2026\n\nImpressum\n");
  ASSERT_EQ(extraction.entries.size(), 3u) << extraction_to_json(extraction);
  EXPECT_EQ(extraction.entries[0].title, "Elternabend Klasse 5");
  EXPECT_EQ(extraction.entries[1].title, "Schulkonferenz");
  EXPECT_EQ(extraction.entries[1].location.value_or(""), "Aula");
  EXPECT_EQ(extraction.entries[2].occurrences.front().end_date,
            boost::gregorian::date(2026, 10, 23));
  EXPECT_TRUE(extraction.warnings.empty());
}

TEST(CalendarSection, WarningsNameTheLineAndKeepTheRest) {
  const Extraction extraction =
      extract("15. April 2026\n\nTermine\n\n31.4.: Unmöglich\n\n20.5.: Möglich\n");
  ASSERT_EQ(extraction.entries.size(), 1u);
  ASSERT_EQ(extraction.warnings.size(), 1u);
  EXPECT_EQ(extraction.warnings[0].line, 5u);
  EXPECT_EQ(extraction.warnings[0].text, "31.4.: Unmöglich");
  EXPECT_NE(extraction.warnings[0].message.find("31.4."), std::string::npos);
}

TEST(CalendarSection, NoCalendarIsAClearError) {
  try {
    extract("15. April 2026\n\nNur Meldungen, keine Termine hier.\n");
    FAIL();
  } catch (const ExtractionError& error) {
    EXPECT_NE(std::string(error.what()).find("no calendar section in 'test.txt'"),
              std::string::npos);
  }
}

/// Whole documents without a calendar heading: the text, and how many entries it holds (0: the
/// text is no calendar, which is an error).
struct HeadlessCase {
  const char* text;
  std::size_t entries;
  std::size_t section_heading_line;
};

TEST(CalendarSection, ADocumentThatIsACalendarNeedsNoHeading) {
  const HeadlessCase cases[] = {
      // a school-year plan: three dated, titled lines are a calendar
      {.text = "Schuljahr 2026/27\n\n15.09.2026 Elternabend\n\n12.10.2026 - 23.10.2026 "
               "Herbstferien\n\n18.11.2026 Buß- und Bettag\n",
       .entries = 3,
       .section_heading_line = 0},
      // a letter that names two dates is no calendar: its prose is read (prose_calendar_test)
      {.text = "Liebe Eltern,\n\n15.09.2026 Elternabend\n\n12.10.2026 Herbstferien\n",
       .entries = 2,
       .section_heading_line = 0},
      // a date line without a title is no entry (the issue date, a day heading)
      {.text = "15. April 2026\n\n20.4. Workshop\n\n21.4. Tagung\n",
       .entries = 2,
       .section_heading_line = 0},
      // the new headings: holiday plans, programmes
      {.text = "Ferientermine 2026/27\n\nHerbstferien: 12.10.2026-23.10.2026\n",
       .entries = 1,
       .section_heading_line = 1},
      {.text = "Veranstaltungsprogramm\n\n20.08.2026 - Swing & Jazz\n",
       .entries = 1,
       .section_heading_line = 1},
      // a school's plan of dates opens with its first, title-first entry (issue 16)
      {.text = "Terminplanung Schuljahr 2026/2027\n1. Ausgabe der Halbjahreszeugnisse Freitag "
               "29.01.2027\n3. Ferientermine\nHerbstferien Mo, 12.10.2026 bis Fr, 23.10.2026\n",
       .entries = 2,
       .section_heading_line = 1},
      {.text = "Terminübersicht Schuljahr 2026/27\nElternabend Dienstag, 15.09.2026\n",
       .entries = 1,
       .section_heading_line = 1},
      // "Herbstferien:" labels the untitled date below it, under another labelled date: a list
      // of labelled dates with no heading, read from its first label (issue 16)
      {.text = "Schuljahresbeginn:\nMontag, 14. September 2026\n\nHerbstferien:\nMontag, 12. "
               "Oktober 2026 bis\nFreitag, 23. Oktober 2026\n",
       .entries = 2,
       .section_heading_line = 0},
      // a heading above an untitled day heading with nothing labelled above it stays the heading
      {.text = "Liebe Eltern,\n\nTermine:\nMontag, 14. September 2026\n19 Uhr Elternabend\n",
       .entries = 1,
       .section_heading_line = 3},
  };
  for (const HeadlessCase& c : cases) {
    SCOPED_TRACE(c.text);
    const auto read = [&] {
      return extract_calendar(read_text_newsletter("test.txt", std::string("Ausgabe vom "
                                                                           "1. September 2026\n") +
                                                                   c.text),
                              OrganizerDirectory(std::vector<Organizer>{}));
    };
    if (c.entries == 0) {
      EXPECT_THROW(read(), ExtractionError);
      continue;
    }
    const Extraction extraction = read();
    EXPECT_EQ(extraction.entries.size(), c.entries);
    EXPECT_EQ(extraction.section_heading_line,
              c.section_heading_line == 0 ? 0u : c.section_heading_line + 1);
  }
}

TEST(CalendarSection, IssueDateFromTheNewsletterOrAnError) {
  EXPECT_EQ(extract("Ausgabe vom Mittwoch, 15.04.2026\n\nTermine\n\n20.4.: A\n").issue_date,
            boost::gregorian::date(2026, 4, 15));
  EXPECT_THROW(extract("Termine\n\n20.4.: A\n"), ExtractionError);
  // Boost's calendar ends at 1400 and 9999: such issue dates are refused, not a crash.
  EXPECT_THROW(extract("1. Januar 1400\n\nTermine\n\n2.1.: A\n"), ExtractionError);
}

}  // namespace
}  // namespace itkal

namespace itkal {
namespace {

TEST(CalendarSection, HtmlTableRowsKeepTheirColumns) {
  static const OrganizerDirectory directory;
  const std::string html =
      "<html><body><p>1. Mai 2026</p><h2>Veranstaltungen</h2><table>"
      "<tr><th>Datum</th><th>Zeit</th><th>Veranstaltung</th><th>Ort</th></tr>"
      "<tr><td>Di., 12.05.2026</td><td>18:00 Uhr</td><td>Ratssitzung</td><td>Rathaus</td></tr>"
      "<tr><td>20.05.2026</td><td>10-12 Uhr</td><td><b>Bürgersprechstunde</b></td>"
      "<td>Bürgerhaus</td></tr></table><h2>Impressum</h2></body></html>";
  const Extraction extraction = extract_calendar(read_newsletter("t.html", html), directory);
  ASSERT_EQ(extraction.entries.size(), 2u) << extraction_to_json(extraction);
  EXPECT_EQ(extraction.entries[0].title, "Ratssitzung");
  EXPECT_EQ(extraction.entries[0].location.value_or(""), "Rathaus");
  EXPECT_EQ(extraction.entries[0].occurrences[0].start_time->to_string(), "18:00");
  EXPECT_EQ(extraction.entries[1].title, "Bürgersprechstunde");
  EXPECT_EQ(extraction.entries[1].location.value_or(""), "Bürgerhaus");
}

}  // namespace
}  // namespace itkal

namespace itkal {
namespace {

TEST(CalendarSection, DateHeadingsTakeTheLinesBelowAsTheirCells) {
  static const OrganizerDirectory directory;
  const std::string text =
      "Stadtnachrichten, 1. März 2026\n\nVeranstaltungen\n\n"
      "Donnerstag, 12. März 2026\n18:00 Uhr Bürgerversammlung zum Haushalt\nRathaus, Großer "
      "Saal\n\n"
      "So., 15.03.2026, 11 Uhr\nKonzert des Musikvereins\nStadthalle\n\n"
      "20.3.: Bürgersprechstunde\n\nImpressum\n";
  const Extraction extraction = extract_calendar(read_text_newsletter("t.txt", text), directory);
  ASSERT_EQ(extraction.entries.size(), 3u) << extraction_to_json(extraction);
  EXPECT_EQ(extraction.entries[0].title, "Bürgerversammlung zum Haushalt");
  EXPECT_EQ(extraction.entries[0].location.value_or(""), "Rathaus, Großer Saal");
  EXPECT_EQ(extraction.entries[0].occurrences[0].start_time->to_string(), "18:00");
  EXPECT_EQ(extraction.entries[1].title, "Konzert des Musikvereins");
  EXPECT_EQ(extraction.entries[1].location.value_or(""), "Stadthalle");
  EXPECT_EQ(extraction.entries[2].title, "Bürgersprechstunde");
}

TEST(CalendarSection, AnUnreadableEntryDoesNotEndTheCalendar) {
  static const OrganizerDirectory directory;
  const std::string text =
      "1. März 2026\n\nTermine\n\nMittwoch, 12. März 2026\nBürgerversammlung\nRathaus\n\n"
      "Sa., 14.03.2026: Frühjahrsputz\n\nImpressum\n";
  const Extraction extraction = extract_calendar(read_text_newsletter("t.txt", text), directory);
  ASSERT_EQ(extraction.warnings.size(), 1u);  // 12 March 2026 is a Thursday
  EXPECT_EQ(extraction.warnings[0].line, 5u);
  ASSERT_EQ(extraction.entries.size(), 1u);
  EXPECT_EQ(extraction.entries[0].title, "Frühjahrsputz");
}

}  // namespace
}  // namespace itkal

namespace itkal {
namespace {

/// A calendar, and the occurrences of its first entry as entry_expectation describes them.
struct WrappedTimeCase {
  const char* calendar;
  const char* occurrences;
};

TEST(CalendarSection, ATimeSplitAcrossALineBreakIsOneTime) {
  static const OrganizerDirectory directory;
  const WrappedTimeCase cases[] = {
      {.calendar = "12.6., 14.30 -\n16.00 Uhr: Elterncafé\n\n13.6.: Sommerfest\n",
       .occurrences = "2026-06-12 14:30-16:00"},
      {.calendar = "12.6., 14.30 bis\n16.00 Uhr: Elterncafé\n\n13.6.: Sommerfest\n",
       .occurrences = "2026-06-12 14:30-16:00"},
      {.calendar = "12.6. Elterncafé von 14.30 bis\n16.00 Uhr im Gemeindehaus\n\n13.6.: Fest\n",
       .occurrences = "2026-06-12 14:30-16:00"},
      {.calendar = "12.6. Elterncafé ab 14.30\nUhr im Gemeindehaus\n\n13.6.: Sommerfest\n",
       .occurrences = "2026-06-12 14:30"},
      {.calendar = "12.6. Elterncafé ab 14.30\nUhr im Gemeindehaus\n\nImpressum\n",
       .occurrences = "2026-06-12 14:30"},
      // the range's end on a line of its own, after a blank line (a plan's column layout)
      {.calendar = "02.11.2026 Gesamtkonferenz 13.30\n\n      -15.30Uhr)\n\nImpressum\n",
       .occurrences = "2026-11-02 13:30-15:30"},
      {.calendar = "2.11. Gesamtkonferenz 13:30\n– 15:30 Uhr im Lehrerzimmer\n",
       .occurrences = "2026-11-02 13:30-15:30"},
  };
  for (const WrappedTimeCase& c : cases) {
    SCOPED_TRACE(c.calendar);
    const Extraction extraction = extract_calendar(
        read_text_newsletter("t.txt", std::string("1. Juni 2026\n\nTermine\n\n") + c.calendar),
        directory);
    ASSERT_FALSE(extraction.entries.empty()) << extraction_to_json(extraction);
    EXPECT_EQ(testing::describe_occurrences(extraction.entries[0]), c.occurrences)
        << extraction_to_json(extraction);
    EXPECT_TRUE(extraction.warnings.empty()) << extraction_to_json(extraction);
  }
}

}  // namespace
}  // namespace itkal

namespace itkal {
namespace {

/// A calendar line whose date the grammar refuses, between two good entries.
struct RefusedDateCase {
  const char* issue;  ///< the issue's date, as the masthead writes it
  const char* line;
  std::size_t warning_line;
};

// A title-first line whose date is refused (a weekday or named day that contradicts it) is a
// warning of its own: it used to be glued to the entry before it as more of its title.
TEST(CalendarSection, ATitleFirstLineWithARefusedDateIsAWarningNotMoreOfTheEntryBefore) {
  static const OrganizerDirectory directory;
  const RefusedDateCase cases[] = {
      {.issue = "10. Januar 2027",
       .line = "Mühlentag am Pfingstmontag, 25. Mai",
       .warning_line = 7},
      {.issue = "10. Januar 2026", .line = "Mühlentag am Montag, 26. Mai", .warning_line = 7},
      {.issue = "10. Januar 2026",
       .line = "Sommerfest am Dienstag, 13. Juni 2026",
       .warning_line = 7},
  };
  for (const RefusedDateCase& c : cases) {
    SCOPED_TRACE(c.line);
    const std::string text = std::string(c.issue) +
                             "\n\nTermine\n\n10.5., Berlin: **Erstes Fest**\n\n" + c.line +
                             "\n\n12.6., Mainz: **Zweites Fest**\n";
    const Extraction extraction = extract_calendar(read_text_newsletter("t.txt", text), directory);
    ASSERT_EQ(extraction.entries.size(), 2u) << extraction_to_json(extraction);
    EXPECT_EQ(extraction.entries[0].title, "Erstes Fest");
    EXPECT_EQ(extraction.entries[1].title, "Zweites Fest");
    ASSERT_EQ(extraction.warnings.size(), 1u) << extraction_to_json(extraction);
    EXPECT_EQ(extraction.warnings[0].line, c.warning_line);
  }
}

}  // namespace
}  // namespace itkal

namespace itkal {
namespace {

/// Lines of a calendar after its heading, and the entries read from them as "title = dates".
/// "Title = 2025-08-02..2025-08-24" for each entry read.
std::vector<std::string> titles_and_dates(const Extraction& extraction) {
  std::vector<std::string> entries;
  for (const Entry& entry : extraction.entries) {
    entries.push_back(entry.title + " = " + testing::describe_occurrences(entry));
  }
  return entries;
}

struct LabelLineCase {
  const char* lines;
  std::vector<std::string> entries;
};

// A line ending in a colon between a finished entry and a line that holds one labels the
// entries below, and a line with a note in parentheses before its date is an entry of its own;
// neither is glued to the entry above any more (issue 16).
TEST(CalendarSection, AColonLineOrANoteBeforeADateIsNoMoreOfTheEntryAbove) {
  static const OrganizerDirectory directory;
  const LabelLineCase cases[] = {
      {.lines = "Beweglicher Ferientag: Freitag, 04.06.2021\n"
                "Schriftliche Prüfungen zum Hauptschulabschluss:\n"
                "Deutsch Freitag, 14.05.2021\nMathematik Montag, 17.05.2021\n",
       .entries = {"Beweglicher Ferientag = 2021-06-04", "Deutsch = 2021-05-14",
                   "Mathematik = 2021-05-17"}},
      // a note in parentheses before a line's own date opens an entry: "(" no longer glues it
      // to the one above
      {.lines = "04.06.2021 Sommerfest\n(auch samstags)12.06.-13.06.2021\n"
                "(Der Unterricht endet nach der 3. Stunde.)- 30.06.2021\n",
       .entries = {"Sommerfest = 2021-06-04", "auch samstags = 2021-06-12..2021-06-13",
                   "Der Unterricht endet nach der 3. Stunde = 2021-06-30"}},
      // an unfinished entry still goes on over the colon line
      {.lines = "04.06.2021 Sommerfest,\nAnmeldung bei:\nDeutsch Freitag, 14.05.2021\n",
       .entries = {"Sommerfest, Anmeldung bei: Deutsch Freitag, 14.05.2021 = 2021-06-04"}},
      // a range split over two lines after its "bis" is one entry, titled by the label above
      {.lines = "04.06.2021 Sommerfest\n\nHerbstferien:\nSonntag, 28. September 2025 bis\n"
                "Sonntag, 19. Oktober 2025\n\nWeihnachtsferien:\nSonntag, 21. Dezember 2025 bis\n"
                "Sonntag, 4. Januar 2026\n",
       .entries = {"Sommerfest = 2021-06-04", "Herbstferien = 2025-09-28..2025-10-19",
                   "Weihnachtsferien = 2025-12-21..2026-01-04"}},
      // a date line with a title of its own keeps it under a label
      {.lines = "04.06.2021 Sommerfest\n\nzusätzlicher freier Tag:\n"
                "Freitag, 15. Mai 2026 (nach Auffahrt)\n",
       .entries = {"Sommerfest = 2021-06-04", "nach Auffahrt = 2026-05-15"}},
      // after a blank line, a date line is an entry of its own, not the end of a range
      {.lines = "Sommerfest 04.06.2021 bis\n\n05.07.2021 Schulfest\n",
       .entries = {"Sommerfest = 2021-06-04", "Schulfest = 2021-07-05"}},
  };
  for (const LabelLineCase& c : cases) {
    SCOPED_TRACE(c.lines);
    const std::string text = std::string("1. Oktober 2020\n\nTermine\n\n") + c.lines;
    const Extraction extraction = extract_calendar(read_text_newsletter("t.txt", text), directory);
    EXPECT_EQ(titles_and_dates(extraction), c.entries) << extraction_to_json(extraction);
  }
}

// A line that names only a year ("2026", "Jahrestermine 2026:") or a school year ("Kita-Jahr
// 2025/26") gives its year to the dates below it that write none, up to the next such line, and
// ends the entry above it; the issue date (here 1 July 2025) no longer decides (issue 16).
TEST(CalendarSection, AYearHeadingGivesItsYearToTheDatesBelowIt) {
  static const OrganizerDirectory directory;
  const LabelLineCase cases[] = {
      {.lines = "2025\n\n2. August – 24. August Sommerferien\n\n24.12.-02.01.26 Weihnachtsferien\n"
                "\n2026\n\n27.-30. Mai Waldwoche\n\n17. Juli Ausflug\n",
       .entries = {"Sommerferien = 2025-08-02..2025-08-24",
                   "Weihnachtsferien = 2025-12-24..2026-01-02",
                   "Waldwoche = 2026-05-27..2026-05-30", "Ausflug = 2026-07-17"}},
      // no blank line: the year is no more of the title above it
      {.lines = "12. Dezember Weihnachtsfeier\n2026\n17. Juli Ausflug\n",
       .entries = {"Weihnachtsfeier = 2025-12-12", "Ausflug = 2026-07-17"}},
      {.lines = "Jahrestermine 2026:\n17. Juli Ausflug\n", .entries = {"Ausflug = 2026-07-17"}},
      // a school or Kita year: August to December in its first year, January to July in its second
      {.lines = "Kita-Jahr 2025/26\n\n12. September Kennenlernfest\n\n17. Juli Abschiedsfest\n",
       .entries = {"Kennenlernfest = 2025-09-12", "Abschiedsfest = 2026-07-17"}},
      // a written year stays as written
      {.lines = "2026\n\n17.07.2025 Ausflug\n", .entries = {"Ausflug = 2025-07-17"}},
      // no year heading: a status line, a year in a sentence, a year pair that is no school year
      {.lines = "Stand: 2026\n\n17. Juli Ausflug\n", .entries = {"Ausflug = 2025-07-17"}},
      {.lines = "Unser Programm für das Jahr 2026\n\n17. Juli Ausflug\n",
       .entries = {"Ausflug = 2025-07-17"}},
      {.lines = "Schuljahr 2026/29\n\n17. Juli Ausflug\n", .entries = {"Ausflug = 2025-07-17"}},
      // a run of digits longer than a year is none, however long (issue 16)
      {.lines = "Tel 0383485364473\n\n17. Juli Ausflug\n", .entries = {"Ausflug = 2025-07-17"}},
      {.lines = "Schuljahr 2026/2999999999999\n\n17. Juli Ausflug\n",
       .entries = {"Ausflug = 2025-07-17"}},
      // a month with its year heads that month's dates: "07.08." under "August 2026" is in
      // 2026, although 7 August 2025 lies near the issue date
      {.lines = "August 2026\nFr., 07.08. Sommerfest\nMo., 10.08. bis Fr., 28.08. Sommerferien\n",
       .entries = {"Sommerfest = 2026-08-07", "Sommerferien = 2026-08-10..2026-08-28"}},
  };
  for (const LabelLineCase& c : cases) {
    SCOPED_TRACE(c.lines);
    const std::string text = std::string("1. Juli 2025\n\nTermine\n\n") + c.lines;
    const Extraction extraction = extract_calendar(read_text_newsletter("t.txt", text), directory);
    EXPECT_EQ(titles_and_dates(extraction), c.entries) << extraction_to_json(extraction);
  }
}

// A flattened table of services: a date line titled by its feast ("4. Advent") or by nothing,
// with rows below it that begin with a time, is the day heading of those rows (issue 16).
TEST(CalendarSection, AFeastDayLineHeadsTheTimedRowsBelowIt) {
  static const OrganizerDirectory directory;
  const LabelLineCase cases[] = {
      {.lines = "| Samstag, 23. Dezember 2023 | ||\n| 15.00 Uhr | Kirche Fischersdorf, | Pastorin "
                "Winter |\n| Gottesdienst mit Krippenspiel; | |\n| 17.00 Uhr | Kirche Reschwitz, | "
                "Pastorin Winter |\n| Weihnachtlicher Gottesdienst; | |\n| Sonntag, 24. Dezember "
                "2023, 4. Advent / Heiligabend | ||\n| 13.30 Uhr | Kirche Breternitz, | Pastorin "
                "Winter |\n| Christvesper; | |\n| 15.00 Uhr | Kirche Obernitz, | Pastorin Winter "
                "|\n| Christvesper; | |\n",
       .entries = {"Pastorin Winter = 2023-12-23 15:00", "Pastorin Winter = 2023-12-23 17:00",
                   "4. Advent / Heiligabend = 2023-12-24 13:30",
                   "4. Advent / Heiligabend = 2023-12-24 15:00"}},
      // under a day heading, a time below an item's label ("Treffpunkt:") is the label's value,
      // not an item of its own
      {.lines = "12.01.2024\n10:00\nChristbaumaktion\nTreffpunkt:\n\n9:30 Uhr "
                "Gerätehaus\n\n18.01.2024\n19:00\nHauptversammlung\n",
       .entries = {"Christbaumaktion = 2024-01-12 10:00", "Hauptversammlung = 2024-01-18 19:00"}},
      // a titled date line with a time of its own heads nothing
      {.lines = "Sonntag, 24. Dezember 2023, 16 Uhr: Christvesper\n17.00 Uhr Turmblasen\n",
       .entries = {"Christvesper = 2023-12-24 16:00"}},
  };
  for (const LabelLineCase& c : cases) {
    SCOPED_TRACE(c.lines);
    const std::string text = std::string("24. November 2023\n\nTermine\n\n") + c.lines;
    const Extraction extraction = extract_calendar(read_text_newsletter("t.txt", text), directory);
    EXPECT_EQ(titles_and_dates(extraction), c.entries) << extraction_to_json(extraction);
  }
}

// A paragraph below a dated title line that tells of the same event on the same day with its
// time is that event told once more: the entry takes the time (issue 16).
TEST(CalendarSection, AParagraphThatTellsOfTheEntryAboveGivesItsTime) {
  static const OrganizerDirectory directory;
  const LabelLineCase cases[] = {
      {.lines = "6. März 2025: Bilderbuchkino Lesebär\n\nBeim Bilderbuchkino Lesebär am "
                "Donnerstag, 6. März, können Kinder zwischen zwei und fünf Jahren um 15 Uhr in der "
                "Stadtbibliothek eine Geschichte hören. Der Eintritt ist frei.\n",
       .entries = {"Bilderbuchkino Lesebär = 2025-03-06 15:00"}},
      {.lines = "7. März 2025: Das ist „MachBar“ – offener Makerspace\n\nAm Freitag, 7. März, "
                "öffnet die Stadtbibliothek um 16 Uhr ihren Kreativraum, damit Kinder ab acht "
                "Jahren im offenen Makerspace „MachBar“ forschen können.\n",
       .entries = {"Das ist „MachBar“ – offener Makerspace = 2025-03-07 16:00"}},
      // a paragraph that names another event of that day is an entry of its own
      {.lines = "6. März 2025: Bilderbuchkino Lesebär\n\nAm Donnerstag, 6. März, beginnt um 19 "
                "Uhr in der Stadtbibliothek eine Lesung mit der Autorin Jana Beispiel aus ihrem "
                "neuen Roman über den Rhein.\n",
       .entries = {"Bilderbuchkino Lesebär = 2025-03-06",
                   "beginnt mit der Autorin Jana Beispiel aus ihrem neuen Roman über den Rhein = "
                   "2025-03-06 19:00"}},
      // a list's next line on the same day is another event, however alike its title
      {.lines = "6. März 2025: Bilderbuchkino Lesebär\n\n6. März 2025, 17 Uhr: Bilderbuchkino "
                "für Große\n",
       .entries = {"Bilderbuchkino Lesebär = 2025-03-06",
                   "Bilderbuchkino für Große = 2025-03-06 17:00"}},
  };
  for (const LabelLineCase& c : cases) {
    SCOPED_TRACE(c.lines);
    const std::string text = std::string("12. Februar 2025\n\nTermine\n\n") + c.lines;
    const Extraction extraction = extract_calendar(read_text_newsletter("t.txt", text), directory);
    EXPECT_EQ(titles_and_dates(extraction), c.entries) << extraction_to_json(extraction);
  }
}

}  // namespace
/// A calendar, and the occurrences of each of its entries as entry_expectation describes them,
/// one entry after another, separated by " / ".
struct ListTimeCase {
  const char* calendar;
  const char* occurrences;
};

TEST(CalendarSection, ALineThatIntroducesAListGivesItsItemsItsTime) {
  static const OrganizerDirectory directory;
  const ListTimeCase cases[] = {
      {.calendar = "Die Termine im Juni (jeweils um 16 Uhr, Dauer etwa 30 Minuten):\n"
                   "- Mittwoch, 10. Juni – Der Grüffelo\n- Mittwoch, 17. Juni – Frederick\n",
       .occurrences = "2026-06-10 16:00 / 2026-06-17 16:00"},
      // an item's own time is its time
      {.calendar = "Termine (jeweils um 16 Uhr):\n10.6., 15 Uhr: Basteln\n17.6.: Kino\n",
       .occurrences = "2026-06-10 15:00 / 2026-06-17 16:00"},
      // an item wrapped over two lines keeps the list going
      {.calendar = "Termine (jeweils um 16 Uhr):\n10.6.: Bilderbuchkino mit\nAnna Muster\n"
                   "17.6.: Kino\n",
       .occurrences = "2026-06-10 16:00 / 2026-06-17 16:00"},
      // a label of the entries below ends the list
      {.calendar = "Termine (jeweils um 16 Uhr):\n10.6.: Kino\n\nFür Erwachsene:\n20.6.: Fest\n",
       .occurrences = "2026-06-10 16:00 / 2026-06-20"},
      // without "jeweils" a time before a colon is no time of the items below
      {.calendar = "Treffen um 16 Uhr:\n10.6.: Kino\n17.6.: Fest\n",
       .occurrences = "2026-06-10 / 2026-06-17"},
      // two times are no one time for every item
      {.calendar = "Termine (jeweils um 10 und 16 Uhr):\n10.6.: Kino\n",
       .occurrences = "2026-06-10"},
      {.calendar = "Termine (jeweils 10 Uhr oder 16 Uhr):\n10.6.: Kino\n",
       .occurrences = "2026-06-10"},
      {.calendar = "Termine (jeweils um 16:30 Uhr):\n10.6.: Kino\n",
       .occurrences = "2026-06-10 16:30"},
      // "zu folgenden Terminen" gives the line's one time to each date below it (issue 16)
      {.calendar = "Wir treffen uns um 20.00 Uhr zu folgenden Terminen:\n"
                   "Donnerstag, 11.06.2026 – Singstunde\nDonnerstag, 18.06.2026 – Männerchor\n",
       .occurrences = "2026-06-11 20:00 / 2026-06-18 20:00"},
      {.calendar = "Wir treffen uns um 19 oder 20 Uhr zu folgenden Terminen:\n10.6.: Singstunde\n",
       .occurrences = "2026-06-10"},
      // a date before the item above it ends the list: a report, not an item
      {.calendar = "Wir treffen uns um 20.00 Uhr zu folgenden Terminen:\n"
                   "Donnerstag, 11.06.2026 – Singstunde\n"
                   "Am 2. Juni 2026 lud der Verein zur Versammlung ein.\n",
       .occurrences = "2026-06-11 20:00 / 2026-06-02"},
  };
  for (const ListTimeCase& c : cases) {
    SCOPED_TRACE(c.calendar);
    const Extraction extraction = extract_calendar(
        read_text_newsletter("t.txt", std::string("1. Juni 2026\n\nTermine\n\n") + c.calendar),
        directory);
    std::string described;
    for (const Entry& entry : extraction.entries) {
      if (!described.empty()) described += " / ";
      described += testing::describe_occurrences(entry);
    }
    EXPECT_EQ(described, c.occurrences) << extraction_to_json(extraction);
  }
}

/// A calendar, and its entries as "title = dates" (titles_and_dates), and how many warnings.
struct PlanLineCase {
  const char* lines;
  std::vector<std::string> entries;
  std::size_t warnings = 0;
};

TEST(CalendarSection, DeadlinesWeekdayCellsAndSplitDatesInPlans) {
  static const OrganizerDirectory directory;
  const PlanLineCase cases[] = {
      // "bis DATE:" below a finished entry is a deadline of its own: a warning, not its end
      {.lines = "Brückentag frei 1.11.\nbis 11.11.2024: Eltern geben die Teilnahme an 4a,4b\n"
                "15.11. Bundesweiter Vorlesetag\nbis 15.11.2024: Meldung an das Landesschulamt\n",
       .entries = {"Brückentag frei = 2024-11-01", "Bundesweiter Vorlesetag = 2024-11-15"},
       .warnings = 2},
      // … or an item of its own when its words name a deadline
      {.lines = "Brückentag frei 1.11.\nbis 11.11.2024: Anmeldung zur Eignungsfeststellung 4a,4b\n",
       .entries = {"Brückentag frei = 2024-11-01",
                   "Anmeldung zur Eignungsfeststellung 4a, 4b = 2024-11-11"}},
      // below a date line without a title it is still that line's end
      {.lines = "Montag, 14. Oktober 2024\nbis 18.10.2024: Projektwoche\n",
       .entries = {"Projektwoche = 2024-10-14..2024-10-18"}},
      // a flattened table's weekday cell belongs to the date below it, which it confirms
      {.lines = "Montag |\n02.09.2024 |\nSchulanfang |\n|\nDienstag |\n03.09.2024 |\n"
                "Elternabend |\n|\n",
       .entries = {"Schulanfang = 2024-09-02", "Elternabend = 2024-09-03"}},
      {.lines = "Montag |\n02.09.2024 |\nSchulanfang |\n|\nMittwoch |\n03.09.2024 |\n"
                "Elternabend |\n|\n",
       .entries = {"Schulanfang = 2024-09-02"},
       .warnings = 1},
      // a line break between a date's month and its year
      {.lines = "Allerheiligen: 02. November\n2024 - 06. November 2024\n"
                "Buß- und Bettag: 20. November 2024\n",
       .entries = {"Allerheiligen = 2024-11-02..2024-11-06", "Buß- und Bettag = 2024-11-20"}},
  };
  for (const PlanLineCase& c : cases) {
    SCOPED_TRACE(c.lines);
    const std::string text = std::string("1. August 2024\n\nTermine\n\n") + c.lines;
    const Extraction extraction = extract_calendar(read_text_newsletter("t.txt", text), directory);
    EXPECT_EQ(titles_and_dates(extraction), c.entries) << extraction_to_json(extraction);
    EXPECT_EQ(extraction.warnings.size(), c.warnings) << extraction_to_json(extraction);
  }
}

TEST(CalendarSection, APageTitledWithAYearGivesItsYearToThePlanBelowIt) {
  static const OrganizerDirectory directory;
  ExtractOptions options;
  options.issue_date = boost::gregorian::date(2021, 1, 1);
  const std::string text =
      "Jahresprogramm 2021\nDie Wanderfreunde haben die Termine erstellt.\n"
      "Wanderung am Samstag, dem 13. März 2021 in Wirzenborn.\nSonntag, den 25. April 2021 "
      "Vereinswanderung\n30. Oktober Jahresfeier\n11. Dezember Krippenwanderung\n";
  const Extraction extraction =
      extract_calendar(read_text_newsletter("t.txt", text), directory, options);
  const std::vector<std::string> titles = titles_and_dates(extraction);
  // Without the title's year, 11 December three weeks before the issue date was read as 2020.
  EXPECT_NE(std::find(titles.begin(), titles.end(), "Krippenwanderung = 2021-12-11"), titles.end())
      << extraction_to_json(extraction);
}

}  // namespace itkal

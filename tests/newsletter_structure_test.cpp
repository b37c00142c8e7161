// Whole-newsletter structure (issue 16, section 2): where the calendar is, and how its lines
// become entries. Each row: a newsletter text and every entry read from it, in order, as
// "title = occurrences" or "title @ place = occurrences" (occurrences in the notation of
// tests/support/entry_expectation.hpp), entries joined by " || "; "NONE" = the text holds no
// calendar (an error).
#include <gtest/gtest.h>

#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/formats/extraction_json.hpp"
#include "itkal/read/newsletter_reader.hpp"
#include "support/entry_expectation.hpp"

namespace itkal {
namespace {

struct NewsletterRow {
  const char* text;
  const char* entries;
};

std::string read_entries(const std::string& text) {
  static const OrganizerDirectory directory(std::vector<Organizer>{});
  ExtractOptions options;
  options.issue_date = boost::gregorian::date(2026, 5, 1);
  const Extraction extraction =
      extract_calendar(read_text_newsletter("brief.txt", text), directory, options);
  std::string out;
  for (const Entry& entry : extraction.entries) {
    out += (out.empty() ? "" : " || ") + entry.title;
    if (entry.location) out += " @ " + *entry.location;
    out += " = " + testing::describe_occurrences(entry);
  }
  return out;
}

class NewsletterStructure : public ::testing::TestWithParam<NewsletterRow> {};

TEST_P(NewsletterStructure, ReadsTheEntriesAReaderSees) {
  const NewsletterRow& row = GetParam();
  if (std::string(row.entries) == "NONE") {
    EXPECT_THROW(read_entries(row.text), ExtractionError);
    return;
  }
  EXPECT_EQ(read_entries(row.text), row.entries);
}

// Calendar headings beyond "Termine"; group sub-headings do not end the calendar.
INSTANTIATE_TEST_SUITE_P(
    Headings, NewsletterStructure,
    ::testing::Values(
        NewsletterRow{"Liebe Leser,\n\nVorschau\n\n12.06. Sommerfest\n\n19.06. Flohmarkt\n",
                      "Sommerfest = 2026-06-12 || Flohmarkt = 2026-06-19"},
        NewsletterRow{"Ausblick\n\n12.06. Sommerfest\n", "Sommerfest = 2026-06-12"},
        NewsletterRow{"Was ist los im Juni?\n\n12.06. Sommerfest\n", "Sommerfest = 2026-06-12"},
        NewsletterRow{"Die Woche im Überblick\n\n12.06. Sommerfest\n", "Sommerfest = 2026-06-12"},
        NewsletterRow{"Termine im Juni/Juli\n\n12.06. Sommerfest\n", "Sommerfest = 2026-06-12"},
        NewsletterRow{"Termine\n\n12.06. Sommerfest\n\nSenioren\n\n16.06. Seniorennachmittag\n\n"
                      "Gottesdienste:\n\n21.06. Festgottesdienst\n\nImpressum\n",
                      "Sommerfest = 2026-06-12 || Seniorennachmittag = 2026-06-16 || "
                      "Festgottesdienst = 2026-06-21"},
        // words that are no group, with no entry below them, end the calendar as before
        NewsletterRow{"Termine\n\n12.06. Sommerfest\n\nUnser Verein\n\nWir freuen uns.\n",
                      "Sommerfest = 2026-06-12"}));

// A day heading alone on a line, items below it: one entry per item on that day.
INSTANTIATE_TEST_SUITE_P(
    DayHeadings, NewsletterStructure,
    ::testing::Values(
        NewsletterRow{"Termine\n\nDienstag, 6. Oktober\n16:00 Uhr - Lesung: Max Frisch\n"
                      "19:30 Uhr Konzert im Park\n\nImpressum\n",
                      "Lesung: Max Frisch = 2026-10-06 16:00 || Konzert @ Park = 2026-10-06 "
                      "19:30"},
        NewsletterRow{"Termine\n\nDienstag , 6. Oktober\n16:00 Uhr Lesung\n19:30 Uhr Konzert\n",
                      "Lesung = 2026-10-06 16:00 || Konzert = 2026-10-06 19:30"},
        // paragraphs below a day heading in capitals, each with its time in running text
        NewsletterRow{"Termine\n\n28. APRIL\n\nNEUTAL Vortrag, Beginn um 14 Uhr im Saal.\n\n"
                      "Vorlesestunde für Kinder, ab 15 Uhr im Jugendhaus.\n\n29. APRIL\n\n"
                      "HORITSCHON Hotterbegehung, Treffpunkt um 9 Uhr beim Vereinshaus.\n",
                      "NEUTAL Vortrag, Beginn @ Saal = 2026-04-28 14:00 || Vorlesestunde für "
                      "Kinder @ Jugendhaus = 2026-04-28 15:00 || HORITSCHON Hotterbegehung, "
                      "Treffpunkt @ Vereinshaus = 2026-04-29 09:00"},
        // the same layout without any heading: a document that is a calendar
        NewsletterRow{"27. APRIL\n\nVortrag, ab 18 Uhr im Saal.\n\n28. APRIL\n\n"
                      "Konzert, ab 19.30 Uhr beim Heurigen.\n\nGenussmarkt, ab 14 Uhr am "
                      "Hauptplatz.\n\n29. APRIL\n\nMaibaumfest, ab 17 Uhr beim Feuerwehrhaus.\n",
                      "Vortrag @ Saal = 2026-04-27 18:00 || Konzert, beim Heurigen = 2026-04-28 "
                      "19:30 || Genussmarkt @ Hauptplatz = 2026-04-28 14:00 || Maibaumfest @ "
                      "Feuerwehrhaus = 2026-04-29 17:00"},
        // ... with the first day heading at the end of a short banner line: the heading is
        // read, the banner's words are not
        NewsletterRow{"Kulturtipps 27. APRIL\n\nVortrag, ab 18 Uhr im Saal.\n\n28. "
                      "APRIL\n\nKonzert, ab 19.30 Uhr beim Heurigen.\n\nGenussmarkt, ab 14 Uhr am "
                      "Hauptplatz.\n\nMaibaumfest, ab 17 Uhr beim Feuerwehrhaus.\n",
                      "Vortrag @ Saal = 2026-04-27 18:00 || "
                      "Konzert, beim Heurigen = 2026-04-28 19:30 || Genussmarkt @ Hauptplatz = "
                      "2026-04-28 14:00 || Maibaumfest @ Feuerwehrhaus = 2026-04-28 17:00"},
        // a banner that ends with a date with its year (a masthead) is no day heading
        NewsletterRow{"Ausgabe vom 27. April 2026\n\nVortrag, ab 18 Uhr im Saal.\n\n28. "
                      "APRIL\n\nKonzert, ab 19.30 Uhr beim Heurigen.\n\nGenussmarkt, ab 14 Uhr am "
                      "Hauptplatz.\n\nMaibaumfest, ab 17 Uhr beim Feuerwehrhaus.\n",
                      "Konzert, beim Heurigen = 2026-04-28 19:30 || Genussmarkt @ Hauptplatz = "
                      "2026-04-28 14:00 || Maibaumfest @ Feuerwehrhaus = 2026-04-28 17:00"},
        // nor is a line that ends with a date and a title, nor a long line (a sentence)
        NewsletterRow{"Kulturtipps für den 27. April im Saal\n\nVortrag, ab 18 Uhr im Saal.\n\n28. "
                      "APRIL\n\nKonzert, ab 19.30 Uhr beim Heurigen.\n\nGenussmarkt, ab 14 Uhr am "
                      "Hauptplatz.\n\nMaibaumfest, ab 17 Uhr beim Feuerwehrhaus.\n",
                      "Konzert, beim Heurigen = 2026-04-28 19:30 || Genussmarkt @ Hauptplatz = "
                      "2026-04-28 14:00 || Maibaumfest @ Feuerwehrhaus = 2026-04-28 17:00"},
        NewsletterRow{"Die Kulturtipps der Woche mit vielen schönen Abenden beginnen am 27. April"
                      "\n\nVortrag, ab 18 Uhr im Saal.\n\n28. APRIL\n\nKonzert, ab 19.30 Uhr beim "
                      "Heurigen.\n\nGenussmarkt, ab 14 Uhr am "
                      "Hauptplatz.\n\nMaibaumfest, ab 17 Uhr beim Feuerwehrhaus.\n",
                      "Konzert, beim Heurigen = 2026-04-28 19:30 || Genussmarkt @ Hauptplatz = "
                      "2026-04-28 14:00 || Maibaumfest @ Feuerwehrhaus = 2026-04-28 17:00"},
        // one item with its time, title and place as cells stays one entry
        NewsletterRow{"Termine\n\nDonnerstag, 12. März 2026\n18:00 Uhr Bürgerversammlung\n"
                      "Rathaus, Saal 2\n",
                      "Bürgerversammlung @ Rathaus, Saal 2 = 2026-03-12 18:00"},
        // a day heading followed by one timed line is no calendar on its own
        NewsletterRow{"Samstag, 13. Juni\n\nUm 15 Uhr beginnt das Fest.\n", "NONE"}));

// Several entries on one line.
INSTANTIATE_TEST_SUITE_P(
    EntriesOnOneLine, NewsletterStructure,
    ::testing::Values(
        NewsletterRow{"Termine\n\n03.09. Elternabend 1. Klassen 19:00 Uhr 10.09. Schulfest "
                      "14.09. – 18.09. Projektwoche\n",
                      "Elternabend 1. Klassen = 2026-09-03 19:00 || Schulfest = 2026-09-10 || "
                      "Projektwoche = 2026-09-14..2026-09-18"},
        // a day heading with its items on one line, and a second day on the same line
        NewsletterRow{"Termine\n\nSAMSTAG, 13. JUNI 15.00 Uhr Kinderfest 19.30 Uhr Konzert "
                      "SONNTAG, 14. JUNI 11 Uhr Frühschoppen\n",
                      "Kinderfest = 2026-06-13 15:00 || Konzert = 2026-06-13 19:30 || "
                      "Frühschoppen = 2026-06-14 11:00"},
        NewsletterRow{"Termine\n\nDienstag, 6. Oktober 16:00 Uhr Lesung Mittwoch, 7. Oktober "
                      "19:30 Uhr Konzert\n",
                      "Lesung = 2026-10-06 16:00 || Konzert = 2026-10-07 19:30"},
        // times after "von" and "bis", a weekday after "und": no new entry
        NewsletterRow{"Termine\n\nSamstag, 13. Juni Kinderfest von 15.00 Uhr bis 19.30 Uhr\n",
                      "Kinderfest = 2026-06-13 15:00-19:30"},
        NewsletterRow{"Termine\n\nSamstag, 13. Juni und Sonntag, 14. Juni Dorffest\n",
                      "Dorffest = 2026-06-13; 2026-06-14"},
        // a span end, a weekday, an alternative: one entry
        NewsletterRow{"Termine\n\n03.02.2027 - Fachtagung X in Kassel bis 5.2.\n",
                      "Fachtagung X in Kassel = 2027-02-03..2027-02-05"},
        NewsletterRow{"Termine\n\nMo. 12.10. bis Fr. 23.10. Herbstferien\n",
                      "Herbstferien = 2026-10-12..2026-10-23"}));

// Labelled fields: one event with title, date, time and place; announced again, still one.
INSTANTIATE_TEST_SUITE_P(
    LabelledFields, NewsletterStructure,
    ::testing::Values(
        NewsletterRow{"Liebe Eltern,\n\nWas: Sommerfest der Grundschule\nWann: Donnerstag, 11. "
                      "Juni, um 18 Uhr\nWo: Schulhof\n",
                      "Sommerfest der Grundschule @ Schulhof = 2026-06-11 18:00"},
        NewsletterRow{"Was: Sommerfest Wann: Donnerstag, 11. Juni, um 18 Uhr Wo: Schulhof\n",
                      "Sommerfest @ Schulhof = 2026-06-11 18:00"},
        NewsletterRow{"**Was:** Flohmarkt\n\n**Datum:** 13.06.2026\n\n**Uhrzeit:** 10 bis 14 "
                      "Uhr\n\n**Ort:** Turnhalle\n",
                      "Flohmarkt @ Turnhalle = 2026-06-13 10:00-14:00"},
        // the same announcement twice, and a second event after it
        NewsletterRow{"Termine\n\nWas: Sommerfest\nWann: 11.06.2026, 18 Uhr\n\nWas: Sommerfest\n"
                      "Wann: 11.06.2026, 18 Uhr\n\nWas: Flohmarkt\nWann: 13.06.2026\n",
                      "Sommerfest = 2026-06-11 18:00 || Flohmarkt = 2026-06-13"},
        // without a date it is no event: the letter holds no calendar
        NewsletterRow{"Was: Sommerfest\nWann: nach den Ferien\nWo: Schulhof\n", "NONE"},
        // a place label below an entry is no event of its own
        NewsletterRow{"Termine\n\n12.06. Sommerfest\nOrt: Schulhof\n", "Sommerfest = 2026-06-12"}));

// Dates that are not events.
INSTANTIATE_TEST_SUITE_P(
    NotEvents, NewsletterStructure,
    ::testing::Values(
        NewsletterRow{"Veranstaltungsplan vom 01.09. bis 30.11.\n\n03.09. Elternabend\n\n"
                      "10.09. Schulfest\n",
                      "Elternabend = 2026-09-03 || Schulfest = 2026-09-10"},
        // a word that only holds "programm" is no plan's title: the letter is read as prose
        NewsletterRow{
            "Am 26. September ist Start.\nKreisprogrammbesprechung am 11. und ein "
            "Vortrag über Wein am 25. September.\nPassend zum November wurde das Thema "
            "Wild für den 7. November angesetzt.\n",
            "Start = 2026-09-26 || Kreisprogrammbesprechung am 11. und ein Vortrag über "
            "Wein = 2026-09-25 || Passend zum November wurde das Thema Wild = 2026-11-07"},
        NewsletterRow{"Termine\n\n12.09. TSV Musterdorf 1908 e.V. Jubiläumsfeier\n",
                      "TSV Musterdorf 1908 e.V. Jubiläumsfeier = 2026-09-12"},
        NewsletterRow{"Termine\n\n16.09. Elternsprechtag nach der 4. Stunde\n",
                      "Elternsprechtag nach der 4. Stunde = 2026-09-16"}));

// A review of the past year lists its dates without a year: they are last year's, up to the
// first date line after the list; the dates of this year's plan below it are this year's.
INSTANTIATE_TEST_SUITE_P(
    LookBack, NewsletterStructure,
    ::testing::Values(
        NewsletterRow{"Termine\n\n18.05. Probenbeginn\n\nIm vergangenen Jahr hatten wir diese "
                      "Auftritte:\n11.06. Chortreffen\n13.08. Mühlenfest\nWir danken allen "
                      "Zuhörern.\n20.06. Sommerkonzert\n",
                      "Probenbeginn = 2026-05-18 || Chortreffen = 2025-06-11 || Mühlenfest Wir "
                      "danken allen Zuhörern = 2025-08-13 || Sommerkonzert = 2026-06-20"},
        NewsletterRow{"Termine\n\n18.05. Probenbeginn\n\nDiese Auftritte haben wir:\n11.06. "
                      "Chortreffen\n13.08. Mühlenfest\n",
                      "Probenbeginn = 2026-05-18 || Chortreffen = 2026-06-11 || Mühlenfest = "
                      "2026-08-13"}));

// A year's plan without years reads on in date order: a day the look-back of the issue date
// (2026-05-01) would put before it is next year's right below an entry some months on, but not
// a season away from it, and never where the year is written.
INSTANTIATE_TEST_SUITE_P(
    PlanOrder, NewsletterStructure,
    ::testing::Values(
        NewsletterRow{"Termine\n\n10.12. Adventsfeier\n\n14.1. Neujahrsempfang\n\n20.3. "
                      "Jahreshauptversammlung\n",
                      "Adventsfeier = 2026-12-10 || Neujahrsempfang = 2027-01-14 || "
                      "Jahreshauptversammlung = 2027-03-20"},
        NewsletterRow{"Termine\n\n12.06. Sommerfest\n\n20.3. Versammlung\n",
                      "Sommerfest = 2026-06-12 || Versammlung = 2026-03-20"},
        NewsletterRow{"Termine\n\n14.01. Neujahrsempfang\n\n20.03.2026 Versammlung\n",
                      "Neujahrsempfang = 2027-01-14 || Versammlung = 2026-03-20"},
        NewsletterRow{"Termine\n\n14.01. Neujahrsempfang\n\n20.03.26 Versammlung\n",
                      "Neujahrsempfang = 2027-01-14 || Versammlung = 2026-03-20"},
        // A year in the title is not the date's.
        NewsletterRow{"Termine\n\n14.01. Neujahrsempfang\n\n20.3. Versammlung, zählt für 2026\n",
                      "Neujahrsempfang = 2027-01-14 || Versammlung, zählt für 2026 = 2027-03-20"}));

// A weekly rule with one time above a list of dates gives that time to the dates on its weekday.
INSTANTIATE_TEST_SUITE_P(
    WeeklyRule, NewsletterStructure,
    ::testing::Values(
        NewsletterRow{"Termine\n\nWir sind für Sie da:\njeden 1. und 3. Freitag im Monat von 17 "
                      "bis 19 Uhr im Vereinshaus\n05.06. Sprechtag\n19.06. Sprechtag\n27.06. "
                      "Gartenfest\n",
                      "Sprechtag = 2026-06-05 17:00-19:00 || Sprechtag = 2026-06-19 17:00-19:00 || "
                      "Gartenfest = 2026-06-27"},
        NewsletterRow{"Termine\n\nimmer dienstags um 19 Uhr\n02.06. Probe\n09.06. Probe\n",
                      "Probe = 2026-06-02 19:00 || Probe = 2026-06-09 19:00"},
        // The list runs on into next year's March: its order holds, and so does its time.
        NewsletterRow{"Termine\n\njeden Freitag von 17 bis 19 Uhr\n04.12. Sprechtag\n05.03. "
                      "Sprechtag\n",
                      "Sprechtag = 2026-12-04 17:00-19:00 || Sprechtag = 2027-03-05 17:00-19:00"}));

// A long line of several sentences below a calendar-like heading ("Ferienprogramm …") is
// running prose: each of its dates is read from its own sentence, not one warning for the line.
INSTANTIATE_TEST_SUITE_P(
    ParagraphBelowHeading, NewsletterStructure,
    ::testing::Values(NewsletterRow{
        "Ferienprogramm des Jugendzentrums\n\nLos geht es am Montag, 3. August, mit einem "
        "Dartturnier im Jugendzentrum an der Kaiserstraße. Tags darauf (4.8.) findet ein "
        "Manga-Workshop statt. Am Mittwoch, 5. August, werden Saatbomben gemacht. Am Freitag, 7. "
        "August, gibt es eine große Schnitzeljagd mit Picknick.\n",
        "Los geht es = 2026-08-03 || Tags darauf = 2026-08-04 || werden Saatbomben gemacht = "
        "2026-08-05 || gibt es eine große Schnitzeljagd mit Picknick = 2026-08-07"}));

// A day heading or a time that a line break split (PDF text, narrow columns) is read whole;
// a sentence's line that ends in a day is the prose reader's and stays as it is.
INSTANTIATE_TEST_SUITE_P(
    BrokenLines, NewsletterStructure,
    ::testing::Values(NewsletterRow{
        "Termine\n\nFreitag, 05.\nJuni:\n18:00\nUhr: Empfang im Rathaus\nSamstag, 06.\nJuni:\n"
        "09:00\n– 14:00 Uhr: Markt auf dem Holzmarkt\n",
        "Empfang @ Rathaus = 2026-06-05 18:00 || Markt auf dem Holzmarkt = 2026-06-06 "
        "09:00-14:00"}));

}  // namespace
}  // namespace itkal

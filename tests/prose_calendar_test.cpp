// Letters without a calendar (issue 16): events named in running prose. Each row: a letter,
// its issue date, every entry read from it as "title = occurrences" (the notation of
// tests/support/entry_expectation.hpp) joined by " || ", and the text of every warning joined
// the same way; "NONE" = the letter names no event (no calendar: an error).
#include "itkal/extract/prose_calendar.hpp"

#include <gtest/gtest.h>

#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/read/newsletter_reader.hpp"
#include "support/entry_expectation.hpp"

namespace itkal {
namespace {

struct ProseRow {
  const char* text;
  boost::gregorian::date issue_date;
  const char* entries;
  const char* warnings = "";
};

Extraction read_letter(const ProseRow& row) {
  static const OrganizerDirectory directory(std::vector<Organizer>{});
  ExtractOptions options;
  options.issue_date = row.issue_date;
  return extract_calendar(read_text_newsletter("brief.txt", std::string(row.text)), directory,
                          options);
}

std::string entries_of(const Extraction& extraction) {
  std::string out;
  for (const Entry& entry : extraction.entries) {
    out += (out.empty() ? "" : " || ") + entry.title + " = " + testing::describe_occurrences(entry);
  }
  return out;
}

std::string warnings_of(const Extraction& extraction) {
  std::string out;
  for (const Warning& warning : extraction.warnings) {
    out += (out.empty() ? "" : " || ") + warning.text;
  }
  return out;
}

const ProseRow kRows[] = {
    // a letter to parents: the event, its date and the time of its own clause
    {.text = "Liebe Eltern,\n\nder Elternabend der Klasse 5 findet am 17.09.2026 um 19 Uhr in "
             "der Aula statt.\n",
     .issue_date = boost::gregorian::date(2026, 9, 1),
     .entries = "Elternabend der Klasse 5 = 2026-09-17 19:00"},
    // (1) a sentence that says when an event starts and names it by a word of one dated
    // sentence gives that date its time, and the sentence right after it that says when it ends
    // its end; a date the time sentences do not name has none (issue 16)
    {.text = "Die Projektwoche ist vom 20.06.2017 bis zum 23.06.2017. Das Schulfest beschließt "
             "die Projektwoche am 24.06.2017. Der Startschuss für das Schulfest ist um 11 Uhr. Ein "
             "Ende ist für 16 Uhr vorgesehen.\n",
     .issue_date = boost::gregorian::date(2017, 6, 12),
     .entries = "Projektwoche = 2017-06-20..2017-06-23 || Schulfest beschließt die Projektwoche = "
                "2017-06-24 11:00-16:00"},
    {.text = "Das Schulfest ist am 24.06.2017. Das Schulfest beginnt um 11 Uhr.\n",
     .issue_date = boost::gregorian::date(2017, 6, 12),
     .entries = "Schulfest = 2017-06-24 11:00"},
    // (1) ... but not when the name stands in two dated sentences, nor an end before the start
    {.text = "Die Projektwoche ist vom 20.06.2017 bis zum 23.06.2017. Das Schulfest beschließt "
             "die Projektwoche am 24.06.2017. Die Projektwoche beginnt um 8 Uhr.\n",
     .issue_date = boost::gregorian::date(2017, 6, 12),
     .entries = "",
     .warnings = "Die Projektwoche ist vom 20.06.2017 bis zum 23.06.2017. || Das Schulfest "
                 "beschließt die Projektwoche am 24.06.2017."},
    {.text = "Das Schulfest ist am 24.06.2017. Das Schulfest beginnt um 11 Uhr. Ende ist um 10 "
             "Uhr.\n",
     .issue_date = boost::gregorian::date(2017, 6, 12),
     .entries = "",
     .warnings = "Das Schulfest ist am 24.06.2017."},
    // (1) the times of the next sentences may be the date's or not: held back, never guessed
    {.text = "Das Schulfest beschließt die Projektwoche am 24.06.2017. Der Startschuss ist um 11 "
             "Uhr. Ein Ende ist für 16 Uhr vorgesehen.\n",
     .issue_date = boost::gregorian::date(2017, 6, 12),
     .entries = "",
     .warnings = "Das Schulfest beschließt die Projektwoche am 24.06.2017."},
    {.text = "Liebe Eltern,\n\nDas Schulfest beschließt die Projektwoche am 24.06.2017. Der "
             "Startschuss ist um 11 Uhr.\n\nDie Klassen 5-9 geben ihre Bücher am 21.06.2017 "
             "zurück.\n",
     .issue_date = boost::gregorian::date(2017, 6, 12),
     .entries = "Klassen 5-9 geben ihre Bücher = 2017-06-21",
     .warnings = "Das Schulfest beschließt die Projektwoche am 24.06.2017."},
    // (1) in a paragraph of one date, the one time of its other sentences, labelled as the
    // start, is the date's; unlabelled, or beside a second timed sentence, it is held back
    // (issue 16)
    {.text = "Ein Vortrag am Freitag, 1. März, in der Sternwarte. Es geht um die Sonne. Beginn: "
             "20 Uhr. Eintritt: drei Euro.\n",
     .issue_date = boost::gregorian::date(2002, 2, 28),
     .entries = "Ein Vortrag = 2002-03-01 20:00"},
    {.text = "Ein Vortrag am Freitag, 1. März, in der Sternwarte. Einlass ist um 19 Uhr.\n",
     .issue_date = boost::gregorian::date(2002, 2, 28),
     .entries = "",
     .warnings = "Ein Vortrag am Freitag, 1. März, in der Sternwarte."},
    {.text = "Ein Vortrag am Freitag, 1. März, in der Sternwarte. Beginn: 20 Uhr. Einlass ist um "
             "19 Uhr.\n",
     .issue_date = boost::gregorian::date(2002, 2, 28),
     .entries = "",
     .warnings = "Ein Vortrag am Freitag, 1. März, in der Sternwarte."},
    {.text = "Ein Vortrag am Freitag, 1. März, ein Kurs am 8. März. Beginn: 20 Uhr.\n",
     .issue_date = boost::gregorian::date(2002, 2, 28),
     .entries = "",
     .warnings = "Ein Vortrag am Freitag, 1. März || ein Kurs am 8. März."},
    // (1) a clause with its own time keeps it; another time elsewhere does not matter
    {.text = "Das Sommerfest beginnt am 24.06.2017 um 11 Uhr. Der Aufbau beginnt um 9 Uhr.\n",
     .issue_date = boost::gregorian::date(2017, 6, 12),
     .entries = "Sommerfest beginnt = 2017-06-24 11:00"},
    // (1) the paragraph's one time, given on by words after it ("zu der genannten Zeit"), is the
    // time of the dates after those words
    {.text = "Premiere ist am 29. Mai, von 14 bis 17.30 Uhr. Als feste Termine haben wir jeden "
             "letzten Sonntag im Monat vorgesehen, zu der genannten Zeit. Das heißt, am 25. Juni "
             "sind die Katzbachbuwe dran, am 30. Juli der MSC.\n",
     .issue_date = boost::gregorian::date(2023, 5, 15),
     .entries = "Premiere = 2023-05-29 14:00-17:30 || heißt = 2023-06-25 14:00-17:30 || MSC = "
                "2023-07-30 14:00-17:30"},
    {.text = "Der Basar beginnt am 3. Juni um 10 Uhr. Zur gleichen Zeit ist am 10. Juni das "
             "Café geöffnet.\n",
     .issue_date = boost::gregorian::date(2023, 5, 15),
     .entries = "Basar beginnt = 2023-06-03 10:00 || Café geöffnet = 2023-06-10 10:00"},
    // (1) ... but not to a date before the words (whose sentence has no time: all day), nor
    // when the paragraph names two times
    {.text = "Am 20. Mai ist Aufbau. Die Premiere ist am 29. Mai um 14 Uhr, danach zur gleichen "
             "Zeit am 25. Juni.\n",
     .issue_date = boost::gregorian::date(2023, 5, 15),
     .entries = "Aufbau = 2023-05-20 || Premiere = 2023-05-29 14:00 || danach = 2023-06-25 14:00"},
    {.text = "Die Premiere ist am 29. Mai um 14 Uhr, der Aufbau ab 12 Uhr. Dann jeden Sonntag "
             "zur gleichen Zeit: am 25. Juni die Katzbachbuwe.\n",
     .issue_date = boost::gregorian::date(2023, 5, 15),
     .entries = "",
     .warnings = "Die Premiere ist am 29. Mai um 14 Uhr, der Aufbau ab 12 Uhr. || Dann jeden "
                 "Sonntag zur gleichen Zeit: am 25. Juni die Katzbachbuwe."},
    // (1) two times in the date's clause: which one is meant is unclear
    {.text = "Liebe Eltern,\n\nDer Flohmarkt am 13.06.2026 beginnt um 10 Uhr, der Aufbau um 8 "
             "Uhr.\n\nDas Sportfest ist am 20.06.2026.\n",
     .issue_date = boost::gregorian::date(2026, 5, 1),
     .entries = "Sportfest = 2026-06-20",
     .warnings = "Der Flohmarkt am 13.06.2026 beginnt um 10 Uhr, der Aufbau um 8 Uhr."},
    // (1) a time in a sentence with a date is that sentence's: the dates of the other
    // sentences have none, and are no longer held back for it (issue 16)
    {.text = "Weitere Vorträge sind „Clever in Rente“ am 26. September. Die KinderUni fragt "
             "am 15. Dezember um 11 Uhr nach der Steinzeit.\n",
     .issue_date = boost::gregorian::date(2024, 7, 18),
     .entries =
         "Weitere Vorträge sind „Clever in Rente“ = 2024-09-26 || KinderUni fragt = 2024-12-15 "
         "11:00"},
    // (1) "jeweils" gives every date of its sentence the time (issue 16)
    {.text = "Am 25. September geht es um das Frühwerk, am 2. Oktober um die Kardinäle und am 9. "
             "Oktober um das Exil, jeweils um 15 Uhr.\n",
     .issue_date = boost::gregorian::date(2024, 7, 18),
     .entries =
         "geht es um das Frühwerk = 2024-09-25 15:00 || Kardinäle = 2024-10-02 15:00 || Exil "
         "= 2024-10-09 15:00"},
    // (1) "Beide Termine … um 19 Uhr" right after a sentence of two dates gives both the time;
    // after three dates "Beide" names none of them for sure (issue 16)
    {.text = "Am Dienstag, den 17. September spricht Werner Schäfer über die Stadt, am 15. "
             "Oktober über Carl Theodor. Beide Termine finden um 19 Uhr statt. Der folgende "
             "Tag, der 30. Oktober steht im Zeichen des Kultursommers.\n",
     .issue_date = boost::gregorian::date(2024, 7, 18),
     .entries = "spricht Werner Schäfer über die Stadt = 2024-09-17 19:00 || über Carl Theodor = "
                "2024-10-15 19:00 || folgende Tag = 2024-10-30"},
    {.text = "Am 17. September spricht A, am 15. Oktober B und am 29. Oktober C. Beide Termine "
             "finden um 19 Uhr statt.\n",
     .issue_date = boost::gregorian::date(2024, 7, 18),
     .entries = "",
     .warnings = "Am 17. September spricht A || am 15. Oktober B || am 29. Oktober C."},
    // (2) "jeweils um …" in the sentence right after two dates or more gives each of them the
    // time, also when the dates form one list; "jeweils dienstags" is a weekday rule, and one
    // date alone is no "jeweils" (issue 16)
    {.text = "Presbyterium\nMontag, 1. Februar und Montag, 1. März. Die Sitzungen beginnen "
             "jeweils um 19.00 Uhr.\n",
     .issue_date = boost::gregorian::date(2021, 1, 25),
     .entries = "Presbyterium = 2021-02-01 19:00; 2021-03-01 19:00"},
    // a list of dates that a comma carries over line breaks is one list with the time stated
    // above it, and a note after one of its days does not end it (issue 16)
    {.text = "Seniorentreff\n\nMonatlich am Donnerstag\n15.00 Uhr Martin-Luther-Haus\nTermine "
             "2016: 07.Januar, 9. Juni,\n14. Juli (Ausflug), 4. August,\n15. Dezember\n",
     .issue_date = boost::gregorian::date(2016, 1, 1),
     .entries = " = 2016-01-07 15:00; 2016-06-09 15:00; 2016-07-14 15:00; 2016-08-04 15:00; "
                "2016-12-15 15:00",
     .warnings = "Monatlich am Donnerstag 15.00 Uhr Martin-Luther-Haus Termine 2016: 07.Januar, "
                 "9. Juni, 14. Juli (Ausflug), 4. August, 15. Dezember"},
    // an article that tells of one event in its teaser and, with the time, in its body is one
    // event; an all-day event of another name on that day stays (issue 16)
    {.text = "Die Mitgliederversammlung ist am 11. März, das Programm wird vorgestellt.\n\nSo "
             "findet die Mitgliederversammlung am Sonntag, 11. März im Westerwälder Hof statt "
             "(Beginn: 14:30 Uhr).\n",
     .issue_date = boost::gregorian::date(2012, 2, 21),
     .entries = "So findet die Mitgliederversammlung = 2012-03-11 14:30"},
    {.text = "Am 11. März ist Flohmarkt im Gemeindehaus.\n\nAm 11. März um 19 Uhr spielt die "
             "Band Beispiel im Rathaus.\n",
     .issue_date = boost::gregorian::date(2012, 2, 21),
     .entries = "Flohmarkt im Gemeindehaus = 2012-03-11 || spielt die Band Beispiel im Rathaus = "
                "2012-03-11 19:00"},
    // "12.05 Uhr" is the end of the lessons, not a date (issue 16)
    {.text = "In der letzten Schulwoche (25.7.-27.7.) werden wir dann von 8.30 Uhr-12.05 Uhr "
             "Unterricht haben.\n",
     .issue_date = boost::gregorian::date(2022, 7, 16),
     .entries = "In der letzten Schulwoche = 2022-07-25..2022-07-27 08:30-12:05"},
    // "oder" and another day's mention after a date leaves the day unsure; "oder" and another
    // event does not (issue 16)
    {.text = "Traditionell werden am 1. Mai oder bereits am Abend davor die Maibäume "
             "aufgestellt.\n",
     .issue_date = boost::gregorian::date(2019, 4, 26),
     .entries = "",
     .warnings = "Traditionell werden am 1. Mai oder bereits am Abend davor die Maibäume "
                 "aufgestellt."},
    {.text = "Vorträge sind „Rente“ am 26. September, „Wohnen“ am 06. November oder die Lesung "
             "von Dr. Jana Beispiel aus ihrem Roman am 28. November.\n",
     .issue_date = boost::gregorian::date(2024, 7, 18),
     .entries = "Vorträge sind „Rente“ = 2024-09-26 || „Wohnen“ = 2024-11-06 || Jana Beispiel aus "
                "ihrem Roman = 2024-11-28"},
    // each item of a bulleted list that ends as a sentence is told on its own: its time is none
    // of the next item's (issue 16)
    {.text = "Und so geht es weiter:\n- Die kfd feiert heute Abend ihr Patronatsfest. (19:00 Uhr)\n"
             "- Das Patronatsfest der Kirchengemeinde wird am 5.2. gefeiert. 19 Uhr in der "
             "Pfarrkirche.\n- Karneval steht vor der Tür, das Ende steht am Dienstag, 13.2. an.\n"
             "- Am 11.2. lädt die Feuerwehr ab 11 Uhr zum Frühschoppen ein. Es gibt ab 12 Uhr "
             "Suppe.\n- Am 2.3. ist das Jahreskonzert der Blasmusik.\n",
     .issue_date = boost::gregorian::date(2024, 2, 2),
     .entries = "Patronatsfest der Kirchengemeinde wird = 2024-02-05 19:00 || Karneval steht vor "
                "der Tür, das Ende steht = 2024-02-13 || lädt die Feuerwehr zum Frühschoppen ein = "
                "2024-02-11 11:00 || Jahreskonzert der Blasmusik = 2024-03-02"},
    // the day a registration opens is no event
    {.text = "Am Samstag, 8. November, liest Jana Beispiel in der Bücherei. Anmeldung ab 27. "
             "Oktober in der Bücherei.\n",
     .issue_date = boost::gregorian::date(2025, 10, 23),
     .entries = "liest Jana Beispiel in der Bücherei = 2025-11-08"},
    // a meeting point's time, in a paragraph of one date, is the start of the outing
    {.text = "Die Wandersaison startet am Sonntag, 25. März. Ziel ist die Wanderhütte. Treffpunkt "
             "ist um 13:30 Uhr auf dem Kirchplatz.\n",
     .issue_date = boost::gregorian::date(2012, 2, 21),
     .entries = "Wandersaison startet = 2012-03-25 13:30"},
    // a weekday that contradicts its date still counts as a date: three, not "Beide"
    {.text = "Am Dienstag, den 17. September spricht A, am 15. Oktober B. Beide Termine finden um "
             "19 Uhr statt.\n",
     .issue_date = boost::gregorian::date(2026, 4, 15),
     .entries = "",
     .warnings = "Am Dienstag || den 17. September spricht A || am 15. Oktober B."},
    {.text = "Der Kurs ist am 3. Mai und am 10. Mai. Die Sprechstunde ist jeweils dienstags um "
             "10 Uhr.\n",
     .issue_date = boost::gregorian::date(2021, 1, 25),
     .entries = "",
     .warnings = "Der Kurs ist am 3. Mai und am 10. Mai."},
    {.text = "Die Sitzung ist am Montag, 1. Februar. Die Sitzungen beginnen jeweils um 19.00 "
             "Uhr.\n",
     .issue_date = boost::gregorian::date(2021, 1, 25),
     .entries = "",
     .warnings = "Die Sitzung ist am Montag, 1. Februar."},
    // the day an event was moved from is not its day: a warning, also in brackets (issue 16)
    {.text = "Liebe Mitglieder,\n\ndie Jahreshauptversammlung (verschoben vom 3.3.) findet "
             "statt. Das Sommerfest ist am 20. Juni.\n",
     .issue_date = boost::gregorian::date(2026, 2, 15),
     .entries = "Sommerfest = 2026-06-20",
     .warnings = "die Jahreshauptversammlung (verschoben vom 3.3.) findet statt."},
    // (1) a sentence that names a time without writing it ("zu der genannten Zeit"): when the
    // paragraph writes one time only, before it, that is the time of the dates after it
    // (issue 16)
    {.text = "Premiere ist am 29. Mai von 14 bis 17.30 Uhr. Die Termine danach sind zu der "
             "genannten Zeit. Am 25. Juni sind die Katzbachbuwe dran.\n",
     .issue_date = boost::gregorian::date(2023, 5, 1),
     .entries = "Premiere = 2023-05-29 14:00-17:30 || Katzbachbuwe dran = 2023-06-25 14:00-17:30"},
    // … but when two times are written, which one is named stays unclear
    {.text = "Premiere ist am 29. Mai von 14 bis 17.30 Uhr, der Aufbau um 12 Uhr. Die Termine "
             "danach sind zu der genannten Zeit. Am 25. Juni sind die Katzbachbuwe dran.\n",
     .issue_date = boost::gregorian::date(2023, 5, 1),
     .entries = "",
     .warnings = "Premiere ist am 29. Mai von 14 bis 17.30 Uhr, der Aufbau um 12 Uhr. || Am 25. "
                 "Juni sind die Katzbachbuwe dran."},
    // (2) two dates joined by "und", listed after a colon: one event each, titled by its own words
    {.text = "Sinfonieorchester am 23. Oktober und Männergesang am 5. November.\n",
     .issue_date = boost::gregorian::date(2022, 1, 10),
     .entries = "Sinfonieorchester = 2022-10-23 || Männergesang = 2022-11-05"},
    {.text = "Die Musikvereine haben ihre Konzerte so terminiert: Sängerlust am 12. März, "
             "Liederkranz am 7. Mai.\n",
     .issue_date = boost::gregorian::date(2022, 1, 10),
     .entries = "Sängerlust = 2022-03-12 || Liederkranz = 2022-05-07"},
    // (3) no year written, and the date would lie before the issue: a warning, not last year
    {.text = "Das Konzert ist am 4. März. Das Adventskonzert der Chorbühne findet am 26. "
             "November statt.\n",
     .issue_date = boost::gregorian::date(2022, 1, 10),
     .entries = "Konzert = 2022-03-04",
     .warnings = "Das Adventskonzert der Chorbühne findet am 26. November statt."},
    // (3) ... unless a list in date order goes on with it: a year on, it follows the date
    // before it within a list's step ("unterm 12. November" after "am 5. November")
    {.text = "Männergesang am 5. November. Das Wohltätigkeitskonzert findet sich unterm 12. "
             "November im Terminkalender, das Adventskonzert der Chorbühne unterm 26. November.\n",
     .issue_date = boost::gregorian::date(2022, 1, 10),
     .entries = "Männergesang = 2022-11-05 || Wohltätigkeitskonzert findet sich = "
                "2022-11-12 || Adventskonzert der Chorbühne = 2022-11-26"},
    // (3) a year on it would come before the date before it: the list does not say, a warning
    {.text = "Das Konzert ist am 20. Dezember 2022, das Adventskonzert am 26. November.\n",
     .issue_date = boost::gregorian::date(2022, 1, 10),
     .entries = "Konzert = 2022-12-20",
     .warnings = "das Adventskonzert am 26. November."},
    // (3) a written year is the text's word, even before the issue
    {.text = "Das Adventskonzert fand am 26. November 2021 statt.\n",
     .issue_date = boost::gregorian::date(2022, 1, 10),
     .entries = "Adventskonzert fand = 2021-11-26"},
    // a deadline and the masthead's date are no events
    {.text = "Ausgabe vom 12. Juni 2017\n\nBitte melden Sie Ihr Kind bis zum 19.06.2017 ab. Die "
             "Projektwoche beginnt am 20.06.2017.\n",
     .issue_date = boost::gregorian::date(2017, 6, 12),
     .entries = "Projektwoche beginnt = 2017-06-20"},
    // a date alone names no event; a letter without a date holds no calendar
    {.text = "Samstag, 13. Juni\n\nUm 15 Uhr beginnt das Fest.\n",
     .issue_date = boost::gregorian::date(2026, 5, 1),
     .entries = "NONE"},
    {.text = "Liebe Eltern,\n\nwir freuen uns auf das neue Schuljahr.\n",
     .issue_date = boost::gregorian::date(2026, 5, 1),
     .entries = "NONE"},
    // with a calendar heading the prose around it is not read
    {.text = "Liebe Eltern, am 15.06.2026 ist Wandertag.\n\nTermine\n\n20.06.2026 Sportfest\n",
     .issue_date = boost::gregorian::date(2026, 5, 1),
     .entries = "Sportfest = 2026-06-20"},
    // ... but running prose right under a heading that ends the calendar is: a careful reader
    // takes the report-card dates of "Zeugnistermine:" too, up to the next heading or footer
    {.text = "Termine\n\n12.03.2026 Elternabend\n20.03.2026 Schulfest\n\nZeugnistermine:\nFür "
             "alle Klassen gilt:\n\nDas Halbjahreszeugnis gibt es am 13.02.2026. Das "
             "Jahreszeugnis gibt es am 29.07.2026.\n\nImpressum\n\nGedruckt am 01.02.2026.\n",
     .issue_date = boost::gregorian::date(2026, 2, 1),
     .entries = "Elternabend = 2026-03-12 || Schulfest = 2026-03-20 || Halbjahreszeugnis gibt es = "
                "2026-02-13 || Jahreszeugnis gibt es = 2026-07-29"},
    // the prose under such a heading ends at a line that starts with a date
    {.text = "Termine\n\n12.03.2026 Elternabend\n\nZeugnistermine:\nFür alle Klassen gilt:\n"
             "Das Halbjahreszeugnis gibt es am 13.02.2026.\n20.06.2026 Sportfest\n",
     .issue_date = boost::gregorian::date(2026, 2, 1),
     .entries = "Elternabend = 2026-03-12 || Halbjahreszeugnis gibt es = 2026-02-13 || Sportfest = "
                "2026-06-20"},
    // a bullet starts a sentence of its own: each item keeps the time written in it
    {.text = "Liebe Eltern, wir laden Sie herzlich ein • zum Elternabend am 12.03.2026 um 19 Uhr "
             "• zum Sommerfest am 20.06.2026 um 15 Uhr\n",
     .issue_date = boost::gregorian::date(2026, 2, 1),
     .entries = "Elternabend = 2026-03-12 19:00 || Sommerfest = 2026-06-20 15:00"},
    // a sentence glued to the dot after a word or a year ends the one before; an abbreviation
    // ("St.Martin") or a name ("vhs.KinderUni") ends none (issue 16)
    {.text = "Am 24. Januar läuft um 14 Uhr der Klassiker aus dem Jahre 1938.Auf eine Reise nach "
             "Ägypten gehen wir am 7. März um 14 Uhr. Das Konzert in St.Martin ist am 5. Mai um "
             "17 Uhr. Geplant ist ein Kinobesuch.Der Ausflug ist auf den 16. Mai terminiert. Die "
             "vhs.KinderUni beginnt am 3. Juni.\n",
     .issue_date = boost::gregorian::date(2018, 1, 9),
     .entries = "läuft der Klassiker aus dem Jahre 1938 = 2018-01-24 14:00 || Auf eine Reise nach "
                "Ägypten gehen wir = 2018-03-07 14:00 || Konzert in St.Martin = 2018-05-05 17:00 "
                "|| Ausflug ist auf = 2018-05-16 || vhs.KinderUni beginnt = 2018-06-03"},
    // a sentence that opens with a quote begins after the dot before it (issue 16)
    {.text = "Die Reise nach Ägypten ist am 7. März um 14 Uhr im Saal. \"Kreative Nachmittage\" "
             "stehen am 14. März und 28. November jeweils um 15 Uhr auf dem Programm. "
             "\xE2\x80\x9EOktoberfest\xE2\x80\x9C ist am 17. Oktober.\n",
     .issue_date = boost::gregorian::date(2018, 1, 9),
     .entries = "Reise nach Ägypten = 2018-03-07 14:00 || \"Kreative Nachmittage\" stehen = "
                "2018-03-14 15:00; 2018-11-28 15:00 || \xE2\x80\x9EOktoberfest\xE2\x80\x9C = "
                "2018-10-17"},
    // a time in a sentence without a date after a dated sentence follows that one up: the
    // dates after it are read without it; the date it follows up stays unclear (issue 16)
    {.text = "Die Winterwanderung ist am 8. Februar. Die erste Gruppe startet um 9 Uhr, die "
             "zweite um 10 Uhr. Am 6. März findet die Jahreshauptversammlung statt.\n",
     .issue_date = boost::gregorian::date(2015, 1, 20),
     .entries = "Jahreshauptversammlung = 2015-03-06",
     .warnings = "Die Winterwanderung ist am 8. Februar."},
    // … not after a sentence of deadlines only, nor one that speaks of several events, nor one
    // before every date: those may be any date's (issue 16)
    {.text = "Am 5. Mai ist das Sportfest. Anmeldung bis 1. Mai. Beginn ist um 9 Uhr. Am 6. Mai "
             "ist das Turnier.\n",
     .issue_date = boost::gregorian::date(2026, 1, 20),
     .entries = "",
     .warnings = "Am 5. Mai ist das Sportfest. || Am 6. Mai ist das Turnier."},
    {.text = "Am 5. Mai ist das Sportfest. Beginn ist jeweils um 9 Uhr. Am 6. Mai ist das "
             "Turnier.\n",
     .issue_date = boost::gregorian::date(2026, 1, 20),
     .entries = "",
     .warnings = "Am 5. Mai ist das Sportfest. || Am 6. Mai ist das Turnier."},
    {.text = "Die Vorträge beginnen um 19 Uhr. Am 5. Mai spricht Anna Roth. Am 6. Mai spricht "
             "Paul Weiß.\n",
     .issue_date = boost::gregorian::date(2026, 1, 20),
     .entries = "",
     .warnings = "Am 5. Mai spricht Anna Roth. || Am 6. Mai spricht Paul Weiß."},
    // a date in parentheses keeps the time after it there; the next date's clause begins at
    // their close (issue 16)
    {.text = "Ob in der Spielgruppe (ab Mittwoch, 2. September, von 15.30 bis 17 Uhr) oder im "
             "Stillcafé (Freitag, 4.September, von 10 bis 11.30 Uhr) – es gibt Antworten.\n",
     .issue_date = boost::gregorian::date(2015, 8, 20),
     .entries = "Ob in der Spielgruppe = 2015-09-02 15:30-17:00 || oder im Stillcafé = "
                "2015-09-04 10:00-11:30"},
    // without a time in the parentheses the clauses are cut as before
    {.text = "Das Fest (Samstag, 5. September) und der Markt am Sonntag, 6. September, um 11 "
             "Uhr.\n",
     .issue_date = boost::gregorian::date(2015, 8, 20),
     .entries = "Fest = 2015-09-05 || Markt = 2015-09-06 11:00"},
    // "jeweils um 10 und 16 Uhr" gives each date two times, not the last alone (issue 16)
    {.text = "Die Führungen sind am Dienstag, 5. Mai, und am Mittwoch, 6. Mai, jeweils um 10 und "
             "16 Uhr im Museum.\n",
     .issue_date = boost::gregorian::date(2026, 4, 15),
     .entries = "Führungen = 2026-05-05 10:00; 2026-05-05 16:00; 2026-05-06 10:00; 2026-05-06 "
                "16:00"},
    // "um 19.30." closing a sentence is a time: no month is 30 (issue 16)
    {.text = "Die Lesung ist am Dienstag, den 15. November, um 19.30. Der Eintritt ist frei.\n",
     .issue_date = boost::gregorian::date(2022, 11, 9),
     .entries = "Lesung = 2022-11-15 19:30"},
    // the next date's clause begins at the last cut before it, so a comma after a date's
    // apposition does not take its event away from it (issue 16)
    {.text = "Am morgigen Sonntag, 3. Juni, steigt von 11 bis 13 Uhr der Frühschoppen, am 14. "
             "Juni gibt es um 19.30 Uhr eine Lesung.\n",
     .issue_date = boost::gregorian::date(2018, 6, 2),
     .entries = "morgigen = 2018-06-03 11:00-13:00 || gibt es eine Lesung = 2018-06-14 19:30"},
    {.text = "Am 3. Juni, 14 Uhr, Vortrag über Bienen, und am 5. Juni, 16 Uhr, Führung.\n",
     .issue_date = boost::gregorian::date(2018, 6, 2),
     .entries = "Vortrag über Bienen = 2018-06-03 14:00 || Führung = 2018-06-05 16:00"},
    // ... but never inside parentheses or a quoted title
    {.text = "Am 3. Juni, 14 Uhr, liest Anna Roth „Frei! – Ein Leben“ und am 5. Juni, 16 Uhr, "
             "singt der Chor (Psalm 23, 1).\n",
     .issue_date = boost::gregorian::date(2018, 6, 2),
     .entries = "liest Anna Roth „Frei! – Ein Leben“ = 2018-06-03 14:00 || singt der Chor (Psalm "
                "23, 1) = 2018-06-05 16:00"},
    // paragraphs that begin with a date and tell further dates in their sentences are prose,
    // not a headless calendar of three long entries (issue 16)
    {.text = "Am 8. November gestaltet Andrea Roth den Liederabend im großen Saal der Burg, am 9. "
             "November liest Paul Weiß aus seinem neuen Buch über die Stadt und ihre Leute.\n\n"
             "Am 12. November spielt das Trio Nord im Casino der Stadt zum Tanz auf, am 14. "
             "November diskutieren drei Gäste über das Klima und die Zukunft der Region.\n\n"
             "Am 20. November beginnt der Kurs für Eltern im Familienzentrum am Markt, am 21. "
             "November folgt der Abend für Großeltern mit Musik, Kaffee und Kuchen.\n",
     .issue_date = boost::gregorian::date(2023, 10, 3),
     .entries = "gestaltet Andrea Roth den Liederabend im großen Saal der Burg = 2023-11-08 || "
                "liest Paul Weiß aus seinem neuen Buch über die Stadt und ihre Leute = 2023-11-09 "
                "|| spielt das Trio Nord im Casino der Stadt zum Tanz auf = 2023-11-12 || "
                "diskutieren drei Gäste über das Klima und die Zukunft der Region = 2023-11-14 || "
                "beginnt der Kurs für Eltern im Familienzentrum am Markt = 2023-11-20 || folgt "
                "der Abend für Großeltern mit Musik, Kaffee und Kuchen = 2023-11-21"},
    // a page's paragraphs copied one per line, without blank lines between: a long line that
    // ends a sentence ends its paragraph, so the time of the next one is not in question
    {.text = "Gleich zu Beginn des Monats, am Mittwoch, dem 6. Mai, lädt das Familienzentrum zu "
             "seinem großen Maifest in den Garten der Einrichtung ein.\nDas nächste Basteln mit "
             "Müttern und Kindern ab drei Jahren findet am Montag, dem 18. Mai von 15 bis 17.30 "
             "Uhr im Gruppenraum statt.\n",
     .issue_date = boost::gregorian::date(2009, 5, 2),
     .entries = "Gleich zu Beginn des Monats, am Mittwoch = 2009-05-06 || nächste Basteln mit "
                "Müttern und Kindern ab drei Jahren findet am Montag = 2009-05-18 15:00-17:30"},
    // a sentence that ends in a word before a day number ends there: its time is not the
    // first date's, and the list after it does not share one clause with it
    {.text = "Die Bienenzüchter treffen sich sonntags um 10 Uhr im Stadtpark. 9. Februar: "
             "Winterwanderung; 10. März: Versammlung.\n",
     .issue_date = boost::gregorian::date(2019, 1, 1),
     .entries = "",
     .warnings = "9. Februar: Winterwanderung || 10. März: Versammlung."},
    {.text = "Das Fest beginnt am 3. Mai um 10 Uhr. 9. Mai: Markt.\n",
     .issue_date = boost::gregorian::date(2019, 1, 1),
     .entries = "Fest beginnt = 2019-05-03 10:00 || Markt = 2019-05-09"},
    // "wenn nicht anders angegeben, sonntags um 10 Uhr": the usual time of every date without
    // its own, on the weekday it names; another weekday's date is held back
    {.text = "Wir treffen uns, wenn nicht anders angegeben, sonntags um 10 Uhr. 10. März: "
             "Versammlung; 16. März (Samstag): Ausflug; 14. April: Vortrag um 15 Uhr.\n",
     .issue_date = boost::gregorian::date(2019, 1, 1),
     .entries = "Versammlung = 2019-03-10 10:00 || Vortrag = 2019-04-14 15:00",
     .warnings = "16. März (Samstag): Ausflug"},
    // A day, then three sentences with a later time each: the day's programme. Two may be an
    // event and its alternative: still held back.
    {.text = "Der Höhepunkt ist der Festsonntag, 21. Juni. Um 6 Uhr ist der Weckruf. Um 8 Uhr ist "
             "der Empfang der Vereine. Der Festgottesdienst beginnt um 10 Uhr.\n",
     .issue_date = boost::gregorian::date(2026, 6, 1),
     .entries = "Weckruf = 2026-06-21 06:00 || Empfang der Vereine = 2026-06-21 08:00 || "
                "Festgottesdienst beginnt = 2026-06-21 10:00"},
    {.text = "Der Höhepunkt ist der Festsonntag, 21. Juni. Um 8 Uhr ist der Empfang der Vereine. "
             "Der Festgottesdienst beginnt um 10 Uhr.\n",
     .issue_date = boost::gregorian::date(2026, 6, 1),
     .entries = "",
     .warnings = "Der Höhepunkt ist der Festsonntag, 21. Juni."},
    // "um 12 und 14 Uhr": the same event at each time; "um 12 oder 14 Uhr" stays unclear.
    {.text = "Am 10. April finden um 12 und 14 Uhr Zooführungen statt.\n",
     .issue_date = boost::gregorian::date(2026, 3, 27),
     .entries = "finden Zooführungen = 2026-04-10 12:00; 2026-04-10 14:00"},
    {.text = "Am 10. April finden um 12 oder 14 Uhr Zooführungen statt.\n",
     .issue_date = boost::gregorian::date(2026, 3, 27),
     .entries = "",
     .warnings = "Am 10. April finden um 12 oder 14 Uhr Zooführungen statt."},
    // A weekly rule's time goes to the dates on its weekday; another weekday's is held back.
    {.text = "Vorlesestunden finden jeden ersten Dienstag im Monat statt, jeweils ab 17 Uhr. Am 3. "
             "März liest Anna Roth, am 7. April liest Paul Weiß, am 9. April liest Eva Kern.\n",
     .issue_date = boost::gregorian::date(2026, 2, 12),
     .entries = "liest Anna Roth = 2026-03-03 17:00 || liest Paul Weiß = 2026-04-07 17:00",
     .warnings = "am 9. April liest Eva Kern."},
    {.text = "Alle Abende beginnen, sofern nicht anders vermerkt, um 19.30 Uhr. Am 5. März "
             "spricht Anna Roth, am 12. März liest Paul Weiß.\n",
     .issue_date = boost::gregorian::date(2019, 1, 1),
     .entries = "spricht Anna Roth = 2019-03-05 19:30 || liest Paul Weiß = 2019-03-12 19:30"},
};

TEST(CalendarSection, DatesInRunningProseAreReadWhenThereIsNoCalendar) {
  for (const ProseRow& row : kRows) {
    SCOPED_TRACE(row.text);
    if (std::string_view(row.entries) == "NONE") {
      EXPECT_THROW(read_letter(row), ExtractionError);
      continue;
    }
    const Extraction extraction = read_letter(row);
    EXPECT_EQ(entries_of(extraction), row.entries);
    EXPECT_EQ(warnings_of(extraction), row.warnings);
  }
}

}  // namespace
}  // namespace itkal

// Every form of the calendar grammar, each input line next to its expected fields, and the
// negative cases. Real lines from many sources are in real_listings_test.cpp.
#include "itkal/extract/entry_parser.hpp"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/extract/date_expression_parser.hpp"
#include "itkal/formats/extraction_json.hpp"
#include "support/entry_expectation.hpp"
#include "support/fixtures.hpp"

namespace itkal {
namespace {

using testing::EntryRow;

// Issue date 2026-04-15 unless a row says otherwise.
const EntryRow kForms[] = {
    // days
    {.line = "20.4.: **Workshop**",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20",
     .title = "Workshop"},
    {.line = "29.4: **AKDB-Techniktage: KI**",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-29",
     .title = "AKDB-Techniktage: KI",
     .organizers = "AKDB"},
    {.line = "20.04.2026: Fachtag",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20",
     .title = "Fachtag"},
    {.line = "20.4.26: Fachtag",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20",
     .title = "Fachtag"},
    {.line = "20. April: Fachtag",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20",
     .title = "Fachtag"},
    {.line = "20. April 2026: Fachtag",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20",
     .title = "Fachtag"},
    {.line = "Mo., 20.4.: Fachtag",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20",
     .title = "Fachtag"},
    {.line = "Mo 20.4. Fachtag",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20",
     .title = "Fachtag"},
    {.line = "Montag, 20. April: Fachtag",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20",
     .title = "Fachtag"},
    {.line = "2026-04-20: Fachtag",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20",
     .title = "Fachtag"},
    {.line = "13. Jan.: Neujahrsempfang",
     .issue_date = "2026-12-10",
     .occurrences = "2027-01-13",
     .title = "Neujahrsempfang"},
    {.line = "13.1.: Neujahrsempfang",
     .issue_date = "2026-12-10",
     .occurrences = "2027-01-13",
     .title = "Neujahrsempfang"},
    {.line = "10. Sept.: Herbsttagung",
     .issue_date = "2026-08-01",
     .occurrences = "2026-09-10",
     .title = "Herbsttagung"},
    {.line = "3. März: Frühjahrstagung",
     .issue_date = "2026-02-01",
     .occurrences = "2026-03-03",
     .title = "Frühjahrstagung"},
    {.line = "3. Maerz: Frühjahrstagung",
     .issue_date = "2026-02-01",
     .occurrences = "2026-03-03",
     .title = "Frühjahrstagung"},
    {.line = "1. Dez. 2026: Adventsmarkt",
     .issue_date = "2026-10-01",
     .occurrences = "2026-12-01",
     .title = "Adventsmarkt"},
    {.line = "10.2.: Rückblick",
     .issue_date = "2026-04-15",
     .occurrences = "2027-02-10",
     .title = "Rückblick"},
    {.line = "20.2.: Rückblick",
     .issue_date = "2026-04-15",
     .occurrences = "2026-02-20",
     .title = "Rückblick"},
    // spans
    {.line = "21.-23.4., Berlin: **DMEA 2026**",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-21..2026-04-23",
     .location = "Berlin",
     .title = "DMEA 2026"},
    {.line = "21.–23.4., Berlin: **DMEA 2026**",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-21..2026-04-23",
     .location = "Berlin",
     .title = "DMEA 2026"},
    {.line = "21. bis 23.4.: Messe",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-21..2026-04-23",
     .title = "Messe"},
    {.line = "vom 21. bis 23. April: Messe",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-21..2026-04-23",
     .title = "Messe"},
    {.line = "30.6.-2.7., Leipzig: **Zukunftskongress**",
     .issue_date = "2026-04-15",
     .occurrences = "2026-06-30..2026-07-02",
     .location = "Leipzig",
     .title = "Zukunftskongress"},
    {.line = "28.12.2026-2.1.2027: Winterakademie",
     .issue_date = "2026-11-01",
     .occurrences = "2026-12-28..2027-01-02",
     .title = "Winterakademie"},
    {.line = "28.12.-2.1.: Winterakademie",
     .issue_date = "2026-11-01",
     .occurrences = "2026-12-28..2027-01-02",
     .title = "Winterakademie"},
    {.line = "23./24.4., Mainz: **BTC NetWork Forum**, BTC",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-23..2026-04-24",
     .location = "Mainz",
     .title = "BTC NetWork Forum",
     .organizers = "BTC"},
    {.line = "2./3.6., 9.00-17.00, Hannover: **Kongress**",
     .issue_date = "2026-04-15",
     .occurrences = "2026-06-02..2026-06-03 09:00-17:00",
     .location = "Hannover",
     .title = "Kongress"},
    {.line = "Mo., 20.4., 10 Uhr – Mi., 22.4., 16 Uhr: Klausur",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20 10:00..2026-04-22 16:00",
     .title = "Klausur"},
    {.line = "Sa 2.5. – So 3.5.2026: Frühlingsfest",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-02..2026-05-03",
     .title = "Frühlingsfest"},
    // several dates
    {.line = "8./15.7., 10.00-11.00, online: **Sprechstunde**, VITAKO",
     .issue_date = "2026-06-10",
     .occurrences = "2026-07-08 10:00-11:00; 2026-07-15 10:00-11:00",
     .title = "Sprechstunde",
     .organizers = "VITAKO",
     .online = true},
    {.line = "6., 13. und 20.5.: Kursreihe",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-06; 2026-05-13; 2026-05-20",
     .title = "Kursreihe"},
    {.line = "4. & 5. Mai: Tage der offenen Tür",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-04; 2026-05-05",
     .title = "Tage der offenen Tür"},
    // weeks, months, undated
    {.line = "KW 23: Aktionswoche",
     .issue_date = "2026-04-15",
     .occurrences = "2026-06-01..2026-06-07",
     .title = "Aktionswoche"},
    {.line = "KW 2: Aktionswoche",
     .issue_date = "2026-12-01",
     .occurrences = "2027-01-11..2027-01-17",
     .title = "Aktionswoche"},
    {.line = "Juni 2026: **Sommerakademie**",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "Sommerakademie"},
    {.line = "on demand: **Zertifikate & Siegel**, Bundesdruckerei",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "Zertifikate & Siegel",
     .organizers = "Bundesdruckerei"},
    {.line = "tba: Nächstes Netzwerktreffen",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "Nächstes Netzwerktreffen"},
    {.line = "n.n.: Anwenderforum",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "Anwenderforum"},
    {.line = "jederzeit: Online-Kurs Datenschutz",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "Online-Kurs Datenschutz"},
    {.line = "Herbst 2026: **Anwendertreffen**, KDO",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "Anwendertreffen",
     .organizers = "KDO"},
    // times
    {.line = "20.4., 15.30-17.30: Workshop",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20 15:30-17:30",
     .title = "Workshop"},
    {.line = "22.4., 9.30-16.00, Radebeul: **KISA-Digitaltag**",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-22 09:30-16:00",
     .location = "Radebeul",
     .title = "KISA-Digitaltag",
     .organizers = "KISA"},
    {.line = "20.4., 10:00 – 11:30 Uhr: Webinar Grundsteuer",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20 10:00-11:30",
     .title = "Webinar Grundsteuer"},
    {.line = "20.4., 14 Uhr: Ratssitzung",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20 14:00",
     .title = "Ratssitzung"},
    {.line = "20.4., ab 9 Uhr: Markt",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20 09:00",
     .title = "Markt"},
    {.line = "20.4., 9-12 Uhr: Sprechstunde",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20 09:00-12:00",
     .title = "Sprechstunde"},
    {.line = "20.4., bis 17 Uhr: Abgabefrist",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20 -17:00",
     .title = "Abgabefrist"},
    // an end alone that limits the day's opening hours is no end of the event (issue 16)
    {.line = "Dienstag, 04.03.2025 Faschingsdienstag bis 14 Uhr geöffnet",
     .issue_date = "2025-01-15",
     .occurrences = "2025-03-04",
     .title = "Faschingsdienstag bis 14 Uhr geöffnet"},
    {.line = "Mi., 29.10. Montessori-Nachmittag, Betreuungszeit nur bis 14:30 Uhr!",
     .issue_date = "2025-08-20",
     .occurrences = "2025-10-29",
     .title = "Montessori-Nachmittag, Betreuungszeit nur bis 14:30 Uhr!"},
    {.line = "20.4. Abgabe der Arbeiten bis 17 Uhr",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20 -17:00",
     .title = "Abgabe der Arbeiten"},
    {.line = "20.4., von 10 bis 12 Uhr: Beratung",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20 10:00-12:00",
     .title = "Beratung"},
    {.line = "20.4., 19.30h: Konzert",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20 19:30",
     .title = "Konzert"},
    {.line = "20.04.2026 19:00 Uhr Stadtratssitzung",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20 19:00",
     .title = "Stadtratssitzung"},
    {.line = "20.04.2026 19:00 Uhr Vortrag: Klimawandel",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20 19:00",
     .title = "Vortrag: Klimawandel"},
    {.line = "20.4., 22-2 Uhr: Tanz in den Mai",
     .issue_date = "2026-04-15",
     .occurrences = "2026-04-20 22:00..2026-04-21 02:00",
     .title = "Tanz in den Mai"},
    {.line = "1.5., 14.00 und 16.00 Uhr: Führung",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-01 14:00; 2026-05-01 16:00",
     .title = "Führung"},
    // an unmarked hour that "und" joins to a later marked time shares its "Uhr" (issue 16)
    {.line = "1.5., um 10 und 16 Uhr: Führung",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-01 10:00; 2026-05-01 16:00",
     .title = "Führung"},
    {.line = "1.5., 10 und 16 Uhr: Führung",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-01 10:00; 2026-05-01 16:00",
     .title = "Führung"},
    {.line = "1.5. Führung um 10 und um 16 Uhr",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-01 10:00; 2026-05-01 16:00",
     .title = "Führung"},
    // … not a number of something else
    {.line = "1.5. Elternabend Klasse 4 und 16 Uhr Konzert",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-01 16:00",
     .title = "Elternabend Klasse 4 und Konzert"},
    // the doors open before the event: beside its own time, their time is none of its times;
    // alone it stays the entry's time (issue 16)
    {.line = "1.5. Konzert um 20 Uhr, Einlass ab 19 Uhr",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-01 20:00",
     .title = "Konzert, Einlass"},
    {.line = "1.5. Konzert, Einlass 19 Uhr, Beginn 20 Uhr",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-01 20:00",
     .title = "Konzert, Einlass"},
    {.line = "1.5. Konzert 20 Uhr, Einlass: 19 Uhr",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-01 20:00",
     .title = "Konzert, Einlass"},
    {.line = "1.5. Konzert 20 Uhr, Einlass ist um 19 Uhr",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-01 20:00",
     .title = "Konzert, Einlass ist"},
    {.line = "1.5., Konzert, Einlass 19 Uhr",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-01 19:00",
     .title = "Konzert, Einlass"},
    // places and online
    {.line = "12.5., Rathaus, Großer Saal: Bürgerversammlung",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-12",
     .location = "Rathaus, Großer Saal",
     .title = "Bürgerversammlung"},
    {.line = "9.6., 13.00-14.00, online: **Webinar: OZG**, ekom21",
     .issue_date = "2026-04-15",
     .occurrences = "2026-06-09 13:00-14:00",
     .title = "Webinar: OZG",
     .organizers = "ekom21",
     .online = true},
    {.line = "9.6., digital: Austausch",
     .issue_date = "2026-04-15",
     .occurrences = "2026-06-09",
     .title = "Austausch",
     .online = true},
    {.line = "9.6., virtuell: Austausch",
     .issue_date = "2026-04-15",
     .occurrences = "2026-06-09",
     .title = "Austausch",
     .online = true},
    {.line = "9.6., Webinar: Austausch",
     .issue_date = "2026-04-15",
     .occurrences = "2026-06-09",
     .title = "Austausch",
     .online = true},
    // titles, organizers, details
    {.line = "6.5., 9.30-17.15, Berlin: **Fachtagung Daten nutzen, Bildung gestalten**, SWK",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-06 09:30-17:15",
     .location = "Berlin",
     .title = "Fachtagung Daten nutzen, Bildung gestalten",
     .organizers = "SWK"},
    {.line = "7.5.: **dataportCON digital**, Hausmesse, Dataport",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-07",
     .title = "dataportCON digital",
     .organizers = "Dataport"},
    {.line = "12.5., 10.00-11.30: **Wie werden Kommunen gemeinsam** souverän?, eGovernment",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-12 10:00-11:30",
     .title = "Wie werden Kommunen gemeinsam souverän?",
     .organizers = "eGovernment"},
    {.line = "24.6., 9.00-16.00, Siegburg: KDN-Forum Digitale Verwaltung, KDN",
     .issue_date = "2026-06-10",
     .occurrences = "2026-06-24 09:00-16:00",
     .location = "Siegburg",
     .title = "KDN-Forum Digitale Verwaltung",
     .organizers = "KDN"},
    {.line = "24.6.: **Forum**, Komm ONE, regio IT",
     .issue_date = "2026-06-10",
     .occurrences = "2026-06-24",
     .title = "Forum",
     .organizers = "Komm.ONE|regio iT"},
    {.line = "24.6.: **Forum**, Stadt Musterstadt",
     .issue_date = "2026-06-10",
     .occurrences = "2026-06-24",
     .title = "Forum",
     .organizers = "Stadt Musterstadt"},
    {.line = "16./17.6., Berlin: Public-IT-Security (PITS)",
     .issue_date = "2026-06-10",
     .occurrences = "2026-06-16..2026-06-17",
     .location = "Berlin",
     .title = "Public-IT-Security (PITS)"},
    // status
    {.line = "25.6: **Management Kommunen**, KDO – abgesagt",
     .issue_date = "2026-05-13",
     .occurrences = "2026-06-25",
     .title = "Management Kommunen",
     .organizers = "KDO",
     .status = "cancelled"},
    {.line = "25.6.: Sommerfest – entfällt",
     .issue_date = "2026-05-13",
     .occurrences = "2026-06-25",
     .title = "Sommerfest",
     .status = "cancelled"},
    {.line = "25.6.: Sommerfest fällt aus",
     .issue_date = "2026-05-13",
     .occurrences = "2026-06-25",
     .title = "Sommerfest",
     .status = "cancelled"},
    {.line = "25.6.: ABGESAGT: Sommerfest",
     .issue_date = "2026-05-13",
     .occurrences = "2026-06-25",
     .title = "Sommerfest",
     .status = "cancelled"},
    {.line = "18. April - fällt aus, Feiertag",
     .issue_date = "2025-01-01",
     .occurrences = "2025-04-18",
     .title = "Feiertag",
     .status = "cancelled"},
    {.line = "26.6., 10.00-11.30: Management Kommunen, KDO (verschoben vom 25.6.)",
     .issue_date = "2026-06-10",
     .occurrences = "2026-06-26 10:00-11:30",
     .title = "Management Kommunen",
     .organizers = "KDO"},
    // table rows
    {.line = "| 12.05.2026 | 19:00 | Ratssitzung | Rathaus |",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-12 19:00",
     .location = "Rathaus",
     .title = "Ratssitzung"},
    {.line = "Di., 12.05.2026 | 18:00 Uhr | Bürgerhaus Mitte | Vortrag",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-12 18:00",
     .location = "Bürgerhaus Mitte",
     .title = "Vortrag"},
    {.line = "| Herbstferien | 12.10.2026 | 23.10.2026 |",
     .issue_date = "2026-09-01",
     .occurrences = "2026-10-12..2026-10-23",
     .title = "Herbstferien"},
    // a cell of its own joins the two date cells (issue 16)
    {.line = "Herbstferien | Mo., 12.10.2026 | bis | Fr., 23.10.2026 |",
     .issue_date = "2026-09-01",
     .occurrences = "2026-10-12..2026-10-23",
     .title = "Herbstferien"},
    {.line = "Sommerferien | Mo.,29.06.2026 | bis | Fr., 07.08.2026 |",
     .issue_date = "2026-04-15",
     .occurrences = "2026-06-29..2026-08-07",
     .title = "Sommerferien"},
    {.line = "| Winterferien | 15.02.2027 | – | 19.02.2027 |",
     .issue_date = "2026-09-01",
     .occurrences = "2027-02-15..2027-02-19",
     .title = "Winterferien"},
    {.line = "13.10.2026 - 19:00 Uhr - Stadtratssitzung - Rathaus",
     .issue_date = "2026-10-01",
     .occurrences = "2026-10-13 19:00",
     .location = "Rathaus",
     .title = "Stadtratssitzung"},
    {.line = "13.10.: Vortrag – Parteistratege und Bürgermeister",
     .issue_date = "2026-10-01",
     .occurrences = "2026-10-13",
     .title = "Vortrag – Parteistratege und Bürgermeister"},
    {.line = "8.2. und 15.2., jeweils 19 Uhr: Kurs Erste Hilfe",
     .issue_date = "2027-01-10",
     .occurrences = "2027-02-08 19:00; 2027-02-15 19:00",
     .title = "Kurs Erste Hilfe"},
    {.line = "20.2.2027, 9-12 + 13-16 Uhr: Workshop",
     .issue_date = "2027-01-10",
     .occurrences = "2027-02-20 09:00-12:00; 2027-02-20 13:00-16:00",
     .title = "Workshop"},
    // a stray dot after the end hour of a range (issue 16)
    {.line = "12.10.2026, 17-19. Uhr: Workshop",
     .issue_date = "2026-10-01",
     .occurrences = "2026-10-12 17:00-19:00",
     .title = "Workshop"},
    {.line = "12.10.2026 | 17-19. Uhr | Workshop",
     .issue_date = "2026-10-01",
     .occurrences = "2026-10-12 17:00-19:00",
     .title = "Workshop"},
    {.line = "12.10.2026: Workshop, 9 - 12. Uhr",
     .issue_date = "2026-10-01",
     .occurrences = "2026-10-12 09:00-12:00",
     .title = "Workshop"},
    // a span end written after the title (issue 16): only from the day at the start
    {.line = "03.02.2026 - Fachtagung X in Kassel bis 5.2.",
     .issue_date = "2026-01-15",
     .occurrences = "2026-02-03..2026-02-05",
     .title = "Fachtagung X in Kassel"},
    {.line = "09.03.2026 - Themenwochen Y 9.-20.3.",
     .issue_date = "2026-01-15",
     .occurrences = "2026-03-09..2026-03-20",
     .title = "Themenwochen Y"},
    {.line = "09.03.2027 - Themenwochen Y 9. - 20.3.",
     .issue_date = "2026-01-15",
     .occurrences = "2027-03-09..2027-03-20",
     .title = "Themenwochen Y"},
    {.line = "28.12.2026 - Winterwerkstatt bis 3.1.",
     .issue_date = "2026-12-01",
     .occurrences = "2026-12-28..2027-01-03",
     .title = "Winterwerkstatt"},
    {.line = "03.02.2026: **Fachtagung** bis 5. Februar 2026",
     .issue_date = "2026-01-15",
     .occurrences = "2026-02-03..2026-02-05",
     .title = "Fachtagung"},
    {.line = "09.03.2026 - Themenwochen Y 10.-20.3.",
     .issue_date = "2026-01-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "03.02.2026 - Fachtagung X bis 1.2.2026",
     .issue_date = "2026-01-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "03.02.2026 - Fachtagung X bis 10.3.2027",
     .issue_date = "2026-01-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "03.02.2026 - Seminar X, Anmeldung bis 20.2.",
     .issue_date = "2026-01-15",
     .occurrences = "2026-02-03",
     .title = "Seminar X"},
    // the same event offered on two days (issue 16); a plain "oder" stays a warning
    {.line = "Montag, 12.10.2026, oder alternativ Mittwoch, 21.10.2026: **Workshop**",
     .issue_date = "2026-09-01",
     .occurrences = "2026-10-12; 2026-10-21",
     .title = "Workshop"},
    {.line = "Montag, 12.10.2026, alternativ Mittwoch, 21.10.2026: **Workshop**",
     .issue_date = "2026-09-01",
     .occurrences = "2026-10-12; 2026-10-21",
     .title = "Workshop"},
    {.line = "12.10. oder alternativ 21.10., 18 Uhr: Workshop",
     .issue_date = "2026-09-01",
     .occurrences = "2026-10-12 18:00; 2026-10-21 18:00",
     .title = "Workshop"},
    {.line = "Montag, 12.10.2026 oder Mittwoch, 21.10.2026: **Workshop**",
     .issue_date = "2026-09-01",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "Montag, 12.10.2026, oder Mittwoch, 21.10.2026: **Workshop**",
     .issue_date = "2026-09-01",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "Montag, 12.10.2026, oder alternativ Mittwoch, 22.10.2026: **Workshop**",
     .issue_date = "2026-09-01",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    // further dates of the same event at the end of an entry (issue 16)
    {.line = "10.11.2026: Adventsbasteln. Weitere Termine: 3./4. Dezember 2026",
     .issue_date = "2026-10-01",
     .occurrences = "2026-11-10; 2026-12-03..2026-12-04",
     .title = "Adventsbasteln"},
    {.line = "10.11.2026, 15 Uhr: Adventsbasteln, weitere Termine: 17.11. und 24.11.",
     .issue_date = "2026-10-01",
     .occurrences = "2026-11-10 15:00; 2026-11-17 15:00; 2026-11-24 15:00",
     .title = "Adventsbasteln"},
    {.line = "4.5.: Lauftreff (weitere Termine 11.5./18.5.)",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-04; 2026-05-11; 2026-05-18",
     .title = "Lauftreff"},
    {.line = "10.11.2026: Adventsbasteln. Weitere Termine: 31.11.",
     .issue_date = "2026-10-01",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    // a cancelled date with its replacement (issue 16): the new date is the occurrence
    {.line = "5. Mai – Vortrag entfällt, neuer Termin: 8. Oktober 2026 | Titel",
     .issue_date = "2026-04-15",
     .occurrences = "2026-10-08",
     .title = "Titel"},
    {.line = "12.5.: Vortrag Klimawandel entfällt, neuer Termin: 8. Oktober 2026",
     .issue_date = "2026-04-15",
     .occurrences = "2026-10-08",
     .title = "Vortrag Klimawandel"},
    {.line = "12.5., 19 Uhr: Lesung – verschoben, Ersatztermin: 9.6.",
     .issue_date = "2026-04-15",
     .occurrences = "2026-06-09 19:00",
     .title = "Lesung"},
    {.line = "12.5.: **Lesung** fällt aus, neuer Termin: 9.6.",
     .issue_date = "2026-04-15",
     .occurrences = "2026-06-09",
     .title = "Lesung"},
    {.line = "12.5.: Vortrag entfällt, neuer Termin: 31.6.",
     .issue_date = "2026-04-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    // cancelled with the new date still to come: the old date is published as cancelled
    {.line = "12.5.: Vortrag entfällt, neuer Termin folgt",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-12",
     .title = "Vortrag entfällt, neuer Termin folgt",
     .status = "cancelled"},
    // "ab" and a weekday before a span (issue 16)
    {.line = "ab Montag 12. – 16. Oktober Projektwoche",
     .issue_date = "2026-09-01",
     .occurrences = "2026-10-12..2026-10-16",
     .title = "Projektwoche"},
    {.line = "ab 12. – 16. Oktober: Projektwoche",
     .issue_date = "2026-09-01",
     .occurrences = "2026-10-12..2026-10-16",
     .title = "Projektwoche"},
    {.line = "ab Dienstag 12. – 16. Oktober Projektwoche",
     .issue_date = "2026-09-01",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    // lists and recurrences in prose (issue 16)
    {.line = "Dienstag, 3. März und Dienstag, 7. April, jeweils um 18.30 Uhr: Gesprächsabend",
     .issue_date = "2026-02-01",
     .occurrences = "2026-03-03 18:30; 2026-04-07 18:30",
     .title = "Gesprächsabend"},
    {.line = "Dienstag, 3. März und Mittwoch, 7. April, jeweils um 18.30 Uhr: Gesprächsabend",
     .issue_date = "2026-02-01",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "an den beiden Freitagen 6. und 13. November von 16.00 bis 17.30 Uhr: Laternenbasteln",
     .issue_date = "2026-10-01",
     .occurrences = "2026-11-06 16:00-17:30; 2026-11-13 16:00-17:30",
     .title = "Laternenbasteln"},
    {.line = "Laternenbasteln an den beiden Freitagen 6. und 13. November von 16.00 bis 17.30 Uhr",
     .issue_date = "2026-10-01",
     .occurrences = "2026-11-06 16:00-17:30; 2026-11-13 16:00-17:30",
     .title = "Laternenbasteln"},
    {.line = "an den beiden Freitagen 6. und 12. November: Laternenbasteln",
     .issue_date = "2026-10-01",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "12.2., 16.4., 18.6. und 8.10.: Blutspende",
     .issue_date = "2026-01-10",
     .occurrences = "2026-02-12; 2026-04-16; 2026-06-18; 2026-10-08",
     .title = "Blutspende"},
    {.line = "Blutspende 12.2., 16.4., 18.6. und 8.10.",
     .issue_date = "2026-01-10",
     .occurrences = "2026-02-12; 2026-04-16; 2026-06-18; 2026-10-08",
     .title = "Blutspende"},
    // dates relative to the issue date (issue 16)
    {.line = "am kommenden Freitag, 12. Juni: Sommerfest",
     .issue_date = "2026-06-08",
     .occurrences = "2026-06-12",
     .title = "Sommerfest"},
    {.line = "Am kommenden Freitag, 12. Juni, um 19 Uhr: Sommerfest",
     .issue_date = "2026-06-08",
     .occurrences = "2026-06-12 19:00",
     .title = "Sommerfest"},
    {.line = "am kommenden Freitag, 13. Juni: Sommerfest",
     .issue_date = "2026-06-08",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "diesen Samstag, am 19.9.: Flohmarkt",
     .issue_date = "2026-09-14",
     .occurrences = "2026-09-19",
     .title = "Flohmarkt"},
    {.line = "Flohmarkt diesen Samstag, am 19.9.",
     .issue_date = "2026-09-14",
     .occurrences = "2026-09-19",
     .title = "Flohmarkt"},
    {.line = "heute, Mittwoch, 19 Uhr: Elternabend",
     .issue_date = "2026-06-10",
     .occurrences = "2026-06-10 19:00",
     .title = "Elternabend"},
    {.line = "heute, Mittwoch: Elternabend",
     .issue_date = "2026-06-10",
     .occurrences = "2026-06-10",
     .title = "Elternabend"},
    {.line = "heute, Donnerstag, 19 Uhr: Elternabend",
     .issue_date = "2026-06-10",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    // calendar weeks: Monday to Sunday (issue 16)
    {.line = "Projektwoche Kalenderwoche 37",
     .issue_date = "2026-08-20",
     .occurrences = "2026-09-07..2026-09-13",
     .title = "Projektwoche"},
    {.line = "Kalenderwoche 37: Projektwoche",
     .issue_date = "2026-08-20",
     .occurrences = "2026-09-07..2026-09-13",
     .title = "Projektwoche"},
    {.line = "KW 45: Praktikum Klasse 9",
     .issue_date = "2026-09-01",
     .occurrences = "2026-11-02..2026-11-08",
     .title = "Praktikum Klasse 9"},
    {.line = "Praktikum Klasse 9 KW 45",
     .issue_date = "2026-09-01",
     .occurrences = "2026-11-02..2026-11-08",
     .title = "Praktikum Klasse 9"},
    // month first, as agenda views write it; the weekday confirms (issue 16)
    {.line = "Apr. 21 Di. Elternabend",
     .issue_date = "2026-03-01",
     .occurrences = "2026-04-21",
     .title = "Elternabend"},
    {.line = "Apr. 21 Mi. Elternabend",
     .issue_date = "2026-03-01",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "Nov. 9: Gedenkfeier",
     .issue_date = "2026-10-01",
     .occurrences = "2026-11-09",
     .title = "Gedenkfeier"},
    {.line = "Nov. 9 um 19:00 – 20:00: Elternabend",
     .issue_date = "2026-10-01",
     .occurrences = "2026-11-09 19:00-20:00",
     .title = "Elternabend"},
    {.line = "Mai 21 Kermit 2 + 3",
     .issue_date = "2020-11-09",
     .occurrences = "",
     .title = "",
     .status = ""},
    // spans in school and holiday plans (issue 16)
    {.line = "Herbstferien Mo. 12.10. bis Fr. 23.10.",
     .issue_date = "2026-09-01",
     .occurrences = "2026-10-12..2026-10-23",
     .title = "Herbstferien"},
    {.line = "Herbstferien Mo. 12.10. bis Sa. 23.10.",
     .issue_date = "2026-09-01",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "02.11.- 13.11.2026 Schwimmkurs Klasse 3",
     .issue_date = "2026-09-01",
     .occurrences = "2026-11-02..2026-11-13",
     .title = "Schwimmkurs Klasse 3"},
    {.line = "21.12. – 08.01.2027 Weihnachtsferien",
     .issue_date = "2026-11-01",
     .occurrences = "2026-12-21..2027-01-08",
     .title = "Weihnachtsferien"},
    {.line = "Weihnachtsferien 21.12. – 08.01.2027",
     .issue_date = "2026-11-01",
     .occurrences = "2026-12-21..2027-01-08",
     .title = "Weihnachtsferien"},
    {.line = "Di.09.06. Wandertag",
     .issue_date = "2026-05-01",
     .occurrences = "2026-06-09",
     .title = "Wandertag"},
    {.line = "Mi 16.09. Elternabend",
     .issue_date = "2026-09-01",
     .occurrences = "2026-09-16",
     .title = "Elternabend"},
    {.line = "Do.09.06. Wandertag",
     .issue_date = "2026-05-01",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "14.06.26 Sportfest",
     .issue_date = "2026-05-01",
     .occurrences = "2026-06-14",
     .title = "Sportfest"},
    // times (issue 16)
    {.line = "12.6., ab 14:00: Sommerfest",
     .issue_date = "2026-05-01",
     .occurrences = "2026-06-12 14:00",
     .title = "Sommerfest"},
    {.line = "12.6. Sommerfest ab 14:00",
     .issue_date = "2026-05-01",
     .occurrences = "2026-06-12 14:00",
     .title = "Sommerfest"},
    {.line = "12.6., 14.30 -16.00Uhr: Elterncafé",
     .issue_date = "2026-05-01",
     .occurrences = "2026-06-12 14:30-16:00",
     .title = "Elterncafé"},
    {.line = "12.6. Elterncafé 14.30 -16.00Uhr",
     .issue_date = "2026-05-01",
     .occurrences = "2026-06-12 14:30-16:00",
     .title = "Elterncafé"},
    {.line = "12.6., ganztags: Wandertag",
     .issue_date = "2026-05-01",
     .occurrences = "2026-06-12",
     .title = "Wandertag"},
    {.line = "12.6. Wandertag (ganztags)",
     .issue_date = "2026-05-01",
     .occurrences = "2026-06-12",
     .title = "Wandertag"},
    {.line = "12.6. Wandertag ganztägig",
     .issue_date = "2026-05-01",
     .occurrences = "2026-06-12",
     .title = "Wandertag"},
    {.line = "12.6., 9.00-12.00 und 14.00-16.00 Uhr: Blutspende",
     .issue_date = "2026-05-01",
     .occurrences = "2026-06-12 09:00-12:00; 2026-06-12 14:00-16:00",
     .title = "Blutspende"},
    {.line = "12.6., von 9 bis 12 sowie von 13 bis 15.30 Uhr: Blutspende",
     .issue_date = "2026-05-01",
     .occurrences = "2026-06-12 09:00-12:00; 2026-06-12 13:00-15:30",
     .title = "Blutspende"},
    {.line = "12.6. Blutspende von 9 bis 12 sowie von 13 bis 15.30 Uhr",
     .issue_date = "2026-05-01",
     .occurrences = "2026-06-12 09:00-12:00; 2026-06-12 13:00-15:30",
     .title = "Blutspende"},
    {.line = "12.6. Blutspende 9.00-12.00 und 14.00-16.00 Uhr",
     .issue_date = "2026-05-01",
     .occurrences = "2026-06-12 09:00-12:00; 2026-06-12 14:00-16:00",
     .title = "Blutspende"},
    // a named day before the date, which the date must agree with (issue 16)
    {.line = "am Pfingstmontag, 25. Mai, 14-17.30 Uhr: Mühlentag",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-25 14:00-17:30",
     .title = "Mühlentag"},
    {.line = "Mühlentag am Pfingstmontag, 25. Mai",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-25",
     .title = "Mühlentag"},
    {.line = "am Pfingstmontag, 25. Mai: Mühlentag",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-25",
     .title = "Mühlentag"},
    {.line = "am Buß- und Bettag, 18.11.: Gottesdienst",
     .issue_date = "2026-09-01",
     .occurrences = "2026-11-18",
     .title = "Gottesdienst"},
    {.line = "Buß- und Bettag, 18.11.",
     .issue_date = "2026-09-01",
     .occurrences = "2026-11-18",
     .title = "Buß- und Bettag"},
    {.line = "am Pfingstmontag, 29. Mai: Mühlentag",
     .issue_date = "2026-04-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    // dates that are not the event's (issue 16)
    {.line = "14.05.20226: Sportfest",
     .issue_date = "2026-04-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "Sportfest 14.05.20226",
     .issue_date = "2026-04-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "Jahreshauptversammlung verschoben vom 3.3. auf Dienstag, 10.3., 19 Uhr",
     .issue_date = "2026-02-15",
     .occurrences = "2026-03-10 19:00",
     .title = "Jahreshauptversammlung"},
    {.line = "10.3., 19 Uhr: Jahreshauptversammlung (verschoben vom 3.3.)",
     .issue_date = "2026-02-15",
     .occurrences = "2026-03-10 19:00",
     .title = "Jahreshauptversammlung"},
    // a day after "vom" without an end dates what the title refers to: a warning; "vom … bis"
    // is a span and "vom Nikolaus" no date (issue 16)
    {.line = "Öffentlich TOP 1 Protokoll der Sitzung vom 18.08.2020 TOP 2 Beschlussfassung",
     .issue_date = "2020-09-04",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    // the dates of an article's publication and update are no event (issue 16)
    {.line = "23.11.2017 | Stand 02.12.2020, 17:10 Uhr",
     .issue_date = "2017-11-23",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "05.03.2026, aktualisiert am 06.03.2026, 9:12 Uhr",
     .issue_date = "2026-03-05",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    // a page's stamp closing a flattened line is neither a second date nor a part of the entry
    {.line = "Weihnachtsferien 23.12.-6.1. Stand 01.08.2024",
     .issue_date = "2024-08-01",
     .occurrences = "2024-12-23..2025-01-06",
     .title = "Weihnachtsferien"},
    {.line = "  Weihnachtsferien 23.12.-6.1. Stand 01.08.2024",
     .issue_date = "2024-08-01",
     .occurrences = "2024-12-23..2025-01-06",
     .title = "Weihnachtsferien"},
    {.line = "Weihnachtsferien 23.12.-6.1. Stand: 01.08.2024",
     .issue_date = "2024-08-01",
     .occurrences = "2024-12-23..2025-01-06",
     .title = "Weihnachtsferien"},
    // any other second date still makes the line a warning
    {.line = "Weihnachtsferien 23.12.-6.1. Zeugnisse 01.08.2024",
     .issue_date = "2024-08-01",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    // a deadline is no event's day, nor the end of one (issue 16)
    {.line = "bis 11.11.2024: Personensorgeberechtigte geben die Teilnahme an",
     .issue_date = "2024-08-01",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "spätestens bis zum 3.5.: Anträge einreichen",
     .issue_date = "2026-04-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "bis 30.11.: Ausstellung im Rathaus",
     .issue_date = "2026-04-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    // … unless its words name it a deadline: then it is the day of that deadline
    {.line = "bis 11.11.2024: Anmeldeschluss für die Eignungsfeststellung",
     .issue_date = "2024-08-01",
     .occurrences = "2024-11-11",
     .title = "Anmeldeschluss für die Eignungsfeststellung"},
    // a season or month labels the date right after its colon (issue 16)
    {.line = "Frühjahr: 7. Februar 2005 - 11. Februar 2005",
     .issue_date = "2004-09-01",
     .occurrences = "2005-02-07..2005-02-11",
     .title = "Frühjahr"},
    {.line = "Sommer: 1. August 2005 - 12. September 2005 (!!Achtung: geänderter Termin!!)",
     .issue_date = "2004-09-01",
     .occurrences = "2005-08-01..2005-09-12",
     .title = "Sommer"},
    {.line = "Mai: 12.5. Maifest",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-12",
     .title = "Maifest"},
    // a month that another month's date contradicts labels nothing
    {.line = "im Juni: 20.04. Sportfest",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "20.04. Sportfest"},
    // an undated marker is no label of the date after it
    {.line = "tba: 17.02.2023",
     .issue_date = "2023-01-15",
     .occurrences = "",
     .title = "17.02.2023"},
    // words between the colon and a date: the season's entry stays undated
    {.line = "Juni: Sommerfest, Anmeldung bis 3.6.",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "Sommerfest"},
    {.line = "12.5., 17 Uhr: Standkonzert der Stadtkapelle",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-12 17:00",
     .title = "Standkonzert der Stadtkapelle"},
    {.line = "Schreiben des Landratsamts vom 3.3.",
     .issue_date = "2026-02-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "Jahreshauptversammlung (verschoben vom 3.3.)",
     .issue_date = "2026-02-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "Herbstferien vom 12.10. bis 23.10.2026",
     .issue_date = "2026-09-01",
     .occurrences = "2026-10-12..2026-10-23",
     .title = "Herbstferien"},
    {.line = "Besuch vom Nikolaus am 06.12.2026",
     .issue_date = "2026-09-01",
     .occurrences = "2026-12-06",
     .title = "Besuch vom Nikolaus"},
    // undated but real (issue 16)
    {.line = "jeden zweiten Donnerstag im Monat um 18 Uhr: Stammtisch",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "Stammtisch"},
    {.line = "Stammtisch: jeden zweiten Donnerstag im Monat um 18 Uhr",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "Stammtisch"},
    {.line = "????: Sommerfest",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "Sommerfest"},
    // a plan's column of question marks, with only spaces after it (issue 16)
    {.line = "????                       Schulkonferenz – Termin wird noch bekannt gegeben",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "Schulkonferenz – Termin wird noch bekannt gegeben"},
    {.line = "Sommerfest: Termin wird noch bekannt gegeben",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "Sommerfest"},
    {.line = "Termin wird noch bekannt gegeben: Sommerfest",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "Sommerfest"},
    // a replacement written as "neues Datum" (issue 16)
    {.line = "12.5.: Vortrag entfällt, neues Datum: 9.6.",
     .issue_date = "2026-04-15",
     .occurrences = "2026-06-09",
     .title = "Vortrag"},
    // title first
    {.line = "Zwischenzeugnis 17.02.2027",
     .issue_date = "2027-01-09",
     .occurrences = "2027-02-17",
     .title = "Zwischenzeugnis"},
    {.line = "Sitzung des Bauausschusses Dienstag, 12.05.2026, 18:45 Uhr",
     .issue_date = "2026-04-15",
     .occurrences = "2026-05-12 18:45",
     .title = "Sitzung des Bauausschusses"},
    // negative cases: never a date
    {.line = "31.4.: Fachtag",
     .issue_date = "2026-04-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "30.02.2026: Fachtag",
     .issue_date = "2026-01-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "29.2.2027: Schalttag",
     .issue_date = "2026-12-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "99.99.: Unsinn",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "",
     .status = ""},
    {.line = "Mo., 21.4.2026: Fachtag",
     .issue_date = "2026-04-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "20.4., 25.61 Uhr: Fachtag",
     .issue_date = "2026-04-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "20.4., 25 Uhr: Fachtag",
     .issue_date = "2026-04-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "23.-21.4.: Rückwärts",
     .issue_date = "2026-04-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "09. Juli oder 16. Juli: Amtseinsetzung",
     .issue_date = "2026-06-01",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "18.06. bzw. 25.06.: Sommerfest",
     .issue_date = "2026-06-01",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "18.11 - 10.01 Gottesdienst",
     .issue_date = "2026-11-01",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "KW 54: Aktionswoche",
     .issue_date = "2026-04-15",
     .occurrences = "WARN",
     .title = "",
     .status = ""},
    {.line = "2. Workshop \"API first\"",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "",
     .status = ""},
    {.line = "souverän?, eGovernment",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "",
     .status = ""},
    {.line = "15.30-17.30 Uhr",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "",
     .status = ""},
    {.line = "Raum 0.03, Klassen 5 – 11",
     .issue_date = "2026-04-15",
     .occurrences = "",
     .title = "",
     .status = ""},
};

class EntryForms : public ::testing::TestWithParam<EntryRow> {};

TEST_P(EntryForms, GiveTheirFields) {
  static const OrganizerDirectory directory = testing::project_directory();
  const EntryRow& row = GetParam();
  SCOPED_TRACE(std::string("line: ") + row.line);
  const testing::RowOutcome got = testing::run_row(row, directory);
  if (std::string(row.occurrences) == "WARN") {
    EXPECT_TRUE(got.occurrences.starts_with("WARN"))
        << "expected a warning, got '" << got.occurrences << "'";
    return;
  }
  EXPECT_EQ(got.occurrences, row.occurrences);
  if (row.prose) return;  // a sentence: only its dates are checked
  if (std::string(row.title).empty() && std::string(row.occurrences).empty()) {
    EXPECT_EQ(got.status, "not an entry");
    return;
  }
  EXPECT_EQ(got.location, row.location);
  EXPECT_EQ(got.title, row.title);
  EXPECT_EQ(got.organizers, row.organizers);
  EXPECT_EQ(got.status, row.status);
  EXPECT_EQ(got.online, row.online);
}

INSTANTIATE_TEST_SUITE_P(Table, EntryForms, ::testing::ValuesIn(kForms));

/// Everything parse gives, as extract --json writes it (the entry and every warning).
std::string parse_as_json(const EntryParse& parse) {
  Extraction extraction;
  extraction.issue_date = boost::gregorian::date(2026, 4, 15);
  if (parse.kind == EntryParse::Kind::entry) extraction.entries.push_back(parse.entry);
  if (parse.kind == EntryParse::Kind::warning) extraction.warnings.push_back(parse.warning);
  extraction.warnings.insert(extraction.warnings.end(), parse.warnings.begin(),
                             parse.warnings.end());
  return std::to_string(static_cast<int>(parse.kind)) + extraction_to_json(extraction);
}

/// The calendar reader hands parse the date it read to decide that a line opens an entry: the
/// entry must be the one parse reads on its own.
TEST(EntryParserLeadingDate, GivesTheEntryParseReadsAlone) {
  static const OrganizerDirectory directory = testing::project_directory();
  const EntryParser parser(directory, boost::gregorian::date(2026, 4, 15));
  for (const EntryRow& row : kForms) {
    SCOPED_TRACE(std::string("line: ") + row.line);
    EXPECT_EQ(parse_as_json(parser.parse(row.line, 1, parser.leading_date(row.line))),
              parse_as_json(parser.parse(row.line, 1)));
  }
}

/// A date read of another text is not this entry's: parse reads its own.
TEST(EntryParserLeadingDate, OfAnotherTextIsNotUsed) {
  static const OrganizerDirectory directory = testing::project_directory();
  const EntryParser parser(directory, boost::gregorian::date(2026, 4, 15));
  const std::string other = "20.4.: **Workshop**";
  const EntryParse parse = parser.parse("21.4.: **Workshop**", 1, parser.leading_date(other));
  ASSERT_EQ(parse.kind, EntryParse::Kind::entry);
  ASSERT_EQ(parse.entry.occurrences.size(), 1U);
  EXPECT_EQ(parse.entry.occurrences.front().start_date, boost::gregorian::date(2026, 4, 21));
}

/// A field the table does not show: the old date of a moved entry is its first detail.
TEST(EntryParserDetails, AReplacedDateKeepsTheOldOneAsADetail) {
  static const OrganizerDirectory directory = testing::project_directory();
  const EntryParser parser(directory, boost::gregorian::date(2026, 4, 15));
  const EntryParse parse =
      parser.parse("5. Mai – Vortrag entfällt, neuer Termin: 8. Oktober 2026 | Titel", 1);
  ASSERT_EQ(parse.kind, EntryParse::Kind::entry);
  EXPECT_EQ(parse.entry.details, std::vector<std::string>{"verschoben vom 5. Mai"});
  EXPECT_EQ(parse.entry.text, "5. Mai – Vortrag entfällt, neuer Termin: 8. Oktober 2026 | Titel");
}

/// Markdown links around a title (issue 16): the text is the title, the address the URL.
struct LinkRow {
  const char* line;
  const char* title;
  const char* location;
  const char* url;
};

const LinkRow kLinks[] = {
    {"12.10.2026, Rathaus Kassel: [Fachtag Digitales](https://example.org/fachtag)",
     "Fachtag Digitales", "Rathaus Kassel", "https://example.org/fachtag"},
    {"12.10.2026: **[Fachtag](https://example.org/f)**", "Fachtag", "", "https://example.org/f"},
    {"12.10.2026 | 18 Uhr | [Lesung](http://example.org/l) | Stadtbibliothek", "Lesung",
     "Stadtbibliothek", "http://example.org/l"},
    {"12.10.2026: [Fachtag] (Anmeldung nötig)", "[Fachtag]", "", ""},
};

TEST(EntryParserLinks, LinkTextIsTheTitleAndTheAddressTheUrl) {
  static const OrganizerDirectory directory = testing::project_directory();
  const EntryParser parser(directory, boost::gregorian::date(2026, 10, 1));
  for (const LinkRow& row : kLinks) {
    SCOPED_TRACE(row.line);
    const EntryParse parse = parser.parse(row.line, 1);
    ASSERT_EQ(parse.kind, EntryParse::Kind::entry);
    EXPECT_EQ(parse.entry.title, row.title);
    EXPECT_EQ(parse.entry.location.value_or(""), row.location);
    EXPECT_EQ(parse.entry.url.value_or(""), row.url);
  }
}

/// `extract --json` names an entry's URL, and only when it has one: documents of entries
/// without links keep their bytes (issue 16).
TEST(EntryParserLinks, ExtractJsonHasUrlOnlyWhenTheEntryHasOne) {
  static const OrganizerDirectory directory = testing::project_directory();
  const EntryParser parser(directory, boost::gregorian::date(2026, 10, 1));
  const auto json_of = [&](const char* line) {
    Extraction extraction;
    extraction.issue_date = boost::gregorian::date(2026, 10, 1);
    extraction.entries.push_back(parser.parse(line, 1).entry);
    return extraction_to_json(extraction);
  };
  EXPECT_NE(json_of("12.10.2026: [Fachtag](https://example.org/f)")
                .find("\"url\": \"https://example.org/f\""),
            std::string::npos);
  EXPECT_EQ(json_of("12.10.2026: Fachtag").find("\"url\""), std::string::npos);
}

/// The old date of a title-first entry that was moved is a detail, not the event's day.
TEST(EntryParserDetails, AMovedEntryKeepsTheDayItWasMovedFrom) {
  static const OrganizerDirectory directory = testing::project_directory();
  const EntryParser parser(directory, boost::gregorian::date(2026, 2, 15));
  const EntryParse parse =
      parser.parse("Jahreshauptversammlung verschoben vom 3.3. auf Dienstag, 10.3., 19 Uhr", 1);
  ASSERT_EQ(parse.kind, EntryParse::Kind::entry);
  EXPECT_EQ(parse.entry.details, std::vector<std::string>{"verschoben vom 3.3."});
}

/// A recurrence without a first day is an undated entry whose note says how it recurs.
TEST(EntryParserDetails, ARecurrenceIsUndatedWithANote) {
  static const OrganizerDirectory directory = testing::project_directory();
  const EntryParser parser(directory, boost::gregorian::date(2026, 4, 15));
  for (const char* line : {"jeden zweiten Donnerstag im Monat um 18 Uhr: Stammtisch",
                           "Stammtisch: jeden zweiten Donnerstag im Monat um 18 Uhr"}) {
    SCOPED_TRACE(line);
    const EntryParse parse = parser.parse(line, 1);
    ASSERT_EQ(parse.kind, EntryParse::Kind::entry);
    EXPECT_FALSE(parse.entry.dated);
    EXPECT_EQ(
        parse.entry.notes,
        std::vector<std::string>{"recurring, no single date: jeden zweiten Donnerstag im Monat"});
  }
}

TEST(EntryParserLimits, HugeEntryIsAWarningNotAHang) {
  const OrganizerDirectory directory;
  const EntryParser parser(directory, boost::gregorian::date(2026, 4, 15));
  const std::string huge = "20.4.: " + std::string(1 << 20, 'x');
  const EntryParse parse = parser.parse(huge, 7);
  ASSERT_EQ(parse.kind, EntryParse::Kind::warning);
  EXPECT_EQ(parse.warning.line, 7u);
  EXPECT_NE(parse.warning.message.find("too long"), std::string::npos);
}

TEST(EntryParserLimits, InvalidUtf8AndControlBytesDoNotCrash) {
  const OrganizerDirectory directory;
  const EntryParser parser(directory, boost::gregorian::date(2026, 4, 15));
  for (const std::string& line :
       {std::string("20.4.: \xFF\xFE Titel"), std::string("\x01\x02 20.4.:", 8),
        std::string("20.4.: **"), std::string("**"), std::string("|||"),
        std::string("20.4., ,,,: ::")}) {
    SCOPED_TRACE(line);
    EntryParse parse;
    ASSERT_NO_THROW(parse = parser.parse(line, 1));
    // Whatever the bytes, the result is one of the three kinds, and a warning names its line.
    if (parse.kind == EntryParse::Kind::warning) {
      EXPECT_EQ(parse.warning.line, 1u);
      EXPECT_FALSE(parse.warning.message.empty());
    }
    if (parse.kind == EntryParse::Kind::entry) {
      EXPECT_EQ(parse.entry.line, 1u);
      // A date it reads is the one written, never a neighbouring day.
      for (const auto& occurrence : parse.entry.occurrences) {
        EXPECT_EQ(occurrence.start_date, boost::gregorian::date(2026, 4, 20));
      }
    }
  }
}

/// Every day 2000–2100 in the numeric and month-name forms parses back to itself.
TEST(DateRoundTrip, EveryDayOfTheCenturyInEveryForm) {
  static const char* kMonths[] = {"Januar",    "Februar", "März",     "April",
                                  "Mai",       "Juni",    "Juli",     "August",
                                  "September", "Oktober", "November", "Dezember"};
  static const char* kShort[] = {"Jan.", "Feb.", "Mrz.",  "Apr.", "Mai",  "Jun.",
                                 "Jul.", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."};
  static const char* kWeekdays[] = {"So.", "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa."};
  const DateExpressionParser parser(boost::gregorian::date(2050, 1, 1));
  std::size_t checked = 0;
  for (boost::gregorian::date day(2000, 1, 1); day <= boost::gregorian::date(2100, 12, 31);
       day += boost::gregorian::days(1)) {
    const int d = day.day();
    const int m = day.month();
    const int y = day.year();
    char two[8];
    std::snprintf(two, sizeof two, "%02d", d);
    char month_two[8];
    std::snprintf(month_two, sizeof month_two, "%02d", m);
    const std::string forms[] = {
        std::to_string(d) + "." + std::to_string(m) + "." + std::to_string(y),
        std::string(two) + "." + month_two + "." + std::to_string(y),
        std::to_string(d) + ". " + kMonths[m - 1] + " " + std::to_string(y),
        std::to_string(d) + ". " + kShort[m - 1] + " " + std::to_string(y),
        std::string(kWeekdays[day.day_of_week().as_number()]) + ", " + std::to_string(d) + "." +
            std::to_string(m) + "." + std::to_string(y),
        iso_date(day),
    };
    for (const auto& form : forms) {
      TextScanner scanner(form);
      const DateParse parse = parser.parse(scanner);
      ASSERT_EQ(parse.kind, DateParse::Kind::dated) << form;
      ASSERT_EQ(parse.occurrences.size(), 1u) << form;
      ASSERT_EQ(parse.occurrences.front().start_date, day) << form;
      ASSERT_EQ(parse.occurrences.front().end_date, day) << form;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 6u * 36890u);
}

/// Without a year, every day resolves into the window [issue date − 60 days, + about 10 months].
TEST(DateRoundTrip, YearsComeFromTheIssueDate) {
  for (boost::gregorian::date issue(2026, 1, 1); issue <= boost::gregorian::date(2027, 12, 31);
       issue += boost::gregorian::days(17)) {
    const DateExpressionParser parser(issue);
    for (boost::gregorian::date day = issue - boost::gregorian::days(60);
         day < issue - boost::gregorian::days(60) + boost::gregorian::days(365);
         day += boost::gregorian::days(1)) {
      if (day.month() == 2 && day.day() == 29) continue;  // resolves to the next leap year
      const std::string form = std::to_string(day.day()) + "." + std::to_string(day.month()) + ".";
      TextScanner scanner(form);
      const DateParse parse = parser.parse(scanner);
      ASSERT_EQ(parse.kind, DateParse::Kind::dated) << form;
      ASSERT_EQ(parse.occurrences.front().start_date, day)
          << form << " in issue " << iso_date(issue);
    }
  }
}

}  // namespace
}  // namespace itkal

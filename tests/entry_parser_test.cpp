// Every form of the calendar grammar, each input line next to its expected fields, and the
// negative cases. Real lines from many sources are in real_listings_test.cpp.
#include "itkal/extract/entry_parser.hpp"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "itkal/extract/date_expression_parser.hpp"
#include "support/entry_expectation.hpp"
#include "support/fixtures.hpp"

namespace itkal {
namespace {

using testing::EntryRow;

// Issue date 2026-04-15 unless a row says otherwise.
const EntryRow kForms[] = {
    // days
    {"20.4.: **Workshop**", "2026-04-15", "2026-04-20", "", "Workshop", "", "confirmed", false},
    {"29.4: **AKDB-Techniktage: KI**", "2026-04-15", "2026-04-29", "", "AKDB-Techniktage: KI",
     "AKDB", "confirmed", false},
    {"20.04.2026: Fachtag", "2026-04-15", "2026-04-20", "", "Fachtag", "", "confirmed", false},
    {"20.4.26: Fachtag", "2026-04-15", "2026-04-20", "", "Fachtag", "", "confirmed", false},
    {"20. April: Fachtag", "2026-04-15", "2026-04-20", "", "Fachtag", "", "confirmed", false},
    {"20. April 2026: Fachtag", "2026-04-15", "2026-04-20", "", "Fachtag", "", "confirmed", false},
    {"Mo., 20.4.: Fachtag", "2026-04-15", "2026-04-20", "", "Fachtag", "", "confirmed", false},
    {"Mo 20.4. Fachtag", "2026-04-15", "2026-04-20", "", "Fachtag", "", "confirmed", false},
    {"Montag, 20. April: Fachtag", "2026-04-15", "2026-04-20", "", "Fachtag", "", "confirmed",
     false},
    {"2026-04-20: Fachtag", "2026-04-15", "2026-04-20", "", "Fachtag", "", "confirmed", false},
    {"13. Jan.: Neujahrsempfang", "2026-12-10", "2027-01-13", "", "Neujahrsempfang", "",
     "confirmed", false},
    {"13.1.: Neujahrsempfang", "2026-12-10", "2027-01-13", "", "Neujahrsempfang", "", "confirmed",
     false},
    {"10. Sept.: Herbsttagung", "2026-08-01", "2026-09-10", "", "Herbsttagung", "", "confirmed",
     false},
    {"3. März: Frühjahrstagung", "2026-02-01", "2026-03-03", "", "Frühjahrstagung", "", "confirmed",
     false},
    {"3. Maerz: Frühjahrstagung", "2026-02-01", "2026-03-03", "", "Frühjahrstagung", "",
     "confirmed", false},
    {"1. Dez. 2026: Adventsmarkt", "2026-10-01", "2026-12-01", "", "Adventsmarkt", "", "confirmed",
     false},
    {"10.2.: Rückblick", "2026-04-15", "2027-02-10", "", "Rückblick", "", "confirmed", false},
    {"20.2.: Rückblick", "2026-04-15", "2026-02-20", "", "Rückblick", "", "confirmed", false},
    // spans
    {"21.-23.4., Berlin: **DMEA 2026**", "2026-04-15", "2026-04-21..2026-04-23", "Berlin",
     "DMEA 2026", "", "confirmed", false},
    {"21.–23.4., Berlin: **DMEA 2026**", "2026-04-15", "2026-04-21..2026-04-23", "Berlin",
     "DMEA 2026", "", "confirmed", false},
    {"21. bis 23.4.: Messe", "2026-04-15", "2026-04-21..2026-04-23", "", "Messe", "", "confirmed",
     false},
    {"vom 21. bis 23. April: Messe", "2026-04-15", "2026-04-21..2026-04-23", "", "Messe", "",
     "confirmed", false},
    {"30.6.-2.7., Leipzig: **Zukunftskongress**", "2026-04-15", "2026-06-30..2026-07-02", "Leipzig",
     "Zukunftskongress", "", "confirmed", false},
    {"28.12.2026-2.1.2027: Winterakademie", "2026-11-01", "2026-12-28..2027-01-02", "",
     "Winterakademie", "", "confirmed", false},
    {"28.12.-2.1.: Winterakademie", "2026-11-01", "2026-12-28..2027-01-02", "", "Winterakademie",
     "", "confirmed", false},
    {"23./24.4., Mainz: **BTC NetWork Forum**, BTC", "2026-04-15", "2026-04-23..2026-04-24",
     "Mainz", "BTC NetWork Forum", "BTC", "confirmed", false},
    {"2./3.6., 9.00-17.00, Hannover: **Kongress**", "2026-04-15",
     "2026-06-02..2026-06-03 09:00-17:00", "Hannover", "Kongress", "", "confirmed", false},
    {"Mo., 20.4., 10 Uhr – Mi., 22.4., 16 Uhr: Klausur", "2026-04-15",
     "2026-04-20 10:00..2026-04-22 16:00", "", "Klausur", "", "confirmed", false},
    {"Sa 2.5. – So 3.5.2026: Frühlingsfest", "2026-04-15", "2026-05-02..2026-05-03", "",
     "Frühlingsfest", "", "confirmed", false},
    // several dates
    {"8./15.7., 10.00-11.00, online: **Sprechstunde**, VITAKO", "2026-06-10",
     "2026-07-08 10:00-11:00; 2026-07-15 10:00-11:00", "", "Sprechstunde", "VITAKO", "confirmed",
     true},
    {"6., 13. und 20.5.: Kursreihe", "2026-04-15", "2026-05-06; 2026-05-13; 2026-05-20", "",
     "Kursreihe", "", "confirmed", false},
    {"4. & 5. Mai: Tage der offenen Tür", "2026-04-15", "2026-05-04; 2026-05-05", "",
     "Tage der offenen Tür", "", "confirmed", false},
    // weeks, months, undated
    {"KW 23: Aktionswoche", "2026-04-15", "2026-06-01..2026-06-07", "", "Aktionswoche", "",
     "confirmed", false},
    {"KW 2: Aktionswoche", "2026-12-01", "2027-01-11..2027-01-17", "", "Aktionswoche", "",
     "confirmed", false},
    {"Juni 2026: **Sommerakademie**", "2026-04-15", "", "", "Sommerakademie", "", "confirmed",
     false},
    {"on demand: **Zertifikate & Siegel**, Bundesdruckerei", "2026-04-15", "", "",
     "Zertifikate & Siegel", "Bundesdruckerei", "confirmed", false},
    {"tba: Nächstes Netzwerktreffen", "2026-04-15", "", "", "Nächstes Netzwerktreffen", "",
     "confirmed", false},
    {"n.n.: Anwenderforum", "2026-04-15", "", "", "Anwenderforum", "", "confirmed", false},
    {"jederzeit: Online-Kurs Datenschutz", "2026-04-15", "", "", "Online-Kurs Datenschutz", "",
     "confirmed", false},
    {"Herbst 2026: **Anwendertreffen**, KDO", "2026-04-15", "", "", "Anwendertreffen", "KDO",
     "confirmed", false},
    // times
    {"20.4., 15.30-17.30: Workshop", "2026-04-15", "2026-04-20 15:30-17:30", "", "Workshop", "",
     "confirmed", false},
    {"22.4., 9.30-16.00, Radebeul: **KISA-Digitaltag**", "2026-04-15", "2026-04-22 09:30-16:00",
     "Radebeul", "KISA-Digitaltag", "KISA", "confirmed", false},
    {"20.4., 10:00 – 11:30 Uhr: Webinar Grundsteuer", "2026-04-15", "2026-04-20 10:00-11:30", "",
     "Webinar Grundsteuer", "", "confirmed", false},
    {"20.4., 14 Uhr: Ratssitzung", "2026-04-15", "2026-04-20 14:00", "", "Ratssitzung", "",
     "confirmed", false},
    {"20.4., ab 9 Uhr: Markt", "2026-04-15", "2026-04-20 09:00", "", "Markt", "", "confirmed",
     false},
    {"20.4., 9-12 Uhr: Sprechstunde", "2026-04-15", "2026-04-20 09:00-12:00", "", "Sprechstunde",
     "", "confirmed", false},
    {"20.4., bis 17 Uhr: Abgabefrist", "2026-04-15", "2026-04-20 -17:00", "", "Abgabefrist", "",
     "confirmed", false},
    {"20.4., von 10 bis 12 Uhr: Beratung", "2026-04-15", "2026-04-20 10:00-12:00", "", "Beratung",
     "", "confirmed", false},
    {"20.4., 19.30h: Konzert", "2026-04-15", "2026-04-20 19:30", "", "Konzert", "", "confirmed",
     false},
    {"20.04.2026 19:00 Uhr Stadtratssitzung", "2026-04-15", "2026-04-20 19:00", "",
     "Stadtratssitzung", "", "confirmed", false},
    {"20.04.2026 19:00 Uhr Vortrag: Klimawandel", "2026-04-15", "2026-04-20 19:00", "",
     "Vortrag: Klimawandel", "", "confirmed", false},
    {"20.4., 22-2 Uhr: Tanz in den Mai", "2026-04-15", "2026-04-20 22:00..2026-04-21 02:00", "",
     "Tanz in den Mai", "", "confirmed", false},
    {"1.5., 14.00 und 16.00 Uhr: Führung", "2026-04-15", "2026-05-01 14:00; 2026-05-01 16:00", "",
     "Führung", "", "confirmed", false},
    // places and online
    {"12.5., Rathaus, Großer Saal: Bürgerversammlung", "2026-04-15", "2026-05-12",
     "Rathaus, Großer Saal", "Bürgerversammlung", "", "confirmed", false},
    {"9.6., 13.00-14.00, online: **Webinar: OZG**, ekom21", "2026-04-15", "2026-06-09 13:00-14:00",
     "", "Webinar: OZG", "ekom21", "confirmed", true},
    {"9.6., digital: Austausch", "2026-04-15", "2026-06-09", "", "Austausch", "", "confirmed",
     true},
    {"9.6., virtuell: Austausch", "2026-04-15", "2026-06-09", "", "Austausch", "", "confirmed",
     true},
    {"9.6., Webinar: Austausch", "2026-04-15", "2026-06-09", "", "Austausch", "", "confirmed",
     true},
    // titles, organizers, details
    {"6.5., 9.30-17.15, Berlin: **Fachtagung Daten nutzen, Bildung gestalten**, SWK", "2026-04-15",
     "2026-05-06 09:30-17:15", "Berlin", "Fachtagung Daten nutzen, Bildung gestalten", "SWK",
     "confirmed", false},
    {"7.5.: **dataportCON digital**, Hausmesse, Dataport", "2026-04-15", "2026-05-07", "",
     "dataportCON digital", "Dataport", "confirmed", false},
    {"12.5., 10.00-11.30: **Wie werden Kommunen gemeinsam** souverän?, eGovernment", "2026-04-15",
     "2026-05-12 10:00-11:30", "", "Wie werden Kommunen gemeinsam souverän?", "eGovernment",
     "confirmed", false},
    {"24.6., 9.00-16.00, Siegburg: KDN-Forum Digitale Verwaltung, KDN", "2026-06-10",
     "2026-06-24 09:00-16:00", "Siegburg", "KDN-Forum Digitale Verwaltung", "KDN", "confirmed",
     false},
    {"24.6.: **Forum**, Komm ONE, regio IT", "2026-06-10", "2026-06-24", "", "Forum",
     "Komm.ONE|regio iT", "confirmed", false},
    {"24.6.: **Forum**, Stadt Musterstadt", "2026-06-10", "2026-06-24", "", "Forum",
     "Stadt Musterstadt", "confirmed", false},
    {"16./17.6., Berlin: Public-IT-Security (PITS)", "2026-06-10", "2026-06-16..2026-06-17",
     "Berlin", "Public-IT-Security (PITS)", "", "confirmed", false},
    // status
    {"25.6: **Management Kommunen**, KDO – abgesagt", "2026-05-13", "2026-06-25", "",
     "Management Kommunen", "KDO", "cancelled", false},
    {"25.6.: Sommerfest – entfällt", "2026-05-13", "2026-06-25", "", "Sommerfest", "", "cancelled",
     false},
    {"25.6.: Sommerfest fällt aus", "2026-05-13", "2026-06-25", "", "Sommerfest", "", "cancelled",
     false},
    {"25.6.: ABGESAGT: Sommerfest", "2026-05-13", "2026-06-25", "", "Sommerfest", "", "cancelled",
     false},
    {"26.6., 10.00-11.30: Management Kommunen, KDO (verschoben vom 25.6.)", "2026-06-10",
     "2026-06-26 10:00-11:30", "", "Management Kommunen", "KDO", "confirmed", false},
    // table rows
    {"| 12.05.2026 | 19:00 | Ratssitzung | Rathaus |", "2026-04-15", "2026-05-12 19:00", "Rathaus",
     "Ratssitzung", "", "confirmed", false},
    {"Di., 12.05.2026 | 18:00 Uhr | Bürgerhaus Mitte | Vortrag", "2026-04-15", "2026-05-12 18:00",
     "Bürgerhaus Mitte", "Vortrag", "", "confirmed", false},
    {"| Herbstferien | 12.10.2026 | 23.10.2026 |", "2026-09-01", "2026-10-12..2026-10-23", "",
     "Herbstferien", "", "confirmed", false},
    {"13.10.2026 - 19:00 Uhr - Stadtratssitzung - Rathaus", "2026-10-01", "2026-10-13 19:00",
     "Rathaus", "Stadtratssitzung", "", "confirmed", false},
    {"13.10.: Vortrag – Parteistratege und Bürgermeister", "2026-10-01", "2026-10-13", "",
     "Vortrag – Parteistratege und Bürgermeister", "", "confirmed", false},
    {"8.2. und 15.2., jeweils 19 Uhr: Kurs Erste Hilfe", "2027-01-10",
     "2027-02-08 19:00; 2027-02-15 19:00", "", "Kurs Erste Hilfe", "", "confirmed", false},
    {"20.2.2027, 9-12 + 13-16 Uhr: Workshop", "2027-01-10",
     "2027-02-20 09:00-12:00; 2027-02-20 13:00-16:00", "", "Workshop", "", "confirmed", false},
    // a stray dot after the end hour of a range (issue 16)
    {"12.10.2026, 17-19. Uhr: Workshop", "2026-10-01", "2026-10-12 17:00-19:00", "", "Workshop", "",
     "confirmed", false},
    {"12.10.2026 | 17-19. Uhr | Workshop", "2026-10-01", "2026-10-12 17:00-19:00", "", "Workshop",
     "", "confirmed", false},
    {"12.10.2026: Workshop, 9 - 12. Uhr", "2026-10-01", "2026-10-12 09:00-12:00", "", "Workshop",
     "", "confirmed", false},
    // a span end written after the title (issue 16): only from the day at the start
    {"03.02.2026 - Fachtagung X in Kassel bis 5.2.", "2026-01-15", "2026-02-03..2026-02-05", "",
     "Fachtagung X in Kassel", "", "confirmed", false},
    {"09.03.2026 - Themenwochen Y 9.-20.3.", "2026-01-15", "2026-03-09..2026-03-20", "",
     "Themenwochen Y", "", "confirmed", false},
    {"09.03.2027 - Themenwochen Y 9. - 20.3.", "2026-01-15", "2027-03-09..2027-03-20", "",
     "Themenwochen Y", "", "confirmed", false},
    {"28.12.2026 - Winterwerkstatt bis 3.1.", "2026-12-01", "2026-12-28..2027-01-03", "",
     "Winterwerkstatt", "", "confirmed", false},
    {"03.02.2026: **Fachtagung** bis 5. Februar 2026", "2026-01-15", "2026-02-03..2026-02-05", "",
     "Fachtagung", "", "confirmed", false},
    {"09.03.2026 - Themenwochen Y 10.-20.3.", "2026-01-15", "WARN", "", "", "", "", false},
    {"03.02.2026 - Fachtagung X bis 1.2.2026", "2026-01-15", "WARN", "", "", "", "", false},
    {"03.02.2026 - Fachtagung X bis 10.3.2027", "2026-01-15", "WARN", "", "", "", "", false},
    {"03.02.2026 - Seminar X, Anmeldung bis 20.2.", "2026-01-15", "2026-02-03", "", "Seminar X", "",
     "confirmed", false},
    // the same event offered on two days (issue 16); a plain "oder" stays a warning
    {"Montag, 12.10.2026, oder alternativ Mittwoch, 21.10.2026: **Workshop**", "2026-09-01",
     "2026-10-12; 2026-10-21", "", "Workshop", "", "confirmed", false},
    {"Montag, 12.10.2026, alternativ Mittwoch, 21.10.2026: **Workshop**", "2026-09-01",
     "2026-10-12; 2026-10-21", "", "Workshop", "", "confirmed", false},
    {"12.10. oder alternativ 21.10., 18 Uhr: Workshop", "2026-09-01",
     "2026-10-12 18:00; 2026-10-21 18:00", "", "Workshop", "", "confirmed", false},
    {"Montag, 12.10.2026 oder Mittwoch, 21.10.2026: **Workshop**", "2026-09-01", "WARN", "", "", "",
     "", false},
    {"Montag, 12.10.2026, oder Mittwoch, 21.10.2026: **Workshop**", "2026-09-01", "WARN", "", "",
     "", "", false},
    {"Montag, 12.10.2026, oder alternativ Mittwoch, 22.10.2026: **Workshop**", "2026-09-01", "WARN",
     "", "", "", "", false},
    // further dates of the same event at the end of an entry (issue 16)
    {"10.11.2026: Adventsbasteln. Weitere Termine: 3./4. Dezember 2026", "2026-10-01",
     "2026-11-10; 2026-12-03..2026-12-04", "", "Adventsbasteln", "", "confirmed", false},
    {"10.11.2026, 15 Uhr: Adventsbasteln, weitere Termine: 17.11. und 24.11.", "2026-10-01",
     "2026-11-10 15:00; 2026-11-17 15:00; 2026-11-24 15:00", "", "Adventsbasteln", "", "confirmed",
     false},
    {"4.5.: Lauftreff (weitere Termine 11.5./18.5.)", "2026-04-15",
     "2026-05-04; 2026-05-11; 2026-05-18", "", "Lauftreff", "", "confirmed", false},
    {"10.11.2026: Adventsbasteln. Weitere Termine: 31.11.", "2026-10-01", "WARN", "", "", "", "",
     false},
    // a cancelled date with its replacement (issue 16): the new date is the occurrence
    {"5. Mai – Vortrag entfällt, neuer Termin: 8. Oktober 2026 | Titel", "2026-04-15", "2026-10-08",
     "", "Titel", "", "confirmed", false},
    {"12.5.: Vortrag Klimawandel entfällt, neuer Termin: 8. Oktober 2026", "2026-04-15",
     "2026-10-08", "", "Vortrag Klimawandel", "", "confirmed", false},
    {"12.5., 19 Uhr: Lesung – verschoben, Ersatztermin: 9.6.", "2026-04-15", "2026-06-09 19:00", "",
     "Lesung", "", "confirmed", false},
    {"12.5.: **Lesung** fällt aus, neuer Termin: 9.6.", "2026-04-15", "2026-06-09", "", "Lesung",
     "", "confirmed", false},
    {"12.5.: Vortrag entfällt, neuer Termin: 31.6.", "2026-04-15", "WARN", "", "", "", "", false},
    // cancelled with the new date still to come: the old date is published as cancelled
    {"12.5.: Vortrag entfällt, neuer Termin folgt", "2026-04-15", "2026-05-12", "",
     "Vortrag entfällt, neuer Termin folgt", "", "cancelled", false},
    // "ab" and a weekday before a span (issue 16)
    {"ab Montag 12. – 16. Oktober Projektwoche", "2026-09-01", "2026-10-12..2026-10-16", "",
     "Projektwoche", "", "confirmed", false},
    {"ab 12. – 16. Oktober: Projektwoche", "2026-09-01", "2026-10-12..2026-10-16", "",
     "Projektwoche", "", "confirmed", false},
    {"ab Dienstag 12. – 16. Oktober Projektwoche", "2026-09-01", "WARN", "", "", "", "", false},
    // lists and recurrences in prose (issue 16)
    {"Dienstag, 3. März und Dienstag, 7. April, jeweils um 18.30 Uhr: Gesprächsabend", "2026-02-01",
     "2026-03-03 18:30; 2026-04-07 18:30", "", "Gesprächsabend", "", "confirmed", false},
    {"Dienstag, 3. März und Mittwoch, 7. April, jeweils um 18.30 Uhr: Gesprächsabend", "2026-02-01",
     "WARN", "", "", "", "", false},
    {"an den beiden Freitagen 6. und 13. November von 16.00 bis 17.30 Uhr: Laternenbasteln",
     "2026-10-01", "2026-11-06 16:00-17:30; 2026-11-13 16:00-17:30", "", "Laternenbasteln", "",
     "confirmed", false},
    {"Laternenbasteln an den beiden Freitagen 6. und 13. November von 16.00 bis 17.30 Uhr",
     "2026-10-01", "2026-11-06 16:00-17:30; 2026-11-13 16:00-17:30", "", "Laternenbasteln", "",
     "confirmed", false},
    {"an den beiden Freitagen 6. und 12. November: Laternenbasteln", "2026-10-01", "WARN", "", "",
     "", "", false},
    {"12.2., 16.4., 18.6. und 8.10.: Blutspende", "2026-01-10",
     "2026-02-12; 2026-04-16; 2026-06-18; 2026-10-08", "", "Blutspende", "", "confirmed", false},
    {"Blutspende 12.2., 16.4., 18.6. und 8.10.", "2026-01-10",
     "2026-02-12; 2026-04-16; 2026-06-18; 2026-10-08", "", "Blutspende", "", "confirmed", false},
    // dates relative to the issue date (issue 16)
    {"am kommenden Freitag, 12. Juni: Sommerfest", "2026-06-08", "2026-06-12", "", "Sommerfest", "",
     "confirmed", false},
    {"Am kommenden Freitag, 12. Juni, um 19 Uhr: Sommerfest", "2026-06-08", "2026-06-12 19:00", "",
     "Sommerfest", "", "confirmed", false},
    {"am kommenden Freitag, 13. Juni: Sommerfest", "2026-06-08", "WARN", "", "", "", "", false},
    {"diesen Samstag, am 19.9.: Flohmarkt", "2026-09-14", "2026-09-19", "", "Flohmarkt", "",
     "confirmed", false},
    {"Flohmarkt diesen Samstag, am 19.9.", "2026-09-14", "2026-09-19", "", "Flohmarkt", "",
     "confirmed", false},
    {"heute, Mittwoch, 19 Uhr: Elternabend", "2026-06-10", "2026-06-10 19:00", "", "Elternabend",
     "", "confirmed", false},
    {"heute, Mittwoch: Elternabend", "2026-06-10", "2026-06-10", "", "Elternabend", "", "confirmed",
     false},
    {"heute, Donnerstag, 19 Uhr: Elternabend", "2026-06-10", "WARN", "", "", "", "", false},
    // calendar weeks: Monday to Sunday (issue 16)
    {"Projektwoche Kalenderwoche 37", "2026-08-20", "2026-09-07..2026-09-13", "", "Projektwoche",
     "", "confirmed", false},
    {"Kalenderwoche 37: Projektwoche", "2026-08-20", "2026-09-07..2026-09-13", "", "Projektwoche",
     "", "confirmed", false},
    {"KW 45: Praktikum Klasse 9", "2026-09-01", "2026-11-02..2026-11-08", "", "Praktikum Klasse 9",
     "", "confirmed", false},
    {"Praktikum Klasse 9 KW 45", "2026-09-01", "2026-11-02..2026-11-08", "", "Praktikum Klasse 9",
     "", "confirmed", false},
    // month first, as agenda views write it; the weekday confirms (issue 16)
    {"Apr. 21 Di. Elternabend", "2026-03-01", "2026-04-21", "", "Elternabend", "", "confirmed",
     false},
    {"Apr. 21 Mi. Elternabend", "2026-03-01", "WARN", "", "", "", "", false},
    {"Nov. 9: Gedenkfeier", "2026-10-01", "2026-11-09", "", "Gedenkfeier", "", "confirmed", false},
    {"Nov. 9 um 19:00 – 20:00: Elternabend", "2026-10-01", "2026-11-09 19:00-20:00", "",
     "Elternabend", "", "confirmed", false},
    {"Mai 21 Kermit 2 + 3", "2020-11-09", "", "", "", "", "", false},
    // spans in school and holiday plans (issue 16)
    {"Herbstferien Mo. 12.10. bis Fr. 23.10.", "2026-09-01", "2026-10-12..2026-10-23", "",
     "Herbstferien", "", "confirmed", false},
    {"Herbstferien Mo. 12.10. bis Sa. 23.10.", "2026-09-01", "WARN", "", "", "", "", false},
    {"02.11.- 13.11.2026 Schwimmkurs Klasse 3", "2026-09-01", "2026-11-02..2026-11-13", "",
     "Schwimmkurs Klasse 3", "", "confirmed", false},
    {"21.12. – 08.01.2027 Weihnachtsferien", "2026-11-01", "2026-12-21..2027-01-08", "",
     "Weihnachtsferien", "", "confirmed", false},
    {"Weihnachtsferien 21.12. – 08.01.2027", "2026-11-01", "2026-12-21..2027-01-08", "",
     "Weihnachtsferien", "", "confirmed", false},
    {"Di.09.06. Wandertag", "2026-05-01", "2026-06-09", "", "Wandertag", "", "confirmed", false},
    {"Mi 16.09. Elternabend", "2026-09-01", "2026-09-16", "", "Elternabend", "", "confirmed",
     false},
    {"Do.09.06. Wandertag", "2026-05-01", "WARN", "", "", "", "", false},
    {"14.06.26 Sportfest", "2026-05-01", "2026-06-14", "", "Sportfest", "", "confirmed", false},
    // times (issue 16)
    {"12.6., ab 14:00: Sommerfest", "2026-05-01", "2026-06-12 14:00", "", "Sommerfest", "",
     "confirmed", false},
    {"12.6. Sommerfest ab 14:00", "2026-05-01", "2026-06-12 14:00", "", "Sommerfest", "",
     "confirmed", false},
    {"12.6., 14.30 -16.00Uhr: Elterncafé", "2026-05-01", "2026-06-12 14:30-16:00", "", "Elterncafé",
     "", "confirmed", false},
    {"12.6. Elterncafé 14.30 -16.00Uhr", "2026-05-01", "2026-06-12 14:30-16:00", "", "Elterncafé",
     "", "confirmed", false},
    {"12.6., ganztags: Wandertag", "2026-05-01", "2026-06-12", "", "Wandertag", "", "confirmed",
     false},
    {"12.6. Wandertag (ganztags)", "2026-05-01", "2026-06-12", "", "Wandertag", "", "confirmed",
     false},
    {"12.6. Wandertag ganztägig", "2026-05-01", "2026-06-12", "", "Wandertag", "", "confirmed",
     false},
    // dates that are not the event's (issue 16)
    {"14.05.20226: Sportfest", "2026-04-15", "WARN", "", "", "", "", false},
    {"Sportfest 14.05.20226", "2026-04-15", "WARN", "", "", "", "", false},
    {"Jahreshauptversammlung verschoben vom 3.3. auf Dienstag, 10.3., 19 Uhr", "2026-02-15",
     "2026-03-10 19:00", "", "Jahreshauptversammlung", "", "confirmed", false},
    {"10.3., 19 Uhr: Jahreshauptversammlung (verschoben vom 3.3.)", "2026-02-15",
     "2026-03-10 19:00", "", "Jahreshauptversammlung", "", "confirmed", false},
    // undated but real (issue 16)
    {"jeden zweiten Donnerstag im Monat um 18 Uhr: Stammtisch", "2026-04-15", "", "", "Stammtisch",
     "", "confirmed", false},
    {"Stammtisch: jeden zweiten Donnerstag im Monat um 18 Uhr", "2026-04-15", "", "", "Stammtisch",
     "", "confirmed", false},
    {"????: Sommerfest", "2026-04-15", "", "", "Sommerfest", "", "confirmed", false},
    {"Sommerfest: Termin wird noch bekannt gegeben", "2026-04-15", "", "", "Sommerfest", "",
     "confirmed", false},
    {"Termin wird noch bekannt gegeben: Sommerfest", "2026-04-15", "", "", "Sommerfest", "",
     "confirmed", false},
    // a replacement written as "neues Datum" (issue 16)
    {"12.5.: Vortrag entfällt, neues Datum: 9.6.", "2026-04-15", "2026-06-09", "", "Vortrag", "",
     "confirmed", false},
    // title first
    {"Zwischenzeugnis 17.02.2027", "2027-01-09", "2027-02-17", "", "Zwischenzeugnis", "",
     "confirmed", false},
    {"Sitzung des Bauausschusses Dienstag, 12.05.2026, 18:45 Uhr", "2026-04-15", "2026-05-12 18:45",
     "", "Sitzung des Bauausschusses", "", "confirmed", false},
    // negative cases: never a date
    {"31.4.: Fachtag", "2026-04-15", "WARN", "", "", "", "", false},
    {"30.02.2026: Fachtag", "2026-01-15", "WARN", "", "", "", "", false},
    {"29.2.2027: Schalttag", "2026-12-15", "WARN", "", "", "", "", false},
    {"99.99.: Unsinn", "2026-04-15", "", "", "", "", "", false},
    {"Mo., 21.4.2026: Fachtag", "2026-04-15", "WARN", "", "", "", "", false},
    {"20.4., 25.61 Uhr: Fachtag", "2026-04-15", "WARN", "", "", "", "", false},
    {"20.4., 25 Uhr: Fachtag", "2026-04-15", "WARN", "", "", "", "", false},
    {"23.-21.4.: Rückwärts", "2026-04-15", "WARN", "", "", "", "", false},
    {"09. Juli oder 16. Juli: Amtseinsetzung", "2026-06-01", "WARN", "", "", "", "", false},
    {"18.06. bzw. 25.06.: Sommerfest", "2026-06-01", "WARN", "", "", "", "", false},
    {"18.11 - 10.01 Gottesdienst", "2026-11-01", "WARN", "", "", "", "", false},
    {"KW 54: Aktionswoche", "2026-04-15", "WARN", "", "", "", "", false},
    {"2. Workshop \"API first\"", "2026-04-15", "", "", "", "", "", false},
    {"souverän?, eGovernment", "2026-04-15", "", "", "", "", "", false},
    {"15.30-17.30 Uhr", "2026-04-15", "", "", "", "", "", false},
    {"Raum 0.03, Klassen 5 – 11", "2026-04-15", "", "", "", "", "", false},
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
    JsonWriter json;
    write_entry_json(json, parser.parse(line, 1).entry, false);
    return json.str();
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

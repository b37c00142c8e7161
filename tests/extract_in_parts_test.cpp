// A large calendar is read in parts on several threads (ParallelOptions): whatever the parts,
// the JSON, the table's entries and every warning with its line are those of one reading. The
// parts are forced small here, so that every line with a date may start one.
#include <gtest/gtest.h>
#include <sched.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/formats/extraction_json.hpp"
#include "itkal/read/newsletter_reader.hpp"
#include "itkal/text/usable_cpus.hpp"

namespace itkal {
namespace {

const OrganizerDirectory& directory() {
  static const OrganizerDirectory organizers(
      std::vector<Organizer>{{"KDO", {}}, {"VITAKO", {}}, {"DATABUND", {}}});
  return organizers;
}

/// `extract --json` of `text`, read in parts of about `part_bytes` (0: in one piece).
std::string json_of(const NewsletterText& text, std::size_t part_bytes) {
  ExtractOptions options;
  options.issue_date = boost::gregorian::date(2026, 4, 15);
  if (part_bytes == 0) {
    options.parallel.min_bytes = SIZE_MAX;
  } else {
    options.parallel = {.min_bytes = 0, .part_bytes = part_bytes, .threads = 2};
  }
  std::ostringstream out;
  ExtractionJsonStream json(out);
  const Extraction extraction = stream_calendar(text, directory(), options, json);
  json.finish(extraction.warnings);
  return out.str();
}

void expect_same_in_parts(const NewsletterText& text) {
  const std::string whole = json_of(text, 0);
  for (const std::size_t part_bytes : {1, 40, 100, 333, 4096}) {
    EXPECT_EQ(json_of(text, part_bytes), whole) << text.source << ", parts of " << part_bytes;
  }
}

/// Calendars whose state carries from one line to the next: every line with a date may start a
/// part, so each carried state meets a part's start somewhere.
const std::vector<std::string> kTrickyCalendars = {
    // Day headings with items below, a time range wrapped at its dash, a month sub-heading.
    "15. April 2026\n\nTermine\n\nMittwoch, 6. Mai\n18:00 Uhr Lesung\nim Rathaus\n\n"
    "19:30 Uhr Konzert\nKirche\n12.5., 14.30 -\n16.00 Uhr Workshop\n\nMai 2026\n"
    "Donnerstag, 7. Mai\nDonnerstag, 14. Mai\n10 Uhr Markt\n11 Uhr Flohmarkt\n",
    // Continuation lines: lower case, an unfinished line, an open bold marker, a place below.
    "15. April 2026\n\nIT-Kalender\n\n11.6., 15.30-17.30: **Workshop Nummer 95\n\"API first\"**, "
    "Bremen, DATABUND\n12.6., Berlin: Tagung,\nund Empfang\n13.6.: Forum (\nHybrid)\n"
    "14.6.: **Fachtag** in\nMainz\n15.6.: Netzwerk\nBerlin, Rathaus\n\n16.6.: Ende\n",
    // Title-first lines, one whose date the grammar refuses (a warning), and entries after.
    "15. April 2026\n\nTermine\n\nZwischenzeugnis 17.02.2027\nElternabend Montag, 3.3.2027\n"
    "1.3.: Schulfest\nFerienbeginn 30.03.2027\n2.4.: Sportfest,\nZeugnisse 4.4.2027\n",
    // Warnings: a date that does not exist, an implausible year, undated lines.
    "15. April 2026\n\nTermine\n\n31.2.: Unmöglich\n1.5.2031: Weit weg\n3.5.: Gut\n"
    "N.N.: ohne Datum\n4.5.: Auch gut\n32.5.: Falsch\n5.5.: Richtig\n",
    // Labelled fields, an event announced twice in parts far apart, a group heading.
    "15. April 2026\n\nTermine\n\nWas: Sommerfest\nWann: 20.6.2026, 15 Uhr\nWo: Schulhof\n\n"
    "21.6.: Lauf\n22.6.: Spiel\nSenioren\n23.6.: Kaffee\n24.6.: Tanz\n\nWas: Sommerfest\n"
    "Wann: 20.6.2026, 15 Uhr\nWo: Schulhof\n\n25.6.: Ende\n",
    // A footer ends the calendar in the middle; dated lines after it are no entries.
    "15. April 2026\n\nTermine\n\n1.6.: Eins\n2.6.: Zwei\n\nImpressum\nHerausgeber\n"
    "3.6.: Drei\n4.6.: Vier\n",
    // Several entries on one line, and a line of words between entries.
    "15. April 2026\n\nTermine\n\n03.09. Elternabend 10.09. Schulfest\nBitte vormerken.\n"
    "11.09. Wandertag\n12.09.: Konzert\n",
    // A weekly rule's time for the dates on its weekday; a plan that runs on into next year
    // (20.3. and 1.4. below 14.1. are 2027's): no part starts at a day the order may move.
    "15. April 2026\n\nTermine\n\njeden Freitag von 17 bis 19 Uhr\n17.4.: Sprechtag\n"
    "24.4.: Sprechtag\n25.4.: Fest\n\n10.12.: Feier\n14.1.: Empfang\n20.3.: Versammlung\n"
    "1.4.: Fest\n",
    // A weekly rule's list that runs on into next year: its order and its time hold.
    "15. April 2026\n\nTermine\n\njeden Freitag von 17 bis 19 Uhr\n4.12.: Sprechtag\n"
    "11.12.: Sprechtag\n8.1.: Sprechtag\n5.2.: Sprechtag\n5.3.: Sprechtag\n10.4.: Sprechtag\n",
    // Year headings: the year of the block reaches every line below it, in whichever part.
    "15. April 2026\n\nTermine\n\n2027\n1.3.: Eins\n2.3.: Zwei\n\n3.3.: Drei\n2028\n"
    "4.3.: Vier\n5.3.: Fünf\nKita-Jahr 2028/29\n6.3.: Sechs\n7.9.: Sieben\n",
};

TEST(ExtractInParts, TrickyCalendarsGiveTheOneReading) {
  for (std::size_t i = 0; i < kTrickyCalendars.size(); ++i) {
    expect_same_in_parts(read_text_newsletter("tricky-" + std::to_string(i) + ".txt",
                                              std::string(kTrickyCalendars[i])));
  }
}

TEST(ExtractInParts, IssuesAndTuningNewslettersGiveTheOneReading) {
  const std::filesystem::path data = ITKAL_SOURCE_DIR "/tests/data";
  std::size_t read = 0;
  for (const auto& folder : {data / "issues", data / "newsletters" / "tuning"}) {
    for (const auto& file : std::filesystem::directory_iterator(folder)) {
      const std::string extension = file.path().extension();
      if (extension == ".json" || extension == ".source") continue;
      try {
        expect_same_in_parts(read_newsletter_file(file.path()));
        ++read;
      } catch (const std::runtime_error&) {
        // no calendar, no issue date: nothing read in parts either
      }
    }
  }
  EXPECT_GT(read, 10U);
}

TEST(ExtractInParts, ARunStopsAtAStopReadAsALineOfItsOwnOnly) {
  const NewsletterText text = read_text_newsletter(
      "labelled.txt", std::string("Termine\n\nWas: Fest\nWann: 20.6.2026\nWo: Hof\n"
                                  "21.6.: Lauf\n22.6.: Spiel\n23.6.: Ende\n"));
  const EntryParser parser(directory(), boost::gregorian::date(2026, 4, 15));
  // Lines: 0 Termine, 1 blank, 2-4 the record, 5 "21.6.: Lauf", 6 "22.6.: Spiel", 7 "23.6.".
  std::vector<std::size_t> lines;
  const auto take = [&](EntryBlock&& block) { lines.push_back(block.line); };
  // The record takes line 3 in: a stop there is passed, the reading goes on to the next.
  const std::vector<std::size_t> stops{3, 6};
  const EntryRun run = read_calendar_run(text, 2, stops, SectionOptions{}, parser, take);
  EXPECT_EQ(run.end, 6U);
  EXPECT_FALSE(run.calendar_ended);
  EXPECT_EQ(lines, std::vector<std::size_t>({3, 6}));
}

TEST(ExtractInParts, ARunEndsWhereTheCalendarEnds) {
  const NewsletterText text = read_text_newsletter(
      "footer.txt", std::string("Termine\n\n1.6.: Eins\n\nImpressum\n2.6.: Zwei\n"));
  const EntryParser parser(directory(), boost::gregorian::date(2026, 4, 15));
  const std::vector<std::size_t> stops{5};
  const EntryRun run = read_calendar_run(text, 2, stops, SectionOptions{}, parser, [](auto&&) {});
  EXPECT_EQ(run.end, 4U);
  EXPECT_TRUE(run.calendar_ended);
}

TEST(ExtractInParts, PartStartsAreLinesWithADate) {
  const NewsletterText text = read_text_newsletter(
      "starts.txt", std::string("Termine\n\n1.6.: Eins\nweiter\n2.6.: Zwei\n\n3.6.: Drei\n"));
  const EntryParser parser(directory(), boost::gregorian::date(2026, 4, 15));
  EXPECT_EQ(calendar_run_starts(text, 2, 1, parser), std::vector<std::size_t>({2, 4, 6}));
  EXPECT_EQ(calendar_run_starts(text, 2, 1000, parser), std::vector<std::size_t>({2}));
}

// `taskset -c 0 itkal extract` reads in one thread: the parts' threads are counted on the CPUs the
// process may run on, not on the machine's.
TEST(ExtractInParts, ThreadsAreCountedOnTheCpusTheProcessMayUse) {
  cpu_set_t all;
  ASSERT_EQ(sched_getaffinity(0, sizeof all, &all), 0);
  int cpu = 0;
  while (!CPU_ISSET(cpu, &all)) ++cpu;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(cpu, &one);
  ASSERT_EQ(sched_setaffinity(0, sizeof one, &one), 0);
  const unsigned on_one = usable_cpus();
  ASSERT_EQ(sched_setaffinity(0, sizeof all, &all), 0);
  EXPECT_EQ(on_one, 1u);
  EXPECT_EQ(usable_cpus(), static_cast<unsigned>(CPU_COUNT(&all)));
}

}  // namespace
}  // namespace itkal

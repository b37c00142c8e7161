#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "itkal/extract/entry_parser.hpp"
#include "itkal/extract/time_range_parser.hpp"
#include "itkal/read/newsletter_text.hpp"

namespace itkal {

/// Where a newsletter's calendar begins and ends.
struct SectionOptions {
  /// A heading line containing one of these (case-insensitive) opens the calendar.
  /// Besides the IT-Kalender's own, the headings of school, parish and club calendars.
  std::vector<std::string> headings{
      "IT-Kalender",    "Termine",        "Veranstaltungen", "Veranstaltungskalender",
      "Terminkalender", "Kalender",       "Terminvorschau",  "Veranstaltungsprogramm",
      "Ferien",         "Feiertage",      "Save the date",   "Schulfreie Tage",
      "Vorschau",       "Ausblick",       "Was ist los",     "Woche im Überblick",
      "Terminplan",     "Terminübersicht"};
  /// A line containing one of these ends it (the newsletter's next parts and footer).
  std::vector<std::string> footers{"Stellenmarkt", "Impressum", "abmelden",     "abbestellen",
                                   "Datenschutz",  "Bilder:",   "Bildnachweis", "Fotos:"};
};

/// One entry's lines joined into one text, with the line it starts on.
struct EntryBlock {
  std::size_t line = 0;
  std::string text;  ///< markup ("**") kept
  /// What the parser made of `text` while the section was read (it asks whether a date line has
  /// a title); empty once a continuation line changed the text. Saves parsing every entry twice.
  std::optional<EntryParse> parsed;
  /// Written as labelled fields ("Was: … Wann: … Wo: …"): an announcement a letter may repeat.
  bool labelled = false;
  /// The time the line that introduces its list gives every item ("Termine (jeweils um 16
  /// Uhr):"): the entry's time when it writes none of its own.
  std::optional<TimeRange> list_time;
  /// When that line states a weekly rule ("jeden 1. und 3. Freitag im Monat von 17 bis 19 Uhr"),
  /// its ISO weekday: the time goes only to an entry on that weekday. 0 for any other list.
  int list_weekday = 0;
};

/// The calendar part of a newsletter, split into entries.
struct CalendarSection {
  std::size_t heading_line = 0;
  std::vector<EntryBlock> blocks;
};

/// Where a calendar begins, before its entries are read.
struct SectionStart {
  std::size_t heading_line = 0;  ///< line number of the heading; 0 for a headless calendar
  std::size_t first_index = 0;   ///< index into NewsletterText::lines where entries are read from
  /// Where the masthead ends: the heading's line, or the first entry's for a headless calendar.
  std::size_t calendar_line = 0;
  /// No calendar at all: the events are read from the letter's running prose
  /// (read_prose_events), not from entries.
  bool prose = false;
  /// The first line is a banner that ends with the calendar's first day heading ("Veranstaltungen
  /// 27. APRIL"): that heading is read, the words before it are not.
  bool banner = false;
};

/// Where find_calendar_section would find the calendar, without reading its entries (so that
/// the issue date can be chosen before they are parsed); nullopt when there is none.
std::optional<SectionStart> locate_calendar_section(const NewsletterText& text,
                                                    const SectionOptions& options,
                                                    const EntryParser& parser);

/// Splits the calendar that begins at `start` into entries, as find_calendar_section does, and
/// hands each finished block to `take` in order, so that a large calendar is never held whole.
void read_calendar_entries(const NewsletterText& text, const SectionStart& start,
                           const SectionOptions& options, const EntryParser& parser,
                           const std::function<void(EntryBlock&&)>& take);

/// Where reading a run of a calendar's lines stopped.
struct EntryRun {
  /// Index of the line it stopped before: a stop line reached as a line of its own, the line
  /// that ended the calendar, or lines.size().
  std::size_t end = 0;
  bool calendar_ended = false;  ///< a line (a footer, words after the last entry) ended it
};

/// Where the running prose right under a heading of the calendar ends, when the calendar's
/// reading stopped (`run`) at that prose ("Zeugnistermine:" above sentences that name the
/// report-card dates): at the next heading, footer or line that starts with a date, or the
/// end. run.end when it stopped otherwise.
std::size_t prose_under_heading(const NewsletterText& text, const EntryRun& run,
                                const SectionOptions& options, const EntryParser& parser);

/// read_calendar_entries from lines[first] on, with no entry open, until the first index in
/// `stops` (ascending) above `first` is reached as a line of its own (not as a line a labelled
/// record or an entry took in). A line that begins with a date is read alike whatever came
/// before it; so a run that starts at one and the reading of the whole calendar agree from there
/// on, whenever the whole reading reaches that line as a line of its own too. `banner`: see
/// SectionStart::banner (only for the run from the section's first line).
EntryRun read_calendar_run(const NewsletterText& text, std::size_t first,
                           std::span<const std::size_t> stops, const SectionOptions& options,
                           const EntryParser& parser, const std::function<void(EntryBlock&&)>& take,
                           bool banner = false);

/// Where runs of read_calendar_run may start: `first`, then about every `spacing` bytes the next
/// line that begins with a date and whose line above cannot hand it a label or a range's start.
/// `bytes`, when given, receives the bytes of the lines from `first` on (line ends counted), so
/// that whether to read in parts at all is known from the same walk over the lines.
std::vector<std::size_t> calendar_run_starts(const NewsletterText& text, std::size_t first,
                                             std::size_t spacing, const EntryParser& parser,
                                             std::size_t* bytes = nullptr);

/// The calendar of a document without a calendar heading (a "Termine" page, a school-year plan):
/// from the first line that begins with a dated, titled entry, when at least three entries
/// follow (a day heading without a year, "28. APRIL" alone, counts its items with a time below);
/// heading_line is 0. nullopt otherwise, so a letter that names one date is no calendar.
std::optional<CalendarSection> find_headless_calendar(const NewsletterText& text,
                                                      const SectionOptions& options,
                                                      const EntryParser& parser);

/// Finds the calendar by its heading and splits it into entries: an entry starts at a line that
/// begins with a date or an undated marker; other lines continue it, until the next heading or
/// the footer. Without such a heading, find_headless_calendar; nullopt when neither finds one.
std::optional<CalendarSection> find_calendar_section(const NewsletterText& text,
                                                     const SectionOptions& options,
                                                     const EntryParser& parser);

}  // namespace itkal

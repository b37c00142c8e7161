#include "itkal/extract/calendar_section.hpp"

#include <algorithm>

#include "itkal/text/text_folding.hpp"

namespace itkal {
namespace {

constexpr std::size_t kMaxHeadingBytes = 100;
/// Lines looked at after a heading for the first entry.
constexpr std::size_t kHeadingLookahead = 6;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) { return ascii_lower(c); });
  return out;
}

bool contains_any(std::string_view text, const std::vector<std::string>& needles) {
  const std::string haystack = lower(text);
  return std::any_of(needles.begin(), needles.end(), [&](const std::string& needle) {
    return !needle.empty() && haystack.find(lower(needle)) != std::string::npos;
  });
}

std::string visible(const TextLine& line) {
  return collapse_spaces(MarkedText::from_markup(line.text).plain);
}

bool is_blank(const TextLine& line) { return visible(line).empty(); }

/// The next non-blank line after `index`, or lines.size().
std::size_t next_content(const std::vector<TextLine>& lines, std::size_t index) {
  for (std::size_t i = index + 1; i < lines.size(); ++i) {
    if (!is_blank(lines[i])) return i;
  }
  return lines.size();
}

bool is_heading_candidate(const TextLine& line, const SectionOptions& options,
                          const EntryParser& parser) {
  const std::string text = visible(line);
  if (text.empty() || text.size() > kMaxHeadingBytes) return false;
  if (!contains_any(text, options.headings)) return false;
  if (parser.starts_entry(line.text)) return false;
  // A sentence that mentions the calendar is not its heading.
  return line.heading || (text.back() != '.' && text.back() != ',');
}

/// The previous entry is visibly unfinished, or the line visibly continues it.
bool must_continue(const std::string& block, const std::string& line) {
  const std::string previous = collapse_spaces(block);
  if (previous.empty() || line.empty()) return false;
  const std::size_t markers = [&] {
    std::size_t count = 0;
    for (std::size_t i = previous.find("**"); i != std::string::npos;
         i = previous.find("**", i + 2))
      ++count;
    return count;
  }();
  if (markers % 2 == 1) return true;
  const char last = previous.back();
  if (last == ',' || last == '-' || last == '&' || last == ':' || last == '(' || last == '/')
    return true;
  if (previous.ends_with("\xE2\x80\x93")) return true;  // en dash
  const char first = line.front();
  return (first >= 'a' && first <= 'z') || first == ',' || first == '(' || first == ')' ||
         line.starts_with("\xC3\xA4") || line.starts_with("\xC3\xB6") ||
         line.starts_with("\xC3\xBC");
}

/// Lines read ahead for the next entry before a line that is not one ends the calendar.
constexpr std::size_t kContinuationLookahead = 4;

/// An entry follows within the next few lines, with no heading or footer in between: the lines
/// up to it (a place, a note) still belong to the calendar.
bool entry_follows(const std::vector<TextLine>& lines, std::size_t index,
                   const SectionOptions& options, const EntryParser& parser) {
  std::size_t probe = index;
  for (std::size_t k = 0; k < kContinuationLookahead; ++k) {
    probe = next_content(lines, probe);
    if (probe == lines.size() || lines[probe].heading) return false;
    if (parser.holds_entry(lines[probe].text)) return true;
    if (contains_any(visible(lines[probe]), options.footers)) return false;
  }
  return false;
}

/// A document without a calendar heading is read as a calendar when at least this many of its
/// lines begin with a date and carry a title: a plan of dates, not a letter that names one.
constexpr std::size_t kHeadlessMinEntries = 3;

bool starts_titled_entry(const TextLine& line, const EntryParser& parser) {
  if (!parser.starts_entry(line.text)) return false;
  const EntryParse parse = parser.parse(collapse_spaces(line.text), line.number);
  return parse.kind == EntryParse::Kind::entry && !lacks_title(parse);
}

/// The first line of a headless calendar (see find_headless_calendar), or lines.size().
std::size_t headless_calendar_start(const std::vector<TextLine>& lines, const EntryParser& parser) {
  std::size_t first = lines.size();
  std::size_t titled = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!starts_titled_entry(lines[i], parser)) continue;
    if (first == lines.size()) first = i;
    ++titled;
  }
  return titled < kHeadlessMinEntries ? lines.size() : first;
}

/// The index of the calendar heading: the first heading candidate followed by an entry within
/// a few lines; lines.size() when there is none.
std::size_t calendar_heading(const std::vector<TextLine>& lines, const SectionOptions& options,
                             const EntryParser& parser) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!is_heading_candidate(lines[i], options, parser)) continue;
    std::size_t probe = i;
    for (std::size_t k = 0; k < kHeadingLookahead; ++k) {
      probe = next_content(lines, probe);
      if (probe == lines.size()) break;
      if (parser.holds_entry(lines[probe].text)) return i;
      if (lines[probe].heading) break;
    }
  }
  return lines.size();
}

CalendarSection collect_section(const NewsletterText& text, const SectionStart& start,
                                const SectionOptions& options, const EntryParser& parser) {
  CalendarSection section;
  section.heading_line = start.heading_line;
  read_calendar_entries(text, start, options, parser,
                        [&](EntryBlock&& block) { section.blocks.push_back(std::move(block)); });
  return section;
}

}  // namespace

std::optional<SectionStart> locate_calendar_section(const NewsletterText& text,
                                                    const SectionOptions& options,
                                                    const EntryParser& parser) {
  const auto& lines = text.lines;
  const std::size_t heading = calendar_heading(lines, options, parser);
  if (heading < lines.size()) {
    const std::size_t number = lines[heading].number;
    return SectionStart{number, heading + 1, number};
  }
  const std::size_t first = headless_calendar_start(lines, parser);
  if (first == lines.size()) return std::nullopt;
  // The first line starts a titled entry, so the first block begins there.
  return SectionStart{0, first, lines[first].number};
}

std::optional<CalendarSection> find_calendar_section(const NewsletterText& text,
                                                     const SectionOptions& options,
                                                     const EntryParser& parser) {
  const auto start = locate_calendar_section(text, options, parser);
  if (!start) return std::nullopt;
  return collect_section(text, *start, options, parser);
}

std::optional<CalendarSection> find_headless_calendar(const NewsletterText& text,
                                                      const SectionOptions& options,
                                                      const EntryParser& parser) {
  const std::size_t first = headless_calendar_start(text.lines, parser);
  if (first == text.lines.size()) return std::nullopt;
  return collect_section(text, SectionStart{0, first, text.lines[first].number}, options, parser);
}

void read_calendar_entries(const NewsletterText& text, const SectionStart& start,
                           const SectionOptions& options, const EntryParser& parser,
                           const std::function<void(EntryBlock&&)>& take) {
  const auto& lines = text.lines;
  // The entry being read: it is handed on when the next one opens or the calendar ends.
  std::optional<EntryBlock> current;
  bool open = false;
  bool date_heading = false;  // the open entry began as a line with a date and nothing else
  for (std::size_t i = start.first_index; i < lines.size(); ++i) {
    const TextLine& line = lines[i];
    const std::string shown = visible(line);
    if (shown.empty()) continue;
    // A line that starts with a date opens an entry; a title-first line ("Zwischenzeugnis
    // 17.02.2027") does too, unless the entry before it is visibly unfinished.
    const bool starts = parser.starts_entry(line.text);
    if (starts ||
        ((!open || !must_continue(current->text, shown)) && parser.holds_entry(line.text))) {
      if (current) take(std::move(*current));
      EntryBlock& block = current.emplace();
      block.line = line.number;
      block.text = collapse_spaces(line.text);
      block.parsed = parser.parse(block.text, block.line);
      open = true;
      // "Mittwoch, 12. März 2026" alone, with time, title and place on the lines below (a
      // common city-calendar layout): those lines are its cells.
      date_heading = starts && lacks_title(*block.parsed);
      continue;
    }
    if (is_heading_candidate(line, options, parser)) {
      open = false;  // a sub-heading of the calendar ("Termine im Mai")
      continue;
    }
    if (contains_any(shown, options.footers) && !(open && must_continue(current->text, shown))) {
      break;
    }
    if (!open) {
      if (!current) continue;  // words between the heading and the first entry
      break;
    }
    const bool continues = (date_heading && !line.heading) || must_continue(current->text, shown) ||
                           (!line.heading && entry_follows(lines, i, options, parser));
    if (!continues) break;
    current->text += date_heading ? " | " : " ";
    current->text += collapse_spaces(line.text);
    current->parsed.reset();
  }
  if (current) take(std::move(*current));
}

}  // namespace itkal

#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <span>
#include <vector>

#include "itkal/model/entry.hpp"
#include "itkal/read/newsletter_text.hpp"

namespace itkal {

/// The events a letter names in running prose, and the dates it names that are held back.
struct ProseEvents {
  std::vector<Entry> entries;
  std::vector<Warning> warnings;
  [[nodiscard]] bool empty() const { return entries.empty() && warnings.empty(); }
};

/// Reads a document that has no calendar (a letter to parents, a club letter) as a careful
/// reader does: sentence by sentence, a clause with a date is an event titled by its own words
/// ("Liederkranz am 7. Mai, Männergesang am 5. November" is two). A clause takes a time only
/// from its own words, or the paragraph's one time when words after it give it on ("zu der
/// genannten Zeit"). Held back as warnings, never published: a date without a time in a
/// paragraph that gives a time elsewhere, a clause with several times or dates, and a date
/// without a written year that falls before the issue date, unless a year on it follows the
/// paragraph's date before it within a list's step. A deadline ("bis zum 19.06.") and the
/// masthead's date are no events.
ProseEvents read_prose_events(const NewsletterText& text, boost::gregorian::date issue_date);
/// The same for some of a text's lines (the prose under a heading of a calendar).
ProseEvents read_prose_events(std::span<const TextLine> lines, boost::gregorian::date issue_date);

}  // namespace itkal

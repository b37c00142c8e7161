#pragma once

// Internal to the extract stage: dates and times that a line break splits in two, as PDF text
// and narrow columns break them ("Freitag, 05." above "Mai:", "09:00" above "– 14:00 Uhr:"),
// read as the one line they are.

#include <optional>

#include "itkal/read/newsletter_text.hpp"

namespace itkal::extract_detail {

/// `text` with every line that ends in a day without its month joined to the next line when that
/// begins with the month, and every line that is a time alone joined to the next when that ends
/// the time ("– 14:00 Uhr: Markt", "Uhr: Empfang"). A joined line keeps the first line's number.
/// nullopt when no line is split so (nearly every text): nothing is copied.
std::optional<NewsletterText> join_broken_dates(const NewsletterText& text);

}  // namespace itkal::extract_detail

#include "entry_parser_more_dates.hpp"

#include "entry_parser_segments.hpp"
#include "itkal/text/text_scanner.hpp"

namespace itkal::entry_detail {

namespace {

/// The phrase "Weitere Termine" / "weiterer Termin" at `at`, scanner after it and its colon.
bool accept_further_dates_phrase(TextScanner& scanner) {
  if (!(scanner.accept_word("weitere") || scanner.accept_word("weiterer"))) return false;
  scanner.skip_spaces();
  if (!(scanner.accept_word("Termine") || scanner.accept_word("Termin"))) return false;
  scanner.skip_spaces();
  scanner.accept(':');
  scanner.skip_spaces();
  return true;
}

}  // namespace

std::string read_further_dates(MarkedText& text, std::size_t date_end, Entry& entry,
                               const DateExpressionParser& dates) {
  const std::string& plain = text.plain;
  // Found by the "min" of "Termin": a byte rarer than the 'e' of "weitere", so that the search
  // costs little on the many lines without it.
  for (std::size_t at = plain.find("min", date_end); at != npos; at = plain.find("min", at + 3)) {
    if (at < date_end + 11 || ascii_lower(plain[at - 3]) != 't') continue;
    // "weitere Termin" starts 11 bytes before "min", "weiterer Termin" 12.
    std::size_t phrase = at - 11;
    TextScanner scanner(plain, phrase);
    if (!accept_further_dates_phrase(scanner)) {
      if (at < date_end + 12) continue;
      phrase = at - 12;
      scanner.set_pos(phrase);
      if (!accept_further_dates_phrase(scanner)) continue;
    }
    if (phrase > 0 && is_word_byte(plain[phrase - 1])) continue;
    const bool in_parenthesis = phrase > 0 && plain[phrase - 1] == '(';
    DateParse more = dates.parse(scanner);
    if (more.kind == DateParse::Kind::invalid) return more.message;
    if (more.kind != DateParse::Kind::dated) return {};
    scanner.skip_spaces();
    if (in_parenthesis) scanner.accept(')');
    scanner.accept('.');
    scanner.skip_spaces();
    if (!scanner.at_end()) return {};  // more text after the dates: read as before
    for (const auto& occurrence : more.occurrences) entry.occurrences.push_back(occurrence);
    text.truncate(in_parenthesis ? phrase - 1 : phrase);
    return {};
  }
  return {};
}

}  // namespace itkal::entry_detail

#include "entry_parser_new_date.hpp"

#include <array>
#include <string_view>

#include "entry_parser_segments.hpp"
#include "itkal/text/text_scanner.hpp"

namespace itkal::entry_detail {

namespace {

/// Position of `word` (ASCII case-insensitive, at a word start) in text[from, to), or npos.
std::size_t find_word(std::string_view text, std::string_view word, std::size_t from,
                      std::size_t to) {
  for (std::size_t at = from; at + word.size() <= to; ++at) {
    if (at > 0 && is_word_byte(text[at - 1])) continue;
    TextScanner scanner(text.substr(0, to), at);
    if (scanner.accept_word(word)) return at;
  }
  return npos;
}

/// Where the notice that the date is off begins, or npos.
std::size_t find_cancellation(std::string_view text, std::size_t from, std::size_t to) {
  static constexpr std::array<std::string_view, 6> kWords{
      "entf\xC3\xA4llt", "entfaellt", "abgesagt", "f\xC3\xA4llt aus", "verschoben", "verlegt"};
  std::size_t first = npos;
  for (const std::string_view word : kWords) {
    const std::size_t at = find_word(text, word, from, to);
    if (at < first) first = at;
  }
  return first;
}

/// "neuer Termin", "neues Datum", "Ersatztermin": the scanner after it and its colon.
bool accept_new_date_phrase(TextScanner& scanner) {
  const auto start = scanner.pos();
  if (scanner.accept_word("neuer") || scanner.accept_word("neues")) {
    scanner.accept(' ');
    if (!scanner.accept_word("Termin") && !scanner.accept_word("Datum")) {
      scanner.set_pos(start);
      return false;
    }
  } else if (!scanner.accept_word("Ersatztermin")) {
    return false;
  }
  scanner.skip_spaces();
  scanner.accept(':');
  scanner.skip_spaces();
  return true;
}

}  // namespace

ReplacementDate read_replacement_date(MarkedText& text, std::size_t date_begin,
                                      std::size_t date_end, Entry& entry,
                                      const DateExpressionParser& dates) {
  ReplacementDate result;
  const std::string& plain = text.plain;
  // Found by its "min": a byte rarer than the 'e' of "neuer", so that the search costs little on
  // the many lines without it. "neuer Termin" and "Ersatztermin" both start 9 bytes before it.
  std::size_t phrase = npos;
  for (std::size_t at = plain.find("min", date_end); at != npos; at = plain.find("min", at + 3)) {
    if (at < date_end + 9 || ascii_lower(plain[at - 3]) != 't') continue;
    TextScanner scanner(plain, at - 9);
    if (accept_new_date_phrase(scanner)) {
      phrase = at - 9;
      break;
    }
  }
  // "neues Datum" by its "Datum" (a noun: always capitalized), 6 bytes after the phrase starts.
  for (std::size_t at = plain.find("Datum", date_end); phrase == npos && at != npos;
       at = plain.find("Datum", at + 5)) {
    if (at < date_end + 6) continue;
    TextScanner scanner(plain, at - 6);
    if (accept_new_date_phrase(scanner)) phrase = at - 6;
  }
  if (phrase == npos) return result;
  const std::size_t notice = find_cancellation(plain, date_end, phrase);
  if (notice == npos) return result;
  TextScanner scanner(plain, phrase);
  accept_new_date_phrase(scanner);
  DateParse replacement = dates.parse(scanner);
  if (replacement.kind == DateParse::Kind::invalid) {
    result.problem = std::move(replacement.message);
    return result;
  }
  // "neuer Termin folgt": the entry stays as written, cancelled on its (old) date: publishing
  // it as taking place there would be a wrong date.
  if (replacement.kind != DateParse::Kind::dated) {
    entry.status = EntryStatus::cancelled;
    return result;
  }
  const std::size_t new_end = scanner.pos();
  entry.occurrences = std::move(replacement.occurrences);
  result.detail = "verschoben vom " +
                  trim_copy(std::string_view(plain).substr(date_begin, date_end - date_begin));
  scanner.skip_spaces();
  if (scanner.at_end() || scanner.rest() == ".") {
    // Nothing after the new date: the words before the notice are the title.
    // "Lesung – verschoben": the dash or comma before the notice goes too.
    std::size_t cut = notice;
    while (cut > date_end) {
      const std::string_view before = std::string_view(plain).substr(0, cut);
      if (before.back() == ' ' || before.back() == ',' || before.back() == '-') {
        --cut;
      } else if (before.ends_with("\xE2\x80\x93") || before.ends_with("\xE2\x80\x94")) {
        cut -= 3;
      } else {
        break;
      }
    }
    text.truncate(cut);
  } else {
    // "… 8. Oktober 2026 | Titel": the rest of the line follows the (old) date's place.
    text.erase(date_end, new_end);
  }
  return result;
}

}  // namespace itkal::entry_detail

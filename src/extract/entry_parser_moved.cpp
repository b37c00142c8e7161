#include "entry_parser_moved.hpp"

#include <array>

#include "entry_parser_segments.hpp"
#include "itkal/text/text_folding.hpp"
#include "itkal/text/text_scanner.hpp"

namespace itkal::entry_detail {

namespace {

/// The lead without its trailing "verschoben vom" (or "verlegt vom", "vom" possibly gone
/// already), or nothing when it does not end so.
std::optional<std::string> lead_before_moved(std::string_view lead) {
  static constexpr std::array<std::string_view, 4> kEndings{" verschoben vom", " verlegt vom",
                                                            " verschoben", " verlegt"};
  for (const std::string_view ending : kEndings) {
    if (lead.size() <= ending.size()) continue;
    const std::string_view tail = lead.substr(lead.size() - ending.size());
    if (fold_for_matching(tail) != fold_for_matching(ending)) continue;
    std::string kept(trim_view(lead.substr(0, lead.size() - ending.size())));
    while (!kept.empty() && (kept.back() == ',' || kept.back() == '-' || kept.back() == ' ')) {
      kept.pop_back();
    }
    if (kept.empty()) return std::nullopt;
    return kept;
  }
  return std::nullopt;
}

/// The text before `end` ends in the word "vom".
bool ends_in_vom(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.size() < 3) return false;
  const std::string_view word = text.substr(text.size() - 3);
  return (word == "vom" || word == "Vom") &&
         (text.size() == 3 || !is_word_byte(text[text.size() - 4]));
}

}  // namespace

bool dated_by_record(std::string_view plain, const LaterDate& date) {
  const std::vector<Occurrence>& days = date.parse.occurrences;
  if (date.parse.kind != DateParse::Kind::dated || days.size() != 1 ||
      days.front().start_date != days.front().end_date) {
    return false;
  }
  TextScanner own(plain, date.first);
  if (!own.accept_word("vom") && !own.accept_word("Vom") &&
      !ends_in_vom(plain.substr(0, date.first))) {
    return false;
  }
  TextScanner after(plain, date.second);
  after.skip_spaces();
  return !(after.accept_word("bis") || after.accept_word("auf") || after.accept_dash());
}

std::optional<MovedFrom> read_moved_from(std::string_view plain, std::string_view lead,
                                         const LaterDate& old_date,
                                         const DateExpressionParser& dates) {
  if (old_date.parse.kind != DateParse::Kind::dated) return std::nullopt;
  // Cheap first: most leads end in neither word.
  if (!lead.ends_with("vom") && !lead.ends_with("schoben") && !lead.ends_with("legt")) {
    return std::nullopt;
  }
  auto kept = lead_before_moved(lead);
  if (!kept) return std::nullopt;
  TextScanner scanner(plain, old_date.second);
  scanner.skip_spaces();
  if (!scanner.accept_word("auf")) return std::nullopt;
  scanner.skip_spaces();
  scanner.accept_word("den");
  scanner.skip_spaces();
  const std::size_t begin = scanner.pos();
  DateParse parse = dates.parse(scanner);
  if (parse.kind != DateParse::Kind::dated && parse.kind != DateParse::Kind::invalid) {
    return std::nullopt;
  }
  MovedFrom moved;
  moved.date = LaterDate{begin, scanner.pos(), std::move(parse)};
  moved.lead = std::move(*kept);
  TextScanner old_text(plain.substr(0, old_date.second), old_date.first);
  old_text.accept_word("vom") || old_text.accept_word("am") || old_text.accept_word("den");
  moved.detail = "verschoben vom " + trim_copy(old_text.rest());
  return moved;
}

}  // namespace itkal::entry_detail

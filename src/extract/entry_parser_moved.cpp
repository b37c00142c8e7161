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

}  // namespace

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

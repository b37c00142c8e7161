#include "weekday_rule.hpp"

#include <array>
#include <string>

#include "itkal/text/text_folding.hpp"

namespace itkal::extract_detail {

namespace {

/// Weekday stems, ISO numbered from Monday: each finds the day ("Freitag") and the adverb
/// ("freitags").
constexpr std::array<std::string_view, 7> kWeekdayStems{
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"};

/// Words that make a weekday a rule's: every such day, not one day.
constexpr std::array<std::string_view, 3> kRuleWords{"jeden ", "jeweils ", "immer "};

int weekday_in_lowercase(const std::string& text) {
  int found = 0;
  for (std::size_t i = 0; i < kWeekdayStems.size(); ++i) {
    if (text.find(kWeekdayStems[i]) == std::string::npos) continue;
    if (found != 0) return 0;
    found = static_cast<int>(i) + 1;
  }
  return found;
}

}  // namespace

int weekday_named_in(std::string_view words) {
  return weekday_in_lowercase(ascii_lowercase(words));
}

int weekly_rule_weekday(std::string_view words) {
  const std::string text = ascii_lowercase(words);
  for (const std::string_view rule : kRuleWords) {
    if (text.find(rule) != std::string::npos) return weekday_in_lowercase(text);
  }
  return 0;
}

}  // namespace itkal::extract_detail

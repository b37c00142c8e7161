#include "named_day.hpp"

#include <array>
#include <boost/date_time/gregorian/gregorian.hpp>

namespace itkal::date_detail {

namespace greg = boost::gregorian;

namespace {

/// Where a named day falls: days after Easter Sunday, a fixed day, or the Wednesday before
/// 23 November (Buß- und Bettag).
struct NamedDayRule {
  std::string_view name;  ///< lower case, as accept_word compares it
  std::string_view display;
  enum class Kind { easter, fixed, before_sunday_of_dead } kind;
  int offset_or_month = 0;
  int day = 0;
};

constexpr std::array<NamedDayRule, 16> kNamedDays{{
    {"rosenmontag", "Rosenmontag", NamedDayRule::Kind::easter, -48},
    {"aschermittwoch", "Aschermittwoch", NamedDayRule::Kind::easter, -46},
    {"palmsonntag", "Palmsonntag", NamedDayRule::Kind::easter, -7},
    {"gründonnerstag", "Gründonnerstag", NamedDayRule::Kind::easter, -3},
    {"karfreitag", "Karfreitag", NamedDayRule::Kind::easter, -2},
    {"ostersonntag", "Ostersonntag", NamedDayRule::Kind::easter, 0},
    {"ostermontag", "Ostermontag", NamedDayRule::Kind::easter, 1},
    {"himmelfahrt", "Christi Himmelfahrt", NamedDayRule::Kind::easter, 39},
    {"pfingstsonntag", "Pfingstsonntag", NamedDayRule::Kind::easter, 49},
    {"pfingstmontag", "Pfingstmontag", NamedDayRule::Kind::easter, 50},
    {"fronleichnam", "Fronleichnam", NamedDayRule::Kind::easter, 60},
    {"reformationstag", "Reformationstag", NamedDayRule::Kind::fixed, 10, 31},
    {"allerheiligen", "Allerheiligen", NamedDayRule::Kind::fixed, 11, 1},
    {"heiligabend", "Heiligabend", NamedDayRule::Kind::fixed, 12, 24},
    {"silvester", "Silvester", NamedDayRule::Kind::fixed, 12, 31},
    {"bettag", "Buß- und Bettag", NamedDayRule::Kind::before_sunday_of_dead},
}};

/// Easter Sunday of the Gregorian calendar (the anonymous algorithm of Meeus/Jones/Butcher).
greg::date easter_sunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return greg::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                    static_cast<unsigned short>(day));
}

/// "Christi Himmelfahrt", "Buß- und Bettag": the words written before the table's word.
void accept_leading_words(TextScanner& scanner) {
  const auto saved = scanner.pos();
  if (scanner.accept_word("christi")) {
    scanner.skip_spaces();
    if (scanner.accept_word("himmelfahrt")) {
      scanner.set_pos(scanner.pos() - std::string_view("himmelfahrt").size());
      return;
    }
  } else if (scanner.accept_word("buß-") || scanner.accept_word("buss-")) {
    scanner.skip_spaces();
    if (scanner.accept_word("und")) {
      scanner.skip_spaces();
      if (scanner.accept_word("bettag")) {
        scanner.set_pos(scanner.pos() - std::string_view("bettag").size());
        return;
      }
    }
  }
  scanner.set_pos(saved);
}

}  // namespace

NamedDay parse_named_day(TextScanner& scanner) {
  // Called at every letter a date may start with: most are no named day's first letter.
  if (std::string_view("rapgkohfsbcRAPGKOHFSBC").find(scanner.peek()) == std::string_view::npos) {
    return 0;
  }
  const auto start = scanner.pos();
  accept_leading_words(scanner);
  for (std::size_t i = 0; i < kNamedDays.size(); ++i) {
    const std::string_view name = kNamedDays[i].name;
    // "bettag" only after "Buß- und", "himmelfahrt" also alone.
    if (name == "bettag" && scanner.pos() == start) continue;
    if (scanner.accept_word(name)) return static_cast<NamedDay>(i + 1);
  }
  scanner.set_pos(start);
  return 0;
}

greg::date named_day_date(NamedDay day, int year) {
  const NamedDayRule& rule = kNamedDays.at(static_cast<std::size_t>(day - 1));
  switch (rule.kind) {
    case NamedDayRule::Kind::easter:
      return easter_sunday(year) + greg::days(rule.offset_or_month);
    case NamedDayRule::Kind::fixed:
      return greg::date(static_cast<unsigned short>(year),
                        static_cast<unsigned short>(rule.offset_or_month),
                        static_cast<unsigned short>(rule.day));
    case NamedDayRule::Kind::before_sunday_of_dead: {
      // The Wednesday between 16 and 22 November.
      greg::date date(static_cast<unsigned short>(year), 11, 16);
      while (date.day_of_week().as_number() != 3) date += greg::days(1);
      return date;
    }
  }
  return {};
}

std::string_view named_day_display(NamedDay day) {
  return kNamedDays.at(static_cast<std::size_t>(day - 1)).display;
}

}  // namespace itkal::date_detail

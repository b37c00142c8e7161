#include "itkal/extract/time_range_parser.hpp"

namespace itkal {
namespace {

bool accept_uhr(TextScanner& scanner) {
  const auto saved = scanner.pos();
  scanner.skip_spaces();
  if (scanner.accept_word("Uhr") || scanner.accept_word("h")) {
    scanner.accept_word("s.t.") || scanner.accept_word("c.t.");
    return true;
  }
  scanner.set_pos(saved);
  return false;
}

bool accept_range_joiner(TextScanner& scanner) {
  const auto saved = scanner.pos();
  scanner.skip_spaces();
  if (scanner.accept_dash() || scanner.accept_word("bis")) {
    scanner.skip_spaces();
    return true;
  }
  scanner.set_pos(saved);
  return false;
}

std::optional<TimeOfDay> checked(const TimeRangeParser::Point& point) {
  TimeOfDay time{point.hour, point.minute};
  if (!time.ok()) return std::nullopt;
  return time;
}

/// "19. Uhr" at the end of a range ("17-19. Uhr"): a full hour with a stray dot, which
/// parse_point refuses because "19." alone reads as a day. Only "Uhr" or "h" after it makes
/// it a time.
std::optional<TimeRangeParser::Point> parse_hour_with_stray_dot(TextScanner& scanner) {
  const auto start = scanner.pos();
  TimeRangeParser::Point point;
  point.hour = scanner.read_number(2);
  if (point.hour < 0 || !scanner.accept('.') || !accept_uhr(scanner)) {
    scanner.set_pos(start);
    return std::nullopt;
  }
  point.marked = true;
  point.text = scanner.text().substr(start, scanner.pos() - start);
  return point;
}

TimeParse invalid(const TimeRangeParser::Point& point) {
  TimeParse result;
  result.kind = TimeParse::Kind::invalid;
  result.message = "impossible time '" + std::string(point.text) + "'";
  return result;
}

}  // namespace

std::optional<TimeRangeParser::Point> TimeRangeParser::parse_point(TextScanner& scanner) {
  const auto start = scanner.pos();
  Point point;
  point.hour = scanner.read_number(2);
  if (point.hour < 0) return std::nullopt;
  const auto after_hour = scanner.pos();
  if (scanner.accept(':') || scanner.accept('.')) {
    std::size_t digits = 0;
    point.minute = scanner.read_number(2, &digits);
    // "20.4." or "20.10." are dates, never times: minutes have two digits and no dot follows.
    // "um 19.30." ends a sentence: no month is 30, so only a time is written so.
    constexpr int kLastMonth = 12;
    if (point.minute < 0 || digits != 2 ||
        (scanner.peek() == '.' && scanner.peek(1) >= '0' && scanner.peek(1) <= '9') ||
        (scanner.peek() == '.' && scanner.text()[after_hour] == '.' &&
         point.minute <= kLastMonth)) {
      scanner.set_pos(start);
      return std::nullopt;
    }
    point.marked = true;
  } else {
    point.minute = 0;
  }
  if (accept_uhr(scanner)) point.marked = true;
  point.text = scanner.text().substr(start, scanner.pos() - start);
  return point;
}

TimeParse TimeRangeParser::parse(TextScanner& scanner) {
  const auto start = scanner.pos();
  if (!may_start(scanner.peek())) return TimeParse{};
  auto fail = [&] {
    scanner.set_pos(start);
    return TimeParse{};
  };
  if (scanner.accept_word("ganztägig") || scanner.accept_word("ganztags")) {
    return TimeParse{TimeParse::Kind::time, {}, {}};
  }
  bool only_start = false;
  bool only_end = false;
  // "jeweils 19 Uhr" (each day at 19:00) is a time like any other.
  if (scanner.accept_word("jeweils")) scanner.skip_spaces();
  if (scanner.accept_word("ab")) {
    only_start = true;
  } else if (scanner.accept_word("bis")) {
    only_end = true;
  } else if (const char lower = ascii_lower(scanner.peek());
             lower == 'v' || lower == 'u' || lower == 'c' || lower == 'b') {
    // Most times start with their digits: the words are tried only at their first letters.
    scanner.accept_word("von") || scanner.accept_word("um") || scanner.accept_word("ca.") ||
        scanner.accept_word("Beginn:") || scanner.accept_word("Beginn");
  }
  scanner.skip_spaces();
  auto first = parse_point(scanner);
  if (!first) return fail();
  if (only_start || only_end) {
    if (!first->marked) return fail();
    auto time = checked(*first);
    if (!time) return invalid(*first);
    // "ab 09:30 Uhr bis 22:00 Uhr": a start and an end after all.
    if (only_start) {
      const auto after_first = scanner.pos();
      scanner.skip_spaces();
      if (scanner.accept_word("bis")) {
        scanner.skip_spaces();
        if (auto second = parse_point(scanner); second && second->marked) {
          auto end_time = checked(*second);
          if (!end_time) return invalid(*second);
          return TimeParse{TimeParse::Kind::time, {time, end_time}, {}};
        }
      }
      scanner.set_pos(after_first);
    }
    TimeParse result{TimeParse::Kind::time, {}, {}};
    (only_start ? result.range.start : result.range.end) = time;
    return result;
  }
  const auto after_first = scanner.pos();
  if (accept_range_joiner(scanner)) {
    auto second = parse_point(scanner);
    if (!second) second = parse_hour_with_stray_dot(scanner);
    // "9-12 + 13-16 Uhr": the "Uhr" of the next range marks this one too.
    const bool marked_by_next = second && !first->marked && !second->marked && [&] {
      TextScanner probe(scanner.text(), scanner.pos());
      probe.skip_spaces();
      if (!(probe.accept('+') || probe.accept('&') || probe.accept(',') ||
            probe.accept_word("und") || probe.accept_word("sowie"))) {
        return false;
      }
      probe.skip_spaces();
      const TimeParse next = parse(probe);
      return next.kind == TimeParse::Kind::time;
    }();
    if (second && (first->marked || second->marked || marked_by_next)) {
      auto start_time = checked(*first);
      if (!start_time) return invalid(*first);
      auto end_time = checked(*second);
      if (!end_time) return invalid(*second);
      return TimeParse{TimeParse::Kind::time, {start_time, end_time}, {}};
    }
    scanner.set_pos(after_first);
  }
  if (!first->marked) return fail();
  auto time = checked(*first);
  if (!time) return invalid(*first);
  return TimeParse{TimeParse::Kind::time, {time, std::nullopt}, {}};
}

}  // namespace itkal

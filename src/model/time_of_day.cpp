#include "itkal/model/time_of_day.hpp"

namespace itkal {

std::string TimeOfDay::to_string() const {
  std::string text(5, '0');
  text[0] = static_cast<char>('0' + hour / 10);
  text[1] = static_cast<char>('0' + hour % 10);
  text[2] = ':';
  text[3] = static_cast<char>('0' + minute / 10);
  text[4] = static_cast<char>('0' + minute % 10);
  return text;
}

std::optional<TimeOfDay> TimeOfDay::from_string(const std::string& text) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(text[0]) || !digit(text[1]) || !digit(text[3]) ||
      !digit(text[4])) {
    return std::nullopt;
  }
  TimeOfDay time{(text[0] - '0') * 10 + (text[1] - '0'), (text[3] - '0') * 10 + (text[4] - '0')};
  if (!time.ok()) return std::nullopt;
  return time;
}

}  // namespace itkal

#include "itkal/config/server_limits.hpp"

#include <charconv>
#include <system_error>

namespace itkal {

std::optional<int> parse_server_number(const std::string& text, const ServerLimit& limit) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      value < limit.low || value > limit.high) {
    return std::nullopt;
  }
  return value;
}

std::string server_limit_message(const ServerLimit& limit) {
  return "is not a number from " + std::to_string(limit.low) + " to " + std::to_string(limit.high);
}

}  // namespace itkal

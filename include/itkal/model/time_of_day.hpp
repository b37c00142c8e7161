#pragma once

#include <compare>
#include <optional>
#include <string>

namespace itkal {

/// A wall-clock time in Europe/Berlin, minute precision.
struct TimeOfDay {
  int hour = 0;
  int minute = 0;

  /// True for 00:00 to 23:59, and for 24:00 (a German "bis 24 Uhr" end).
  [[nodiscard]] bool ok() const {
    return (hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59) || (hour == 24 && minute == 0);
  }
  [[nodiscard]] int minutes_since_midnight() const { return hour * 60 + minute; }
  /// "HH:MM".
  [[nodiscard]] std::string to_string() const;
  /// Parses "HH:MM" strictly; nullopt otherwise.
  static std::optional<TimeOfDay> from_string(const std::string& text);

  auto operator<=>(const TimeOfDay&) const = default;
};

}  // namespace itkal

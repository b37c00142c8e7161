#include "itkal/ical/ical_text.hpp"

#include <libical/ical.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace itkal::detail {
namespace {

/// Where libical's fold_property_line starts the next line of `line` (CR LF included) after
/// `start`: the rest when under 75 octets; else after the last ';', ':' or ' ' in the first 74;
/// else before the last ASCII or UTF-8 lead byte in the first 75.
std::size_t next_fold(std::string_view line, std::size_t start) {
  constexpr std::size_t kWidth = 75;
  if (line.size() - start < kWidth) return line.size();
  for (std::size_t pos = start + kWidth - 2; pos > start; --pos) {
    if (line[pos] == ';' || line[pos] == ':' || line[pos] == ' ') return pos + 1;
  }
  for (std::size_t pos = start + kWidth - 1; pos > start; --pos) {
    const auto byte = static_cast<unsigned char>(line[pos]);
    if ((byte & 0x80) == 0 || (byte & 0xC0) == 0xC0) return pos;
  }
  return start + kWidth - 1;
}

}  // namespace

void append_text_value(std::string& out, std::string_view text, bool list) {
  // Most text has nothing to escape: runs between special bytes are appended whole.
  const std::string_view special =
      list ? std::string_view("\n\r\b\f\\") : std::string_view("\n\r\b\f\\;,");
  std::size_t start = 0;
  for (std::size_t pos = text.find_first_of(special); pos != std::string_view::npos;
       pos = text.find_first_of(special, start)) {
    out.append(text.substr(start, pos - start));
    start = pos + 1;
    switch (text[pos]) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
      case '\b':
      case '\f':
        break;
      default:  // a backslash, or a semicolon or comma outside a list
        out += '\\';
        out += text[pos];
    }
  }
  out.append(text.substr(start));
}

void append_folded_line(std::string& out, std::string_view line) {
  std::size_t start = 0;
  while (start < line.size()) {
    const std::size_t next = next_fold(line, start);
    if (start > 0) out += "\r\n ";
    out.append(line, start, next - start);
    start = next;
  }
}

std::string ical_time_text(const icaltimetype& time, bool with_time, bool utc) {
  std::string text;
  text.reserve(16);
  const auto digits = [&text](int value, int width) {
    char buffer[4];
    for (int i = width - 1; i >= 0; --i, value /= 10)
      buffer[i] = static_cast<char>('0' + value % 10);
    text.append(buffer, static_cast<std::size_t>(width));
  };
  digits(time.year, 4);
  digits(time.month, 2);
  digits(time.day, 2);
  if (with_time) {
    text += 'T';
    digits(time.hour, 2);
    digits(time.minute, 2);
    digits(time.second, 2);
    if (utc) text += 'Z';
  }
  return text;
}

}  // namespace itkal::detail

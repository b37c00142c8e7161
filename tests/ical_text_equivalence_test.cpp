// The writer writes VEVENT lines itself instead of through libical (issue 15); these tests hold
// its escaping, folding and time values to libical's bytes for the same properties.

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "itkal/ical/ical_text.hpp"

namespace itkal {
namespace {

/// What icalproperty_as_ical_string_r writes for a property (which it then frees), as
/// icalcomponent_as_ical_string_r wrote it inside the VEVENT before.
std::string libical_line(icalproperty* property) {
  char* text = icalproperty_as_ical_string_r(property);
  std::string line(text);
  icalmemory_free_buffer(text);
  icalproperty_free(property);
  return line;
}

/// A property line as the writer writes it: name and parameters, ':', the value, folded.
std::string writer_line(std::string_view name, std::string_view value) {
  std::string line(name);
  line += ':';
  line += value;
  line += "\r\n";
  std::string folded;
  detail::append_folded_line(folded, line);
  return folded;
}

std::string writer_text_line(std::string_view name, std::string_view value, bool list = false) {
  std::string escaped;
  detail::append_text_value(escaped, value, list);
  return writer_line(name, escaped);
}

// The pieces values are made of: ASCII, German and other multi-byte UTF-8 (2, 3 and 4 octets,
// so that folds fall inside characters), TEXT separators, newlines and control characters.
const std::vector<std::string>& pieces() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> list = {"a", "Z", "7", " ", " ", ".", "-",  "/",  "(",    "\"", "'",
                                     "ä", "ö", "ü", "ß", "Ä", "Ö", "Ü",  "é",  "€",    "–",  "„",
                                     "“", "😀", "𝄞", ";", ",", ":", "\\", "\n", "\r\n", "\t"};
    for (char c = 1; c < 0x20; ++c) list.emplace_back(1, c);
    list.emplace_back(1, '\x7F');
    return list;
  }();
  return all;
}

/// Deterministic values (fixed seed; std::mt19937's sequence is fixed by the standard and the
/// draws avoid the implementation-defined distributions): mostly 60 to 300 octets so that lines
/// fold once to four times, some short ones.
std::vector<std::string> random_values(std::size_t count) {
  std::mt19937 random(20261207);
  const auto below = [&random](std::uint32_t bound) { return random() % bound; };
  const auto& from = pieces();
  std::vector<std::string> values;
  values.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t length = below(8) == 0 ? below(60) : 60 + below(241);
    // Some values are mostly letters or mostly multi-byte, so that a 74-octet stretch without
    // ';', ':' or ' ' (folding at a character boundary) is common.
    const std::uint32_t flavour = below(3);
    std::string value;
    while (value.size() < length) {
      if (flavour == 1 && below(4) != 0) {
        value += static_cast<char>('a' + below(26));
      } else if (flavour == 2 && below(4) != 0) {
        value += from[11 + below(14)];
      } else {
        value += from[below(static_cast<std::uint32_t>(from.size()))];
      }
    }
    values.push_back(std::move(value));
  }
  return values;
}

/// Every fold offset for every UTF-8 length: a run of k ASCII letters, then multi-byte only.
std::vector<std::string> fold_sweep() {
  std::vector<std::string> values;
  for (const char* character : {"ä", "€", "😀"}) {
    for (std::size_t k = 0; k < 160; ++k) {
      std::string value(k, 'x');
      while (value.size() < 320) value += character;
      values.push_back(std::move(value));
    }
  }
  return values;
}

std::vector<std::string> test_values() {
  std::vector<std::string> values = random_values(4000);
  for (auto& value : fold_sweep()) values.push_back(std::move(value));
  return values;
}

TEST(IcalTextEquivalence, TextPropertiesAreWrittenAsLibicalWritesThem) {
  for (const std::string& value : test_values()) {
    SCOPED_TRACE(testing::PrintToString(value));
    ASSERT_EQ(writer_text_line("SUMMARY", value),
              libical_line(icalproperty_new_summary(value.c_str())));
    ASSERT_EQ(writer_text_line("LOCATION", value),
              libical_line(icalproperty_new_location(value.c_str())));
    ASSERT_EQ(writer_text_line("DESCRIPTION", value),
              libical_line(icalproperty_new_description(value.c_str())));
    ASSERT_EQ(writer_text_line("UID", value), libical_line(icalproperty_new_uid(value.c_str())));
    ASSERT_EQ(writer_text_line("CATEGORIES", value, true),
              libical_line(icalproperty_new_categories(value.c_str())));
  }
}

TEST(IcalTextEquivalence, UrlIsWrittenAsLibicalWritesIt) {
  for (const std::string& value : test_values()) {
    SCOPED_TRACE(testing::PrintToString(value));
    ASSERT_EQ(writer_line("URL", value), libical_line(icalproperty_new_url(value.c_str())));
  }
}

/// Random dates and times from 1900 to 2199 (the fixed seed as above).
std::vector<icaltimetype> random_times(std::size_t count) {
  std::mt19937 random(7122026);
  std::vector<icaltimetype> times;
  for (std::size_t i = 0; i < count; ++i) {
    icaltimetype time = icaltime_null_time();
    time.year = 1900 + static_cast<int>(random() % 300);
    time.month = 1 + static_cast<int>(random() % 12);
    time.day = 1 + static_cast<int>(random() % 28);
    time.hour = static_cast<int>(random() % 24);
    time.minute = static_cast<int>(random() % 60);
    time.second = static_cast<int>(random() % 60);
    times.push_back(time);
  }
  return times;
}

TEST(IcalTextEquivalence, DatesAndTimesAreWrittenAsLibicalWritesThem) {
  for (const icaltimetype& time : random_times(3000)) {
    SCOPED_TRACE(icaltime_as_ical_string(time));
    // All-day DTSTART and DTEND.
    icaltimetype day = icaltime_null_date();
    day.year = time.year;
    day.month = time.month;
    day.day = time.day;
    ASSERT_EQ(writer_line("DTSTART;VALUE=DATE", detail::ical_time_text(day, false, false)),
              libical_line(icalproperty_new_dtstart(day)));
    ASSERT_EQ(writer_line("DTEND;VALUE=DATE", detail::ical_time_text(day, false, false)),
              libical_line(icalproperty_new_dtend(day)));

    // A Berlin wall-clock time.
    icalproperty* local = icalproperty_new_dtstart(time);
    icalproperty_add_parameter(local, icalparameter_new_tzid("Europe/Berlin"));
    ASSERT_EQ(writer_line("DTSTART;TZID=Europe/Berlin", detail::ical_time_text(time, true, false)),
              libical_line(local));

    // UTC: an ambiguous Berlin time, and DTSTAMP, CREATED and LAST-MODIFIED.
    icaltimetype utc = time;
    utc.zone = icaltimezone_get_utc_timezone();
    const std::string utc_text = detail::ical_time_text(utc, true, true);
    ASSERT_EQ(writer_line("DTEND", utc_text), libical_line(icalproperty_new_dtend(utc)));
    ASSERT_EQ(writer_line("DTSTAMP", utc_text), libical_line(icalproperty_new_dtstamp(utc)));
    ASSERT_EQ(writer_line("CREATED", utc_text), libical_line(icalproperty_new_created(utc)));
    ASSERT_EQ(writer_line("LAST-MODIFIED", utc_text),
              libical_line(icalproperty_new_lastmodified(utc)));
  }
}

}  // namespace
}  // namespace itkal

#include "itkal/text/iso_date.hpp"

namespace itkal {

std::string iso_date(const boost::gregorian::date& date) {
  // One conversion to year, month and day (each accessor would convert again) and no printf:
  // every occurrence of every entry is written with two of these.
  const auto ymd = date.year_month_day();
  const auto digits = [](char* at, int value, int count) {
    for (int i = count - 1; i >= 0; --i, value /= 10) at[i] = static_cast<char>('0' + value % 10);
  };
  std::string text = "0000-00-00";
  digits(text.data(), ymd.year, 4);
  digits(text.data() + 5, ymd.month, 2);
  digits(text.data() + 8, ymd.day, 2);
  return text;
}

}  // namespace itkal

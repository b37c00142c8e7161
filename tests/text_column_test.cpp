#include "itkal/text/text_column.hpp"

#include <gtest/gtest.h>

namespace itkal {
namespace {

TEST(PaddedColumn, PadsByCharactersAndKeepsOneSpaceAfterAWideValue) {
  struct Case {
    std::string text;
    std::size_t width;
    std::string cell;
  };
  const Case cases[] = {
      {.text = "Berlin", .width = 10, .cell = "Berlin    "},
      {.text = "M\u00fcnster", .width = 10, .cell = "M\u00fcnster   "},
      {.text = "", .width = 3, .cell = "   "},
      {.text = "abc", .width = 3, .cell = "abc "},
      {.text = "10:00-11:00; 10:00-11:00", .width = 13, .cell = "10:00-11:00; 10:00-11:00 "},
      {.text = "N\u00fcrnberg \u2013 Messe", .width = 16, .cell = "N\u00fcrnberg \u2013 Messe "},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(padded_column(c.text, c.width), c.cell) << c.text;
  }
}

}  // namespace
}  // namespace itkal

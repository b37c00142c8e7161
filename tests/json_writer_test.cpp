// JSON string literals: every byte that must be escaped is, wherever it stands in the text (the
// writer looks at 8 bytes at a time), and nothing else is.
#include "itkal/text/json_writer.hpp"

#include <gtest/gtest.h>

#include <string>

namespace itkal {
namespace {

struct QuoteCase {
  std::string text;
  std::string literal;
};

const QuoteCase kQuoteCases[] = {
    {"", R"("")"},
    {"Workshop", R"("Workshop")"},
    {R"(Workshop Nummer 95 "API first")", R"("Workshop Nummer 95 \"API first\"")"},
    {"a\\b", R"("a\\b")"},
    {"Zeile\neins\r\tzwei", R"("Zeile\neins\r\tzwei")"},
    {std::string("\x01\x1f ", 3), R"("\u0001\u001f ")"},
    {"Gr\xC3\xBC\xC3\x9F"
     "e aus K\xC3\xB6ln, 17 \xE2\x80\x93 18 Uhr",
     "\"Gr\xC3\xBC\xC3\x9F"
     "e aus K\xC3\xB6ln, 17 \xE2\x80\x93 18 Uhr\""},
    {"12345678\"", R"("12345678\"")"},
    {"1234567\"", R"("1234567\"")"},
    {"\"2345678", R"("\"2345678")"},
    {"!#$%&'()*+,-./0123456789:;<=>?@[]^_`{|}~\x7f",
     "\"!#$%&'()*+,-./0123456789:;<=>?@[]^_`{|}~\x7f\""},
};

TEST(JsonWriterQuote, EscapesExactlyQuotesBackslashesAndControlBytes) {
  for (const auto& c : kQuoteCases) EXPECT_EQ(JsonWriter::quote(c.text), c.literal) << c.text;
}

TEST(JsonWriterQuote, FindsAnEscapeAtEveryPositionOfALongText) {
  for (const char special : {'"', '\\', '\n', '\x1f', '\0'}) {
    for (std::size_t at = 0; at < 24; ++at) {
      std::string text(24, 'x');
      text[at] = special;
      const std::string literal = JsonWriter::quote(text);
      std::string expected = "\"" + std::string(at, 'x');
      expected += special == '"'      ? "\\\""
                  : special == '\\'   ? "\\\\"
                  : special == '\n'   ? "\\n"
                  : special == '\x1f' ? "\\u001f"
                                      : "\\u0000";
      expected += std::string(23 - at, 'x') + "\"";
      EXPECT_EQ(literal, expected) << "at " << at;
    }
  }
}

}  // namespace
}  // namespace itkal

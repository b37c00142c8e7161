// The JSON writer that every output goes through: exact bytes for nesting, empty containers,
// nulls and numbers, and string escaping that keeps UTF-8 and escapes what JSON requires,
// wherever it stands in the text (the writer looks at 8 bytes at a time).
#include "itkal/text/json_writer.hpp"

#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace itkal {
namespace {

TEST(JsonWriter, NestsWithTwoSpacesAndEndsInANewline) {
  JsonWriter json;
  json.begin_object();
  json.key("name").value("Kalender");
  json.key("count").value(3);
  json.key("big").value(static_cast<long long>(-9007199254740993LL));
  json.key("on").value(true);
  json.key("none").null();
  json.key("list").begin_array().value("a").value(std::size_t{2}).end_array();
  json.key("empty_list").begin_array().end_array();
  json.key("empty_object").begin_object().end_object();
  json.end_object();
  EXPECT_EQ(json.str(),
            "{\n"
            "  \"name\": \"Kalender\",\n"
            "  \"count\": 3,\n"
            "  \"big\": -9007199254740993,\n"
            "  \"on\": true,\n"
            "  \"none\": null,\n"
            "  \"list\": [\n"
            "    \"a\",\n"
            "    2\n"
            "  ],\n"
            "  \"empty_list\": [],\n"
            "  \"empty_object\": {}\n"
            "}\n");
}

TEST(JsonWriter, QuotesWhatJsonRequiresAndKeepsUtf8) {
  struct Case {
    std::string text;
    std::string quoted;
  };
  const std::vector<Case> cases = {
      {"plain", "\"plain\""},
      {"Grüße – „Termine“", "\"Grüße – „Termine“\""},
      {"a\"b\\c", "\"a\\\"b\\\\c\""},
      {"line\nnext\ttab\rret", "\"line\\nnext\\ttab\\rret\""},
      {std::string("nul\0byte", 8), "\"nul\\u0000byte\""},
      {"\x01\x1f", "\"\\u0001\\u001f\""},
      {"</script>", "\"</script>\""},
      {"", "\"\""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(JsonWriter::quote(c.text), c.quoted) << c.text;
    std::string appended = "x";
    JsonWriter::append_quoted(appended, c.text);
    EXPECT_EQ(appended, "x" + c.quoted);
    // Whatever the text, a JSON parser reads it back unchanged.
    Poco::JSON::Parser parser;
    const auto parsed = parser.parse("[" + c.quoted + "]").extract<Poco::JSON::Array::Ptr>();
    EXPECT_EQ(parsed->getElement<std::string>(0), c.text);
  }
}

TEST(JsonWriter, SameCallsSameBytes) {
  const auto write = [] {
    JsonWriter json;
    json.reserve(1024);
    json.begin_array();
    for (int i = 0; i < 3; ++i) json.begin_object().key("i").value(i).end_object();
    json.end_array();
    return json.str();
  };
  EXPECT_EQ(write(), write());
}

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

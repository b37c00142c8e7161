#include "itkal/text/text_folding.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>

namespace itkal {
namespace {

// The plain definition the fast paths must agree with: blanks are ASCII white space and U+00A0;
// runs become one space, the ends none.
std::string reference_collapse(std::string_view text) {
  std::string out;
  bool pending = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool nbsp = c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || nbsp) {
      pending = true;
      if (nbsp) ++i;
      continue;
    }
    if (pending && !out.empty()) out += ' ';
    pending = false;
    out += c;
  }
  return out;
}

struct CollapseRow {
  const char* input;
  const char* expected;
};

class CollapseSpaces : public ::testing::TestWithParam<CollapseRow> {};

TEST_P(CollapseSpaces, TrimsAndFoldsRuns) {
  const CollapseRow& row = GetParam();
  EXPECT_EQ(collapse_spaces(row.input), row.expected);
  std::string in_place = row.input;
  collapse_spaces_in_place(in_place);
  EXPECT_EQ(in_place, row.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, CollapseSpaces,
    ::testing::Values(CollapseRow{"", ""}, CollapseRow{" ", ""}, CollapseRow{"Berlin", "Berlin"},
                      CollapseRow{" Berlin ", "Berlin"}, CollapseRow{"a  b", "a b"},
                      CollapseRow{"a\tb", "a b"},
                      CollapseRow{"a\xC2\xA0"
                                  "b",
                                  "a b"},
                      CollapseRow{"\xC2\xA0Mainz\xC2\xA0", "Mainz"},
                      CollapseRow{"Freie Hansestadt Bremen", "Freie Hansestadt Bremen"},
                      CollapseRow{"Freie Hansestadt  Bremen", "Freie Hansestadt Bremen"},
                      CollapseRow{"Wie werden Bund, Länder und Kommunen gemeinsam souverän? ",
                                  "Wie werden Bund, Länder und Kommunen gemeinsam souverän?"},
                      CollapseRow{"Stadthalle,\r\n Saal 2", "Stadthalle, Saal 2"},
                      CollapseRow{"»Zitat«", "»Zitat«"},  // 0xC2 that is no space stays
                      CollapseRow{"0123456789abcdef  x", "0123456789abcdef x"}));

TEST(CollapseSpaces, AgreesWithThePlainDefinitionOnRandomText) {
  // Short and long texts take different paths (byte loop, vectorized loop): both are compared.
  const std::string_view alphabet[] = {"a",  "Z",  "1",  ",",        " ",        " ",
                                       "\t", "\n", "\r", "\xC2\xA0", "\xC2\xBB", "ä"};
  std::mt19937 random(20261127);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int pieces = static_cast<int>(random() % 40);
    for (int i = 0; i < pieces; ++i) text += alphabet[random() % std::size(alphabet)];
    const std::string expected = reference_collapse(text);
    ASSERT_EQ(collapse_spaces(text), expected) << "'" << text << "'";
    std::string in_place = text;
    collapse_spaces_in_place(in_place);
    ASSERT_EQ(in_place, expected) << "'" << text << "'";
    // Any 0xC2 byte (the lead of a no-break space, but also of '»') counts as a possible blank.
    const bool single = text == expected && text.find('\xC2') == std::string::npos;
    if (single) {
      EXPECT_TRUE(has_single_spaces_only(text)) << "'" << text << "'";
    }
    if (text.find("  ") != std::string::npos || text.find('\t') != std::string::npos) {
      EXPECT_FALSE(has_single_spaces_only(text)) << "'" << text << "'";
    }
  }
}

struct FoldRow {
  const char* input;
  const char* folded;
};

class FoldForMatching : public ::testing::TestWithParam<FoldRow> {};

TEST_P(FoldForMatching, KeepsLettersAndDigitsLowerCase) {
  EXPECT_EQ(fold_for_matching(GetParam().input), GetParam().folded);
}

INSTANTIATE_TEST_SUITE_P(
    Table, FoldForMatching,
    ::testing::Values(FoldRow{"", ""}, FoldRow{"KDO", "kdo"}, FoldRow{"Komm.ONE", "kommone"},
                      FoldRow{"Südwestfalen-IT", "suedwestfalenit"}, FoldRow{"Straße", "strasse"},
                      FoldRow{"ÄÖÜ äöü ß", "aeoeueaeoeuess"}, FoldRow{"Café", "cafe"},
                      FoldRow{"\xFF\xFEx", "x"},  // invalid bytes dropped
                      FoldRow{"Termin 2026", "termin2026"}));

}  // namespace
}  // namespace itkal

#include "itkal/text_scanner.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace itkal {
namespace {

struct FindRow {
  const char* text;
  const char* bytes;
  std::size_t from;
  std::size_t expected;
};

constexpr std::size_t npos = std::string_view::npos;

class FindFirstByteOf : public ::testing::TestWithParam<FindRow> {};

TEST_P(FindFirstByteOf, FindsTheFirstOfTheBytesFromTheStart) {
  const FindRow& row = GetParam();
  EXPECT_EQ(find_first_byte_of(row.text, row.bytes, row.from), row.expected);
}

// Short texts take the byte loop, texts of 16 bytes and more the 16-byte windows: the rows
// put hits at window borders, in the overlapping last window and before `from`.
INSTANTIATE_TEST_SUITE_P(
    Table, FindFirstByteOf,
    ::testing::Values(FindRow{"", ",;", 0, npos}, FindRow{"Berlin", ",;", 0, npos},
                      FindRow{"Berlin, Mitte", ",;", 0, 6}, FindRow{"a;b,c", ",;", 2, 3},
                      FindRow{"0123456789abcdef", "f", 0, 15},
                      FindRow{"0123456789abcdefg", "g", 0, 16},
                      FindRow{"0123456789abcdefg", "0", 1, npos},
                      FindRow{"0123456789abcdefghij", "e", 15, npos},
                      FindRow{"0123456789abcdefghij", "ej", 15, 19},
                      FindRow{"Freie Hansestadt Bremen, DATABUND, VITAKO", ",;", 0, 23},
                      FindRow{"Freie Hansestadt Bremen, DATABUND, VITAKO", ",;", 24, 33},
                      FindRow{"Freie Hansestadt Bremen, DATABUND, VITAKO", ",;", 34, npos},
                      FindRow{"Freie Hansestadt Bremen, DATABUND, VITAKO", ",;", 99, npos},
                      FindRow{"Preis \xE2\x80\x93 Verleihung im Rathaus", "-\xE2", 0, 6}));

TEST(FindFirstByteOf, AgreesWithFindFirstOfOnRandomText) {
  const char alphabet[] = {'a', 'b', ' ', ',', ';', '(', ')', '"', '\xE2', '\x80', '-', '|'};
  std::mt19937 random(20261127);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 70);
    for (int i = 0; i < length; ++i) text += alphabet[random() % sizeof alphabet];
    const std::string bytes(1 + random() % 4, alphabet[random() % sizeof alphabet]);
    const std::string set = bytes + alphabet[random() % sizeof alphabet];
    const std::size_t from = random() % 72;
    ASSERT_EQ(find_first_byte_of(text, set, from), std::string_view(text).find_first_of(set, from))
        << "'" << text << "' '" << set << "' from " << from;
  }
}

}  // namespace
}  // namespace itkal

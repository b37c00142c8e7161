#include "itkal/text/text_scanner.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace itkal {
namespace {

struct FindRow {
  const char* text;
  const char* bytes;  // one of the sets below
  std::size_t from;
  std::size_t expected;
};

// find_first_byte_of takes its bytes as a literal: the rows name one of these sets.
constexpr char kSeparators[] = ",;";
constexpr char kSegmentBytes[] = "()\",;";
constexpr char kDashes[] = "-\xE2";
constexpr char kOneByte[] = "e";

std::size_t find_in_set(std::string_view text, std::string_view set, std::size_t from) {
  if (set == kSeparators) return find_first_byte_of(text, kSeparators, from);
  if (set == kSegmentBytes) return find_first_byte_of(text, kSegmentBytes, from);
  if (set == kDashes) return find_first_byte_of(text, kDashes, from);
  if (set == kOneByte) return find_first_byte_of(text, kOneByte, from);
  ADD_FAILURE() << "no such set: " << set;
  return 0;
}

constexpr std::size_t npos = std::string_view::npos;

class FindFirstByteOf : public ::testing::TestWithParam<FindRow> {};

TEST_P(FindFirstByteOf, FindsTheFirstOfTheBytesFromTheStart) {
  const FindRow& row = GetParam();
  EXPECT_EQ(find_in_set(row.text, row.bytes, row.from), row.expected);
}

// Short texts take the byte loop, texts of 16 bytes and more the 16-byte windows: the rows
// put hits at window borders, in the overlapping last window and before `from`.
INSTANTIATE_TEST_SUITE_P(
    Table, FindFirstByteOf,
    ::testing::Values(FindRow{"", kSeparators, 0, npos}, FindRow{"Berlin", kSeparators, 0, npos},
                      FindRow{"Berlin, Mitte", kSeparators, 0, 6},
                      FindRow{"a;b,c", kSeparators, 2, 3},
                      FindRow{"0123456789abcdXe", kOneByte, 0, 15},
                      FindRow{"0123456789abcdXfe", kOneByte, 0, 16},
                      FindRow{"e123456789abcdXfg", kOneByte, 1, npos},
                      FindRow{"0123456789abcdefghij", kOneByte, 15, npos},
                      FindRow{"0123456789abcdefghi,", kSeparators, 15, 19},
                      FindRow{"Freie Hansestadt Bremen, DATABUND, VITAKO", kSeparators, 0, 23},
                      FindRow{"Freie Hansestadt Bremen, DATABUND, VITAKO", kSeparators, 24, 33},
                      FindRow{"Freie Hansestadt Bremen, DATABUND, VITAKO", kSeparators, 34, npos},
                      FindRow{"Freie Hansestadt Bremen, DATABUND, VITAKO", kSeparators, 99, npos},
                      FindRow{"Preis \xE2\x80\x93 Verleihung im Rathaus", kDashes, 0, 6},
                      FindRow{"Tagung (online), \"Daten\"", kSegmentBytes, 0, 7}));

TEST(FindFirstByteOf, AgreesWithFindFirstOfOnRandomText) {
  const char alphabet[] = {'a', 'e', ' ', ',', ';', '(', ')', '"', '\xE2', '\x80', '-', '|'};
  std::mt19937 random(20261127);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 70);
    for (int i = 0; i < length; ++i) text += alphabet[random() % sizeof alphabet];
    const std::string_view sets[] = {kSeparators, kSegmentBytes, kDashes, kOneByte};
    const std::string_view set = sets[random() % std::size(sets)];
    const std::size_t from = random() % 72;
    ASSERT_EQ(find_in_set(text, set, from), std::string_view(text).find_first_of(set, from))
        << "'" << text << "' '" << set << "' from " << from;
  }
}

}  // namespace
}  // namespace itkal

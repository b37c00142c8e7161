#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "itkal/text/text_scanner.hpp"

namespace itkal {

/// Which bytes the names of a table start with (ASCII lower case). The grammar asks "is there a
/// month / weekday / status word here?" at almost every position, and most positions start with
/// a digit or another letter: one table look-up rejects them without walking the names.
class FirstBytes {
 public:
  template <typename Table, typename NameOf>
  constexpr FirstBytes(const Table& table, NameOf name_of) {
    for (const auto& entry : table) {
      const std::string_view name = name_of(entry);
      if (!name.empty()) first_[static_cast<unsigned char>(ascii_lower(name[0]))] = true;
    }
  }
  [[nodiscard]] constexpr bool may_start(char c) const {
    return first_[static_cast<unsigned char>(ascii_lower(c))];
  }

 private:
  std::array<bool, 256> first_{};
};

/// A fixed list of folded words (see fold_for_matching) that answers "is this one of them?".
template <std::size_t N>
class WordList {
 public:
  constexpr explicit WordList(std::array<std::string_view, N> words) : words_(words) {
    for (const std::string_view word : words) {
      if (!word.empty()) lengths_by_first_[index(word[0])] |= length_bit(word.size());
    }
  }

  [[nodiscard]] bool contains(std::string_view folded) const {
    // Most texts asked about are names and titles: no word has their first letter and length,
    // and the list is not walked.
    return !folded.empty() &&
           (lengths_by_first_[index(folded[0])] & length_bit(folded.size())) != 0 &&
           std::find(words_.begin(), words_.end(), folded) != words_.end();
  }
  /// False when folding `text` (see fold_for_matching) certainly gives none of the words, told
  /// from its first bytes: the first ASCII letter or digit is the folding's first byte, unless
  /// a non-ASCII byte (which may fold to letters) comes before it.
  [[nodiscard]] bool may_start_folding_of(std::string_view text) const {
    for (const char c : text) {
      if (static_cast<unsigned char>(c) >= 0x80) return true;
      if (is_ascii_letter_or_digit(c)) return lengths_by_first_[index(c)] != 0;
    }
    return false;  // folds to nothing, which no word is
  }
  [[nodiscard]] constexpr const std::array<std::string_view, N>& words() const { return words_; }
  [[nodiscard]] constexpr bool may_start(char c) const { return lengths_by_first_[index(c)] != 0; }

 private:
  static constexpr std::size_t index(char c) { return static_cast<unsigned char>(ascii_lower(c)); }
  static constexpr bool is_ascii_letter_or_digit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  /// Bit k for k bytes; lengths of 63 and more share the last bit.
  static constexpr std::uint64_t length_bit(std::size_t size) {
    return std::uint64_t{1} << std::min<std::size_t>(size, 63);
  }

  std::array<std::string_view, N> words_;
  // For each first byte, the lengths of the words that start with it.
  std::array<std::uint64_t, 256> lengths_by_first_{};
};

}  // namespace itkal

#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

#include "itkal/text_scanner.hpp"

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
  constexpr explicit WordList(std::array<std::string_view, N> words)
      : words_(words), first_(words, [](std::string_view word) { return word; }) {}

  [[nodiscard]] bool contains(std::string_view folded) const {
    return !folded.empty() && first_.may_start(folded[0]) &&
           std::find(words_.begin(), words_.end(), folded) != words_.end();
  }
  [[nodiscard]] constexpr const std::array<std::string_view, N>& words() const { return words_; }
  [[nodiscard]] constexpr bool may_start(char c) const { return first_.may_start(c); }

 private:
  std::array<std::string_view, N> words_;
  FirstBytes first_;
};

}  // namespace itkal

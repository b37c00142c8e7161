#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "itkal/text/text_folding.hpp"

namespace itkal {

/// True for ASCII letters and for bytes of multi-byte UTF-8 sequences (umlauts, ß).
constexpr bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (static_cast<unsigned char>(c) >= 0x80);
}

/// A cursor over UTF-8 text for the hand-written calendar grammar. It only ever moves
/// forward on success; callers save and restore `pos` to backtrack.
class TextScanner {
 public:
  explicit TextScanner(std::string_view text, std::size_t pos = 0) : text_(text), pos_(pos) {}

  [[nodiscard]] std::size_t pos() const { return pos_; }
  void set_pos(std::size_t pos) { pos_ = pos; }
  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
  [[nodiscard]] char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  [[nodiscard]] std::string_view rest() const {
    return text_.substr(pos_ < text_.size() ? pos_ : text_.size());
  }
  [[nodiscard]] std::string_view text() const { return text_; }

  /// Skips ASCII blanks and the UTF-8 no-break and thin spaces. Inline: the grammar calls it
  /// between almost every two tokens, and most calls find a letter or digit at once.
  [[gnu::always_inline]] void skip_spaces() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++pos_;
      } else if (c == '\xC2' || c == '\xE2') {
        if (!skip_wide_space()) return;
      } else {
        return;
      }
    }
  }
  /// True (and consumed) when the text continues with `literal`, compared exactly.
  bool accept(std::string_view literal) {
    if (pos_ >= text_.size() || literal.empty() || text_[pos_] != literal[0] ||
        text_.size() - pos_ < literal.size() || text_.compare(pos_, literal.size(), literal) != 0) {
      return false;
    }
    pos_ += literal.size();
    return true;
  }
  /// True (and consumed) when the text continues with the byte `c`. Inline: the grammar tries
  /// its punctuation at almost every step, where the string_view overload is an out-of-line call.
  bool accept(char c) {
    if (pos_ >= text_.size() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  /// Like accept, ASCII case-insensitive, and only when a non-letter follows the word.
  /// Inline: the grammar tries many words at each position and most fail on the first letter.
  [[gnu::always_inline]] bool accept_word(std::string_view word) {
    if (pos_ >= text_.size() || word.empty() || ascii_lower(text_[pos_]) != ascii_lower(word[0])) {
      return false;
    }
    return accept_word_slow(word);
  }
  /// A dash that joins ranges: '-', en dash, em dash, minus sign. Consumed on success.
  bool accept_dash() {
    // Every dash is '-' or starts with 0xE2 (U+2010-U+2014, U+2212).
    if (pos_ >= text_.size() || (text_[pos_] != '-' && text_[pos_] != '\xE2')) return false;
    return accept_dash_slow();
  }
  /// Reads 1 to max_digits ASCII digits; returns -1 (nothing consumed) when there are none or
  /// when more digits follow (so "2026" is never read as "20" and "26").
  int read_number(std::size_t max_digits, std::size_t* digit_count = nullptr) {
    std::size_t count = 0;
    int value = 0;
    while (pos_ + count < text_.size() && text_[pos_ + count] >= '0' &&
           text_[pos_ + count] <= '9') {
      if (count == max_digits) return -1;
      value = value * 10 + (text_[pos_ + count] - '0');
      ++count;
    }
    if (count == 0) return -1;
    pos_ += count;
    if (digit_count) *digit_count = count;
    return value;
  }
  [[nodiscard]] bool at_digit() const { return peek() >= '0' && peek() <= '9'; }
  /// True when the next code point starts a letter (ASCII or any non-ASCII code point).
  [[nodiscard]] bool at_letter() const { return !at_end() && is_word_byte(peek()); }

 private:
  bool accept_word_slow(std::string_view word);
  bool accept_dash_slow();
  /// Skips one UTF-8 no-break, narrow no-break or thin space at pos; false when none is there.
  bool skip_wide_space();

  std::string_view text_;
  std::size_t pos_;
};

/// Position of the first byte of `text` (from `from`) that is one of `bytes`, or npos. What
/// std::string_view::find_first_of does, without its memchr call per byte of `text`; with SSE2
/// 16 bytes at a time, since the parser looks for its separators in every line. The bytes are
/// a string literal, so that the comparisons unroll and their constants are set up once.
template <std::size_t N>
std::size_t find_first_byte_of(std::string_view text, const char (&bytes)[N],
                               std::size_t from = 0) {
  constexpr std::size_t count = N - 1;  // without the literal's terminating NUL
  static_assert(count > 0);
#if defined(__SSE2__)
  if (text.size() >= 16) {
    __m128i wanted[count];
    for (std::size_t k = 0; k < count; ++k) wanted[k] = _mm_set1_epi8(bytes[k]);
    for (std::size_t i = from; i < text.size();) {
      // The last window overlaps the one before it, so that no byte is left to a scalar tail;
      // the bytes it shares with that one are masked off.
      const std::size_t at = std::min(i, text.size() - 16);
      const __m128i window = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
      __m128i found = _mm_cmpeq_epi8(window, wanted[0]);
      for (std::size_t k = 1; k < count; ++k) {
        found = _mm_or_si128(found, _mm_cmpeq_epi8(window, wanted[k]));
      }
      const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(found)) & (~0u << (i - at));
      if (mask != 0) return at + static_cast<std::size_t>(__builtin_ctz(mask));
      i = at + 16;
    }
    return std::string_view::npos;
  }
#endif
  for (std::size_t i = from; i < text.size(); ++i) {
    for (std::size_t k = 0; k < count; ++k) {
      if (text[i] == bytes[k]) return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace itkal

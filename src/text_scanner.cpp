#include "itkal/text_scanner.hpp"

namespace itkal {

void TextScanner::skip_spaces() {
  while (!at_end()) {
    const char c = peek();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++pos_;
    } else if (rest().starts_with("\xC2\xA0")) {  // U+00A0 no-break space
      pos_ += 2;
    } else if (rest().starts_with("\xE2\x80\xAF") || rest().starts_with("\xE2\x80\x89")) {
      pos_ += 3;  // U+202F narrow no-break space, U+2009 thin space
    } else {
      return;
    }
  }
}

bool TextScanner::accept(std::string_view literal) {
  if (!rest().starts_with(literal)) return false;
  pos_ += literal.size();
  return true;
}

bool TextScanner::accept_word_slow(std::string_view word) {
  const std::string_view tail = rest();
  if (tail.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (ascii_lower(tail[i]) != ascii_lower(word[i])) return false;
  }
  if (tail.size() > word.size() && is_word_byte(word.back()) && is_word_byte(tail[word.size()])) {
    return false;
  }
  pos_ += word.size();
  return true;
}

bool TextScanner::accept_dash() {
  // Every dash is '-' or starts with 0xE2 (U+2010-U+2014, U+2212).
  if (peek() != '-' && peek() != '\xE2') return false;
  return accept("-") || accept("\xE2\x80\x93") || accept("\xE2\x80\x94") ||
         accept("\xE2\x88\x92") || accept("\xE2\x80\x90") || accept("\xE2\x80\x91");
}

int TextScanner::read_number(std::size_t max_digits, std::size_t* digit_count) {
  std::size_t count = 0;
  int value = 0;
  while (pos_ + count < text_.size() && text_[pos_ + count] >= '0' && text_[pos_ + count] <= '9') {
    if (count == max_digits) return -1;
    value = value * 10 + (text_[pos_ + count] - '0');
    ++count;
  }
  if (count == 0) return -1;
  pos_ += count;
  if (digit_count) *digit_count = count;
  return value;
}

bool TextScanner::at_letter() const { return !at_end() && is_word_byte(peek()); }

}  // namespace itkal

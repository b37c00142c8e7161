#include "itkal/text/text_scanner.hpp"

namespace itkal {

bool TextScanner::skip_wide_space() {
  const std::string_view tail = rest();
  if (tail.starts_with("\xC2\xA0")) {  // U+00A0 no-break space
    pos_ += 2;
    return true;
  }
  if (tail.starts_with("\xE2\x80\xAF") || tail.starts_with("\xE2\x80\x89")) {
    pos_ += 3;  // U+202F narrow no-break space, U+2009 thin space
    return true;
  }
  return false;
}

bool TextScanner::accept_word_slow(std::string_view word) {
  // accept_word has checked that pos_ is inside the text and that the first bytes match.
  const std::size_t left = text_.size() - pos_;
  if (left < word.size()) return false;
  const char* tail = text_.data() + pos_;
  for (std::size_t i = 1; i < word.size(); ++i) {
    if (ascii_lower(tail[i]) != ascii_lower(word[i])) return false;
  }
  if (left > word.size() && is_word_byte(word.back()) && is_word_byte(tail[word.size()])) {
    return false;
  }
  pos_ += word.size();
  return true;
}

bool TextScanner::accept_dash_slow() {
  return accept("-") || accept("\xE2\x80\x93") || accept("\xE2\x80\x94") ||
         accept("\xE2\x88\x92") || accept("\xE2\x80\x90") || accept("\xE2\x80\x91");
}

}  // namespace itkal

#include "itkal/text/text_column.hpp"

namespace itkal {

std::string padded_column(std::string_view text, std::size_t width) {
  std::size_t characters = 0;
  for (const char byte : text) {
    // Continuation bytes (10xxxxxx) belong to the character before them.
    if ((static_cast<unsigned char>(byte) & 0xC0) != 0x80) ++characters;
  }
  std::string cell(text);
  cell.append(characters < width ? width - characters : 1, ' ');
  return cell;
}

}  // namespace itkal

#include "entry_parser_links.hpp"

#include <string_view>

#include "entry_parser_segments.hpp"

namespace itkal::entry_detail {

std::optional<std::string> take_markdown_links(MarkedText& text) {
  std::optional<std::string> url;
  const std::string& plain = text.plain;
  for (std::size_t middle = plain.find("]("); middle != npos; middle = plain.find("](", middle)) {
    const std::size_t open = plain.rfind('[', middle);
    const std::size_t close = plain.find(')', middle + 2);
    if (open == npos || close == npos || open + 1 >= middle || plain.find(']', open) != middle) {
      middle += 2;
      continue;
    }
    const std::string_view address = std::string_view(plain).substr(middle + 2, close - middle - 2);
    const bool web = address.starts_with("https://") || address.starts_with("http://");
    if (!web || address.find(' ') != npos) {
      middle += 2;
      continue;
    }
    if (!url) url = std::string(address);
    text.erase(middle, close + 1);  // "](address)"
    text.erase(open, open + 1);     // "["
    middle = open;
  }
  return url;
}

}  // namespace itkal::entry_detail

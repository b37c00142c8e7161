#pragma once

// Internal to the entry parser (src/entry_parser*.cpp): Markdown links around a title.

#include <optional>
#include <string>

#include "itkal/extract/entry_parser.hpp"

namespace itkal::entry_detail {

/// "[Fachtag Digitales](https://example.org/fachtag)": every Markdown link to an http(s)
/// address becomes its text (bold spans move along), so that the address is never part of a
/// title or place. Returns the address of the first link: the entry's URL.
std::optional<std::string> take_markdown_links(MarkedText& text);

}  // namespace itkal::entry_detail

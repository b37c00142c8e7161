#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace itkal {

/// `text` as a cell of a plain-text table column `width` characters wide: padded with spaces
/// counted in UTF-8 characters (so "Münster" lines up with "Berlin"), and always followed by at
/// least one space, so that a value wider than its column never runs into the next one.
std::string padded_column(std::string_view text, std::size_t width);

}  // namespace itkal

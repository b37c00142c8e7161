#pragma once

#include <string>

namespace itkal {

/// Text safe inside HTML elements and double- or single-quoted attributes: & < > " ' escaped.
std::string escape_html(const std::string& text);

}  // namespace itkal

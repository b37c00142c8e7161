#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace itkal {

/// Where a JSON text breaks the grammar (RFC 8259), for messages a person can act on: Poco's
/// parser says what is wrong but not where.
struct JsonSyntaxError {
  std::size_t line = 1;    ///< 1-based
  std::size_t column = 1;  ///< 1-based, in bytes
  std::string message;     ///< "expected ',' or '}'"
};

/// The first syntax error of `json`; nullopt when it is one well-formed JSON value. Nesting
/// deeper than 200 levels counts as an error (bounded stack).
std::optional<JsonSyntaxError> find_json_syntax_error(std::string_view json);

}  // namespace itkal

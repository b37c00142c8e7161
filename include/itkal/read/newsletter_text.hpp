#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "itkal/model/entry.hpp"

namespace itkal {

/// One line of a newsletter as a reader saw it; bold is written "**…**" whatever the form.
struct TextLine {
  std::size_t number = 0;  ///< 1-based; for HTML and mail, the line of the rendered text
  std::string text;
  bool heading = false;  ///< an HTML <h1>-<h6> or a Markdown "#" line
};

/// A newsletter issue reduced to text lines: what every reader (text, HTML, mail) yields.
struct NewsletterText {
  std::string source;  ///< file name, for messages and provenance
  std::vector<TextLine> lines;
  /// A date the envelope gives (a mail's Date: header); the body's own date wins over it.
  std::optional<boost::gregorian::date> envelope_date;
  std::vector<Warning> warnings;  ///< problems the reader met (charset fixed up, …)
};

/// A source that cannot be read at all: missing, binary, too large. The message names the file.
class SourceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace itkal

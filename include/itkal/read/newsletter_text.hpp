#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "itkal/model/entry.hpp"

namespace itkal {

/// One line of a newsletter as a reader saw it; bold is written "**…**" whatever the form.
struct TextLine {
  std::size_t number = 0;  ///< 1-based; for HTML and mail, the line of the rendered text
  /// Into the bytes its NewsletterText keeps (the file itself for a text newsletter, so that a
  /// large issue is held once, not once more line by line).
  std::string_view text;
  bool heading = false;  ///< an HTML <h1>-<h6> or a Markdown "#" line
};

/// A line a reader builds before its text is final (HTML, PDF).
struct OwnedTextLine {
  std::size_t number = 0;
  std::string text;
  bool heading = false;
};

/// A newsletter issue reduced to text lines: what every reader (text, HTML, mail) yields.
struct NewsletterText {
  std::string source;  ///< file name, for messages and provenance
  std::vector<TextLine> lines;
  /// A date the envelope gives (a mail's Date: header); the body's own date wins over it.
  std::optional<boost::gregorian::date> envelope_date;
  std::vector<Warning> warnings;  ///< problems the reader met (charset fixed up, …)
  /// What the lines' texts point into; shared, so that a copy of the text stays whole.
  std::vector<std::shared_ptr<const void>> kept;

  /// Keeps `bytes` as long as this text (or a copy) lives; a view of them, for lines.
  std::string_view keep(std::string bytes) {
    auto owned = std::make_shared<const std::string>(std::move(bytes));
    kept.push_back(owned);
    return *owned;
  }
  /// Keeps the `size` bytes at `bytes` (a buffer read into without zero-filling it first).
  std::string_view keep(std::shared_ptr<const char[]> bytes, std::size_t size) {
    const std::string_view view(bytes.get(), size);
    kept.push_back(std::move(bytes));
    return view;
  }
  /// Appends `lines`, their texts kept in one piece.
  void append_lines(const std::vector<OwnedTextLine>& lines) {
    std::string bytes;
    std::size_t size = 0;
    for (const auto& line : lines) size += line.text.size();
    bytes.reserve(size);
    for (const auto& line : lines) bytes += line.text;
    const std::string_view all = keep(std::move(bytes));
    this->lines.reserve(this->lines.size() + lines.size());
    std::size_t at = 0;
    for (const auto& line : lines) {
      this->lines.push_back({line.number, all.substr(at, line.text.size()), line.heading});
      at += line.text.size();
    }
  }
  /// Keeps what `other` keeps too, so that its lines may be moved here.
  void keep_all_of(const NewsletterText& other) {
    kept.insert(kept.end(), other.kept.begin(), other.kept.end());
  }
};

/// A source that cannot be read at all: missing, binary, too large. The message names the file.
class SourceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace itkal

#pragma once

#include <string>
#include <string_view>

namespace itkal {

/// ASCII lower-case; other bytes unchanged.
constexpr char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// The text with ASCII letters lower-cased; other bytes (UTF-8 among them) unchanged.
std::string ascii_lowercase(std::string_view text);

/// Equal up to ASCII case ("Gzip" = "gzip"), as HTTP tokens and field names compare.
constexpr bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

/// Key for matching names as people write them: lower case, umlauts spelled out (ü → ue,
/// ß → ss), everything but letters and digits dropped. "Komm.ONE" and "komm one" fold alike.
std::string fold_for_matching(std::string_view text);

/// fold_for_matching into a buffer of its own: the parser folds several segments of every line
/// only to look them up, and nearly all fit into the buffer, so that those folds never allocate.
/// Not copyable: the view may point into the object.
class FoldedText {
 public:
  explicit FoldedText(std::string_view text);
  FoldedText(const FoldedText&) = delete;
  FoldedText& operator=(const FoldedText&) = delete;

  [[nodiscard]] std::string_view view() const { return view_; }

 private:
  static constexpr std::size_t kInlineBytes = 120;
  char buffer_[kInlineBytes];
  std::string overflow_;  // texts longer than the buffer
  std::string_view view_;
};

/// File-name slug: lower case, umlauts spelled out, runs of other characters become one '-'.
/// "Freie Hansestadt Bremen" → "freie-hansestadt-bremen".
std::string slugify(std::string_view text);

/// Trims ASCII and no-break spaces at both ends and folds inner runs of white space into one.
std::string collapse_spaces(std::string_view text);
/// True when the only blanks inside are single spaces and none ends the text: no tab, line
/// break, run of spaces or no-break space. Such text, and every piece of it, is collapsed by
/// trimming its ends. It may say false for text that has none: any 0xC2 byte counts as a
/// possible no-break space, and in long texts any control byte up to '\r' as a blank.
bool has_single_spaces_only(std::string_view text);
/// The same in place: no new string when only the ends had blanks (or nothing changes).
void collapse_spaces_in_place(std::string& text);

/// True when `text` is valid UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(std::string_view text);

/// Appends one code point as UTF-8.
void append_utf8(std::string& out, char32_t code_point);

/// Decodes Windows-1252 (a superset of ISO-8859-1 in practice) into UTF-8.
std::string windows1252_to_utf8(std::string_view text);

}  // namespace itkal

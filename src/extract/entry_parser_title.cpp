#include "entry_parser_title.hpp"

#include <algorithm>

#include "entry_parser_segments.hpp"
#include "itkal/text/text_scanner.hpp"

namespace itkal::entry_detail {

const std::string* title_prefix_organizer(const std::string& title,
                                          const OrganizerDirectory& directory) {
  const std::size_t end = find_first_byte_of(title, "-: ");
  if (end == npos || end == 0) return nullptr;
  const std::string_view prefix = std::string_view(title).substr(0, end);
  if (title[end] == ' ') {
    // A space ends the prefix only for acronyms ("BSI IT-Grundschutztag").
    const bool acronym =
        prefix.size() >= 2 && std::all_of(prefix.begin(), prefix.end(), [](char c) {
          return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        });
    if (!acronym) return nullptr;
  }
  return directory.canonical_name(prefix);
}

bool is_quoted(std::string_view text) {
  const bool opens = text.starts_with("\"") || text.starts_with("\xE2\x80\x9E") ||
                     text.starts_with("\xC2\xBB") || text.starts_with("\xE2\x80\x9C");
  const bool closes = text.ends_with("\"") || text.ends_with("\xE2\x80\x9C") ||
                      text.ends_with("\xC2\xAB") || text.ends_with("\xE2\x80\x9D");
  return text.size() > 2 && opens && closes;
}

void tidy_plain_title(std::string& title) {
  for (bool changed = true; changed && !title.empty();) {
    changed = false;
    while (!title.empty() &&
           (title.front() == '.' || title.front() == ':' || title.front() == ',' ||
            title.front() == '-' || title.front() == ' ' || title.front() == '|')) {
      title.erase(0, 1);
      changed = true;
    }
    while (!title.empty() && (title.back() == '*' || title.back() == ',' || title.back() == ' ' ||
                              title.back() == ':' || title.back() == '|')) {
      title.pop_back();
      changed = true;
    }
    for (std::string_view connector : {" und", " sowie", " jeweils", " um", " ab", " von"}) {
      // The last byte first: most titles end in none of the connectors' last letters.
      if (!title.empty() && title.back() == connector.back() && title.ends_with(connector)) {
        title.resize(title.size() - connector.size());
        changed = true;
      }
    }
  }
  if (title.find('(') != npos) {  // one memchr for most titles instead of two searches
    for (std::size_t at = title.find("( )"); at != npos; at = title.find("( )")) title.erase(at, 3);
    for (std::size_t at = title.find("()"); at != npos; at = title.find("()")) title.erase(at, 2);
  }
  collapse_spaces_in_place(title);
  if (title.size() > 2 && title.front() == '(' && title.back() == ')' &&
      title.find(')') == title.size() - 1) {
    title = title.substr(1, title.size() - 2);
  }
}

void strip_sentence_period(std::string& title) {
  if (title.size() < 3 || title.back() != '.') return;
  const char before = title[title.size() - 2];
  const bool abbreviation = title.size() >= 4 && title[title.size() - 3] == '.';
  if (!abbreviation &&
      ((before >= 'a' && before <= 'z') || static_cast<unsigned char>(before) >= 0x80 ||
       before == ')' || before == '"')) {
    title.pop_back();
  }
}

}  // namespace itkal::entry_detail

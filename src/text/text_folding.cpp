#include "itkal/text/text_folding.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace itkal {

std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) { return ascii_lower(c); });
  return out;
}
namespace {

/// Spells out the German letters and Latin-1 accents that matter for names; nullptr otherwise.
const char* spell_out(std::uint32_t code_point) {
  switch (code_point) {
    case 0xE4:
    case 0xC4:
      return "ae";
    case 0xF6:
    case 0xD6:
      return "oe";
    case 0xFC:
    case 0xDC:
      return "ue";
    case 0xDF:
    case 0x1E9E:
      return "ss";
    case 0xE9:
    case 0xE8:
    case 0xEA:
    case 0xC9:
      return "e";
    case 0xE1:
    case 0xE0:
    case 0xE2:
      return "a";
    case 0xF3:
    case 0xF2:
    case 0xF4:
      return "o";
    case 0xED:
    case 0xEC:
    case 0xEE:
      return "i";
    case 0xFA:
    case 0xF9:
    case 0xFB:
      return "u";
    case 0xE7:
      return "c";
    default:
      return nullptr;
  }
}

/// Decodes one code point at `i` and advances; invalid bytes decode as U+FFFD.
std::uint32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  int length = byte < 0x80         ? 1
               : (byte >> 5) == 6  ? 2
               : (byte >> 4) == 14 ? 3
               : (byte >> 3) == 30 ? 4
                                   : 0;
  if (length == 0 || i + static_cast<std::size_t>(length) > text.size()) {
    ++i;
    return 0xFFFD;
  }
  std::uint32_t code_point = length == 1 ? byte : byte & (0xFF >> (length + 1));
  for (int k = 1; k < length; ++k) {
    const auto continuation = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
    if ((continuation & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    code_point = (code_point << 6) | (continuation & 0x3F);
  }
  i += static_cast<std::size_t>(length);
  return code_point;
}

/// What an ASCII byte folds to: itself for letters (lower case) and digits, 0 (dropped) for the
/// rest.
constexpr auto kAsciiFolded = [] {
  std::array<char, 128> folded{};
  for (char c = 'a'; c <= 'z'; ++c) folded[static_cast<std::size_t>(c)] = c;
  for (char c = 'A'; c <= 'Z'; ++c) folded[static_cast<std::size_t>(c)] = ascii_lower(c);
  for (char c = '0'; c <= '9'; ++c) folded[static_cast<std::size_t>(c)] = c;
  return folded;
}();

/// Calls emit(byte, keep) for every folded byte; dropped characters give keep = false.
template <typename Emit>
void fold(std::string_view text, Emit emit) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {  // most text: a table look-up, no decoding
      const char folded = kAsciiFolded[byte];
      emit(folded, folded != '\0');
      ++i;
      continue;
    }
    const std::uint32_t code_point = next_code_point(text, i);
    if (const char* spelled = spell_out(code_point)) {
      for (const char* p = spelled; *p; ++p) emit(*p, true);
    } else {
      emit('\0', false);
    }
  }
}

/// Writes the folded text to `out` and returns its length. `out` needs room for text.size()
/// bytes: folding never lengthens (a spelled-out umlaut takes the two bytes of the letter), and
/// every write, kept or not, lands below the bytes read so far.
std::size_t fold_into(std::string_view text, char* out) {
  char* next = out;
  // Stores unconditionally and advances only for kept bytes: no branch per byte.
  fold(text, [&](char c, bool keep) {
    *next = c;
    next += keep ? 1 : 0;
  });
  return static_cast<std::size_t>(next - out);
}

}  // namespace

void append_utf8(std::string& out, char32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

std::string fold_for_matching(std::string_view text) {
  std::string out(text.size(), '\0');
  out.resize(fold_into(text, out.data()));
  return out;
}

FoldedText::FoldedText(std::string_view text) {
  char* out = buffer_;
  if (text.size() > kInlineBytes) {
    overflow_.resize(text.size());
    out = overflow_.data();
  }
  view_ = std::string_view(out, fold_into(text, out));
}

std::string slugify(std::string_view text) {
  std::string out;
  fold(text, [&](char c, bool keep) {
    if (keep) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  });
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

namespace {

bool is_ascii_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim_ascii_blanks(std::string_view text) {
  while (!text.empty() && is_ascii_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ascii_blank(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

/// 1 for a space, 2 for a blank that never stays (tab, line break, the lead byte of a no-break
/// space), 0 for the rest.
constexpr auto kBlankKinds = [] {
  std::array<std::uint8_t, 256> kinds{};
  kinds[' '] = 1;
  kinds['\t'] = 2;
  kinds['\n'] = 2;
  kinds['\r'] = 2;
  kinds[0xC2] = 2;
  return kinds;
}();

bool has_single_spaces_only(std::string_view text) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  if (text.size() < 17) {
    // Short texts (names, places, most segments): byte by byte, leaving at the first blank
    // that has to go. Set-up and tail of the vector loop cost more than that here.
    for (std::size_t i = 0; i < text.size(); ++i) {
      const std::uint8_t kind = kBlankKinds[bytes[i]];
      if (kind == 2 || (kind == 1 && (i + 1 == text.size() || bytes[i + 1] == ' '))) return false;
    }
    return true;
  }
#if defined(__SSE2__)
  // Every line and most segments pass here: 16 bytes at a time cost about one instruction per
  // byte against 2.4 for the loop the compiler vectorizes. Any byte up to '\r' counts as a
  // blank that has to go (a "false" only sends the text down the exact, slower path).
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i last_control = _mm_set1_epi8('\r');
  const __m128i no_break_lead = _mm_set1_epi8(static_cast<char>(0xC2));
  __m128i found = _mm_setzero_si128();
  const auto window_at = [&](std::size_t i) {
    const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i + 1));
    const __m128i two_spaces =
        _mm_and_si128(_mm_cmpeq_epi8(here, space), _mm_cmpeq_epi8(next, space));
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(here, last_control), here);
    found = _mm_or_si128(found, _mm_or_si128(_mm_or_si128(two_spaces, control),
                                             _mm_cmpeq_epi8(here, no_break_lead)));
  };
  // Windows of 16 bytes and their successors; the last one overlaps its predecessor so that
  // no byte is left to a scalar tail.
  std::size_t i = 0;
  for (; i + 17 <= text.size(); i += 16) window_at(i);
  if (i + 1 < text.size()) window_at(text.size() - 17);
  if (_mm_movemask_epi8(found) != 0) return false;
#else
  std::uint8_t flags = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const std::uint8_t c = bytes[i];
    const std::uint8_t both_spaces =
        static_cast<std::uint8_t>(c == ' ') & static_cast<std::uint8_t>(bytes[i + 1] == ' ');
    flags |= static_cast<std::uint8_t>(
        static_cast<std::uint8_t>(c == '\t') | static_cast<std::uint8_t>(c == '\n') |
        static_cast<std::uint8_t>(c == '\r') | static_cast<std::uint8_t>(c == 0xC2) | both_spaces);
  }
  if (flags != 0) return false;
#endif
  return !is_ascii_blank(text.back()) && text.back() != '\xC2';
}

namespace {

/// Folds every run of blanks into one space and drops those at the ends, in place: each space
/// written stands for at least one blank read, so the writer never overtakes the reader.
void fold_blank_runs(std::string& text) {
  std::size_t out = 0;
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const bool nbsp = c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
    if (is_ascii_blank(c) || nbsp) {
      pending_space = true;
      i += nbsp ? 2 : 1;
      continue;
    }
    if (pending_space && out > 0) text[out++] = ' ';
    pending_space = false;
    text[out++] = c;
    ++i;
  }
  text.resize(out);
}

}  // namespace

std::string collapse_spaces(std::string_view text) {
  // It runs on every line and segment, and most are clean but for blanks at their ends (a segment
  // after a comma): those are cut, and the rest is copied whole when its spaces are single.
  text = trim_ascii_blanks(text);
  std::string out(text);
  if (!has_single_spaces_only(text)) fold_blank_runs(out);
  return out;
}

void collapse_spaces_in_place(std::string& text) {
  const std::string_view trimmed = trim_ascii_blanks(text);
  if (!has_single_spaces_only(trimmed)) {
    fold_blank_runs(text);  // no new string: titles with a time taken out pass here
    return;
  }
  const auto begin = static_cast<std::size_t>(trimmed.data() - text.data());
  text.erase(begin + trimmed.size());
  text.erase(0, begin);
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    // ASCII (nearly all of an issue) 8 bytes at a time: a whole file is checked before it is read.
    if (i + 8 <= text.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + i, sizeof word);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t minimum = 0;
    if ((byte >> 5) == 6) {
      length = 2;
      minimum = 0x80;
    } else if ((byte >> 4) == 14) {
      length = 3;
      minimum = 0x800;
    } else if ((byte >> 3) == 30) {
      length = 4;
      minimum = 0x10000;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    std::uint32_t code_point = byte & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
      const auto continuation = static_cast<unsigned char>(text[i + k]);
      if ((continuation & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (continuation & 0x3F);
    }
    if (code_point < minimum || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

std::string windows1252_to_utf8(std::string_view text) {
  // 0x80-0x9F differ from ISO-8859-1; 0 marks the five unassigned positions.
  static constexpr std::array<std::uint16_t, 32> kHigh{
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 && byte <= 0x9F) {
      const std::uint16_t mapped = kHigh[byte - 0x80];
      append_utf8(out, mapped == 0 ? 0xFFFD : mapped);
    } else {
      append_utf8(out, byte);
    }
  }
  return out;
}

}  // namespace itkal

#include "itkal/text/json_writer.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace itkal {

namespace {

bool needs_escape(char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; }

/// True when one of the 8 bytes of `word` may need escaping (a control character, '"' or '\\'):
/// the "has a byte less than n" and "has a zero byte" bit tricks, which may say true for a byte
/// above a real one but never miss one. Nearly all text says false, so it is copied 8 bytes at a
/// time; a word that says true is looked at byte by byte.
bool word_may_need_escape(std::uint64_t word) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  const auto has_zero_byte = [](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  const std::uint64_t below_space = (word - 0x20 * kOnes) & ~word & kHighs;
  return (below_space | has_zero_byte(word ^ ('"' * kOnes)) |
          has_zero_byte(word ^ ('\\' * kOnes))) != 0;
}

char* write_escape(char* at, char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  *at++ = '\\';
  switch (c) {
    case '"':
      *at++ = '"';
      break;
    case '\\':
      *at++ = '\\';
      break;
    case '\n':
      *at++ = 'n';
      break;
    case '\r':
      *at++ = 'r';
      break;
    case '\t':
      *at++ = 't';
      break;
    default:
      *at++ = 'u';
      *at++ = '0';
      *at++ = '0';
      *at++ = kHex[(c >> 4) & 0xF];
      *at++ = kHex[c & 0xF];
  }
  return at;
}

/// Copies `text` to `at` and returns its end (an empty text may have no address).
char* copy(char* at, std::string_view text) {
  if (!text.empty()) std::memcpy(at, text.data(), text.size());
  return at + text.size();
}

/// Copies the bytes of `text` from its start that need no escape to `at`, 16 at a time, and
/// returns how many: all of them for nearly every text. Copied as they are checked, each block
/// written whole into the room quoted_bound made (a block with an escape is overwritten later).
std::size_t copy_plain_start(char* at, std::string_view text) {
#if defined(__SSE2__)
  if (text.size() < 16) return 0;
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1F);
  const auto plain_block = [&](std::size_t i) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(at + i), block);
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(block, last_control), block);
    const __m128i special = _mm_or_si128(
        control, _mm_or_si128(_mm_cmpeq_epi8(block, quote), _mm_cmpeq_epi8(block, backslash)));
    return _mm_movemask_epi8(special) == 0;
  };
  std::size_t i = 0;
  for (; i + 16 <= text.size(); i += 16) {
    if (!plain_block(i)) return i;
  }
  // The last bytes as a block that overlaps the one before: no byte by byte tail.
  if (i < text.size() && plain_block(text.size() - 16)) return text.size();
  return i;
#else
  (void)at;
  (void)text;
  return 0;
#endif
}

}  // namespace

void JsonWriter::append_quoted(std::string& out, std::string_view text) {
  const std::size_t start = out.size();
  out.resize(start + quoted_bound(text.size()));
  out.resize(static_cast<std::size_t>(write_quoted(out.data() + start, text) - out.data()));
}

char* JsonWriter::write_quoted(char* at, std::string_view text) {
  *at++ = '"';
  const std::size_t plain = copy_plain_start(at, text);
  at += plain;
  // Runs without anything to escape (nearly all text) are copied whole.
  std::size_t run = plain;
  for (std::size_t i = plain; i < text.size();) {
    if (i + 8 <= text.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + i, sizeof word);
      if (!word_may_need_escape(word)) {
        i += 8;
        continue;
      }
    }
    for (const std::size_t end = std::min(i + 8, text.size()); i < end; ++i) {
      if (!needs_escape(text[i])) continue;
      at = copy(at, text.substr(run, i - run));
      run = i + 1;
      at = write_escape(at, text[i]);
    }
  }
  at = copy(at, text.substr(run));
  *at++ = '"';
  return at;
}

std::string JsonWriter::quote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  append_quoted(out, text);
  return out;
}

void JsonWriter::drain_to(std::ostream& out) {
  out.write(out_.data(), static_cast<std::streamsize>(out_.size()));
  out_.clear();
}

JsonWriter JsonWriter::part_at_depth(std::size_t depth) {
  JsonWriter part;
  part.has_items_.assign(depth, true);
  return part;
}

void JsonWriter::drain_with_part_to(JsonWriter& part, std::ostream& out) {
  drain_to(out);
  if (part.out_.empty()) return;
  // The part took values to come before its own; the first of the container has no comma.
  const std::size_t skip = has_items_.back() ? 0 : 1;
  out.write(part.out_.data() + skip, static_cast<std::streamsize>(part.out_.size() - skip));
  has_items_.back() = true;
  part.out_.clear();
}

void JsonWriter::newline() {
  out_ += '\n';
  out_.append(2 * has_items_.size(), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_items_.empty()) {
    if (has_items_.back()) out_ += ',';
    has_items_.back() = true;
    newline();
  }
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  const bool had_items = has_items_.back();
  has_items_.pop_back();
  if (had_items) newline();
  out_ += '}';
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_array() { return end_object(), out_.back() = ']', *this; }

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  append_quoted(out_, name);
  out_ += ": ";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  append_quoted(out_, text);
  return *this;
}

JsonWriter& JsonWriter::value(long long number) {
  before_value();
  out_ += std::to_string(number);
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

}  // namespace itkal

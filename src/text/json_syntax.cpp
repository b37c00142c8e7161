#include "itkal/text/json_syntax.hpp"

namespace itkal {
namespace {

constexpr int kMaxDepth = 200;

/// A recursive-descent checker that stops at the first error and remembers its offset.
class SyntaxChecker {
 public:
  explicit SyntaxChecker(std::string_view text) : text_(text) {}

  std::optional<JsonSyntaxError> check() {
    skip_space();
    if (value(0)) {
      skip_space();
      if (pos_ == text_.size()) return std::nullopt;
      fail("unexpected text after the end");
    }
    JsonSyntaxError error;
    for (std::size_t i = 0; i < error_at_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++error.line;
        error.column = 1;
      } else {
        ++error.column;
      }
    }
    error.message = message_;
    return error;
  }

 private:
  bool fail(std::string message) {
    if (message_.empty()) {
      message_ = std::move(message);
      error_at_ = pos_;
    }
    return false;
  }

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  [[nodiscard]] bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

  bool value(int depth) {
    if (depth > kMaxDepth) return fail("nested too deeply");
    if (pos_ >= text_.size()) return fail("unexpected end of the file");
    const char c = text_[pos_];
    if (c == '{') return object(depth);
    if (c == '[') return array(depth);
    if (c == '"') return string();
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    for (std::string_view word : {"true", "false", "null"}) {
      if (text_.substr(pos_, word.size()) == word) {
        pos_ += word.size();
        return true;
      }
    }
    return fail(std::string("unexpected '") + c + "'");
  }

  bool object(int depth) {
    ++pos_;
    skip_space();
    if (at('}')) return ++pos_, true;
    while (true) {
      skip_space();
      if (!at('"')) return fail("expected a name in double quotes");
      if (!string()) return false;
      skip_space();
      if (!at(':')) return fail("expected ':' after the name");
      ++pos_;
      skip_space();
      if (!value(depth + 1)) return false;
      skip_space();
      if (at(',')) {
        ++pos_;
        continue;
      }
      if (at('}')) return ++pos_, true;
      return fail("expected ',' or '}'");
    }
  }

  bool array(int depth) {
    ++pos_;
    skip_space();
    if (at(']')) return ++pos_, true;
    while (true) {
      skip_space();
      if (!value(depth + 1)) return false;
      skip_space();
      if (at(',')) {
        ++pos_;
        continue;
      }
      if (at(']')) return ++pos_, true;
      return fail("expected ',' or ']'");
    }
  }

  bool string() {
    ++pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') return ++pos_, true;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in a string");
      pos_ += c == '\\' ? 2 : 1;
    }
    return fail("string not closed");
  }

  bool number() {
    const std::size_t start = pos_;
    if (at('-')) ++pos_;
    std::size_t digits = 0;
    while (pos_ < text_.size() && ((text_[pos_] >= '0' && text_[pos_] <= '9') ||
                                   text_[pos_] == '.' || text_[pos_] == 'e' || text_[pos_] == 'E' ||
                                   text_[pos_] == '+' || (text_[pos_] == '-' && pos_ > start))) {
      digits += text_[pos_] >= '0' && text_[pos_] <= '9' ? 1 : 0;
      ++pos_;
    }
    if (digits == 0) return fail("malformed number");
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t error_at_ = 0;
  std::string message_;
};

}  // namespace

std::optional<JsonSyntaxError> find_json_syntax_error(std::string_view json) {
  return SyntaxChecker(json).check();
}

}  // namespace itkal

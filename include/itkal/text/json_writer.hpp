#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace itkal {

/// A small streaming JSON writer with stable key order and two-space indentation, so that the
/// same data always gives the same bytes.
class JsonWriter {
 public:
  /// Room for a document of about this many bytes, so that a large one is not copied as it grows.
  void reserve(std::size_t bytes) { out_.reserve(bytes); }
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(long long number);
  JsonWriter& value(int number) { return value(static_cast<long long>(number)); }
  JsonWriter& value(std::size_t number) { return value(static_cast<long long>(number)); }
  JsonWriter& value(bool flag);
  JsonWriter& null();
  /// Starts a value the caller appends itself, already formatted, to the returned buffer (for a
  /// writer that keeps its keys and indentation as literals; see depth()).
  std::string& raw_value() {
    before_value();
    return out_;
  }
  /// Containers open now: the members of the next one opened are indented by 2 × (depth() + 1).
  [[nodiscard]] std::size_t depth() const { return has_items_.size(); }
  /// The document, ending in a newline.
  [[nodiscard]] std::string str() const { return out_ + "\n"; }
  /// Moves what was written so far to `out` and forgets it, so that a long document is written
  /// while it is made, not held; str() then returns only the rest.
  void drain_to(std::ostream& out);
  /// Bytes written since the last drain_to.
  [[nodiscard]] std::size_t pending() const { return out_.size(); }

  /// A writer for a part of a document written elsewhere: its values continue the innermost of
  /// `depth` open containers, after the values before them (see drain_with_part_to).
  static JsonWriter part_at_depth(std::size_t depth);
  /// drain_to, then what `part` (of part_at_depth(depth())) wrote, as more values of the
  /// innermost open container; the part is left empty, to be written to again.
  void drain_with_part_to(JsonWriter& part, std::ostream& out);

  /// JSON string literal for `text`, quotes included (control characters escaped).
  static std::string quote(std::string_view text);
  /// The same literal appended to `out`.
  static void append_quoted(std::string& out, std::string_view text);
  /// The most bytes the literal of a text of `bytes` bytes takes ("\u001f" for each).
  static constexpr std::size_t quoted_bound(std::size_t bytes) { return 6 * bytes + 2; }
  /// The literal written at `at`, which has room for quoted_bound(text.size()) bytes; returns
  /// its end.
  static char* write_quoted(char* at, std::string_view text);

 private:
  void before_value();
  void newline();
  std::string out_;
  std::vector<bool> has_items_;  // one per open container
  bool after_key_ = false;
};

}  // namespace itkal

#include "itkal/extract/labelled_fields.hpp"

#include <array>
#include <vector>

#include "itkal/text/text_folding.hpp"

namespace itkal {
namespace {

enum class Field { what, when, time, where };

struct Label {
  std::string_view text;
  Field field;
};

constexpr std::array<Label, 7> kLabels{{{"Was:", Field::what},
                                        {"Wann:", Field::when},
                                        {"Datum:", Field::when},
                                        {"Uhrzeit:", Field::time},
                                        {"Zeit:", Field::time},
                                        {"Wo:", Field::where},
                                        {"Ort:", Field::where}}};

/// The label at `pos` (at the start or after a space), or nullptr.
const Label* label_at(std::string_view line, std::size_t pos) {
  if (pos > 0 && line[pos - 1] != ' ') return nullptr;
  for (const Label& label : kLabels) {
    if (line.substr(pos).starts_with(label.text)) return &label;
  }
  return nullptr;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == ',' || text.back() == ';')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

}  // namespace

bool begins_with_label(std::string_view line) {
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  return label_at(line, 0) != nullptr;
}

bool LabelledFields::read_line(std::string_view line) {
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  if (label_at(line, 0) == nullptr) return false;
  // The labels of the line and where their values begin.
  struct Found {
    const Label* label;
    std::size_t at;
  };
  std::vector<Found> found;
  for (std::size_t pos = 0; pos < line.size(); ++pos) {
    if (line[pos] != 'W' && line[pos] != 'D' && line[pos] != 'U' && line[pos] != 'Z' &&
        line[pos] != 'O') {
      continue;
    }
    if (const Label* label = label_at(line, pos)) found.push_back({label, pos});
  }
  std::string time;
  LabelledFields next = *this;
  for (std::size_t k = 0; k < found.size(); ++k) {
    const std::size_t begin = found[k].at + found[k].label->text.size();
    const std::size_t end = k + 1 < found.size() ? found[k + 1].at : line.size();
    std::string value = trimmed(line.substr(begin, end - begin));
    std::string* slot = nullptr;
    switch (found[k].label->field) {
      case Field::what:
        slot = &next.what;
        break;
      case Field::when:
        slot = &next.when;
        break;
      case Field::where:
        slot = &next.where;
        break;
      case Field::time:
        slot = &time;
        break;
    }
    // A field named twice belongs to the next event.
    if (!slot->empty() && slot != &time) return false;
    *slot = std::move(value);
  }
  if (!time.empty()) {
    if (next.when.empty()) return false;  // a time without its date
    next.when += ", " + time;
  }
  *this = std::move(next);
  return true;
}

std::string LabelledFields::entry_text() const {
  std::string text = when + " | " + what;
  if (!where.empty()) text += " | " + where;
  return text;
}

}  // namespace itkal

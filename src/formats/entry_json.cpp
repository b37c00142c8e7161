#include "itkal/formats/entry_json.hpp"

#include <stdexcept>

namespace itkal {

EntryJsonValues EntryJsonValues::of(const Entry& entry) {
  EntryJsonValues values;
  values.line = entry.line;
  values.dated = entry.dated;
  values.title = entry.title;
  values.text = entry.text;
  values.occurrences = &entry.occurrences;
  values.location = &entry.location;
  values.url = &entry.url;
  values.online = entry.online;
  values.status = entry.status;
  values.organizers = &entry.organizers;
  values.details = &entry.details;
  values.notes = &entry.notes;
  return values;
}

EntryJsonValues EntryJsonValues::of(const Event& event) {
  EntryJsonValues values;
  values.id = event.id;
  values.line = event.source_line;
  values.dated = true;
  values.title = event.title;
  values.text = event.source_text;
  values.occurrences = &event.occurrences;
  values.location = &event.location;
  values.url = &event.url;
  values.online = event.online;
  values.status = event.status;
  values.organizers = &event.organizers;
  values.details = &event.details;
  values.sequence = event.sequence;
  values.first_seen = event.first_seen;
  values.last_seen = event.last_seen;
  values.last_modified = event.last_modified;
  values.sources = &event.sources;
  return values;
}

EntryJsonValues EntryJsonValues::of_undated(const Entry& entry, std::string_view source) {
  EntryJsonValues values = of(entry);
  values.dated = false;
  values.source = source;
  return values;
}

namespace {

// An entry object is an element of an array in the top-level object: "{" at 4 spaces, its
// members at 6, the elements of its arrays at 8 and their members at 10 (JsonWriter's layout).
#define ITKAL_MEMBER(key) ",\n      \"" key "\": "
#define ITKAL_ELEMENT ",\n        "
#define ITKAL_OCCURRENCE_MEMBER(key) ",\n          \"" key "\": "

/// The member's separator, indentation and key: a literal, its leading ',' skipped for the first.
std::string_view member_of(EntryField field) {
  switch (field) {
    case EntryField::id:
      return ITKAL_MEMBER("id");
    case EntryField::line:
      return ITKAL_MEMBER("line");
    case EntryField::source_line:
      return ITKAL_MEMBER("source_line");
    case EntryField::dated:
      return ITKAL_MEMBER("dated");
    case EntryField::title:
      return ITKAL_MEMBER("title");
    case EntryField::text:
      return ITKAL_MEMBER("text");
    case EntryField::source_text:
      return ITKAL_MEMBER("source_text");
    case EntryField::note:
      return ITKAL_MEMBER("note");
    case EntryField::notes:
    case EntryField::notes_when_any:
      return ITKAL_MEMBER("notes");
    case EntryField::occurrences:
    case EntryField::occurrences_with_daily_times:
      return ITKAL_MEMBER("occurrences");
    case EntryField::location:
      return ITKAL_MEMBER("location");
    case EntryField::url:
    case EntryField::url_when_set:
      return ITKAL_MEMBER("url");
    case EntryField::online:
      return ITKAL_MEMBER("online");
    case EntryField::status:
      return ITKAL_MEMBER("status");
    case EntryField::organizers:
      return ITKAL_MEMBER("organizers");
    case EntryField::details:
      return ITKAL_MEMBER("details");
    case EntryField::sequence:
      return ITKAL_MEMBER("sequence");
    case EntryField::first_seen:
      return ITKAL_MEMBER("first_seen");
    case EntryField::last_seen:
      return ITKAL_MEMBER("last_seen");
    case EntryField::last_modified:
      return ITKAL_MEMBER("last_modified");
    case EntryField::sources:
      return ITKAL_MEMBER("sources");
    case EntryField::source:
      return ITKAL_MEMBER("source");
  }
  return {};
}

void append_bool(std::string& out, bool flag) { out.append(flag ? "true" : "false"); }

/// Decimal digits without a temporary string.
void append_number(std::string& out, long long number) {
  char digits[24];
  char* end = digits + sizeof digits;
  char* at = end;
  unsigned long long magnitude = number < 0 ? 0ULL - static_cast<unsigned long long>(number)
                                            : static_cast<unsigned long long>(number);
  do {
    *--at = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (number < 0) *--at = '-';
  out.append(at, static_cast<std::size_t>(end - at));
}

/// "YYYY-MM-DD" in quotes, as iso_date spells it, without a temporary string.
void append_date(std::string& out, const boost::gregorian::date& date) {
  const auto ymd = date.year_month_day();
  char text[] = "\"0000-00-00\"";
  const auto digits = [&text](int at, int value, int count) {
    for (int i = at + count - 1; i >= at; --i, value /= 10)
      text[i] = static_cast<char>('0' + value % 10);
  };
  digits(1, ymd.year, 4);
  digits(6, ymd.month, 2);
  digits(9, ymd.day, 2);
  out.append(text, sizeof text - 1);
}

/// "HH:MM" in quotes, as TimeOfDay::to_string spells it, or null.
void append_time(std::string& out, const std::optional<TimeOfDay>& time) {
  if (!time) {
    out.append("null");
    return;
  }
  const char text[] = {
      '"', static_cast<char>('0' + time->hour / 10),   static_cast<char>('0' + time->hour % 10),
      ':', static_cast<char>('0' + time->minute / 10), static_cast<char>('0' + time->minute % 10),
      '"'};
  out.append(text, sizeof text);
}

void append_optional_string(std::string& out, const std::optional<std::string>& text) {
  if (text) {
    JsonWriter::append_quoted(out, *text);
  } else {
    out.append("null");
  }
}

void append_string_array(std::string& out, const std::vector<std::string>& values) {
  if (values.empty()) {
    out.append("[]");
    return;
  }
  out += '[';
  constexpr std::string_view kElement = ITKAL_ELEMENT;
  for (std::size_t i = 0; i < values.size(); ++i) {
    out.append(i == 0 ? kElement.substr(1) : kElement);
    JsonWriter::append_quoted(out, values[i]);
  }
  out.append("\n      ]");
}

void append_occurrences(std::string& out, const std::vector<Occurrence>& occurrences,
                        bool with_daily_times) {
  if (occurrences.empty()) {
    out.append("[]");
    return;
  }
  out += '[';
  constexpr std::string_view kElement = ITKAL_ELEMENT;
  for (std::size_t i = 0; i < occurrences.size(); ++i) {
    const Occurrence& occurrence = occurrences[i];
    out.append(i == 0 ? kElement.substr(1) : kElement);
    out.append("{\n          \"start_date\": ");
    append_date(out, occurrence.start_date);
    out.append(ITKAL_OCCURRENCE_MEMBER("end_date"));
    append_date(out, occurrence.end_date);
    out.append(ITKAL_OCCURRENCE_MEMBER("start_time"));
    append_time(out, occurrence.start_time);
    out.append(ITKAL_OCCURRENCE_MEMBER("end_time"));
    append_time(out, occurrence.end_time);
    if (with_daily_times) {
      out.append(ITKAL_OCCURRENCE_MEMBER("daily_times"));
      append_bool(out, occurrence.daily_times);
    }
    out.append("\n        }");
  }
  out.append("\n      ]");
}

#undef ITKAL_MEMBER
#undef ITKAL_ELEMENT
#undef ITKAL_OCCURRENCE_MEMBER

const std::vector<std::string>& or_none(const std::vector<std::string>* values) {
  static const std::vector<std::string> kNone;
  return values ? *values : kNone;
}

/// False for an optional field left out of this entry.
bool present(EntryField field, const EntryJsonValues& entry) {
  switch (field) {
    case EntryField::notes_when_any:
      return entry.notes && !entry.notes->empty();
    case EntryField::url_when_set:
      return entry.url && entry.url->has_value();
    default:
      return true;
  }
}

void append_value(std::string& out, EntryField field, const EntryJsonValues& entry) {
  static const std::optional<std::string> kUnset;
  static const std::vector<Occurrence> kNoOccurrences;
  switch (field) {
    case EntryField::id:
      return JsonWriter::append_quoted(out, entry.id);
    case EntryField::line:
    case EntryField::source_line:
      return append_number(out, static_cast<long long>(entry.line));
    case EntryField::dated:
      return append_bool(out, entry.dated);
    case EntryField::title:
      return JsonWriter::append_quoted(out, entry.title);
    case EntryField::text:
    case EntryField::source_text:
      return JsonWriter::append_quoted(out, entry.text);
    case EntryField::note:
      return JsonWriter::append_quoted(out, entry.notes && !entry.notes->empty()
                                                ? std::string_view(entry.notes->front())
                                                : std::string_view());
    case EntryField::notes:
    case EntryField::notes_when_any:
      return append_string_array(out, or_none(entry.notes));
    case EntryField::occurrences:
    case EntryField::occurrences_with_daily_times:
      return append_occurrences(out, entry.occurrences ? *entry.occurrences : kNoOccurrences,
                                field == EntryField::occurrences_with_daily_times);
    case EntryField::location:
      return append_optional_string(out, entry.location ? *entry.location : kUnset);
    case EntryField::url:
    case EntryField::url_when_set:
      return append_optional_string(out, entry.url ? *entry.url : kUnset);
    case EntryField::online:
      return append_bool(out, entry.online);
    case EntryField::status:
      out += '"';
      out.append(to_string(entry.status));
      out += '"';
      return;
    case EntryField::organizers:
      return append_string_array(out, or_none(entry.organizers));
    case EntryField::details:
      return append_string_array(out, or_none(entry.details));
    case EntryField::sequence:
      return append_number(out, entry.sequence);
    case EntryField::first_seen:
      return append_date(out, entry.first_seen);
    case EntryField::last_seen:
      return append_date(out, entry.last_seen);
    case EntryField::last_modified:
      return append_date(out, entry.last_modified);
    case EntryField::sources:
      return append_string_array(out, or_none(entry.sources));
    case EntryField::source:
      return JsonWriter::append_quoted(out, entry.source);
  }
}

}  // namespace

void write_entry_json(JsonWriter& json, const EntryJsonValues& entry, EntrySchema schema) {
  if (json.depth() != 2) {
    throw std::logic_error("write_entry_json: an entry belongs in an array of the top object");
  }
  std::string& out = json.raw_value();
  out += '{';
  bool first = true;
  for (const EntryField field : schema) {
    if (!present(field, entry)) continue;
    const std::string_view member = member_of(field);
    out.append(first ? member.substr(1) : member);
    first = false;
    append_value(out, field, entry);
  }
  out.append(first ? "}" : "\n    }");
}

}  // namespace itkal

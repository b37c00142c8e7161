#include "itkal/formats/entry_json.hpp"

#include <array>
#include <cstring>
#include <iterator>
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

/// A member's separator, indentation and key, padded to a fixed size: it is copied as one block
/// of kCopied bytes (the room made for every member, kMemberBound, holds the padding), where a
/// copy of the key's own length would be a call of memcpy for every member of every entry.
struct MemberKey {
  static constexpr std::size_t kCopied = 32;
  std::array<char, kCopied + 1> bytes{};  ///< one more, for the copy that skips the ','
  std::size_t size = 0;

  template <std::size_t N>
  constexpr MemberKey(const char (&literal)[N]) : size(N - 1) {  // NOLINT: from a literal
    static_assert(N - 1 <= kCopied, "a member key longer than the block copied");
    for (std::size_t i = 0; i + 1 < N; ++i) bytes[i] = literal[i];
  }
};

/// Where the next byte of an entry goes. The entry is written into room made for it beforehand
/// (value_bound), so that a piece is a copy, not a check of the string's capacity.
class Cursor {
 public:
  explicit Cursor(char* at) : at_(at) {}
  template <std::size_t N>
  void put(const char (&literal)[N]) {
    std::memcpy(at_, literal, N - 1);
    at_ += N - 1;
  }
  void put(std::string_view text) {
    if (!text.empty()) std::memcpy(at_, text.data(), text.size());
    at_ += text.size();
  }
  void put(char c) { *at_++ = c; }
  /// The member `key`, without its leading ',' when it is the `first`.
  void put_member(const MemberKey& key, bool first) {
    const std::size_t skipped = first ? 1 : 0;
    std::memcpy(at_, key.bytes.data() + skipped, MemberKey::kCopied);
    at_ += key.size - skipped;
  }
  void put_quoted(std::string_view text) { at_ = JsonWriter::write_quoted(at_, text); }
  [[nodiscard]] char* at() const { return at_; }

 private:
  char* at_;
};

/// Room for a member's separator, indentation and key (the longest is "last_modified"), and for
/// a value that is no text: a number, a date, a bool, null or a status.
constexpr std::size_t kMemberBound = 64;
/// Room for an occurrence with every member, and for an array's element separator.
constexpr std::size_t kOccurrenceBound = 256;
constexpr std::size_t kElementBound = 16;

void put_bool(Cursor& out, bool flag) {
  if (flag) {
    out.put("true");
  } else {
    out.put("false");
  }
}

/// Decimal digits without a temporary string.
void put_number(Cursor& out, long long number) {
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
  out.put(std::string_view(at, static_cast<std::size_t>(end - at)));
}

/// "YYYY-MM-DD" in quotes, as iso_date spells it, without a temporary string.
void put_date(Cursor& out, const boost::gregorian::date& date) {
  const auto ymd = date.year_month_day();
  char text[] = "\"0000-00-00\"";
  const auto digits = [&text](int at, int value, int count) {
    for (int i = at + count - 1; i >= at; --i, value /= 10)
      text[i] = static_cast<char>('0' + value % 10);
  };
  digits(1, ymd.year, 4);
  digits(6, ymd.month, 2);
  digits(9, ymd.day, 2);
  out.put(text);
}

/// "HH:MM" in quotes, as TimeOfDay::to_string spells it, or null.
void put_time(Cursor& out, const std::optional<TimeOfDay>& time) {
  if (!time) {
    out.put("null");
    return;
  }
  const char text[] = {
      '"', static_cast<char>('0' + time->hour / 10),   static_cast<char>('0' + time->hour % 10),
      ':', static_cast<char>('0' + time->minute / 10), static_cast<char>('0' + time->minute % 10),
      '"'};
  out.put(std::string_view(text, sizeof text));
}

void put_optional_string(Cursor& out, const std::optional<std::string>& text) {
  if (text) {
    out.put_quoted(*text);
  } else {
    out.put("null");
  }
}

void put_string_array(Cursor& out, const std::vector<std::string>& values) {
  if (values.empty()) {
    out.put("[]");
    return;
  }
  out.put('[');
  constexpr std::string_view kElement = ITKAL_ELEMENT;
  for (std::size_t i = 0; i < values.size(); ++i) {
    out.put(i == 0 ? kElement.substr(1) : kElement);
    out.put_quoted(values[i]);
  }
  out.put("\n      ]");
}

void put_occurrences(Cursor& out, const std::vector<Occurrence>& occurrences,
                     bool with_daily_times) {
  if (occurrences.empty()) {
    out.put("[]");
    return;
  }
  out.put('[');
  constexpr std::string_view kElement = ITKAL_ELEMENT;
  for (std::size_t i = 0; i < occurrences.size(); ++i) {
    const Occurrence& occurrence = occurrences[i];
    out.put(i == 0 ? kElement.substr(1) : kElement);
    out.put("{\n          \"start_date\": ");
    const char* start_date = out.at();
    put_date(out, occurrence.start_date);
    const std::string_view start_text(start_date, static_cast<std::size_t>(out.at() - start_date));
    out.put(ITKAL_OCCURRENCE_MEMBER("end_date"));
    // Most events take one day: its date is written once and copied.
    if (occurrence.end_date == occurrence.start_date) {
      out.put(start_text);
    } else {
      put_date(out, occurrence.end_date);
    }
    out.put(ITKAL_OCCURRENCE_MEMBER("start_time"));
    put_time(out, occurrence.start_time);
    out.put(ITKAL_OCCURRENCE_MEMBER("end_time"));
    put_time(out, occurrence.end_time);
    if (with_daily_times) {
      out.put(ITKAL_OCCURRENCE_MEMBER("daily_times"));
      put_bool(out, occurrence.daily_times);
    }
    out.put("\n        }");
  }
  out.put("\n      ]");
}

const std::vector<std::string>& or_none(const std::vector<std::string>* values) {
  static const std::vector<std::string> kNone;
  return values ? *values : kNone;
}

std::size_t quoted_bound(std::string_view text) { return JsonWriter::quoted_bound(text.size()); }

std::size_t optional_bound(const std::optional<std::string>* text) {
  return text && *text ? quoted_bound(**text) : 0;
}

std::size_t array_bound(const std::vector<std::string>& values) {
  std::size_t bound = kElementBound;
  for (const std::string& value : values) bound += kElementBound + quoted_bound(value);
  return bound;
}

using Values = EntryJsonValues;

/// How one field is written: its member's separator, indentation and key (a literal, its
/// leading ',' skipped for the first); whether the entry has it (optional fields are left out
/// when unset); the most bytes its value takes beyond kMemberBound; and its value.
struct FieldWriter {
  EntryField field;
  MemberKey member;
  bool (*present)(const Values&);
  std::size_t (*bound)(const Values&);
  void (*put)(Cursor&, const Values&);
};

bool always(const Values&) { return true; }
/// A number, a date, a bool, null or a status: within kMemberBound.
std::size_t within_member(const Values&) { return 0; }
std::size_t notes_bound(const Values& entry) { return array_bound(or_none(entry.notes)); }
std::size_t occurrences_bound(const Values& entry) {
  return kElementBound + kOccurrenceBound * (entry.occurrences ? entry.occurrences->size() : 0);
}
std::size_t url_bound(const Values& entry) { return optional_bound(entry.url); }
void put_line(Cursor& out, const Values& entry) {
  put_number(out, static_cast<long long>(entry.line));
}
void put_text(Cursor& out, const Values& entry) { out.put_quoted(entry.text); }
void put_notes(Cursor& out, const Values& entry) { put_string_array(out, or_none(entry.notes)); }
const std::vector<Occurrence>& occurrences_of(const Values& entry) {
  static const std::vector<Occurrence> kNoOccurrences;
  return entry.occurrences ? *entry.occurrences : kNoOccurrences;
}
void put_url(Cursor& out, const Values& entry) {
  static const std::optional<std::string> kUnset;
  put_optional_string(out, entry.url ? *entry.url : kUnset);
}

/// One row per EntryField, in the enum's order.
constexpr FieldWriter kFieldWriters[] = {
    {EntryField::id, ITKAL_MEMBER("id"), always,
     [](const Values& entry) { return quoted_bound(entry.id); },
     [](Cursor& out, const Values& entry) { out.put_quoted(entry.id); }},
    {EntryField::line, ITKAL_MEMBER("line"), always, within_member, put_line},
    {EntryField::source_line, ITKAL_MEMBER("source_line"), always, within_member, put_line},
    {EntryField::dated, ITKAL_MEMBER("dated"), always, within_member,
     [](Cursor& out, const Values& entry) { put_bool(out, entry.dated); }},
    {EntryField::title, ITKAL_MEMBER("title"), always,
     [](const Values& entry) { return quoted_bound(entry.title); },
     [](Cursor& out, const Values& entry) { out.put_quoted(entry.title); }},
    {EntryField::text, ITKAL_MEMBER("text"), always,
     [](const Values& entry) { return quoted_bound(entry.text); }, put_text},
    {EntryField::source_text, ITKAL_MEMBER("source_text"), always,
     [](const Values& entry) { return quoted_bound(entry.text); }, put_text},
    {EntryField::note, ITKAL_MEMBER("note"), always, notes_bound,
     [](Cursor& out, const Values& entry) {
       out.put_quoted(entry.notes && !entry.notes->empty() ? std::string_view(entry.notes->front())
                                                           : std::string_view());
     }},
    {EntryField::notes, ITKAL_MEMBER("notes"), always, notes_bound, put_notes},
    {EntryField::notes_when_any, ITKAL_MEMBER("notes"),
     [](const Values& entry) { return entry.notes && !entry.notes->empty(); }, notes_bound,
     put_notes},
    {EntryField::occurrences, ITKAL_MEMBER("occurrences"), always, occurrences_bound,
     [](Cursor& out, const Values& entry) { put_occurrences(out, occurrences_of(entry), false); }},
    {EntryField::occurrences_with_daily_times, ITKAL_MEMBER("occurrences"), always,
     occurrences_bound,
     [](Cursor& out, const Values& entry) { put_occurrences(out, occurrences_of(entry), true); }},
    {EntryField::location, ITKAL_MEMBER("location"), always,
     [](const Values& entry) { return optional_bound(entry.location); },
     [](Cursor& out, const Values& entry) {
       static const std::optional<std::string> kUnset;
       put_optional_string(out, entry.location ? *entry.location : kUnset);
     }},
    {EntryField::url, ITKAL_MEMBER("url"), always, url_bound, put_url},
    {EntryField::url_when_set, ITKAL_MEMBER("url"),
     [](const Values& entry) { return entry.url && entry.url->has_value(); }, url_bound, put_url},
    {EntryField::online, ITKAL_MEMBER("online"), always, within_member,
     [](Cursor& out, const Values& entry) { put_bool(out, entry.online); }},
    {EntryField::status, ITKAL_MEMBER("status"), always, within_member,
     [](Cursor& out, const Values& entry) {
       out.put('"');
       out.put(std::string_view(to_string(entry.status)));
       out.put('"');
     }},
    {EntryField::organizers, ITKAL_MEMBER("organizers"), always,
     [](const Values& entry) { return array_bound(or_none(entry.organizers)); },
     [](Cursor& out, const Values& entry) { put_string_array(out, or_none(entry.organizers)); }},
    {EntryField::details, ITKAL_MEMBER("details"), always,
     [](const Values& entry) { return array_bound(or_none(entry.details)); },
     [](Cursor& out, const Values& entry) { put_string_array(out, or_none(entry.details)); }},
    {EntryField::sequence, ITKAL_MEMBER("sequence"), always, within_member,
     [](Cursor& out, const Values& entry) { put_number(out, entry.sequence); }},
    {EntryField::first_seen, ITKAL_MEMBER("first_seen"), always, within_member,
     [](Cursor& out, const Values& entry) { put_date(out, entry.first_seen); }},
    {EntryField::last_seen, ITKAL_MEMBER("last_seen"), always, within_member,
     [](Cursor& out, const Values& entry) { put_date(out, entry.last_seen); }},
    {EntryField::last_modified, ITKAL_MEMBER("last_modified"), always, within_member,
     [](Cursor& out, const Values& entry) { put_date(out, entry.last_modified); }},
    {EntryField::sources, ITKAL_MEMBER("sources"), always,
     [](const Values& entry) { return array_bound(or_none(entry.sources)); },
     [](Cursor& out, const Values& entry) { put_string_array(out, or_none(entry.sources)); }},
    {EntryField::source, ITKAL_MEMBER("source"), always,
     [](const Values& entry) { return quoted_bound(entry.source); },
     [](Cursor& out, const Values& entry) { out.put_quoted(entry.source); }},
};

#undef ITKAL_MEMBER
#undef ITKAL_ELEMENT
#undef ITKAL_OCCURRENCE_MEMBER

constexpr bool rows_in_enum_order() {
  for (std::size_t i = 0; i < std::size(kFieldWriters); ++i) {
    if (static_cast<std::size_t>(kFieldWriters[i].field) != i) return false;
  }
  return static_cast<std::size_t>(EntryField::source) + 1 == std::size(kFieldWriters);
}
static_assert(rows_in_enum_order(), "kFieldWriters: one row per EntryField, in its order");

const FieldWriter& writer_of(EntryField field) {
  return kFieldWriters[static_cast<std::size_t>(field)];
}

}  // namespace

void write_entry_json(JsonWriter& json, const EntryJsonValues& entry, EntrySchema schema) {
  if (json.depth() != 2) {
    throw std::logic_error("write_entry_json: an entry belongs in an array of the top object");
  }
  std::size_t bound = kMemberBound;  // the braces
  for (const EntryField field : schema) bound += kMemberBound + writer_of(field).bound(entry);
  // The bound is about five times what an entry takes: written into room made once per thread
  // and then copied, rather than into the output grown (and so zero-filled) by the whole bound.
  thread_local std::string room;
  if (room.size() < bound) room.resize(bound);
  Cursor cursor(room.data());
  cursor.put('{');
  bool first = true;
  for (const EntryField field : schema) {
    const FieldWriter& writer = writer_of(field);
    if (!writer.present(entry)) continue;
    cursor.put_member(writer.member, first);
    first = false;
    writer.put(cursor, entry);
  }
  if (first) {
    cursor.put('}');
  } else {
    cursor.put("\n    }");
  }
  json.raw_value().append(room.data(), static_cast<std::size_t>(cursor.at() - room.data()));
}

}  // namespace itkal

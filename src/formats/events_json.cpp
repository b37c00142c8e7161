#include "itkal/formats/events_json.hpp"

#include <Poco/JSON/Parser.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <sstream>
#include <stdexcept>

#include "itkal/formats/entry_json.hpp"
#include "itkal/text/json_writer.hpp"

namespace itkal {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string text_of(const Object::Ptr& object, const std::string& key) {
  if (!object->has(key) || object->isNull(key)) throw std::runtime_error("missing '" + key + "'");
  return object->getValue<std::string>(key);
}

std::optional<std::string> optional_text(const Object::Ptr& object, const std::string& key) {
  if (!object->has(key) || object->isNull(key)) return std::nullopt;
  return object->getValue<std::string>(key);
}

std::vector<std::string> texts_of(const Object::Ptr& object, const std::string& key) {
  std::vector<std::string> values;
  if (auto array = object->getArray(key)) {
    for (unsigned i = 0; i < array->size(); ++i)
      values.push_back(array->getElement<std::string>(i));
  }
  return values;
}

boost::gregorian::date date_of(const Object::Ptr& object, const std::string& key) {
  const std::string text = text_of(object, key);
  try {
    return boost::gregorian::from_simple_string(text);
  } catch (const std::exception&) {
    throw std::runtime_error("'" + key + "' is not a date: '" + text + "'");
  }
}

std::optional<TimeOfDay> time_of(const Object::Ptr& object, const std::string& key) {
  auto text = optional_text(object, key);
  if (!text) return std::nullopt;
  auto time = TimeOfDay::from_string(*text);
  if (!time) throw std::runtime_error("'" + key + "' is not a time: '" + *text + "'");
  return time;
}

EntryStatus status_of(const Object::Ptr& object) {
  // events.json is our own output; a status this version does not know is shown as confirmed.
  return entry_status_from_string(object->optValue<std::string>("status", "confirmed"))
      .value_or(EntryStatus::confirmed);
}

}  // namespace

std::vector<Occurrence> occurrences_from_json(const Poco::JSON::Object::Ptr& object) {
  std::vector<Occurrence> occurrences;
  if (auto array = object->getArray("occurrences")) {
    for (unsigned i = 0; i < array->size(); ++i) {
      auto item = array->getObject(i);
      if (!item) throw std::runtime_error("occurrence is not an object");
      Occurrence occurrence{date_of(item, "start_date"), date_of(item, "end_date"),
                            time_of(item, "start_time"), time_of(item, "end_time"),
                            item->optValue<bool>("daily_times", false)};
      occurrences.push_back(occurrence);
    }
  }
  return occurrences;
}

void write_aggregation_json(const Aggregation& aggregation, std::ostream& out) {
  // Written in pieces: events.json of 65,000 events is 50 MB, and a string grown to that size
  // needs its old and new buffers at once.
  constexpr std::size_t kPieceBytes = 64 * 1024;
  JsonWriter json;
  json.begin_object();
  json.key("events").begin_array();
  for (const Event& event : aggregation.events) {
    write_entry_json(json, EntryJsonValues::of(event), kEventFields);
    if (json.pending() >= kPieceBytes) json.drain_to(out);
  }
  json.end_array();
  json.key("undated").begin_array();
  for (std::size_t i = 0; i < aggregation.undated.size(); ++i) {
    // Both sides string_view: `cond ? std::string : ""` would make a temporary string.
    const std::string_view source = i < aggregation.undated_sources.size()
                                        ? std::string_view(aggregation.undated_sources[i])
                                        : std::string_view();
    write_entry_json(json, EntryJsonValues::of_undated(aggregation.undated[i], source),
                     kUndatedEntryFields);
  }
  json.end_array();
  json.end_object();
  json.drain_to(out);
  out << '\n';
}

std::string aggregation_to_json(const Aggregation& aggregation) {
  std::ostringstream out;
  write_aggregation_json(aggregation, out);
  return std::move(out).str();
}

namespace {

Event event_from(const Object::Ptr& object) {
  Event event;
  event.id = text_of(object, "id");
  event.title = text_of(object, "title");
  event.occurrences = occurrences_from_json(object);
  if (event.occurrences.empty())
    throw std::runtime_error("event '" + event.id + "' has no occurrence");
  event.location = optional_text(object, "location");
  event.organizers = texts_of(object, "organizers");
  event.details = texts_of(object, "details");
  event.online = object->optValue<bool>("online", false);
  event.status = status_of(object);
  event.url = optional_text(object, "url");
  event.sequence = object->optValue<int>("sequence", 0);
  event.first_seen = date_of(object, "first_seen");
  event.last_seen = date_of(object, "last_seen");
  event.last_modified = date_of(object, "last_modified");
  event.sources = texts_of(object, "sources");
  event.source_text = object->optValue<std::string>("source_text", "");
  event.source_line = object->optValue<unsigned>("source_line", 0);
  return event;
}

void add_undated(Aggregation& aggregation, const Object::Ptr& object) {
  Entry entry;
  entry.title = text_of(object, "title");
  if (auto note = optional_text(object, "note"); note && !note->empty())
    entry.notes.push_back(*note);
  entry.location = optional_text(object, "location");
  entry.organizers = texts_of(object, "organizers");
  entry.details = texts_of(object, "details");
  entry.online = object->optValue<bool>("online", false);
  entry.status = status_of(object);
  entry.text = object->optValue<std::string>("source_text", "");
  entry.line = object->optValue<unsigned>("source_line", 0);
  aggregation.undated.push_back(std::move(entry));
  aggregation.undated_sources.push_back(object->optValue<std::string>("source", ""));
}

/// Walks the top level of events.json and hands each element of "events" and "undated" to
/// Poco's parser on its own. Parsing the whole text at once built a Poco::Dynamic tree several
/// times the size of the text (91 MB for an 8.4 MB file with 10,000 events) just to copy it into
/// Events; one element at a time, the tree never holds more than one event. Poco still parses
/// (and so validates) every value; this reader only finds where values begin and end.
class TopLevelReader {
 public:
  explicit TopLevelReader(std::string_view text) : text_(text) {}

  void skip_space() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
      ++at_;
    }
  }
  /// Consumes `c` (after white space) when it is next.
  bool take(char c) {
    skip_space();
    if (at_ < text_.size() && text_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!take(c)) fail(std::string("expected '") + c + "'");
  }
  [[nodiscard]] bool at_end() {
    skip_space();
    return at_ == text_.size();
  }
  [[nodiscard]] bool peek(char c) {
    skip_space();
    return at_ < text_.size() && text_[at_] == c;
  }
  /// The text of one JSON value: up to the ',', ']' or '}' that ends it outside any string and
  /// nesting. Validity is left to Poco.
  std::string_view value() {
    skip_space();
    const std::size_t begin = at_;
    int depth = 0;
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == '"') {
        skip_string();
        continue;
      }
      if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']' || c == ',') {
        if (depth == 0) break;
        if (c != ',') --depth;
      }
      ++at_;
    }
    if (at_ == begin) fail("expected a value");
    std::size_t end = at_;
    while (end > begin && (text_[end - 1] == ' ' || text_[end - 1] == '\t' ||
                           text_[end - 1] == '\n' || text_[end - 1] == '\r')) {
      --end;
    }
    return text_.substr(begin, end - begin);
  }
  /// A key: a JSON string, decoded by Poco (escapes and all).
  std::string key(Poco::JSON::Parser& parser) {
    skip_space();
    if (at_ >= text_.size() || text_[at_] != '"') fail("expected a key");
    const std::size_t begin = at_;
    skip_string();
    // Poco's tree builder takes only an object or array at the top.
    const std::string wrapped = "[" + std::string(text_.substr(begin, at_ - begin)) + "]";
    parser.reset();
    return parser.parse(wrapped).extract<Poco::JSON::Array::Ptr>()->getElement<std::string>(0);
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(what + " at byte " + std::to_string(at_ + 1));
  }

  static Poco::Dynamic::Var parse(Poco::JSON::Parser& parser, std::string_view value) {
    parser.reset();
    return parser.parse(std::string(value));
  }

 private:
  void skip_string() {
    ++at_;  // the opening quote
    while (at_ < text_.size() && text_[at_] != '"') at_ += text_[at_] == '\\' ? 2 : 1;
    if (at_ >= text_.size()) fail("unterminated string");
    ++at_;
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

/// Reads the array at the reader's position one element at a time; `add` gets each element as
/// an object (nullptr when it is not one) and its 1-based number.
template <typename Add>
void read_array(TopLevelReader& reader, Poco::JSON::Parser& parser, Add add) {
  reader.expect('[');
  if (reader.take(']')) return;
  unsigned number = 0;
  do {
    const std::string_view value = reader.value();
    // Scalars are wrapped: Poco's tree builder takes only an object or array at the top.
    const Object::Ptr object =
        value.front() == '{'
            ? TopLevelReader::parse(parser, value).extract<Object::Ptr>()
            : (static_cast<void>(TopLevelReader::parse(parser, "[" + std::string(value) + "]")),
               nullptr);
    add(object, ++number);
  } while (reader.take(','));
  reader.expect(']');
}

}  // namespace

Aggregation aggregation_from_json(std::string_view text, const std::string& origin) {
  Aggregation aggregation;
  try {
    TopLevelReader reader(text);
    Poco::JSON::Parser parser;
    reader.expect('{');
    bool events_seen = false;
    bool undated_seen = false;
    if (!reader.take('}')) {
      do {
        const std::string key = reader.key(parser);
        reader.expect(':');
        // As with a whole tree, a key given twice counts once: the last value wins.
        if (key == "events" && reader.peek('[')) {
          aggregation.events.clear();
          events_seen = true;
          read_array(reader, parser, [&](const Object::Ptr& object, unsigned number) {
            if (!object)
              throw std::runtime_error("event " + std::to_string(number) + " is not an object");
            aggregation.events.push_back(event_from(object));
          });
        } else if (key == "undated" && reader.peek('[')) {
          aggregation.undated.clear();
          aggregation.undated_sources.clear();
          undated_seen = true;
          read_array(reader, parser, [&](const Object::Ptr& object, unsigned number) {
            if (!object) {
              throw std::runtime_error("undated entry " + std::to_string(number) +
                                       " is not an object");
            }
            add_undated(aggregation, object);
          });
        } else {
          // Any other member is parsed for validity and ignored; a later non-array "events"
          // replaces an earlier list, as in a tree.
          const std::string_view value = reader.value();
          static_cast<void>(TopLevelReader::parse(parser, "[" + std::string(value) + "]"));
          if (key == "events" && events_seen) aggregation.events.clear();
          if (key == "undated" && undated_seen) {
            aggregation.undated.clear();
            aggregation.undated_sources.clear();
          }
        }
      } while (reader.take(','));
      reader.expect('}');
    }
    if (!reader.at_end()) reader.fail("unexpected text after the object");
  } catch (const Poco::Exception& error) {
    throw std::runtime_error("cannot read '" + origin + "': " + error.displayText());
  } catch (const std::runtime_error& error) {
    throw std::runtime_error("cannot read '" + origin + "': " + error.what());
  }
  return aggregation;
}

}  // namespace itkal

#include "itkal/formats/corrections.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "itkal/formats/events_json.hpp"
#include "itkal/text/file_io.hpp"
#include "itkal/text/json_syntax.hpp"

namespace itkal {
namespace {

using Poco::JSON::Object;

const std::vector<std::string> kSetFields{"title",  "location",   "occurrences",
                                          "status", "organizers", "url"};

std::vector<std::string> texts(const Object::Ptr& object, const std::string& key) {
  std::vector<std::string> values;
  const auto array = object->getArray(key);
  if (!array) throw std::runtime_error("'" + key + "' must be a list of texts");
  for (unsigned i = 0; i < array->size(); ++i) values.push_back(array->getElement<std::string>(i));
  return values;
}

std::optional<std::string> text_or_null(const Object::Ptr& object, const std::string& key) {
  if (object->isNull(key)) return std::nullopt;
  return object->getValue<std::string>(key);
}

EntryStatus status_from(const std::string& text) {
  if (auto status = entry_status_from_string(text)) return *status;
  throw std::runtime_error("'status' must be \"cancelled\" or \"confirmed\", not '" + text + "'");
}

std::vector<Occurrence> occurrences(const Object::Ptr& object) {
  auto list = occurrences_from_json(object);
  if (list.empty()) throw std::runtime_error("'occurrences' must name at least one day");
  for (const auto& occurrence : list) {
    if (occurrence.end_date < occurrence.start_date) {
      throw std::runtime_error("an occurrence ends before it starts");
    }
  }
  return list;
}

/// An id the operator gives an added event becomes its UID: letters, digits, '-', '_', '.'.
bool is_slug(const std::string& id) {
  return !id.empty() && id.size() <= 100 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

Correction read_set(const Object::Ptr& item, Correction correction) {
  const auto set = item->getObject("set");
  if (!set) throw std::runtime_error("'set' must be an object");
  for (const auto& [name, value] : *set) {
    if (std::find(kSetFields.begin(), kSetFields.end(), name) == kSetFields.end()) {
      throw std::runtime_error("'set' cannot change '" + name +
                               "' (title, location, occurrences, status, organizers, url)");
    }
  }
  if (set->has("title")) correction.title = set->getValue<std::string>("title");
  if (set->has("location")) correction.location = text_or_null(set, "location");
  if (set->has("url")) correction.url = text_or_null(set, "url");
  if (set->has("occurrences")) correction.occurrences = occurrences(set);
  if (set->has("status")) correction.status = status_from(set->getValue<std::string>("status"));
  if (set->has("organizers")) correction.organizers = texts(set, "organizers");
  return correction;
}

Correction read_add(const Object::Ptr& item, Correction correction) {
  const auto add = item->getObject("add");
  if (!add) throw std::runtime_error("'add' must be an object");
  Event& event = correction.added;
  event.id = add->optValue<std::string>("id", "");
  if (!is_slug(event.id)) {
    throw std::runtime_error(
        "'add' needs an \"id\" of letters, digits and '-' (it becomes the "
        "UID), not '" +
        event.id + "'");
  }
  correction.event_id = event.id;
  event.title = add->optValue<std::string>("title", "");
  if (event.title.empty()) throw std::runtime_error("'add' needs a \"title\"");
  event.occurrences = occurrences(add);
  if (add->has("location")) event.location = text_or_null(add, "location");
  if (add->has("url")) event.url = text_or_null(add, "url");
  if (add->has("organizers")) event.organizers = texts(add, "organizers");
  if (add->has("details")) event.details = texts(add, "details");
  event.online = add->optValue<bool>("online", false);
  if (add->has("status")) event.status = status_from(add->getValue<std::string>("status"));
  // No issue dates it: DTSTAMP and LAST-MODIFIED come from its first day, which is stable.
  event.first_seen = event.last_seen = event.last_modified = event.occurrences.front().start_date;
  event.sources = {"corrections.json"};
  return correction;
}

Correction read_correction(const Object::Ptr& item, std::size_t number) {
  if (!item) throw std::runtime_error("is not an object");
  Correction correction;
  correction.number = number;
  correction.reason = item->optValue<std::string>("reason", "");
  const int kinds =
      (item->has("set") ? 1 : 0) + (item->has("hide") ? 1 : 0) + (item->has("add") ? 1 : 0);
  if (kinds != 1) throw std::runtime_error("needs exactly one of \"set\", \"hide\" or \"add\"");
  if (item->has("add")) {
    if (item->has("event")) throw std::runtime_error("\"add\" takes its id inside, not \"event\"");
    correction.kind = Correction::Kind::add;
    return read_add(item, std::move(correction));
  }
  correction.event_id = item->optValue<std::string>("event", "");
  if (correction.event_id.empty()) throw std::runtime_error("needs the \"event\" id to correct");
  if (item->has("hide")) {
    if (!item->getValue<bool>("hide")) throw std::runtime_error("\"hide\" must be true");
    correction.kind = Correction::Kind::hide;
    return correction;
  }
  correction.kind = Correction::Kind::set;
  return read_set(item, std::move(correction));
}

/// What a `set` changes, as "title, location"; empty when nothing changes.
std::string apply_set(Event& event, const Correction& correction) {
  std::string changed;
  const auto note = [&changed](const char* field) {
    changed += (changed.empty() ? "" : ", ") + std::string(field);
  };
  if (correction.title && *correction.title != event.title) {
    event.title = *correction.title;
    note("title");
  }
  if (correction.location && *correction.location != event.location) {
    event.location = *correction.location;
    note("location");
  }
  if (correction.url && *correction.url != event.url) {
    event.url = *correction.url;
    note("url");
  }
  if (correction.occurrences && *correction.occurrences != event.occurrences) {
    event.occurrences = *correction.occurrences;
    note("occurrences");
  }
  if (correction.status && *correction.status != event.status) {
    event.status = *correction.status;
    note("status");
  }
  if (correction.organizers && *correction.organizers != event.organizers) {
    event.organizers = *correction.organizers;
    note("organizers");
  }
  return changed;
}

std::string with_reason(std::string text, const Correction& correction) {
  if (!correction.reason.empty()) text += " (" + correction.reason + ")";
  return text;
}

}  // namespace

std::vector<Correction> parse_corrections(std::string_view json, const std::string& origin) {
  if (const auto error = find_json_syntax_error(json)) {
    throw CorrectionsError(origin + ":" + std::to_string(error->line) + ":" +
                           std::to_string(error->column) + ": " + error->message);
  }
  std::vector<Correction> corrections;
  Poco::JSON::Array::Ptr items;
  try {
    Poco::JSON::Parser parser;
    items = parser.parse(std::string(json)).extract<Poco::JSON::Array::Ptr>();
  } catch (const Poco::Exception& error) {
    throw CorrectionsError(origin + ": not a list of corrections: " + error.displayText());
  }
  if (!items) throw CorrectionsError(origin + ": not a list of corrections ([ … ])");
  for (unsigned i = 0; i < items->size(); ++i) {
    try {
      corrections.push_back(read_correction(items->getObject(i), i + 1));
    } catch (const Poco::Exception& error) {
      throw CorrectionsError(origin + ": correction " + std::to_string(i + 1) + ": " +
                             error.displayText());
    } catch (const std::exception& error) {
      throw CorrectionsError(origin + ": correction " + std::to_string(i + 1) + ": " +
                             error.what());
    }
  }
  return corrections;
}

std::vector<Correction> load_corrections(const std::string& path) {
  std::error_code error;
  if (path.empty() || !std::filesystem::exists(path, error)) return {};
  const auto bytes = read_whole_file(path);
  if (!bytes) throw CorrectionsError("cannot read corrections '" + path + "'");
  return parse_corrections(*bytes, path);
}

CorrectionOutcome apply_corrections(Aggregation& aggregation,
                                    const std::vector<Correction>& corrections) {
  CorrectionOutcome outcome;
  auto& events = aggregation.events;
  for (const Correction& correction : corrections) {
    const auto found = std::find_if(events.begin(), events.end(), [&](const Event& event) {
      return event.id == correction.event_id;
    });
    switch (correction.kind) {
      case Correction::Kind::add:
        if (found != events.end()) {
          outcome.unmatched.push_back(with_reason(
              correction.event_id + ": an event with this id exists; not added", correction));
        } else {
          events.push_back(correction.added);
          outcome.applied.push_back(with_reason(correction.event_id + ": added", correction));
        }
        break;
      case Correction::Kind::hide:
        if (found == events.end()) {
          outcome.unmatched.push_back(
              with_reason(correction.event_id + ": no such event; hide does nothing", correction));
        } else {
          events.erase(found);
          outcome.applied.push_back(with_reason(correction.event_id + ": hidden", correction));
        }
        break;
      case Correction::Kind::set:
        if (found == events.end()) {
          outcome.unmatched.push_back(
              with_reason(correction.event_id + ": no such event; set does nothing", correction));
          break;
        }
        const std::string changed = apply_set(*found, correction);
        // Clients apply a change only when SEQUENCE rises (DESIGN.md); the aggregation is made
        // anew each build, so the correction raises it by one in every build, not once more each.
        if (!changed.empty()) ++found->sequence;
        outcome.applied.push_back(with_reason(
            correction.event_id + ": set " + (changed.empty() ? "(nothing changed)" : changed),
            correction));
        break;
    }
  }
  // Mostly nothing moved: a stable sort of sorted events would still move each of them about
  // log2(n) times through a buffer as large as the events.
  if (!std::is_sorted(events.begin(), events.end(), event_order)) {
    std::stable_sort(events.begin(), events.end(), event_order);
  }
  return outcome;
}

}  // namespace itkal

#include "itkal/formats/extraction_state.hpp"

#include <Poco/JSON/Parser.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <exception>

#include "itkal/formats/entry_json.hpp"
#include "itkal/formats/events_json.hpp"
#include "itkal/text/iso_date.hpp"
#include "itkal/text/json_writer.hpp"

namespace itkal {

std::string extraction_to_state(const Extraction& extraction) {
  JsonWriter json;
  json.begin_object();
  json.key("source").value(extraction.source);
  json.key("issue_date").value(iso_date(extraction.issue_date));
  json.key("issue_date_source").value(to_string(extraction.issue_date_source));
  json.key("section_heading_line").value(extraction.section_heading_line);
  json.key("entries").begin_array();
  for (const Entry& entry : extraction.entries)
    write_entry_json(json, EntryJsonValues::of(entry), kStateEntryFields);
  json.end_array();
  json.end_object();
  return json.str();
}

std::optional<Extraction> extraction_from_state(const std::string& text) {
  if (text.empty()) return std::nullopt;
  try {
    using Poco::JSON::Object;
    Poco::JSON::Parser parser;
    auto root = parser.parse(text).extract<Object::Ptr>();
    Extraction extraction;
    extraction.source = root->getValue<std::string>("source");
    extraction.issue_date =
        boost::gregorian::from_simple_string(root->getValue<std::string>("issue_date"));
    // State written before the source was recorded: the masthead was all there was then.
    extraction.issue_date_source =
        issue_date_source_from_string(root->optValue<std::string>("issue_date_source", ""))
            .value_or(IssueDateSource::masthead);
    extraction.section_heading_line = root->getValue<std::size_t>("section_heading_line");
    auto entries = root->getArray("entries");
    for (unsigned i = 0; entries && i < entries->size(); ++i) {
      auto object = entries->getObject(i);
      Entry entry;
      entry.line = object->getValue<std::size_t>("line");
      entry.dated = object->getValue<bool>("dated");
      entry.title = object->getValue<std::string>("title");
      entry.text = object->getValue<std::string>("text");
      if (!object->isNull("location")) entry.location = object->getValue<std::string>("location");
      if (!object->isNull("url")) entry.url = object->getValue<std::string>("url");
      entry.online = object->getValue<bool>("online");
      entry.status = entry_status_from_string(object->getValue<std::string>("status"))
                         .value_or(EntryStatus::confirmed);
      for (const char* key : {"organizers", "details", "notes"}) {
        auto list = object->getArray(key);
        auto& target = std::string(key) == "organizers" ? entry.organizers
                       : std::string(key) == "details"  ? entry.details
                                                        : entry.notes;
        for (unsigned k = 0; list && k < list->size(); ++k)
          target.push_back(list->getElement<std::string>(k));
      }
      entry.occurrences = occurrences_from_json(object);
      extraction.entries.push_back(std::move(entry));
    }
    return extraction;
  } catch (const std::exception&) {
    return std::nullopt;  // a damaged state file is as good as none
  }
}

}  // namespace itkal

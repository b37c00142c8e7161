// The one entry writer behind the three JSON entry schemas (extract --json, events.json, the
// build's state): exact bytes of each schema, optional fields present only when set, escaping,
// and the literal keys and indentation checked against JsonWriter's own layout.
#include "itkal/formats/entry_json.hpp"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "itkal/text/iso_date.hpp"

namespace itkal {
namespace {

using boost::gregorian::date;

/// `entries` written into {"entries": [...]}, where every schema keeps its entries.
std::string document(const std::vector<EntryJsonValues>& entries, EntrySchema schema) {
  JsonWriter json;
  json.begin_object();
  json.key("entries").begin_array();
  for (const auto& entry : entries) write_entry_json(json, entry, schema);
  json.end_array();
  json.end_object();
  return json.str();
}

Entry workshop() {
  Entry entry;
  entry.line = 12;
  entry.dated = true;
  entry.occurrences = {
      {date(2026, 6, 11), date(2026, 6, 11), TimeOfDay{15, 30}, TimeOfDay{17, 30}, false}};
  entry.location = "Bremen";
  entry.title = "Workshop";
  entry.organizers = {"DATABUND", "VITAKO"};
  entry.text = "11.6., 15.30-17.30: **Workshop**, Bremen, DATABUND, VITAKO";
  return entry;
}

TEST(EntryJson, ExtractSchemaInTheExpectedFilesOrder) {
  EXPECT_EQ(document({EntryJsonValues::of(workshop())}, kExtractEntryFields),
            "{\n"
            "  \"entries\": [\n"
            "    {\n"
            "      \"line\": 12,\n"
            "      \"dated\": true,\n"
            "      \"occurrences\": [\n"
            "        {\n"
            "          \"start_date\": \"2026-06-11\",\n"
            "          \"end_date\": \"2026-06-11\",\n"
            "          \"start_time\": \"15:30\",\n"
            "          \"end_time\": \"17:30\"\n"
            "        }\n"
            "      ],\n"
            "      \"location\": \"Bremen\",\n"
            "      \"title\": \"Workshop\",\n"
            "      \"organizers\": [\n"
            "        \"DATABUND\",\n"
            "        \"VITAKO\"\n"
            "      ],\n"
            "      \"details\": [],\n"
            "      \"online\": false,\n"
            "      \"status\": \"confirmed\"\n"
            "    }\n"
            "  ]\n"
            "}\n");
}

TEST(EntryJson, OptionalFieldsAppearOnlyWhenSet) {
  Entry entry;
  entry.title = "Juni";
  const EntryField schema[] = {EntryField::title, EntryField::notes_when_any,
                               EntryField::url_when_set};
  EXPECT_EQ(document({EntryJsonValues::of(entry)}, schema),
            "{\n  \"entries\": [\n    {\n      \"title\": \"Juni\"\n    }\n  ]\n}\n");
  entry.notes = {"month only: Juni 2026"};
  entry.url = "https://example.org/a";
  EXPECT_EQ(document({EntryJsonValues::of(entry)}, schema),
            "{\n  \"entries\": [\n    {\n"
            "      \"title\": \"Juni\",\n"
            "      \"notes\": [\n        \"month only: Juni 2026\"\n      ],\n"
            "      \"url\": \"https://example.org/a\"\n"
            "    }\n  ]\n}\n");
  // The same fields, always written: [] and null when unset.
  const EntryField always[] = {EntryField::notes, EntryField::url, EntryField::location};
  EXPECT_EQ(document({EntryJsonValues::of(Entry{})}, always),
            "{\n  \"entries\": [\n    {\n"
            "      \"notes\": [],\n"
            "      \"url\": null,\n"
            "      \"location\": null\n"
            "    }\n  ]\n}\n");
  // Every field optional and none set: an empty object, as JsonWriter writes one.
  const EntryField only_optional[] = {EntryField::url_when_set};
  EXPECT_EQ(document({EntryJsonValues::of(Entry{})}, only_optional),
            "{\n  \"entries\": [\n    {}\n  ]\n}\n");
}

TEST(EntryJson, EscapesEveryStringField) {
  Entry entry = workshop();
  entry.title = "„Quote\" \\ back\nnew\ttab\x01";
  entry.location = "A\"B";
  entry.organizers = {"C\\D"};
  entry.notes = {"E\rF"};
  const EntryField schema[] = {EntryField::title, EntryField::location, EntryField::organizers,
                               EntryField::note};
  EXPECT_EQ(document({EntryJsonValues::of(entry)}, schema),
            "{\n  \"entries\": [\n    {\n"
            "      \"title\": \"„Quote\\\" \\\\ back\\nnew\\ttab\\u0001\",\n"
            "      \"location\": \"A\\\"B\",\n"
            "      \"organizers\": [\n        \"C\\\\D\"\n      ],\n"
            "      \"note\": \"E\\rF\"\n"
            "    }\n  ]\n}\n");
}

Event release() {
  Event event;
  event.id = "ab12";
  event.title = "Release";
  event.occurrences = {
      {date(2026, 6, 2), date(2026, 6, 3), TimeOfDay{9, 0}, TimeOfDay{17, 0}, true},
      {date(2026, 7, 1), date(2026, 7, 1), std::nullopt, std::nullopt, false}};
  event.online = true;
  event.status = EntryStatus::cancelled;
  event.url = "https://example.org/r";
  event.sequence = 2;
  event.first_seen = date(2026, 5, 1);
  event.last_seen = date(2026, 5, 15);
  event.last_modified = date(2026, 5, 8);
  event.sources = {"a.md", "b.md"};
  event.source_text = "2./3.6., 9-17 Uhr: **Release**";
  event.source_line = 7;
  return event;
}

TEST(EntryJson, EventSchemaOfEventsJson) {
  EXPECT_EQ(document({EntryJsonValues::of(release())}, kEventFields),
            "{\n  \"entries\": [\n    {\n"
            "      \"id\": \"ab12\",\n"
            "      \"dated\": true,\n"
            "      \"title\": \"Release\",\n"
            "      \"occurrences\": [\n"
            "        {\n"
            "          \"start_date\": \"2026-06-02\",\n"
            "          \"end_date\": \"2026-06-03\",\n"
            "          \"start_time\": \"09:00\",\n"
            "          \"end_time\": \"17:00\",\n"
            "          \"daily_times\": true\n"
            "        },\n"
            "        {\n"
            "          \"start_date\": \"2026-07-01\",\n"
            "          \"end_date\": \"2026-07-01\",\n"
            "          \"start_time\": null,\n"
            "          \"end_time\": null,\n"
            "          \"daily_times\": false\n"
            "        }\n"
            "      ],\n"
            "      \"location\": null,\n"
            "      \"organizers\": [],\n"
            "      \"details\": [],\n"
            "      \"online\": true,\n"
            "      \"status\": \"cancelled\",\n"
            "      \"url\": \"https://example.org/r\",\n"
            "      \"sequence\": 2,\n"
            "      \"first_seen\": \"2026-05-01\",\n"
            "      \"last_seen\": \"2026-05-15\",\n"
            "      \"last_modified\": \"2026-05-08\",\n"
            "      \"sources\": [\n        \"a.md\",\n        \"b.md\"\n      ],\n"
            "      \"source_text\": \"2./3.6., 9-17 Uhr: **Release**\",\n"
            "      \"source_line\": 7\n"
            "    }\n  ]\n}\n");
}

TEST(EntryJson, UndatedSchemaIsNeverDatedAndNamesItsIssue) {
  Entry entry = workshop();  // dated in its issue, undated in the aggregation
  entry.notes = {"month only: Juni 2026", "second"};
  EXPECT_EQ(document({EntryJsonValues::of_undated(entry, "issue.md")}, kUndatedEntryFields),
            "{\n  \"entries\": [\n    {\n"
            "      \"dated\": false,\n"
            "      \"title\": \"Workshop\",\n"
            "      \"note\": \"month only: Juni 2026\",\n"
            "      \"location\": \"Bremen\",\n"
            "      \"organizers\": [\n        \"DATABUND\",\n        \"VITAKO\"\n      ],\n"
            "      \"details\": [],\n"
            "      \"online\": false,\n"
            "      \"status\": \"confirmed\",\n"
            "      \"source\": \"issue.md\",\n"
            "      \"source_text\": \"11.6., 15.30-17.30: **Workshop**, Bremen, DATABUND, "
            "VITAKO\",\n"
            "      \"source_line\": 12\n"
            "    }\n  ]\n}\n");
  EXPECT_NE(document({EntryJsonValues::of_undated(Entry{}, "")}, kUndatedEntryFields)
                .find("\"note\": \"\",\n"),
            std::string::npos);
}

/// The same document written member by member through JsonWriter: the layout the literals of
/// the entry writer must reproduce.
std::string reference_document(const std::vector<EntryJsonValues>& entries, EntrySchema schema) {
  JsonWriter json;
  const auto strings = [&json](const std::vector<std::string>* values) {
    json.begin_array();
    for (const auto& value : *values) json.value(value);
    json.end_array();
  };
  const auto optional = [&json](const std::optional<std::string>& value) {
    value ? json.value(*value) : json.null();
  };
  const auto time = [&json](const std::optional<TimeOfDay>& value) {
    value ? json.value(value->to_string()) : json.null();
  };
  json.begin_object();
  json.key("entries").begin_array();
  for (const auto& e : entries) {
    json.begin_object();
    for (const EntryField field : schema) {
      switch (field) {
        case EntryField::id:
          json.key("id").value(e.id);
          break;
        case EntryField::line:
          json.key("line").value(e.line);
          break;
        case EntryField::source_line:
          json.key("source_line").value(e.line);
          break;
        case EntryField::dated:
          json.key("dated").value(e.dated);
          break;
        case EntryField::title:
          json.key("title").value(e.title);
          break;
        case EntryField::text:
          json.key("text").value(e.text);
          break;
        case EntryField::source_text:
          json.key("source_text").value(e.text);
          break;
        case EntryField::note:
          json.key("note").value(e.notes->empty() ? std::string() : e.notes->front());
          break;
        case EntryField::notes_when_any:
          if (e.notes->empty()) break;
          [[fallthrough]];
        case EntryField::notes:
          json.key("notes");
          strings(e.notes);
          break;
        case EntryField::occurrences:
        case EntryField::occurrences_with_daily_times:
          json.key("occurrences").begin_array();
          for (const auto& o : *e.occurrences) {
            json.begin_object();
            json.key("start_date").value(iso_date(o.start_date));
            json.key("end_date").value(iso_date(o.end_date));
            json.key("start_time");
            time(o.start_time);
            json.key("end_time");
            time(o.end_time);
            if (field == EntryField::occurrences_with_daily_times)
              json.key("daily_times").value(o.daily_times);
            json.end_object();
          }
          json.end_array();
          break;
        case EntryField::location:
          json.key("location");
          optional(*e.location);
          break;
        case EntryField::url_when_set:
          if (!e.url->has_value()) break;
          [[fallthrough]];
        case EntryField::url:
          json.key("url");
          optional(*e.url);
          break;
        case EntryField::online:
          json.key("online").value(e.online);
          break;
        case EntryField::status:
          json.key("status").value(to_string(e.status));
          break;
        case EntryField::organizers:
          json.key("organizers");
          strings(e.organizers);
          break;
        case EntryField::details:
          json.key("details");
          strings(e.details);
          break;
        case EntryField::sequence:
          json.key("sequence").value(e.sequence);
          break;
        case EntryField::first_seen:
          json.key("first_seen").value(iso_date(e.first_seen));
          break;
        case EntryField::last_seen:
          json.key("last_seen").value(iso_date(e.last_seen));
          break;
        case EntryField::last_modified:
          json.key("last_modified").value(iso_date(e.last_modified));
          break;
        case EntryField::sources:
          json.key("sources");
          strings(e.sources);
          break;
        case EntryField::source:
          json.key("source").value(e.source);
          break;
      }
    }
    json.end_object();
  }
  json.end_array();
  json.end_object();
  return json.str();
}

TEST(EntryJson, EverySchemaHasJsonWritersLayout) {
  Entry full = workshop();
  full.details = {"hybrid", "Anmeldung"};
  full.notes = {"a note"};
  full.url = "https://example.org/w";
  full.occurrences.push_back(
      {date(2026, 12, 31), date(2027, 1, 2), std::nullopt, TimeOfDay{23, 59}, false});
  const Entry empty;
  const Event event = release();
  Event bare;  // only what every event has: its dates
  bare.first_seen = bare.last_seen = bare.last_modified = date(2026, 1, 1);
  const std::vector<EntryJsonValues> entries = {EntryJsonValues::of(full),
                                                EntryJsonValues::of(empty)};
  const std::vector<EntryJsonValues> events = {EntryJsonValues::of(event),
                                               EntryJsonValues::of(bare)};
  const std::vector<EntryJsonValues> undated = {EntryJsonValues::of_undated(full, "x.md"),
                                                EntryJsonValues::of_undated(empty, "")};
  EXPECT_EQ(document(entries, kExtractEntryFields),
            reference_document(entries, kExtractEntryFields));
  EXPECT_EQ(document(entries, kStateEntryFields), reference_document(entries, kStateEntryFields));
  EXPECT_EQ(document(events, kEventFields), reference_document(events, kEventFields));
  EXPECT_EQ(document(undated, kUndatedEntryFields),
            reference_document(undated, kUndatedEntryFields));
}

TEST(EntryJson, RefusesAPlaceWhereItsIndentationWouldBeWrong) {
  JsonWriter json;
  json.begin_array();
  EXPECT_THROW(write_entry_json(json, EntryJsonValues::of(Entry{}), kExtractEntryFields),
               std::logic_error);
}

}  // namespace
}  // namespace itkal

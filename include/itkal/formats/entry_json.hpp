#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "itkal/model/entry.hpp"
#include "itkal/model/event.hpp"
#include "itkal/text/json_writer.hpp"

namespace itkal {

/// One field of an entry as one of the JSON schemas writes it: its key and which value. Two
/// fields may write the same value under different keys (`line` and `source_line`), or the same
/// key in different ways (`url` always, null when unset; `url_when_set` only when set).
enum class EntryField : std::uint8_t {
  id,                            ///< "id": the event's identity
  line,                          ///< "line": the 1-based source line
  source_line,                   ///< "source_line": the same value under the events.json key
  dated,                         ///< "dated": true or false
  title,                         ///< "title"
  text,                          ///< "text": the entry's source text
  source_text,                   ///< "source_text": the same value under the events.json key
  note,                          ///< "note": the first note, "" when there is none
  notes,                         ///< "notes": every note, [] when there is none
  notes_when_any,                ///< "notes", left out when there is none
  occurrences,                   ///< "occurrences" without "daily_times"
  occurrences_with_daily_times,  ///< "occurrences" with "daily_times"
  location,                      ///< "location", null when unknown
  url,                           ///< "url", null when there is none
  url_when_set,                  ///< "url", left out when there is none
  online,                        ///< "online"
  status,                        ///< "status": "confirmed" or "cancelled"
  organizers,                    ///< "organizers"
  details,                       ///< "details"
  sequence,                      ///< "sequence"
  first_seen,                    ///< "first_seen"
  last_seen,                     ///< "last_seen"
  last_modified,                 ///< "last_modified"
  sources,                       ///< "sources": the issues that listed an event
  source,                        ///< "source": the issue that listed an undated entry
};

/// A schema: the fields of an entry object, in the order they are written.
using EntrySchema = std::span<const EntryField>;

/// `itkal extract --json` and shared/newsletters/expected/*.json (fixed by those files).
inline constexpr EntryField kExtractEntryFields[] = {
    EntryField::line,   EntryField::dated,         EntryField::occurrences, EntryField::location,
    EntryField::title,  EntryField::organizers,    EntryField::details,     EntryField::online,
    EntryField::status, EntryField::url_when_set, EntryField::notes_when_any};
/// An event of events.json (fixed by the golden feeds and the readers of events.json).
inline constexpr EntryField kEventFields[] = {
    EntryField::id,         EntryField::dated,
    EntryField::title,      EntryField::occurrences_with_daily_times,
    EntryField::location,   EntryField::organizers,
    EntryField::details,    EntryField::online,
    EntryField::status,     EntryField::url,
    EntryField::sequence,   EntryField::first_seen,
    EntryField::last_seen,  EntryField::last_modified,
    EntryField::sources,    EntryField::source_text,
    EntryField::source_line};
/// An undated entry of events.json.
inline constexpr EntryField kUndatedEntryFields[] = {
    EntryField::dated,      EntryField::title,       EntryField::note,       EntryField::location,
    EntryField::organizers, EntryField::details,     EntryField::online,     EntryField::status,
    EntryField::source,     EntryField::source_text, EntryField::source_line};
/// An entry of the build's per-source state: every field the aggregation uses.
inline constexpr EntryField kStateEntryFields[] = {
    EntryField::line,    EntryField::dated,    EntryField::title,
    EntryField::text,    EntryField::location, EntryField::url,
    EntryField::online,  EntryField::status,   EntryField::organizers,
    EntryField::details, EntryField::notes,    EntryField::occurrences_with_daily_times};

/// What the entry writer reads: the values of an Entry or an Event under one set of names.
/// It points into the entry or event it was made of, which must outlive it.
struct EntryJsonValues {
  std::string_view id;
  std::size_t line = 0;
  bool dated = false;
  std::string_view title;
  std::string_view text;
  const std::vector<Occurrence>* occurrences = nullptr;
  const std::optional<std::string>* location = nullptr;
  const std::optional<std::string>* url = nullptr;
  bool online = false;
  EntryStatus status = EntryStatus::confirmed;
  const std::vector<std::string>* organizers = nullptr;
  const std::vector<std::string>* details = nullptr;
  const std::vector<std::string>* notes = nullptr;
  int sequence = 0;
  boost::gregorian::date first_seen;
  boost::gregorian::date last_seen;
  boost::gregorian::date last_modified;
  const std::vector<std::string>* sources = nullptr;
  std::string_view source;

  /// An extracted entry (no id, sequence, dates seen or sources).
  static EntryJsonValues of(const Entry& entry);
  /// An aggregated event: dated, its source text and line under `text` and `line`.
  static EntryJsonValues of(const Event& event);
  /// An undated entry of an aggregation and the issue that listed it: never dated.
  static EntryJsonValues of_undated(const Entry& entry, std::string_view source);
};

/// Writes one entry object with the fields of `schema`, in that order, as the next element of
/// an array that is itself a member of the top-level object (where all three schemas keep their
/// entries), so that keys and indentation are literals: two spaces per level, as JsonWriter.
/// Throws std::logic_error when `json` is not inside such an array.
void write_entry_json(JsonWriter& json, const EntryJsonValues& entry, EntrySchema schema);

}  // namespace itkal

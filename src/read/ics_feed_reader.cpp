#include "itkal/read/ics_feed_reader.hpp"

#include <Poco/DigestEngine.h>
#include <libical/ical.h>
#include "itkal/text/sha1_engine.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>
#include <memory>
#include <set>

namespace itkal {
namespace greg = boost::gregorian;

namespace {

/// A rule that yields nothing in range for this many instances is given up (FREQ=SECONDLY from
/// 1970, BYMONTHDAY=30;BYMONTH=2): an unbounded RRULE must never hold up a build.
constexpr std::size_t kMaxInstancesPerRule = 100000;
/// Instances one VEVENT may give in the range: a daily series over the whole range fits; a
/// minutely one would flood the feeds past what clients read (~1,000 events).
constexpr std::size_t kMaxInstancesPerEvent = 1000;

struct ComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentFree>;

// --- validation, line by line ---------------------------------------------------------------

/// One content line after unfolding (RFC 5545 3.1) and the file line it starts on.
struct ContentLine {
  std::size_t number = 0;
  std::string text;
};

std::vector<ContentLine> unfold(std::string_view text) {
  std::vector<ContentLine> lines;
  std::size_t number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++number;
    pos = end + 1;
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t') && !lines.empty()) {
      lines.back().text.append(line.substr(1));
    } else {
      lines.push_back({number, std::string(line)});
    }
  }
  return lines;
}

std::string upper(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return result;
}

/// The property name of a content line ("DTSTART" of "DTSTART;TZID=…:…").
std::string property_name(const std::string& line) {
  return upper(line.substr(0, line.find_first_of(";:")));
}

/// The value of a content line: after the first colon outside a quoted parameter value.
std::string property_value(const std::string& line) {
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (line[i] == ':' && !quoted) return line.substr(i + 1);
  }
  return {};
}

bool digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

int number_of(std::string_view text) {
  int value = 0;
  for (const char c : text) value = value * 10 + (c - '0');
  return value;
}

/// RFC 5545 3.3.4 and 3.3.5: YYYYMMDD, or YYYYMMDDTHHMMSS with an optional Z, a real day.
bool valid_date_value(std::string_view value) {
  if (value.size() < 8 || !digits(value.substr(0, 8))) return false;
  const int year = number_of(value.substr(0, 4));
  const int month = number_of(value.substr(4, 2));
  const int day = number_of(value.substr(6, 2));
  if (year < 1400 || month < 1 || month > 12 || day < 1 ||
      day > greg::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(year),
                                                       static_cast<unsigned short>(month))) {
    return false;
  }
  if (value.size() == 8) return true;
  if (value.size() != 15 && !(value.size() == 16 && value.back() == 'Z')) return false;
  if (value[8] != 'T' || !digits(value.substr(9, 6))) return false;
  return number_of(value.substr(9, 2)) <= 23 && number_of(value.substr(11, 2)) <= 59 &&
         number_of(value.substr(13, 2)) <= 60;
}

void check_dates(const ContentLine& line, const std::string& name) {
  static const std::set<std::string> kDateProperties = {"DTSTART", "DTEND", "RECURRENCE-ID",
                                                        "EXDATE", "RDATE"};
  if (!kDateProperties.contains(name)) return;
  const std::string value = property_value(line.text);
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find(',', start);
    if (end == std::string::npos) end = value.size();
    std::string_view item = std::string_view(value).substr(start, end - start);
    if (name == "RDATE") item = item.substr(0, item.find('/'));  // a PERIOD: its start
    if (!valid_date_value(item)) {
      throw IcsError(line.number, "bad date '" + std::string(item) + "' in " + name);
    }
    start = end + 1;
  }
}

// --- time zones -----------------------------------------------------------------------------

icaltimezone* berlin() {
  static icaltimezone* zone = icaltimezone_get_builtin_timezone("Europe/Berlin");
  return zone;
}

/// A DATE-TIME value with the zone its TZID names: the VTIMEZONE in the file, else the Olson
/// zone of that name; a floating time and an unknown TZID are Europe/Berlin, the feeds' zone.
icaltimetype zoned(icalproperty* property, icaltimetype value, icalcomponent* calendar,
                   std::vector<Warning>& warnings) {
  if (value.is_date || icaltime_is_utc(value)) return value;
  icalparameter* parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
  value.zone = berlin();
  if (!parameter) return value;
  const char* tzid = icalparameter_get_tzid(parameter);
  icaltimezone* zone = icalcomponent_get_timezone(calendar, tzid);
  if (!zone) zone = icaltimezone_get_builtin_timezone(tzid);
  if (!zone) zone = icaltimezone_get_builtin_timezone_from_tzid(tzid);
  if (zone) {
    value.zone = zone;
  } else {
    const std::string text = std::string("TZID=") + tzid;
    const bool known = std::any_of(warnings.begin(), warnings.end(),
                                   [&](const Warning& warning) { return warning.text == text; });
    if (!known) warnings.push_back({0, text, "unknown time zone, read as Europe/Berlin"});
  }
  return value;
}

time_t absolute(const icaltimetype& value) {
  return icaltime_as_timet_with_zone(value, value.zone ? value.zone : berlin());
}

/// An instance's identity within its VEVENT: the day for all-day events, else the UTC time.
std::string instance_key(const icaltimetype& value) {
  char text[32];
  if (value.is_date) {
    std::snprintf(text, sizeof text, "%04d%02d%02d", value.year, value.month, value.day);
  } else {
    const time_t seconds = absolute(value);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  }
  return text;
}

greg::date day_of(const icaltimetype& value) {
  return greg::date(static_cast<unsigned short>(value.year),
                    static_cast<unsigned short>(value.month),
                    static_cast<unsigned short>(value.day));
}

std::string iso_day(const icaltimetype& value) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", value.year, value.month, value.day);
  return text;
}

/// The day an instance starts on in Europe/Berlin.
greg::date berlin_day(const icaltimetype& value) {
  if (value.is_date) return day_of(value);
  return day_of(icaltime_from_timet_with_zone(absolute(value), 0, berlin()));
}

// --- events ---------------------------------------------------------------------------------

/// How long each instance of a VEVENT lasts: whole days for DATE values, else seconds.
struct Length {
  bool all_day = false;
  long days = 1;
  long seconds = 0;
};

Length length_of(icalcomponent* vevent, const icaltimetype& start, icalcomponent* calendar,
                 std::vector<Warning>& warnings) {
  Length length;
  length.all_day = start.is_date;
  if (icalproperty* end = icalcomponent_get_first_property(vevent, ICAL_DTEND_PROPERTY)) {
    const icaltimetype value = zoned(end, icalproperty_get_dtend(end), calendar, warnings);
    if (length.all_day) {
      // RFC 5545 3.6.1: DTEND is exclusive; a DTEND on or before DTSTART still means one day.
      length.days = std::max(1L, static_cast<long>((day_of(value) - day_of(start)).days()));
    } else {
      length.seconds = std::max(0L, static_cast<long>(absolute(value) - absolute(start)));
    }
  } else if (icalproperty* duration =
                 icalcomponent_get_first_property(vevent, ICAL_DURATION_PROPERTY)) {
    const long seconds = icaldurationtype_as_int(icalproperty_get_duration(duration));
    if (length.all_day) {
      length.days = std::max(1L, seconds / 86400);
    } else {
      length.seconds = std::max(0L, seconds);
    }
  }
  return length;
}

TimeOfDay time_of(const icaltimetype& value) { return {value.hour, value.minute}; }

/// An instance starting at `start` as an occurrence in Europe/Berlin wall-clock time.
Occurrence occurrence_of(const icaltimetype& start, const Length& length) {
  Occurrence occurrence;
  if (length.all_day) {
    occurrence.start_date = day_of(start);
    occurrence.end_date = occurrence.start_date + greg::days(length.days - 1);
    return occurrence;
  }
  const time_t begin = absolute(start);
  const icaltimetype local_start = icaltime_from_timet_with_zone(begin, 0, berlin());
  occurrence.start_date = occurrence.end_date = day_of(local_start);
  occurrence.start_time = time_of(local_start);
  if (length.seconds == 0) return occurrence;  // RFC 5545 3.6.1: ends when it starts
  const icaltimetype local_end =
      icaltime_from_timet_with_zone(begin + static_cast<time_t>(length.seconds), 0, berlin());
  occurrence.end_date = day_of(local_end);
  occurrence.end_time = time_of(local_end);
  if (*occurrence.end_time == TimeOfDay{0, 0} && occurrence.end_date > occurrence.start_date) {
    // Ends at midnight: the end of the day before, as "bis 24 Uhr".
    occurrence.end_date -= greg::days(1);
    occurrence.end_time = TimeOfDay{24, 0};
  }
  return occurrence;
}

std::string digest(const std::string& text) {
  Sha1Engine engine;
  engine.update(text);
  return Poco::DigestEngine::digestToHex(engine.digest()).substr(0, 20);
}

std::string text_property(icalcomponent* vevent, icalproperty_kind kind) {
  icalproperty* property = icalcomponent_get_first_property(vevent, kind);
  if (!property) return {};
  const char* text = icalvalue_get_text(icalproperty_get_value(property));
  std::string value = text ? text : "";
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
  return value;
}

std::string uid_of(icalcomponent* vevent) {
  const char* uid = icalcomponent_get_uid(vevent);
  if (uid && *uid) return uid;
  // RFC 5545 requires a UID; without one, what the event is stands in for it.
  return "no-uid:" + text_property(vevent, ICAL_SUMMARY_PROPERTY) + "|" +
         icaltime_as_ical_string(icalcomponent_get_dtstart(vevent));
}

Event event_of(icalcomponent* vevent, const std::string& uid, const std::string& key,
               const Occurrence& occurrence, const IcsFeedOptions& options) {
  Event event;
  event.id = digest("ics|" + options.id_namespace + "|" + uid + "|" + key);
  event.title = text_property(vevent, ICAL_SUMMARY_PROPERTY);
  if (event.title.empty()) event.title = "(ohne Titel)";
  event.occurrences = {occurrence};
  const std::string location = text_property(vevent, ICAL_LOCATION_PROPERTY);
  if (!location.empty()) event.location = location;
  if (!options.organizer.empty()) event.organizers = {options.organizer};
  if (icalproperty* url = icalcomponent_get_first_property(vevent, ICAL_URL_PROPERTY)) {
    if (const char* text = icalproperty_get_url(url); text && *text) event.url = text;
  }
  if (icalcomponent_get_status(vevent) == ICAL_STATUS_CANCELLED)
    event.status = EntryStatus::cancelled;
  event.sequence = std::max(0, icalcomponent_get_sequence(vevent));
  event.sources = {options.name};
  event.source_text = text_property(vevent, ICAL_DESCRIPTION_PROPERTY);
  return event;
}

/// Every property of one kind. Collected first because libical keeps one property cursor per
/// component: any icalcomponent_get_first_property on it (icalcomponent_get_uid, say) inside a
/// get_next_property loop restarts that loop, for ever.
std::vector<icalproperty*> properties_of(icalcomponent* component, icalproperty_kind kind) {
  std::vector<icalproperty*> found;
  for (icalproperty* p = icalcomponent_get_first_property(component, kind); p;
       p = icalcomponent_get_next_property(component, kind)) {
    found.push_back(p);
  }
  return found;
}

bool in_range(const greg::date& day, const IcsFeedOptions& options) {
  return day >= options.expand_from && day <= options.expand_to;
}

/// Every instance start of a recurring VEVENT in the expansion range, in DTSTART's zone, less
/// EXDATE, keyed by instance_key.
std::map<std::string, icaltimetype> instances_of(icalcomponent* vevent, const icaltimetype& start,
                                                 icalcomponent* calendar,
                                                 const IcsFeedOptions& options,
                                                 std::vector<Warning>& warnings) {
  std::map<std::string, icaltimetype> instances;
  const auto take = [&](const icaltimetype& value) {
    if (in_range(berlin_day(value), options)) instances.emplace(instance_key(value), value);
  };
  take(start);  // RFC 5545 3.8.5.3: DTSTART is the first instance
  for (icalproperty* p : properties_of(vevent, ICAL_RRULE_PROPERTY)) {
    icalrecur_iterator* iterator = icalrecur_iterator_new(icalproperty_get_rrule(p), start);
    if (!iterator) {
      warnings.push_back({0, icalproperty_as_ical_string(p), "cannot expand this RRULE"});
      continue;
    }
    std::size_t count = 0;
    for (icaltimetype next = icalrecur_iterator_next(iterator); !icaltime_is_null_time(next);
         next = icalrecur_iterator_next(iterator)) {
      next.zone = start.zone;
      // The local day may be one day off Berlin's; one day's slack ends the loop safely.
      if (day_of(next) > options.expand_to + greg::days(1)) break;
      if (++count > kMaxInstancesPerRule || instances.size() >= kMaxInstancesPerEvent) {
        warnings.push_back({0, uid_of(vevent),
                            "RRULE expanded only up to " + iso_day(next) + " (" +
                                std::to_string(count - 1) + " instances, " +
                                std::to_string(instances.size()) + " in range)"});
        break;
      }
      take(next);
    }
    icalrecur_iterator_free(iterator);
  }
  for (icalproperty* p : properties_of(vevent, ICAL_RDATE_PROPERTY)) {
    const icaldatetimeperiodtype value = icalproperty_get_rdate(p);
    const icaltimetype time = icaltime_is_null_time(value.time) ? value.period.start : value.time;
    take(zoned(p, time, calendar, warnings));
  }
  for (icalproperty* p : properties_of(vevent, ICAL_EXDATE_PROPERTY)) {
    const icaltimetype excluded = zoned(p, icalproperty_get_exdate(p), calendar, warnings);
    if (!excluded.is_date || start.is_date) {
      instances.erase(instance_key(excluded));
      continue;
    }
    // A DATE excluding a timed instance: every instance on that day (in DTSTART's zone).
    std::erase_if(instances,
                  [&](const auto& item) { return day_of(item.second) == day_of(excluded); });
  }
  return instances;
}

bool recurs(icalcomponent* vevent) {
  return icalcomponent_get_first_property(vevent, ICAL_RRULE_PROPERTY) ||
         icalcomponent_get_first_property(vevent, ICAL_RDATE_PROPERTY);
}

icaltimetype start_of(icalcomponent* vevent, icalcomponent* calendar, const std::string& uid,
                      std::vector<Warning>& warnings) {
  icalproperty* property = icalcomponent_get_first_property(vevent, ICAL_DTSTART_PROPERTY);
  const icaltimetype value = property ? icalproperty_get_dtstart(property) : icaltime_null_time();
  if (!property || icaltime_is_null_time(value) || !icaltime_is_valid_time(value))
    throw IcsError(0, "VEVENT '" + uid + "' has no readable DTSTART");
  return zoned(property, value, calendar, warnings);
}

}  // namespace

IcsError::IcsError(std::size_t line, const std::string& message)
    : std::runtime_error(line > 0 ? "line " + std::to_string(line) + ": " + message : message),
      line_(line) {}

void validate_ics(std::string_view text) {
  const std::vector<ContentLine> lines = unfold(text);
  std::vector<std::pair<std::string, std::size_t>> open;  // component name, line
  bool started = false;
  for (const ContentLine& line : lines) {
    if (line.text.empty()) continue;
    if (!started && upper(line.text) != "BEGIN:VCALENDAR") {
      throw IcsError(line.number, "not iCalendar: it does not begin with BEGIN:VCALENDAR");
    }
    started = true;
    if (line.text.find(':') == std::string::npos)
      throw IcsError(line.number, "not an iCalendar content line: '" + line.text + "'");
    const std::string name = property_name(line.text);
    if (name == "BEGIN") {
      open.emplace_back(upper(property_value(line.text)), line.number);
    } else if (name == "END") {
      const std::string component = upper(property_value(line.text));
      if (open.empty() || open.back().first != component)
        throw IcsError(line.number, "END:" + component + " closes nothing that is open");
      open.pop_back();
    } else {
      check_dates(line, name);
    }
  }
  if (!started) throw IcsError(0, "not iCalendar: the file is empty");
  if (!open.empty()) {
    throw IcsError(lines.back().number, "truncated: BEGIN:" + open.back().first + " on line " +
                                            std::to_string(open.back().second) +
                                            " is never closed");
  }
}

IcsFeedReading read_ics_feed(std::string_view text, const IcsFeedOptions& options) {
  validate_ics(text);
  ComponentPtr root(icalparser_parse_string(std::string(text).c_str()));
  if (!root) throw IcsError(0, "libical cannot read it");
  icalcomponent* calendar = root.get();
  if (icalcomponent_isa(calendar) != ICAL_VCALENDAR_COMPONENT) {
    calendar = icalcomponent_get_first_component(calendar, ICAL_VCALENDAR_COMPONENT);
    if (!calendar) throw IcsError(0, "not iCalendar: no VCALENDAR");
  }
  IcsFeedReading reading;
  // Instances a VEVENT with a RECURRENCE-ID replaces: UID → instance keys.
  std::map<std::string, std::set<std::string>> overridden;
  // Collected first, for the same reason as properties_of: one cursor per component.
  std::vector<icalcomponent*> vevents;
  for (icalcomponent* c = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); c;
       c = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
    vevents.push_back(c);
  }
  for (icalcomponent* c : vevents) {
    if (icalproperty* rid = icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY)) {
      const icaltimetype value =
          zoned(rid, icalproperty_get_recurrenceid(rid), calendar, reading.warnings);
      overridden[uid_of(c)].insert(instance_key(value));
    }
  }
  std::map<std::string, Event> events;  // by id: a later duplicate VEVENT replaces an earlier
  for (icalcomponent* vevent : vevents) {
    const std::string uid = uid_of(vevent);
    const icaltimetype start = start_of(vevent, calendar, uid, reading.warnings);
    const Length length = length_of(vevent, start, calendar, reading.warnings);
    if (icalproperty* rid = icalcomponent_get_first_property(vevent, ICAL_RECURRENCEID_PROPERTY)) {
      const std::string key =
          instance_key(zoned(rid, icalproperty_get_recurrenceid(rid), calendar, reading.warnings));
      Event event = event_of(vevent, uid, key, occurrence_of(start, length), options);
      events[event.id] = std::move(event);
    } else if (recurs(vevent)) {
      const auto& replaced = overridden[uid];
      for (const auto& [key, instance] :
           instances_of(vevent, start, calendar, options, reading.warnings)) {
        if (replaced.contains(key)) continue;
        Event event = event_of(vevent, uid, key, occurrence_of(instance, length), options);
        events[event.id] = std::move(event);
      }
    } else {
      Event event = event_of(vevent, uid, "", occurrence_of(start, length), options);
      events[event.id] = std::move(event);
    }
  }
  for (auto& [id, event] : events) reading.events.push_back(std::move(event));
  return reading;
}

}  // namespace itkal

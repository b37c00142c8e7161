#pragma once

// External calendars written by libical itself, as an organizer's calendar software would: the
// time zones are libical's own VTIMEZONEs, the text is libical's serialisation (folding,
// escaping), so the reader is tested against what a real producer writes, not our typing.
#include <libical/ical.h>

#include <set>
#include <string>
#include <vector>

namespace itkal::testing {

/// One VEVENT of a fixture calendar.
struct FixtureEvent {
  std::string uid;
  std::string summary;
  /// "UTC", an Olson name ("America/New_York"), or empty for an all-day event.
  std::string zone;
  int year = 2026, month = 1, day = 1;
  int hour = 0, minute = 0;
  /// How long it lasts: minutes for a timed event, days for an all-day one.
  int length = 60;
  std::string rrule;  ///< "FREQ=WEEKLY;COUNT=4", none when empty
  /// Instances excluded (same zone and time of day as DTSTART): {year, month, day}.
  std::vector<std::vector<int>> exdates;
  std::string location;
  std::string url;
  std::string description;
  bool cancelled = false;
};

namespace detail {

inline icaltimezone* fixture_zone(const std::string& name) {
  if (name == "UTC") return icaltimezone_get_utc_timezone();
  return icaltimezone_get_builtin_timezone(name.c_str());
}

/// A date-time property with its TZID, as libical writes it.
inline icalproperty* with_zone(icalproperty* property, const icaltimetype& value) {
  if (value.zone && !icaltime_is_utc(value)) {
    icalproperty_add_parameter(
        property,
        icalparameter_new_tzid(icaltimezone_get_tzid(const_cast<icaltimezone*>(value.zone))));
  }
  return property;
}

inline icaltimetype start_of(const FixtureEvent& event, int year, int month, int day) {
  icaltimetype value = icaltime_null_time();
  value.year = year;
  value.month = month;
  value.day = day;
  if (event.zone.empty()) {
    value.is_date = 1;
    return value;
  }
  value.hour = event.hour;
  value.minute = event.minute;
  value.zone = fixture_zone(event.zone);
  return value;
}

inline icalcomponent* vevent_of(const FixtureEvent& event) {
  icalcomponent* vevent = icalcomponent_new_vevent();
  icalcomponent_add_property(vevent, icalproperty_new_uid(event.uid.c_str()));
  icaltimetype stamp = icaltime_from_string("20260601T000000Z");
  icalcomponent_add_property(vevent, icalproperty_new_dtstamp(stamp));
  icalcomponent_add_property(vevent, icalproperty_new_summary(event.summary.c_str()));
  const icaltimetype start = start_of(event, event.year, event.month, event.day);
  icaltimetype end = start;
  if (start.is_date) {
    icaltime_adjust(&end, event.length, 0, 0, 0);
  } else {
    icaltime_adjust(&end, 0, 0, event.length, 0);
  }
  icalcomponent_add_property(vevent, with_zone(icalproperty_new_dtstart(start), start));
  icalcomponent_add_property(vevent, with_zone(icalproperty_new_dtend(end), end));
  if (!event.rrule.empty()) {
    icalcomponent_add_property(
        vevent, icalproperty_new_rrule(icalrecurrencetype_from_string(event.rrule.c_str())));
  }
  for (const auto& date : event.exdates) {
    const icaltimetype excluded = start_of(event, date.at(0), date.at(1), date.at(2));
    icalcomponent_add_property(vevent, with_zone(icalproperty_new_exdate(excluded), excluded));
  }
  if (!event.location.empty())
    icalcomponent_add_property(vevent, icalproperty_new_location(event.location.c_str()));
  if (!event.url.empty())
    icalcomponent_add_property(vevent, icalproperty_new_url(event.url.c_str()));
  if (!event.description.empty())
    icalcomponent_add_property(vevent, icalproperty_new_description(event.description.c_str()));
  if (event.cancelled)
    icalcomponent_add_property(vevent, icalproperty_new_status(ICAL_STATUS_CANCELLED));
  return vevent;
}

}  // namespace detail

/// A whole VCALENDAR holding `events`, with a VTIMEZONE (libical's) for every zone they use.
inline std::string make_calendar(const std::vector<FixtureEvent>& events) {
  icalcomponent* calendar = icalcomponent_new_vcalendar();
  icalcomponent_add_property(calendar, icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar, icalproperty_new_prodid("-//itkal tests//libical//EN"));
  std::set<std::string> zones;
  for (const auto& event : events) {
    if (event.zone.empty() || event.zone == "UTC" || !zones.insert(event.zone).second) continue;
    icalcomponent* zone = icaltimezone_get_component(detail::fixture_zone(event.zone));
    icalcomponent_add_component(calendar, icalcomponent_new_clone(zone));
  }
  for (const auto& event : events) icalcomponent_add_component(calendar, detail::vevent_of(event));
  std::string text = icalcomponent_as_ical_string(calendar);
  icalcomponent_free(calendar);
  return text;
}

}  // namespace itkal::testing

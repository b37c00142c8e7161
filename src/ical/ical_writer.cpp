#include "itkal/ical/ical_writer.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <exception>
#include <memory>
#include <span>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <thread>
#include <tuple>

#include "itkal/ical/ical_text.hpp"
#include "itkal/text/usable_cpus.hpp"

namespace itkal {
namespace {

using boost::gregorian::date;

struct ComponentDeleter {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

/// Serializes a component and takes ownership of libical's buffer.
std::string serialize(icalcomponent* component) {
  char* text = icalcomponent_as_ical_string_r(component);
  std::string result(text);
  icalmemory_free_buffer(text);
  return result;
}

icaltimetype make_date(const date& day) {
  icaltimetype time = icaltime_null_date();
  time.year = day.year();
  time.month = day.month();
  time.day = day.day();
  return time;
}

/// Wall-clock time without a zone; `minutes` may pass midnight (24:00 is the next day's 00:00).
icaltimetype make_local(const date& day, int minutes) {
  icaltimetype time = icaltime_null_time();
  time.year = day.year();
  time.month = day.month();
  time.day = day.day();
  icaltime_adjust(&time, 0, 0, minutes, 0);
  return time;
}

/// The open-ended (no UNTIL, no COUNT) sub-component of a kind: the rule in force now.
icalcomponent* current_rule(icalcomponent* vtimezone, icalcomponent_kind kind) {
  icalcomponent* found = nullptr;
  for (icalcomponent* part = icalcomponent_get_first_component(vtimezone, kind); part;
       part = icalcomponent_get_next_component(vtimezone, kind)) {
    icalproperty* rrule = icalcomponent_get_first_property(part, ICAL_RRULE_PROPERTY);
    if (!rrule) continue;
    const icalrecurrencetype rule = icalproperty_get_rrule(rrule);
    if (icaltime_is_null_time(rule.until) && rule.count == 0) found = part;
  }
  return found;
}

/// The first day in `year` a yearly rule like BYMONTH=10;BYDAY=-1SU falls on.
date first_rule_day(const icalrecurrencetype& rule, int year) {
  const int month = rule.by_month[0];
  const int position = icalrecurrencetype_day_position(rule.by_day[0]);
  const int weekday = static_cast<int>(icalrecurrencetype_day_day_of_week(rule.by_day[0])) - 1;
  if (month < 1 || month > 12 || weekday < 0 || weekday > 6 || position == 0) {
    throw std::logic_error("libical's Europe/Berlin rule is not of the form BYMONTH;BYDAY");
  }
  const auto day_of_week = static_cast<boost::date_time::weekdays>(weekday);
  const auto month_of_year = static_cast<boost::gregorian::months_of_year>(month);
  if (position < 0) {
    return boost::gregorian::last_day_of_the_week_in_month(day_of_week, month_of_year)
        .get_date(static_cast<unsigned short>(year));
  }
  return boost::gregorian::nth_day_of_the_week_in_month(
             static_cast<boost::gregorian::nth_day_of_the_week_in_month::week_num>(position),
             day_of_week, month_of_year)
      .get_date(static_cast<unsigned short>(year));
}

/// STANDARD or DAYLIGHT in the classic order Outlook writes itself: DTSTART (first transition
/// of 1970 at the rule's local time), RRULE, offsets, name.
icalcomponent* minimal_rule(icalcomponent* source, icalcomponent_kind kind) {
  const icalrecurrencetype rule =
      icalproperty_get_rrule(icalcomponent_get_first_property(source, ICAL_RRULE_PROPERTY));
  const icaltimetype source_start = icalcomponent_get_dtstart(source);
  const date start_day = first_rule_day(rule, 1970);
  icaltimetype start = make_local(start_day, source_start.hour * 60 + source_start.minute);

  icalrecurrencetype open_rule;
  icalrecurrencetype_clear(&open_rule);
  open_rule.freq = ICAL_YEARLY_RECURRENCE;
  open_rule.by_month[0] = rule.by_month[0];
  open_rule.by_day[0] = rule.by_day[0];

  icalcomponent* part = icalcomponent_new(kind);
  icalcomponent_add_property(part, icalproperty_new_dtstart(start));
  icalcomponent_add_property(part, icalproperty_new_rrule(open_rule));
  icalcomponent_add_property(
      part, icalproperty_new_tzoffsetfrom(icalproperty_get_tzoffsetfrom(
                icalcomponent_get_first_property(source, ICAL_TZOFFSETFROM_PROPERTY))));
  icalcomponent_add_property(
      part, icalproperty_new_tzoffsetto(icalproperty_get_tzoffsetto(
                icalcomponent_get_first_property(source, ICAL_TZOFFSETTO_PROPERTY))));
  if (icalproperty* name = icalcomponent_get_first_property(source, ICAL_TZNAME_PROPERTY)) {
    icalcomponent_add_property(part, icalproperty_new_tzname(icalproperty_get_tzname(name)));
  }
  return part;
}

/// Europe/Berlin as every feed writes it and as the writer resolves local times with.
struct BerlinZone {
  std::string text;
  icaltimezone* zone = nullptr;  // built from `text`'s component; lives as long as the program
  int standard_offset = 0;       // seconds east of UTC
  int daylight_offset = 0;

  BerlinZone() {
    icaltimezone* builtin = icaltimezone_get_builtin_timezone(kFeedTimeZone);
    if (!builtin) throw std::runtime_error("libical has no time zone 'Europe/Berlin'");
    // libical's zone carries Berlin's whole history (local mean time +005328 from 1893, UNTIL
    // chains); trimmed to 1970 on, its open-ended blocks are the rules in force now.
    ComponentPtr history(icalcomponent_new_clone(icaltimezone_get_component(builtin)));
    icaltimezone_truncate_vtimezone(history.get(), icaltime_from_string("19700101T000000Z"),
                                    icaltime_null_time(), 1);
    icalcomponent* standard = current_rule(history.get(), ICAL_XSTANDARD_COMPONENT);
    icalcomponent* daylight = current_rule(history.get(), ICAL_XDAYLIGHT_COMPONENT);
    if (!standard || !daylight) {
      throw std::runtime_error("libical's Europe/Berlin has no open-ended STANDARD and DAYLIGHT");
    }
    standard_offset = icalproperty_get_tzoffsetto(
        icalcomponent_get_first_property(standard, ICAL_TZOFFSETTO_PROPERTY));
    daylight_offset = icalproperty_get_tzoffsetto(
        icalcomponent_get_first_property(daylight, ICAL_TZOFFSETTO_PROPERTY));

    // The TZID is exactly "Europe/Berlin": Thunderbird rejects libical's
    // "/freeassociation.sourceforge.net/" prefix (libical #583).
    icalcomponent* vtimezone = icalcomponent_new(ICAL_VTIMEZONE_COMPONENT);
    icalcomponent_add_property(vtimezone, icalproperty_new_tzid(kFeedTimeZone));
    icalcomponent_add_component(vtimezone, minimal_rule(standard, ICAL_XSTANDARD_COMPONENT));
    icalcomponent_add_component(vtimezone, minimal_rule(daylight, ICAL_XDAYLIGHT_COMPONENT));
    text = serialize(vtimezone);
    zone = icaltimezone_new();
    icaltimezone_set_component(zone, vtimezone);  // takes ownership
  }

  /// Offset in force at a UTC time.
  int offset_at(icaltimetype utc) const {
    int is_daylight = 0;
    return icaltimezone_get_utc_offset_of_utc_time(zone, &utc, &is_daylight);
  }
};

const BerlinZone& berlin() {
  static const BerlinZone zone;
  return zone;
}

/// A DTSTART or DTEND value: Berlin wall-clock time (TZID) or, where that is ambiguous, UTC.
struct ResolvedTime {
  icaltimetype value;
  bool utc = false;
};

/// Resolves a Berlin wall-clock time that may fall into a daylight-saving change.
/// Gap (last Sunday of March, 02:00-02:59 does not exist): RFC 5545 3.3.5 reads such a time
/// with the offset before the gap, i.e. one hour later (02:30 is 03:30 CEST), but libical reads
/// it as 01:30 CET and clients disagree; we write the existing time RFC 5545 means, 03:30.
/// Overlap (last Sunday of October, 02:00-02:59 happens twice): RFC 5545 means the first
/// (summer-time) instance, libical takes the second; we write that first instance in UTC so
/// that no client can read it otherwise.
ResolvedTime resolve_berlin(icaltimetype local) {
  const BerlinZone& zone = berlin();
  auto as_utc = [](icaltimetype time, int offset) {
    icaltime_adjust(&time, 0, 0, 0, -offset);
    time.zone = icaltimezone_get_utc_timezone();
    return time;
  };
  const int low = std::min(zone.standard_offset, zone.daylight_offset);
  const int high = std::max(zone.standard_offset, zone.daylight_offset);
  const icaltimetype utc_low = as_utc(local, low);
  const icaltimetype utc_high = as_utc(local, high);
  const bool low_holds = zone.offset_at(utc_low) == low;
  const bool high_holds = zone.offset_at(utc_high) == high;
  if (low_holds != high_holds) return {local, false};    // the usual case: exactly one reading
  if (low_holds && high_holds) return {utc_high, true};  // overlap: the earlier instant
  icaltimetype shifted = local;                          // gap: move forward by its length
  icaltime_adjust(&shifted, 0, 0, 0, high - low);
  return {shifted, false};
}

/// Minutes to add to a Berlin wall-clock time that does not exist (the spring-forward gap):
/// RFC 5545 3.3.5 reads it with the offset before the gap, which names the time one gap-length
/// later (02:30 is 03:30 CEST); 0 for every time that exists.
int gap_shift(const date& day, int minutes) {
  const icaltimetype local = make_local(day, minutes);
  const ResolvedTime resolved = resolve_berlin(local);
  if (resolved.utc) return 0;
  return icaltime_compare(resolved.value, local) == 0
             ? 0
             : static_cast<int>(icaltime_as_timet(resolved.value) - icaltime_as_timet(local)) / 60;
}

/// Control characters other than newline and tab have no place in TEXT (RFC 5545 3.3.11);
/// CR LF and CR become newlines.
std::string clean_text(const std::string& text) {
  const bool needs_cleaning = std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7F;
  });
  if (!needs_cleaning) return text;
  std::string cleaned;
  cleaned.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      cleaned += '\n';
    } else if ((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7F) {
      cleaned += ' ';
    } else {
      cleaned += c;
    }
  }
  return cleaned;
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string joined;
  for (const auto& part : parts) {
    if (!joined.empty()) joined += separator;
    joined += part;
  }
  return joined;
}

/// The day of an issue that dates the event's changes; never the clock. Events built by hand
/// may lack dates: then the first day of the event itself.
date stamp_day(const date& preferred, const Event& event) {
  if (!preferred.is_special()) return preferred;
  if (!event.last_seen.is_special()) return event.last_seen;
  if (!event.first_seen.is_special()) return event.first_seen;
  return event.occurrences.empty() ? date(1970, 1, 1) : event.occurrences.front().start_date;
}

/// Start and end of one occurrence as wall-clock times (day, minutes since that midnight).
struct TimedSpan {
  date start_day;
  int start_minutes = 0;
  date end_day;
  int end_minutes = 0;
  int daily_count = 1;  ///< >1: repeats daily (RRULE:FREQ=DAILY;COUNT=n)
};

/// The times a VEVENT gets for a timed occurrence; see ical_writer.hpp for the defaults. Times in
/// the spring-forward gap are moved to the time RFC 5545 means before defaults are applied, so
/// that "2.30 Uhr" on 29.3.2026 gets a full default length from 03:30.
TimedSpan timed_span(const Occurrence& occurrence) {
  const int length = static_cast<int>(kDefaultEventLength.count());
  const int days = static_cast<int>((occurrence.end_date - occurrence.start_date).days());
  const bool daily = occurrence.daily_times && days > 0;
  // A continuous span runs from the first day's start to the last day's end; daily times (and a
  // single day) describe one day.
  const bool one_day = daily || days == 0;
  TimedSpan span{occurrence.start_date, 0, one_day ? occurrence.start_date : occurrence.end_date, 0,
                 daily ? days + 1 : 1};
  auto existing = [](const date& day, const TimeOfDay& time) {
    return time.minutes_since_midnight() + gap_shift(day, time.minutes_since_midnight());
  };
  if (occurrence.start_time && occurrence.end_time) {
    span.start_minutes = existing(span.start_day, *occurrence.start_time);
    span.end_minutes = existing(span.end_day, *occurrence.end_time);
    if (one_day && span.end_minutes < span.start_minutes &&
        span.start_minutes == occurrence.start_time->minutes_since_midnight()) {
      span.end_minutes += 24 * 60;  // "22-2 Uhr" ends after midnight
    }
    if (one_day && span.end_minutes <= span.start_minutes) {
      span.end_minutes = span.start_minutes + length;  // the gap swallowed the event
    }
  } else if (occurrence.start_time) {
    span.start_minutes = existing(span.start_day, *occurrence.start_time);
    // One day: the default length. A continuous span: until the end of its last day.
    span.end_minutes = one_day ? span.start_minutes + length : 24 * 60;
  } else {
    // Only an end ("bis 17 Uhr"): one day ends then and starts the default length earlier
    // (not before midnight); a continuous span starts at the first day's midnight.
    span.end_minutes = existing(span.end_day, *occurrence.end_time);
    span.start_minutes = one_day ? std::max(0, span.end_minutes - length) : 0;
    if (one_day && span.end_minutes <= span.start_minutes) {
      span.end_minutes = span.start_minutes + length;
    }
  }
  return span;
}

std::string description_for(const Event& event, const Occurrence& occurrence) {
  std::vector<std::string> lines;
  if (event.status == EntryStatus::cancelled) lines.emplace_back("Abgesagt.");
  if (!event.organizers.empty()) lines.push_back("Veranstalter: " + join(event.organizers, ", "));
  if (!event.details.empty()) lines.push_back("Hinweis: " + join(event.details, "; "));
  if (occurrence.start_time && !occurrence.end_time) {
    lines.emplace_back("Ende nicht angegeben.");
  } else if (!occurrence.start_time && occurrence.end_time) {
    lines.push_back("Beginn nicht angegeben, Ende " + occurrence.end_time->to_string() + " Uhr.");
  }
  if (event.url) lines.push_back("Link: " + *event.url);  // Google ignores URL
  if (!event.sources.empty() || !event.source_text.empty()) {
    std::string source = "Quelle:";
    if (!event.sources.empty()) {
      const std::string& path = event.sources.back();
      source +=
          " " +
          path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
      if (event.source_line > 0) source += ", Zeile " + std::to_string(event.source_line);
    }
    if (!event.source_text.empty()) source += "\n" + event.source_text;
    if (!lines.empty()) lines.emplace_back("");
    lines.push_back(source);
  }
  return clean_text(join(lines, "\n"));
}

std::string summary_for(const Event& event) {
  std::string title = clean_text(event.title);
  return event.status == EntryStatus::cancelled ? "ABGESAGT: " + title : title;
}

// --- VEVENT lines, written as libical 3.0 writes them ----------------------------------------

/// One component's property lines, each folded where libical folds it, so the bytes are those
/// icalcomponent_as_ical_string wrote before (a third of a build's time went to building and
/// serializing libical components).
class ComponentText {
 public:
  explicit ComponentText(std::string_view kind) : kind_(kind) {
    text_.reserve(1024);
    text_.append("BEGIN:").append(kind_).append("\r\n");
  }

  /// Starts a property line: its name and parameters; the value is appended to line().
  std::string& begin(std::string_view name_and_parameters) {
    line_.assign(name_and_parameters);
    line_ += ':';
    return line_;
  }
  void end() {
    line_ += "\r\n";
    detail::append_folded_line(text_, line_);
  }
  void text(std::string_view name, std::string_view value, bool list = false) {
    detail::append_text_value(begin(name), value, list);
    end();
  }
  void plain(std::string_view name, std::string_view value) {
    begin(name) += value;
    end();
  }
  std::string finish() {
    text_.append("END:").append(kind_).append("\r\n");
    return std::move(text_);
  }

 private:
  std::string_view kind_;
  std::string text_;
  std::string line_;
};

/// 00:00:00Z of a day: DTSTAMP, LAST-MODIFIED and CREATED come from issue dates, not the clock.
std::string utc_midnight_text(const date& day) {
  return detail::ical_time_text(make_date(day), false, false) + "T000000Z";
}

/// DTSTART or DTEND of a Berlin wall-clock time: with TZID, or in UTC where it is ambiguous.
void berlin_time_line(ComponentText& vevent, const char* name, icaltimetype local) {
  const ResolvedTime resolved = resolve_berlin(local);
  if (resolved.utc) {
    vevent.plain(name, detail::ical_time_text(resolved.value, true, true));
  } else {
    vevent.plain(std::string(name) + ";TZID=" + kFeedTimeZone,
                 detail::ical_time_text(resolved.value, true, false));
  }
}

/// One occurrence as a VEVENT with this UID: its text; sets `timed` when it refers to the
/// VTIMEZONE.
std::string render_vevent(const Event& event, const Occurrence& occurrence, const std::string& uid,
                          bool& timed) {
  ComponentText vevent("VEVENT");
  const date modified = stamp_day(event.last_modified, event);
  const std::string modified_text = utc_midnight_text(modified);
  vevent.text("UID", uid);
  vevent.plain("DTSTAMP", modified_text);
  vevent.plain("CREATED", utc_midnight_text(stamp_day(event.first_seen, event)));
  vevent.plain("LAST-MODIFIED", modified_text);
  vevent.plain("SEQUENCE", std::to_string(event.sequence));

  if (occurrence.all_day()) {
    vevent.plain("DTSTART;VALUE=DATE",
                 detail::ical_time_text(make_date(occurrence.start_date), false, false));
    // RFC 5545 3.6.1: DTEND is exclusive, the day after the last day.
    vevent.plain("DTEND;VALUE=DATE",
                 detail::ical_time_text(make_date(occurrence.end_date + boost::gregorian::days(1)),
                                        false, false));
  } else {
    const TimedSpan span = timed_span(occurrence);
    berlin_time_line(vevent, "DTSTART", make_local(span.start_day, span.start_minutes));
    berlin_time_line(vevent, "DTEND", make_local(span.end_day, span.end_minutes));
    if (span.daily_count > 1) {
      // One VEVENT for "2./3.6., 9-17 Uhr": Outlook handles RRULE well (RDATE poorly).
      vevent.plain("RRULE", "FREQ=DAILY;COUNT=" + std::to_string(span.daily_count));
    }
    timed = true;
  }

  vevent.text("SUMMARY", summary_for(event));
  std::string location = event.location ? clean_text(*event.location) : std::string();
  if (event.online) location = location.empty() ? "Online" : location + " / Online";
  if (!location.empty()) vevent.text("LOCATION", location);
  vevent.text("DESCRIPTION", description_for(event, occurrence));
  for (const auto& organizer : event.organizers) {
    // CATEGORIES is a comma-separated list that libical writes unescaped: a comma inside a
    // name would split it in two.
    std::string category = clean_text(organizer);
    std::replace(category.begin(), category.end(), ',', ' ');
    vevent.text("CATEGORIES", category, true);
  }
  if (event.url) vevent.plain("URL", clean_text(*event.url));
  vevent.plain("STATUS", event.status == EntryStatus::cancelled ? "CANCELLED" : "CONFIRMED");
  // Newsletter events should not block the subscriber's free/busy time.
  vevent.plain("TRANSP", "TRANSPARENT");
  vevent.plain("CLASS", "PUBLIC");
  return vevent.finish();
}

/// Minutes after midnight an occurrence's VEVENT starts at; -1 for all-day, so that all-day
/// events come first on their day.
int start_minutes(const Occurrence& occurrence) {
  return occurrence.all_day() ? -1 : timed_span(occurrence).start_minutes;
}

/// RFC 5545 3.3.11: a TEXT value with its backslashes, semicolons, commas and line breaks
/// escaped.
std::string escaped_text(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size() + 8);
  for (const char c : text) {
    if (c == '\\' || c == ';' || c == ',') escaped += '\\';
    if (c == '\n') {
      escaped += "\\n";
      continue;
    }
    escaped += c;
  }
  return escaped;
}

/// RFC 5545 3.1: a content line folded after at most 75 octets, never inside a UTF-8 sequence.
std::string folded_line(std::string_view line) {
  std::string folded;
  std::size_t width = 0;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t length = 1;
    const auto lead = static_cast<unsigned char>(line[i]);
    if (lead >= 0xF0)
      length = 4;
    else if (lead >= 0xE0)
      length = 3;
    else if (lead >= 0xC0)
      length = 2;
    length = std::min(length, line.size() - i);
    if (width + length > 75) {
      folded += "\r\n ";
      width = 1;
    }
    folded.append(line.substr(i, length));
    width += length;
    i += length;
  }
  return folded + "\r\n";
}

/// Text-valued X- properties (X-WR-CALNAME, X-WR-CALDESC). libical writes X values without
/// escaping commas and semicolons, and escapes backslashes of a value escaped beforehand, so the
/// line is written here: a client must not read "VITAKO aktuell, von itkal gelesen" as a list.
std::string text_x_property(std::string_view name, const std::string& text) {
  return folded_line(std::string(name) + ":" + escaped_text(text));
}

std::string x_property_value(std::chrono::minutes interval) {
  icaldurationtype duration = icaldurationtype_from_int(static_cast<int>(interval.count() * 60));
  char* text = icaldurationtype_as_ical_string_r(duration);
  std::string value(text);
  icalmemory_free_buffer(text);
  return value;
}

/// BEGIN:VCALENDAR and the calendar's properties, without END:VCALENDAR.
std::string calendar_head(const FeedOptions& options) {
  ComponentPtr calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent* c = calendar.get();
  icalcomponent_add_property(c, icalproperty_new_version("2.0"));
  icalcomponent_add_property(c, icalproperty_new_prodid(options.product_id.c_str()));
  icalcomponent_add_property(c, icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(c, icalproperty_new_method(ICAL_METHOD_PUBLISH));
  const std::string name = clean_text(options.name);
  icalcomponent_add_property(c, icalproperty_new_name(name.c_str()));
  icalproperty* timezone = icalproperty_new_x(kFeedTimeZone);
  icalproperty_set_x_name(timezone, "X-WR-TIMEZONE");
  icalcomponent_add_property(c, timezone);
  const int seconds = static_cast<int>(options.refresh_interval.count() * 60);
  icalcomponent_add_property(c,
                             icalproperty_new_refreshinterval(icaldurationtype_from_int(seconds)));
  icalproperty* ttl = icalproperty_new_x(x_property_value(options.refresh_interval).c_str());
  icalproperty_set_x_name(ttl, "X-PUBLISHED-TTL");
  icalcomponent_add_property(c, ttl);
  std::string text = serialize(c);
  static constexpr std::string_view kEnd = "END:VCALENDAR\r\n";
  text.resize(text.size() - kEnd.size());
  // In their old place, before X-WR-TIMEZONE, so that feeds without such characters keep
  // their bytes.
  std::string names = text_x_property("X-WR-CALNAME", name);
  if (!options.description.empty()) {
    names += text_x_property("X-WR-CALDESC", clean_text(options.description));
  }
  text.insert(text.find("X-WR-TIMEZONE:"), names);
  return text;
}

/// Hands the feed's pieces in order to `piece`: the head, the VTIMEZONE when a chosen VEVENT
/// has a time, the chosen VEVENTs, the end. Returns the bytes handed over.
template <typename Accept>
std::size_t emit_feed(const RenderedEvents& rendered, const FeedOptions& options, Accept accept,
                      const FeedPiece& piece) {
  std::vector<const RenderedEvents::Vevent*> chosen;
  chosen.reserve(rendered.vevents().size());
  bool timed = false;
  for (const auto& vevent : rendered.vevents()) {
    if (!accept(vevent)) continue;
    chosen.push_back(&vevent);
    timed = timed || vevent.timed;
  }
  std::size_t size = 0;
  const auto hand = [&](std::string_view bytes) {
    size += bytes.size();
    piece(bytes);
  };
  hand(calendar_head(options));
  // Every local time refers to it; an all-day-only feed has none.
  if (timed) hand(berlin_vtimezone());
  for (const auto* vevent : chosen) hand(vevent->text);
  hand("END:VCALENDAR\r\n");
  return size;
}

/// The feed as one string: its size first, so that it is allocated once.
template <typename Accept>
std::string assemble(const RenderedEvents& rendered, const FeedOptions& options, Accept accept) {
  const std::size_t size = emit_feed(rendered, options, accept, [](std::string_view) {});
  std::string feed;
  feed.reserve(size);
  emit_feed(rendered, options, accept, [&](std::string_view bytes) { feed += bytes; });
  return feed;
}

/// Accepts the VEVENTs of the events and occurrences `matcher` accepts.
class MatcherVerdicts {
 public:
  MatcherVerdicts(const RenderedEvents& rendered, const FeedMatcher& matcher)
      : rendered_(rendered), matcher_(matcher), event_matches_(rendered.events().size(), -1) {}
  bool operator()(const RenderedEvents::Vevent& vevent) {
    const Event& event = rendered_.events()[vevent.event_index];
    // Decided once per event: organizers, place, text and online do not differ by occurrence.
    signed char& verdict = event_matches_[vevent.event_index];
    if (verdict < 0) verdict = matcher_.matches_event(event) ? 1 : 0;
    return verdict == 1 && matcher_.matches_occurrence(event.occurrences[vevent.occurrence_index]);
  }

 private:
  const RenderedEvents& rendered_;
  const FeedMatcher& matcher_;
  std::vector<signed char> event_matches_;
};

/// VEVENTs of a part of the feed order and the blocks their texts are in.
struct RenderedPart {
  std::vector<RenderedEvents::Vevent> vevents;
  std::deque<std::string> blocks;
};

/// The threads a rendering of `count` VEVENTs uses: libical's serialization is about half of
/// a build, and each VEVENT is rendered on its own. Small feeds stay on one thread.
std::size_t render_threads(std::size_t count) {
  constexpr std::size_t kVeventsPerThread = 2000;
  const std::size_t cores = usable_cpus();
  return std::clamp<std::size_t>(count / kVeventsPerThread, 1, std::min<std::size_t>(cores, 4));
}

/// Renders the VEVENTs at `order`'s indexes, in that order. The texts go into blocks of about a
/// megabyte: one allocation per block instead of one per VEVENT, and a block never grows, so
/// the views into it stay valid.
RenderedPart render_in_order(const std::vector<Event>& events,
                             const std::vector<RenderedEvents::Vevent>& vevents,
                             const std::vector<std::string>& uids,
                             std::span<const std::size_t> order) {
  constexpr std::size_t kBlockBytes = 1 << 20;
  RenderedPart part;
  part.vevents.reserve(order.size());
  for (const std::size_t i : order) {
    RenderedEvents::Vevent vevent = vevents[i];
    const Event& event = events[vevent.event_index];
    const std::string text =
        render_vevent(event, event.occurrences[vevent.occurrence_index], uids[i], vevent.timed);
    if (part.blocks.empty() ||
        part.blocks.back().capacity() - part.blocks.back().size() < text.size()) {
      part.blocks.emplace_back();
      part.blocks.back().reserve(std::max(kBlockBytes, text.size()));
    }
    std::string& block = part.blocks.back();
    const std::size_t begin = block.size();
    block += text;
    vevent.text = std::string_view(block).substr(begin, text.size());
    part.vevents.push_back(vevent);
  }
  return part;
}

}  // namespace

const std::string& berlin_vtimezone() { return berlin().text; }

RenderedEvents::RenderedEvents(const std::vector<Event>& events, const std::string& uid_domain)
    : RenderedEvents(events, uid_domain, [](const Event&) { return true; }) {}

RenderedEvents::RenderedEvents(const std::vector<Event>& events, const std::string& uid_domain,
                               const std::function<bool(const Event&)>& keep)
    : events_(events), uid_domain_(uid_domain) {
  // The UIDs are needed for the order and inside the text only: not kept (100,000 VEVENTs
  // would hold megabytes of them).
  std::vector<std::string> uids;
  for (std::size_t e = 0; e < events.size(); ++e) {
    if (!keep(events[e])) continue;
    for (std::size_t o = 0; o < events[e].occurrences.size(); ++o) {
      Vevent vevent;
      vevent.event_index = e;
      vevent.occurrence_index = o;
      vevents_.push_back(vevent);
      uids.push_back(occurrence_uid(events[e], o, uid_domain_));
    }
  }
  // Feed order: by start (all-day before timed on the same day), then UID.
  std::vector<int> minutes(vevents_.size());
  for (std::size_t i = 0; i < vevents_.size(); ++i) {
    minutes[i] =
        start_minutes(events[vevents_[i].event_index].occurrences[vevents_[i].occurrence_index]);
  }
  std::vector<std::size_t> order(vevents_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto key = [&](std::size_t i) {
    const Vevent& vevent = vevents_[i];
    return std::tie(events[vevent.event_index].occurrences[vevent.occurrence_index].start_date,
                    minutes[i], uids[i]);
  };
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  // Each part of the feed order is rendered by a thread of its own into blocks of its own;
  // the parts are then joined in order, so the result does not depend on the threads.
  const std::size_t parts = render_threads(order.size());
  std::vector<RenderedPart> rendered(parts);
  std::vector<std::exception_ptr> failures(parts);
  std::vector<std::thread> threads;
  berlin();  // built before the threads use it
  for (std::size_t part = 0; part < parts; ++part) {
    const std::span<const std::size_t> slice(order.data() + order.size() * part / parts,
                                             order.data() + order.size() * (part + 1) / parts);
    auto render_part = [&, slice, part] {
      try {
        rendered[part] = render_in_order(events, vevents_, uids, slice);
      } catch (...) {
        failures[part] = std::current_exception();
      }
    };
    if (part + 1 < parts) {
      try {
        threads.emplace_back(render_part);
        continue;
      } catch (const std::system_error&) {
        // no thread to be had: rendered here
      }
    }
    render_part();  // the last part on this thread
  }
  for (auto& thread : threads) thread.join();
  for (const auto& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  std::vector<Vevent> sorted;
  sorted.reserve(vevents_.size());
  for (auto& part : rendered) {
    sorted.insert(sorted.end(), part.vevents.begin(), part.vevents.end());
    // Moving a block's string keeps its buffer: the views stay valid.
    for (auto& block : part.blocks) text_blocks_.push_back(std::move(block));
  }
  vevents_ = std::move(sorted);
}

std::string render_feed(const RenderedEvents& rendered, const FeedMatcher& matcher,
                        const FeedOptions& options) {
  return assemble(rendered, options, MatcherVerdicts(rendered, matcher));
}

std::size_t write_feed(const RenderedEvents& rendered, const FeedMatcher& matcher,
                       const FeedOptions& options, const FeedPiece& piece) {
  return emit_feed(rendered, options, MatcherVerdicts(rendered, matcher), piece);
}

std::string render_feed(const RenderedEvents& rendered, const FeedOptions& options) {
  return assemble(rendered, options, [](const RenderedEvents::Vevent&) { return true; });
}

std::string render_calendar(const std::vector<Event>& events, const FeedOptions& options) {
  const RenderedEvents rendered(events, options.uid_domain);
  return render_feed(rendered, options);
}

}  // namespace itkal

#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "itkal/ical/feed_filter.hpp"
#include "itkal/model/event.hpp"
#include "itkal/model/organizer_directory.hpp"
#include "itkal/version.hpp"

namespace itkal {

/// The time zone of every local time in a feed: the VTIMEZONE's TZID and X-WR-TIMEZONE.
inline constexpr const char* kFeedTimeZone = "Europe/Berlin";
/// UID domain when the configuration names none (RFC 2606 reserves ".invalid").
inline constexpr const char* kDefaultUidDomain = "itkal.invalid";
/// Length given to an event whose end (or start) the newsletter does not state: the length
/// Outlook, Google and Thunderbird give a new event, so it reads as "time not stated" rather
/// than as a claim about the event's length; the DESCRIPTION says which time was missing.
inline constexpr std::chrono::minutes kDefaultEventLength{60};

/// Settings of one feed.
struct FeedOptions {
  std::string name = "VITAKO IT-Kalender";     ///< NAME and X-WR-CALNAME
  std::string description;                     ///< X-WR-CALDESC; left out when empty
  std::string uid_domain = kDefaultUidDomain;  ///< the part of every UID after '@'
  /// How often clients should fetch again: REFRESH-INTERVAL (RFC 7986) and X-PUBLISHED-TTL.
  std::chrono::minutes refresh_interval{12 * 60};
  std::string product_id = std::string("-//itkal//itkal ") + kVersion + "//DE";  ///< PRODID
};

/// Every occurrence of a set of events as VEVENT text, serialized once with libical and kept in
/// feed order (start, then UID), so that each feed that contains an event reuses its text.
/// Immutable after construction: share it between threads freely.
///
/// How occurrences become VEVENTs (UID from occurrence_uid; DTSTAMP and LAST-MODIFIED are
/// 00:00:00Z of Event::last_modified, CREATED of Event::first_seen, never the clock):
/// - all day: DTSTART;VALUE=DATE, DTEND the day after the last day (RFC 5545: exclusive);
/// - start and end: DTSTART/DTEND;TZID=Europe/Berlin; an end before the start on one day runs
///   past midnight ("22-2 Uhr");
/// - only a start: kDefaultEventLength; only an end ("bis 17 Uhr"): kDefaultEventLength before
///   it, not before midnight; the DESCRIPTION says which time the newsletter left out;
/// - several days with daily times: one VEVENT, first day's times, RRULE:FREQ=DAILY;COUNT=days;
/// - several days without daily times: one VEVENT from the first day's start (or midnight) to
///   the last day's end (or the midnight after it);
/// - a time in the spring-forward gap (02:00-02:59 on the last Sunday of March) is written as the
///   existing time RFC 5545 3.3.5 says it means, one hour later (02:30 → 03:30 CEST), because
///   clients resolve it differently (libical: 01:30 CET);
/// - a time in the fall-back overlap (02:00-02:59 on the last Sunday of October) means its first,
///   summer-time instance (RFC 5545) and is written in UTC (02:30 → 00:30Z), because clients
///   pick different instances of the wall-clock time.
class RenderedEvents {
 public:
  /// One VEVENT (its UID is occurrence_uid of its event and occurrence).
  struct Vevent {
    std::size_t event_index = 0;       ///< into the events given to the constructor
    std::size_t occurrence_index = 0;  ///< into that event's occurrences
    /// "BEGIN:VEVENT\r\n…END:VEVENT\r\n", folded and escaped; a view into this object
    std::string_view text;
    bool timed = false;  ///< refers to the VTIMEZONE
  };

  /// Renders every occurrence. Keeps a reference to `events`: it must outlive this object.
  RenderedEvents(const std::vector<Event>& events, const std::string& uid_domain);
  /// Renders the occurrences of the events `keep` accepts only (event_index still counts all of
  /// `events`): a feed of some events then costs memory and time for those alone, and its
  /// render_feed bytes equal those of all events rendered with the same matcher.
  RenderedEvents(const std::vector<Event>& events, const std::string& uid_domain,
                 const std::function<bool(const Event&)>& keep);
  RenderedEvents(const RenderedEvents&) = delete;  // the views point into text_blocks_
  RenderedEvents& operator=(const RenderedEvents&) = delete;

  [[nodiscard]] const std::vector<Event>& events() const { return events_; }
  [[nodiscard]] const std::vector<Vevent>& vevents() const { return vevents_; }
  [[nodiscard]] const std::string& uid_domain() const { return uid_domain_; }

 private:
  const std::vector<Event>& events_;
  std::string uid_domain_;
  std::vector<Vevent> vevents_;
  /// Every VEVENT's text, in feed order; std::deque: adding a block moves none of the others.
  std::deque<std::string> text_blocks_;
};

/// Writes a VCALENDAR holding the VEVENTs whose event and occurrence `matcher` accepts, in the
/// order of `rendered`, and the Europe/Berlin VTIMEZONE when one of them has a time.
/// The same input gives the same bytes: nothing depends on the clock.
std::string render_feed(const RenderedEvents& rendered, const FeedMatcher& matcher,
                        const FeedOptions& options);

/// A part of a feed's bytes, valid during the call.
using FeedPiece = std::function<void(std::string_view)>;

/// The bytes of render_feed handed to `piece` in parts, in order, never held whole (a feed of
/// 65,000 events is tens of megabytes). Returns the feed's size.
std::size_t write_feed(const RenderedEvents& rendered, const FeedMatcher& matcher,
                       const FeedOptions& options, const FeedPiece& piece);

/// Writes a VCALENDAR with every VEVENT of `rendered`.
std::string render_feed(const RenderedEvents& rendered, const FeedOptions& options);

/// Renders all events into one feed (one-shot: RenderedEvents, then render_feed).
std::string render_calendar(const std::vector<Event>& events, const FeedOptions& options);

/// The VTIMEZONE every feed with times carries: TZID Europe/Berlin, the rules in force now as
/// one STANDARD and one DAYLIGHT block from 1970 with open yearly RRULEs (the shape Outlook
/// reads reliably), taken from libical's zone data.
const std::string& berlin_vtimezone();

}  // namespace itkal

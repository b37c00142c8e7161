// Rendering speed of the iCalendar writer: a 10,000-event feed set (the feed with everything,
// one per organizer, two named ones), rendered the way `itkal build` does it, against a peer that
// uses plain libical the usual way (build every VEVENT of every feed and serialize the calendar).
// Counts every VEVENT written in every feed. Prints the median of several runs.
//
// usage: ical_writer_bench [EVENTS] [RUNS]
#include <libical/ical.h>

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "itkal/build/feed_plan.hpp"
#include "itkal/ical/ical_writer.hpp"

namespace {

using boost::gregorian::date;
using boost::gregorian::days;
using Clock = std::chrono::steady_clock;

const std::vector<std::string> kOrganizers = {"VITAKO",
                                              "AKDB",
                                              "Dataport",
                                              "KDO",
                                              "ekom21",
                                              "Komm.ONE",
                                              "KDN",
                                              "ITEOS",
                                              "KISA",
                                              "regio iT",
                                              "Citkomm",
                                              "civitec",
                                              "GovConnect",
                                              "SIS",
                                              "krz",
                                              "ITDZ Berlin",
                                              "Freie Hansestadt Bremen",
                                              "DATABUND",
                                              "BTC",
                                              "SWK",
                                              "Bundesdruckerei",
                                              "govdigital",
                                              "nextgov iT",
                                              "kdvz Rhein-Erft-Rur",
                                              "eGovernment"};
const std::vector<std::string> kPlaces = {"Berlin",  "Mainz",    "München", "Oldenburg",
                                          "Hamburg", "Radebeul", "Köln",    "Frankfurt am Main"};
const std::vector<std::string> kTopics = {
    "Cybersicherheit: Social Engineering – wenn Hacker keine Tastatur benötigen",
    "Fachtagung Daten nutzen, Bildung gestalten",
    "KI im öffentlichen Sektor",
    "Digitale Souveränität: Open Source im Rathaus",
    "Workshop \"API first\"",
    "Management Kommunen: Stolpersteine im Projektalltag",
    "Zukunftskongress Staat & Verwaltung",
    "Sprechstunde KI-Verordnung"};

/// Deterministic pseudo-random numbers (the same events every run).
struct Lcg {
  unsigned long long state = 42;
  unsigned next(unsigned bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<unsigned>((state >> 33) % bound);
  }
};

std::vector<itkal::Event> make_events(std::size_t count) {
  Lcg random;
  std::vector<itkal::Event> events;
  events.reserve(count);
  const date first(2026, 1, 5);
  for (std::size_t i = 0; i < count; ++i) {
    itkal::Event event;
    char id[24];
    std::snprintf(id, sizeof id, "%020zx", i * 2654435761u);
    event.id = id;
    event.title = kTopics[random.next(kTopics.size())] + " " + std::to_string(i);
    const date day = first + days(random.next(700));
    const unsigned shape = random.next(10);
    itkal::Occurrence occurrence{day, day, std::nullopt, std::nullopt, false};
    if (shape < 6) {  // one day with times, as most entries are
      occurrence.start_time = itkal::TimeOfDay{9 + static_cast<int>(random.next(8)), 30};
      occurrence.end_time = itkal::TimeOfDay{occurrence.start_time->hour + 2, 0};
    } else if (shape == 7) {  // a congress over several days
      occurrence.end_date = day + days(1 + random.next(3));
    } else if (shape == 8) {  // daily times
      occurrence.end_date = day + days(1);
      occurrence.start_time = itkal::TimeOfDay{9, 0};
      occurrence.end_time = itkal::TimeOfDay{17, 0};
      occurrence.daily_times = true;
    }
    event.occurrences.push_back(occurrence);
    if (shape == 9) {  // separate dates
      event.occurrences.push_back(
          {day + days(7), day + days(7), itkal::TimeOfDay{10, 0}, std::nullopt, false});
    }
    event.organizers.push_back(kOrganizers[random.next(kOrganizers.size())]);
    if (random.next(3) == 0)
      event.organizers.push_back(kOrganizers[random.next(kOrganizers.size())]);
    if (random.next(4) != 0) event.location = kPlaces[random.next(kPlaces.size())];
    event.online = random.next(5) == 0;
    if (random.next(6) == 0) event.details.push_back("Hausmesse");
    if (random.next(10) == 0) event.status = itkal::EntryStatus::cancelled;
    event.sequence = static_cast<int>(random.next(3));
    event.first_seen = date(2026, 1, 1) + days(random.next(100));
    event.last_seen = event.last_modified = event.first_seen + days(random.next(60));
    event.sources = {"vitako-aktuell-2026-04-15.txt"};
    event.source_line = 140 + i % 50;
    event.source_text = boost::gregorian::to_simple_string(day) + ": " + event.title + ", " +
                        event.organizers.front();
    events.push_back(std::move(event));
  }
  return events;
}

std::size_t count_vevents(const std::string& feed) {
  std::size_t count = 0;
  for (std::size_t at = feed.find("BEGIN:VEVENT"); at != std::string::npos;
       at = feed.find("BEGIN:VEVENT", at + 1)) {
    ++count;
  }
  return count;
}

icaltimetype local_time(const date& day, int minutes, bool is_date) {
  icaltimetype time = is_date ? icaltime_null_date() : icaltime_null_time();
  time.year = day.year();
  time.month = day.month();
  time.day = day.day();
  if (!is_date) icaltime_adjust(&time, 0, 0, minutes, 0);
  return time;
}

/// The peer: libical used directly, every feed built from components and serialized whole.
std::string peer_feed(const std::vector<itkal::Event>& events, const itkal::FeedMatcher& matcher,
                      const itkal::FeedOptions& options, icalcomponent* vtimezone) {
  icalcomponent* calendar = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
  icalcomponent_add_property(calendar, icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar, icalproperty_new_prodid(options.product_id.c_str()));
  icalcomponent_add_property(calendar, icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalcomponent_add_property(calendar, icalproperty_new_name(options.name.c_str()));
  icalcomponent_add_component(calendar, icalcomponent_new_clone(vtimezone));
  icaltimetype stamp = icaltime_from_string("20260415T000000Z");
  for (const auto& event : events) {
    if (!matcher.matches_event(event)) continue;
    for (std::size_t o = 0; o < event.occurrences.size(); ++o) {
      const itkal::Occurrence& occurrence = event.occurrences[o];
      if (!matcher.matches_occurrence(occurrence)) continue;
      icalcomponent* vevent = icalcomponent_new(ICAL_VEVENT_COMPONENT);
      icalcomponent_add_property(
          vevent,
          icalproperty_new_uid(itkal::occurrence_uid(event, o, options.uid_domain).c_str()));
      icalcomponent_add_property(vevent, icalproperty_new_dtstamp(stamp));
      icalcomponent_add_property(vevent, icalproperty_new_sequence(event.sequence));
      const bool all_day = occurrence.all_day();
      const int start = occurrence.start_time ? occurrence.start_time->minutes_since_midnight() : 0;
      const int end =
          occurrence.end_time ? occurrence.end_time->minutes_since_midnight() : start + 60;
      icalproperty* dtstart =
          icalproperty_new_dtstart(local_time(occurrence.start_date, start, all_day));
      icalproperty* dtend =
          icalproperty_new_dtend(all_day ? local_time(occurrence.end_date + days(1), 0, true)
                                         : local_time(occurrence.end_date, end, false));
      if (!all_day) {
        icalproperty_add_parameter(dtstart, icalparameter_new_tzid("Europe/Berlin"));
        icalproperty_add_parameter(dtend, icalparameter_new_tzid("Europe/Berlin"));
      }
      icalcomponent_add_property(vevent, dtstart);
      icalcomponent_add_property(vevent, dtend);
      icalcomponent_add_property(vevent, icalproperty_new_summary(event.title.c_str()));
      if (event.location) {
        icalcomponent_add_property(vevent, icalproperty_new_location(event.location->c_str()));
      }
      icalcomponent_add_property(vevent, icalproperty_new_description(event.source_text.c_str()));
      for (const auto& organizer : event.organizers) {
        icalcomponent_add_property(vevent, icalproperty_new_categories(organizer.c_str()));
      }
      icalcomponent_add_property(vevent, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
      icalcomponent_add_property(vevent, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
      icalcomponent_add_property(vevent, icalproperty_new_class(ICAL_CLASS_PUBLIC));
      icalcomponent_add_component(calendar, vevent);
    }
  }
  char* text = icalcomponent_as_ical_string_r(calendar);
  std::string feed(text);
  icalmemory_free_buffer(text);
  icalcomponent_free(calendar);
  return feed;
}

struct Run {
  double seconds = 0;
  std::size_t vevents_written = 0;
  std::size_t bytes_written = 0;
};

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t event_count = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 10000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 7;
  const std::vector<itkal::Event> events = make_events(event_count);
  const itkal::OrganizerDirectory directory;
  itkal::FeedPlanOptions plan_options;
  itkal::FeedSpec north{"Norden", "norden", {}};
  north.filter.organizers = {"KDO", "Dataport", "Freie Hansestadt Bremen"};
  itkal::FeedSpec online{"Online", "online", {}};
  online.filter.online = true;
  plan_options.named = {north, online};
  const itkal::FeedPlan plan = itkal::plan_feeds(events, directory, plan_options);
  itkal::FeedOptions options;
  options.uid_domain = "itkal.example";

  icalcomponent* vtimezone = icalparser_parse_string(
      ("BEGIN:VCALENDAR\r\n" + itkal::berlin_vtimezone() + "END:VCALENDAR\r\n").c_str());
  icalcomponent* peer_zone = icalcomponent_get_first_component(vtimezone, ICAL_VTIMEZONE_COMPONENT);

  std::vector<double> itkal_rates, peer_rates, itkal_seconds, peer_seconds, render_seconds;
  std::size_t all_bytes = 0, all_vevents = 0, written = 0, peer_written = 0;
  (void)itkal::berlin_vtimezone();  // zone set-up is a one-time cost outside the runs
  for (int run = 0; run < runs; ++run) {
    Run mine;
    const auto start = Clock::now();
    {
      const itkal::RenderedEvents rendered(events, options.uid_domain);
      render_seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
      for (const auto& spec : plan.feeds) {
        options.name = spec.name;
        const std::string feed =
            itkal::render_feed(rendered, itkal::FeedMatcher(spec.filter, directory), options);
        mine.bytes_written += feed.size();
        if (run == 0) {
          mine.vevents_written += count_vevents(feed);  // counted once, outside later timings
          if (spec.slug == plan.feeds.front().slug) {
            all_bytes = feed.size();
            all_vevents = count_vevents(feed);
          }
        }
      }
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (run == 0) written = mine.vevents_written;
    itkal_seconds.push_back(seconds);
    itkal_rates.push_back(static_cast<double>(written) / seconds);

    Run peer;
    const auto peer_start = Clock::now();
    for (const auto& spec : plan.feeds) {
      options.name = spec.name;
      const std::string feed =
          peer_feed(events, itkal::FeedMatcher(spec.filter, directory), options, peer_zone);
      peer.bytes_written += feed.size();
      if (run == 0) peer.vevents_written += count_vevents(feed);
    }
    const double peer_time = std::chrono::duration<double>(Clock::now() - peer_start).count();
    if (run == 0) peer_written = peer.vevents_written;
    peer_seconds.push_back(peer_time);
    peer_rates.push_back(static_cast<double>(peer_written) / peer_time);
  }
  icalcomponent_free(vtimezone);

  std::printf("events: %zu (%zu VEVENTs in the all-feed), feeds: %zu, runs: %d\n", events.size(),
              all_vevents, plan.feeds.size(), runs);
  std::printf("VEVENTs written per run, all feeds together: %zu (peer: %zu)\n", written,
              peer_written);
  std::printf(
      "itkal render (each VEVENT serialized once, text reused): median %.3f s, %.0f VEVENTs/s\n",
      median(itkal_seconds), median(itkal_rates));
  std::printf("  of which rendering each VEVENT once (RenderedEvents): median %.3f s\n",
              median(render_seconds));
  std::printf(
      "peer: plain libical, build + serialize every feed:         median %.3f s, %.0f VEVENTs/s\n",
      median(peer_seconds), median(peer_rates));
  std::printf("ratio itkal/peer: %.2fx\n", median(itkal_rates) / median(peer_rates));
  std::printf(
      "bytes per event (all-feed): %.0f\n",
      all_vevents ? static_cast<double>(all_bytes) / static_cast<double>(all_vevents) : 0.0);
  return 0;
}

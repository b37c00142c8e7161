// Writes the feed the client tests parse: events of every shape the writer knows (timed, all-day,
// daily, separate dates, cancelled, both daylight-saving Sundays, the March gap and the October
// overlap). expected.json states, by hand, what every client must read from it.
#include <boost/date_time/gregorian/gregorian.hpp>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "itkal/ical/ical_writer.hpp"

namespace {

using boost::gregorian::date;
using itkal::Event;
using itkal::Occurrence;
using itkal::TimeOfDay;

Occurrence span(date first, date last, std::optional<TimeOfDay> start = std::nullopt,
                std::optional<TimeOfDay> end = std::nullopt, bool daily = false) {
  return Occurrence{first, last, start, end, daily};
}

Occurrence on(date day, std::optional<TimeOfDay> start = std::nullopt,
              std::optional<TimeOfDay> end = std::nullopt) {
  return span(day, day, start, end);
}

Event event(const std::string& id, const std::string& title, std::vector<Occurrence> occurrences) {
  Event result;
  result.id = id;
  result.title = title;
  result.occurrences = std::move(occurrences);
  result.organizers = {"KDO"};
  result.first_seen = result.last_seen = result.last_modified = date(2026, 4, 15);
  result.sources = {"vitako-aktuell-2026-04-15.txt"};
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_client_feed OUT.ics\n";
    return 64;
  }
  std::vector<Event> events = {
      event("timed", "Workshop \"API first\", Teil 2; Bremen \\ online",
            {on(date(2026, 4, 20), TimeOfDay{15, 30}, TimeOfDay{17, 30})}),
      event("allday", "DMEA 2026", {span(date(2026, 4, 21), date(2026, 4, 23))}),
      event("daily", "Public-IT-Security (PITS)",
            {span(date(2026, 6, 16), date(2026, 6, 17), TimeOfDay{9, 0}, TimeOfDay{17, 0}, true)}),
      event("series", "Sprechstunde KI-Verordnung",
            {on(date(2026, 7, 8), TimeOfDay{10, 0}), on(date(2026, 7, 15), TimeOfDay{10, 0})}),
      event("cancelled", "Management Kommunen: Stolpersteine", {on(date(2026, 6, 25))}),
      event("continuous", "Hackathon Ümläüte 🎉",
            {span(date(2026, 4, 20), date(2026, 4, 22), TimeOfDay{10, 0}, TimeOfDay{16, 0})}),
      event("march", "Frühjahrstagung",
            {on(date(2026, 3, 29), TimeOfDay{10, 0}, TimeOfDay{12, 0})}),
      event("october", "Herbsttagung",
            {on(date(2026, 10, 25), TimeOfDay{10, 0}, TimeOfDay{12, 0})}),
      event("gap", "Nachtschicht im Frühling", {on(date(2026, 3, 29), TimeOfDay{2, 30})}),
      event("overlap", "Nachtschicht im Herbst",
            {on(date(2026, 10, 25), TimeOfDay{2, 30}, TimeOfDay{4, 0})}),
      event("winter", "Winterforum", {on(date(2027, 1, 12), TimeOfDay{9, 0}, TimeOfDay{10, 0})}),
  };
  events[4].status = itkal::EntryStatus::cancelled;
  events[4].sequence = 1;
  itkal::FeedOptions options;
  options.uid_domain = "itkal.example";
  options.name = "VITAKO IT-Kalender \u2013 Client-Test";
  std::ofstream out(argv[1], std::ios::binary);
  out << itkal::render_calendar(events, options);
  return out ? 0 : 1;
}

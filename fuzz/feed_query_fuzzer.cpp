// libFuzzer target: the server's query handling. The bytes are a request target's query;
// Poco::URI splits and decodes it as the server does (a Poco::Exception there is the server's
// "400 malformed request target"), parse_feed_filter reads the parameters, and a matcher built
// from an accepted filter is run against a few events.
#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "itkal/ical/feed_filter.hpp"
#include "itkal/model/event.hpp"

namespace {

std::vector<itkal::Event> sample_events() {
  using boost::gregorian::date;
  std::vector<itkal::Event> events(3);
  events[0].title = "Kommunaler IT-Sicherheitskongress";
  events[0].location = "Hannover";
  events[0].organizers = {"hannIT", "GovConnect"};
  events[0].occurrences = {{date(2026, 6, 2), date(2026, 6, 3), {}, {}, true}};
  events[1].title = "Webinar: OZG-Nachnutzung in der Praxis";
  events[1].online = true;
  events[1].organizers = {"ekom21"};
  events[1].occurrences = {{date(2026, 6, 9), date(2026, 6, 9), {}, {}, false}};
  events[2].title = "Management Kommunen";
  events[2].organizers = {"KDO"};
  events[2].details = {"verschoben vom 25.6."};
  events[2].occurrences = {{date(2026, 6, 26), date(2026, 6, 26), {}, {}, false}};
  return events;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace itkal;
  static const std::vector<Event> events = sample_events();
  const std::string target = "/calendar.ics?" + std::string(fuzz::as_text(data, size));
  std::vector<std::pair<std::string, std::string>> params;
  try {
    const Poco::URI uri(target);
    params = uri.getQueryParameters();
  } catch (const Poco::Exception&) {
    return 0;  // the server answers 400
  }
  const FeedFilterParse parse = parse_feed_filter(params);
  if (!parse.ok()) return 0;  // the server answers 400 with parse.error
  fuzz::require(!parse.filter.from || !parse.filter.to || *parse.filter.from <= *parse.filter.to,
                "accepted a filter whose from is after its to");
  const FeedMatcher matcher(parse.filter, fuzz::project_directory());
  for (const Event& event : events) {
    const bool whole = matcher.matches(event);
    bool any_occurrence = false;
    for (const Occurrence& occurrence : event.occurrences)
      any_occurrence = any_occurrence || matcher.matches_occurrence(occurrence);
    fuzz::require(whole == (matcher.matches_event(event) && any_occurrence),
                  "matches() is not matches_event() and an occurrence in range");
    if (parse.filter.empty()) fuzz::require(whole, "an empty filter dropped an event");
  }
  return 0;
}

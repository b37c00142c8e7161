#pragma once

#include <Poco/Timestamp.h>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstddef>
#include <string>

#include "itkal/serve/feed_store.hpp"

namespace itkal {

/// What the index page needs besides the build.
struct IndexPageOptions {
  std::string base_url = "http://127.0.0.1:8080";  ///< public URL of the server, no trailing '/'
  std::string calendar_name = "VITAKO IT-Kalender";
  std::string calendar_description;
  std::size_t upcoming_limit = 20;  ///< events listed under "Die nächsten Termine"
};

/// The subscribe URL of a feed file ("organizers/kdo.ics") over http(s).
std::string feed_http_url(const std::string& base_url, const std::string& file);
/// The same with the webcal: scheme, which desktop clients open as a subscription.
std::string feed_webcal_url(const std::string& base_url, const std::string& file);
/// Google Calendar's subscribe link: https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2F…
std::string google_subscribe_url(const std::string& base_url, const std::string& file);

/// The day it is in Germany at `now` (Europe/Berlin: UTC+1, UTC+2 from the last Sunday of March
/// 01:00 UTC to the last Sunday of October 01:00 UTC, EU directive 2000/84/EC).
boost::gregorian::date berlin_date(Poco::Timestamp now);

/// The HTML page at "/": German, self-contained (no external assets), readable without script.
/// Lists the feeds with subscribe links and a copy button, one line per organizer with its event
/// count, the upcoming events from `today`, and how to subscribe in Outlook, Thunderbird, Google
/// and Apple calendars. Escapes every text taken from the build.
std::string render_index_page(const FeedSnapshot& snapshot, const IndexPageOptions& options,
                              boost::gregorian::date today);

}  // namespace itkal

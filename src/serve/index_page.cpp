#include "itkal/serve/index_page.hpp"

#include <Poco/URI.h>

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <cstdio>
#include <vector>

#include "itkal/model/entry.hpp"
#include "itkal/text/html_escape.hpp"

namespace itkal {
namespace {

using boost::gregorian::date;

std::string two_digits(int value) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d", value);
  return text;
}

/// "Di., 21.04.2026".
std::string german_date(const date& day) {
  static const char* const kWeekdays[] = {"So.", "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa."};
  return std::string(kWeekdays[day.day_of_week().as_number()]) + ", " + two_digits(day.day()) +
         "." + two_digits(day.month()) + "." + std::to_string(static_cast<int>(day.year()));
}

std::string occurrence_text(const Occurrence& occurrence) {
  std::string text = german_date(occurrence.start_date);
  if (occurrence.end_date != occurrence.start_date)
    text += " – " + german_date(occurrence.end_date);
  if (occurrence.start_time && occurrence.end_time) {
    text +=
        ", " + occurrence.start_time->to_string() + "–" + occurrence.end_time->to_string() + " Uhr";
  } else if (occurrence.start_time) {
    text += ", ab " + occurrence.start_time->to_string() + " Uhr";
  } else if (occurrence.end_time) {
    text += ", bis " + occurrence.end_time->to_string() + " Uhr";
  }
  return text;
}

date last_sunday(int year, int month) {
  date day = boost::gregorian::gregorian_calendar::end_of_month_day(
                 static_cast<unsigned short>(year), static_cast<unsigned short>(month)) == 31
                 ? date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), 31)
                 : date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), 30);
  while (day.day_of_week().as_number() != 0) day -= boost::gregorian::days(1);
  return day;
}

/// Seconds east of UTC in Germany at `now`.
long long berlin_offset_seconds(Poco::Timestamp now) {
  const long long utc_seconds = now.epochTime();
  const date utc_day = date(1970, 1, 1) + boost::gregorian::days(utc_seconds / 86400);
  const int year = utc_day.year();
  const date epoch(1970, 1, 1);
  // The switch happens at 01:00 UTC on both Sundays.
  const long long summer_start = (last_sunday(year, 3) - epoch).days() * 86400LL + 3600;
  const long long summer_end = (last_sunday(year, 10) - epoch).days() * 86400LL + 3600;
  return (utc_seconds >= summer_start && utc_seconds < summer_end) ? 7200 : 3600;
}

std::string berlin_date_time(Poco::Timestamp time) {
  const long long local = time.epochTime() + berlin_offset_seconds(time);
  const date day = date(1970, 1, 1) + boost::gregorian::days(local / 86400);
  const long long seconds = local % 86400;
  return german_date(day) + ", " + two_digits(static_cast<int>(seconds / 3600)) + ":" +
         two_digits(static_cast<int>(seconds / 60 % 60)) + " Uhr";
}

std::string event_count_text(std::size_t count) {
  return count == 1 ? "1 Termin" : std::to_string(count) + " Termine";
}

/// An element id from a feed file: "organizers/kdo.ics" → "feed-organizers-kdo".
std::string id_for(const std::string& file) {
  std::string id = "feed-";
  for (const char c : file.substr(0, file.size() - 4)) {
    id += ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ? c : '-';
  }
  return id;
}

/// The subscribe controls of one feed: the https address to copy, a webcal link, a Google link.
void subscribe_controls(std::string& html, const std::string& base_url, const ManifestFeed& feed,
                        const std::string& label) {
  const std::string id = id_for(feed.file);
  const std::string http = feed_http_url(base_url, feed.file);
  html += "<div class=\"subscribe\">\n<label for=\"" + id + "\">Adresse zum Abonnieren von " +
          escape_html(label) + "</label>\n";
  html += "<input id=\"" + id + "\" class=\"address\" type=\"text\" readonly value=\"" +
          escape_html(http) + "\" data-file=\"" + escape_html(feed.file) + "\">\n";
  html += "<button type=\"button\" class=\"copy\" data-for=\"" + id +
          "\" hidden>Adresse kopieren</button>\n";
  html += "<a class=\"webcal\" href=\"" + escape_html(feed_webcal_url(base_url, feed.file)) +
          "\">Abonnieren (Outlook, Apple, Thunderbird)</a>\n";
  html += "<a class=\"google\" href=\"" + escape_html(google_subscribe_url(base_url, feed.file)) +
          "\">In Google Kalender abonnieren</a>\n</div>\n";
}

constexpr const char* kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff;margin:0}
main{max-width:62rem;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{font-size:1.8rem;margin:.5rem 0}
h2{font-size:1.35rem;margin-top:2rem;border-bottom:1px solid #ccc}
.notice{background:#fff6d6;border-left:4px solid #b58900;padding:.6rem .9rem}
.feeds{list-style:none;padding:0}
.feeds>li{border:1px solid #ccc;border-radius:4px;padding:.6rem .9rem;margin:.6rem 0}
.subscribe{display:flex;flex-wrap:wrap;gap:.4rem .8rem;align-items:center}
.subscribe label{flex-basis:100%;font-size:.9rem}
.organizers .subscribe label{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.address{flex:1 1 22rem;font-family:ui-monospace,monospace;font-size:.9rem;padding:.25rem}
button{font:inherit;padding:.25rem .7rem;cursor:pointer}
a{color:#0645ad}
:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #ddd}
td.count{white-space:nowrap}
.events li{margin:.35rem 0}
.cancelled{color:#a40000;font-weight:bold}
footer{margin-top:2.5rem;font-size:.9rem;color:#444}
)";

constexpr const char* kScript = R"(
(function () {
  var status = document.getElementById('copy-status');
  document.querySelectorAll('button.copy').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var input = document.getElementById(button.getAttribute('data-for'));
      var done = function () { status.textContent = 'Adresse kopiert: ' + input.value; };
      var fallback = function () {
        input.focus();
        input.select();
        try {
          if (!document.execCommand('copy')) throw new Error('copy');
          done();
        } catch (error) {
          status.textContent = 'Die Adresse ist markiert: bitte mit Strg+C (Mac: Cmd+C) kopieren.';
        }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, fallback);
      } else {
        fallback();
      }
    });
  });
})();
)";

}  // namespace

std::string feed_http_url(const std::string& base_url, const std::string& file) {
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + file;
}

std::string feed_webcal_url(const std::string& base_url, const std::string& file) {
  const std::string http = feed_http_url(base_url, file);
  const std::size_t scheme_end = http.find("://");
  return "webcal" + (scheme_end == std::string::npos ? "://" + http : http.substr(scheme_end));
}

std::string google_subscribe_url(const std::string& base_url, const std::string& file) {
  std::string encoded;
  Poco::URI::encode(feed_webcal_url(base_url, file), "!#$&'()*+,/:;=?@[]", encoded);
  return "https://calendar.google.com/calendar/r?cid=" + encoded;
}

date berlin_date(Poco::Timestamp now) {
  const long long local = now.epochTime() + berlin_offset_seconds(now);
  return date(1970, 1, 1) + boost::gregorian::days(local / 86400);
}

std::string render_index_page(const FeedSnapshot& snapshot, const IndexPageOptions& options,
                              date today) {
  const BuildManifest& manifest = snapshot.manifest();
  std::string html;
  html.reserve(16384);
  html += "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += "<title>" + escape_html(options.calendar_name) + " – Kalender abonnieren</title>\n";
  html += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n<main>\n";
  html += "<h1>" + escape_html(options.calendar_name) + "</h1>\n";
  if (!options.calendar_description.empty()) {
    html += "<p>" + escape_html(options.calendar_description) + "</p>\n";
  }
  html +=
      "<p class=\"notice\"><strong>Abonnieren, nicht herunterladen:</strong> Tragen Sie eine der "
      "Adressen unten in Ihrem Kalenderprogramm als Internetkalender (Abonnement) ein. Dann holt "
      "es "
      "neue und geänderte Termine von selbst. Eine heruntergeladene .ics-Datei wäre eine einmalige "
      "Kopie, die nie aktualisiert wird.</p>\n";
  html += "<p id=\"copy-status\" role=\"status\" aria-live=\"polite\"></p>\n";

  html += "<section aria-labelledby=\"kalender\">\n<h2 id=\"kalender\">Kalender</h2>\n";
  html += "<ul class=\"feeds\">\n";
  for (const ManifestFeed& feed : manifest.feeds) {
    if (feed.organizer) continue;
    html += "<li class=\"feed\" data-file=\"" + escape_html(feed.file) + "\">\n<h3>" +
            escape_html(feed.name) + "</h3>\n<p>" + event_count_text(feed.event_count) + "</p>\n";
    subscribe_controls(html, options.base_url, feed, feed.name);
    html += "</li>\n";
  }
  html += "</ul>\n</section>\n";

  html +=
      "<section aria-labelledby=\"veranstalter\">\n<h2 id=\"veranstalter\">Kalender je "
      "Veranstalter</h2>\n";
  html +=
      "<table class=\"organizers\">\n<thead><tr><th scope=\"col\">Veranstalter</th>"
      "<th scope=\"col\">Termine</th><th scope=\"col\">Abonnieren</th></tr></thead>\n<tbody>\n";
  for (const ManifestFeed& feed : manifest.feeds) {
    if (!feed.organizer) continue;
    html += "<tr class=\"organizer\" data-file=\"" + escape_html(feed.file) +
            "\"><th scope=\"row\">" + escape_html(*feed.organizer) + "</th><td class=\"count\">" +
            event_count_text(feed.event_count) + "</td><td>\n";
    subscribe_controls(html, options.base_url, feed, *feed.organizer);
    html += "</td></tr>\n";
  }
  html += "</tbody>\n</table>\n</section>\n";

  struct Upcoming {
    const Event* event;
    const Occurrence* occurrence;
  };
  std::vector<Upcoming> upcoming;
  for (const Event& event : snapshot.aggregation().events) {
    for (const Occurrence& occurrence : event.occurrences) {
      if (occurrence.end_date >= today) upcoming.push_back({&event, &occurrence});
    }
  }
  std::stable_sort(upcoming.begin(), upcoming.end(), [](const Upcoming& a, const Upcoming& b) {
    const auto minutes = [](const Occurrence& o) {
      return o.start_time ? o.start_time->minutes_since_midnight() : -1;
    };
    if (a.occurrence->start_date != b.occurrence->start_date) {
      return a.occurrence->start_date < b.occurrence->start_date;
    }
    return minutes(*a.occurrence) < minutes(*b.occurrence);
  });
  if (upcoming.size() > options.upcoming_limit) upcoming.resize(options.upcoming_limit);
  html += "<section aria-labelledby=\"termine\">\n<h2 id=\"termine\">Die nächsten Termine</h2>\n";
  if (upcoming.empty()) {
    html += "<p>Zurzeit sind keine kommenden Termine bekannt.</p>\n";
  } else {
    html += "<ol class=\"events\">\n";
    for (const Upcoming& item : upcoming) {
      const Event& event = *item.event;
      html += "<li><time datetime=\"" +
              boost::gregorian::to_iso_extended_string(item.occurrence->start_date) + "\">" +
              escape_html(occurrence_text(*item.occurrence)) + "</time>: ";
      if (event.status == EntryStatus::cancelled)
        html += "<span class=\"cancelled\">ABGESAGT:</span> ";
      html += "<strong>" + escape_html(event.title) + "</strong>";
      std::string where = event.online ? std::string("online") : event.location.value_or("");
      std::string who;
      for (const auto& organizer : event.organizers) who += (who.empty() ? "" : ", ") + organizer;
      if (!where.empty() || !who.empty()) {
        html += " (" + escape_html(where) + (!where.empty() && !who.empty() ? "; " : "") +
                escape_html(who) + ")";
      }
      html += "</li>\n";
    }
    html += "</ol>\n";
  }
  html += "</section>\n";

  const std::string example = feed_http_url(options.base_url, "calendar.ics");
  html +=
      "<section aria-labelledby=\"anleitung\">\n<h2 id=\"anleitung\">So abonnieren Sie den "
      "Kalender</h2>\n";
  html +=
      "<h3>Outlook (neu) und Outlook im Web</h3>\n<p>Das neue Outlook öffnet keine webcal-Links. "
      "Kopieren Sie die https-Adresse oben, dann: <em>Kalender → Kalender hinzufügen → Aus dem "
      "Internet abonnieren</em>, Adresse einfügen, Namen vergeben, <em>Importieren</em>.</p>\n"
      "<h3>Outlook (klassisch)</h3>\n<p>Klicken Sie auf <em>Abonnieren</em> und bestätigen Sie. "
      "Oder: <em>Kalender öffnen → Aus dem Internet…</em> und die kopierte Adresse einfügen.</p>\n"
      "<h3>Thunderbird</h3>\n<p><em>Kalender → Neuer Kalender… → Im Netzwerk</em>, die kopierte "
      "Adresse als Adresse eintragen, <em>Kalender suchen</em> und <em>Abonnieren</em>.</p>\n"
      "<h3>Google Kalender</h3>\n<p>Klicken Sie auf <em>In Google Kalender abonnieren</em>. Oder: "
      "<em>Weitere Kalender (+) → Per URL</em>, die kopierte Adresse einfügen, <em>Kalender "
      "hinzufügen</em>. Google holt Änderungen nur alle paar Stunden.</p>\n"
      "<h3>Apple Kalender (Mac, iPhone, iPad)</h3>\n<p>Klicken oder tippen Sie auf "
      "<em>Abonnieren</em>. Auf dem Mac auch: <em>Ablage → Neues Kalenderabonnement…</em>; auf "
      "iPhone und iPad: <em>Einstellungen → Kalender → Accounts → Account hinzufügen → Andere → "
      "Kalenderabo hinzufügen</em>, jeweils mit der kopierten Adresse.</p>\n";
  html += "</section>\n";

  html +=
      "<section aria-labelledby=\"daten\">\n<h2 id=\"daten\">Für Intranets und Entwickler</h2>\n";
  html += "<p>Alle Termine als JSON: <code>" +
          escape_html(feed_http_url(options.base_url, "events.json")) +
          "</code>. Gefilterte Kalender und JSON mit den Parametern <code>organizer</code> "
          "(mehrfach), <code>location</code>, <code>from</code> und <code>to</code> "
          "(JJJJ-MM-TT), <code>q</code> (Suchtext) und <code>online</code> (1 oder 0), zum "
          "Beispiel <code>" +
          escape_html(example) + "?organizer=KDO&amp;from=2026-05-01</code>.</p>\n</section>\n";

  html += "<footer>\n<p>Stand: " + escape_html(berlin_date_time(snapshot.built_at())) + " · " +
          event_count_text(manifest.event_count);
  if (!manifest.last_issue_date.empty()) {
    html += " · neueste Ausgabe vom " + escape_html(manifest.last_issue_date);
  }
  html +=
      "</p>\n</footer>\n</main>\n<script>" + std::string(kScript) + "</script>\n</body>\n</html>\n";
  return html;
}

}  // namespace itkal

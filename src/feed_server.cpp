#include "itkal/feed_server.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/SocketImpl.h>
#include <Poco/Stopwatch.h>
#include <Poco/Thread.h>
#include <Poco/URI.h>

#include <signal.h>
#include <sys/sendfile.h>
#include <sys/socket.h>

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <utility>
#include <vector>

#include "itkal/events_json.hpp"
#include "itkal/feed_filter.hpp"
#include "itkal/http_negotiation.hpp"
#include "itkal/index_page.hpp"
#include "itkal/json_writer.hpp"
#include "itkal/text_folding.hpp"

namespace itkal {
namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

constexpr const char* kCalendarType = "text/calendar; charset=utf-8";
constexpr const char* kJsonType = "application/json; charset=utf-8";
constexpr const char* kHtmlType = "text/html; charset=utf-8";
constexpr const char* kTextType = "text/plain; charset=utf-8";
// The page has inline style and script and nothing else; it never needs another origin.
constexpr const char* kPagePolicy =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'";

/// What to answer, decided before anything is sent.
struct Reply {
  HTTPResponse::HTTPStatus status = HTTPResponse::HTTP_OK;
  std::shared_ptr<const HttpResource> resource;  ///< sent with validators and gzip when set
  std::string text;                              ///< the body otherwise (errors, health)
  std::string content_type = kTextType;
  std::string cache_control = "no-store";
  bool cors = false;  ///< feeds and JSON are public data that browsers may read cross-origin
  std::vector<std::pair<std::string, std::string>> headers;
};

Reply text_reply(HTTPResponse::HTTPStatus status, const std::string& line) {
  Reply reply;
  reply.status = status;
  reply.text = line + "\n";
  return reply;
}

/// The parts of a request the routes look at.
struct RequestView {
  std::string method;
  std::string path;                                             ///< percent-decoded
  std::string raw_query;                                        ///< as sent
  std::vector<std::pair<std::string, std::string>> parameters;  ///< decoded
};

class RouteContext {
 public:
  RouteContext(FeedService& service, const RequestView& request,
               std::shared_ptr<const FeedSnapshot> snapshot)
      : service_(service), request_(request), snapshot_(std::move(snapshot)) {}
  FeedService& service() const { return service_; }
  const FeedServerOptions& options() const { return service_.options(); }
  const RequestView& request() const { return request_; }
  const FeedSnapshot& snapshot() const { return *snapshot_; }
  std::string list_url() const { return feed_http_url(options().config.base_url, ""); }

 private:
  FeedService& service_;
  const RequestView& request_;
  std::shared_ptr<const FeedSnapshot> snapshot_;
};

Reply feed_reply(const RouteContext& context, std::shared_ptr<const HttpResource> resource) {
  Reply reply;
  reply.resource = std::move(resource);
  reply.cache_control = context.service().feed_cache_control();
  reply.cors = true;
  return reply;
}

/// A filter from the query, or the 400/404 reply that explains why there is none.
struct FilterOrReply {
  FeedFilter filter;
  std::optional<Reply> reply;
};

FilterOrReply read_filter(const RouteContext& context) {
  const auto& options = context.options();
  for (const auto& [name, value] : context.request().parameters) {
    if (name.size() > options.max_parameter_length || value.size() > options.max_parameter_length) {
      return {{},
              text_reply(HTTPResponse::HTTP_BAD_REQUEST,
                         "parameter '" + name.substr(0, 40) + "' is longer than " +
                             std::to_string(options.max_parameter_length) + " bytes")};
    }
    if (!is_valid_utf8(name) || !is_valid_utf8(value)) {
      return {{}, text_reply(HTTPResponse::HTTP_BAD_REQUEST, "the query is not UTF-8")};
    }
  }
  FeedFilterParse parsed = parse_feed_filter(context.request().parameters);
  if (!parsed.ok()) return {{}, text_reply(HTTPResponse::HTTP_BAD_REQUEST, parsed.error)};
  for (const auto& organizer : parsed.filter.organizers) {
    if (!context.snapshot().organizer_name(organizer)) {
      return {{},
              text_reply(HTTPResponse::HTTP_NOT_FOUND, "unknown organizer '" + organizer +
                                                           "'; the organizers are listed at " +
                                                           context.list_url())};
    }
  }
  return {std::move(parsed.filter), std::nullopt};
}

/// A cache key that is the same for every query that selects the same events: organizers by
/// their folded canonical names, in order and without repeats; texts folded as FeedMatcher
/// compares them.
std::string normalized_filter_key(const FeedFilter& filter, const FeedSnapshot& snapshot) {
  std::vector<std::string> organizers;
  for (const auto& organizer : filter.organizers) {
    organizers.push_back(fold_for_matching(snapshot.organizer_name(organizer).value_or(organizer)));
  }
  std::sort(organizers.begin(), organizers.end());
  organizers.erase(std::unique(organizers.begin(), organizers.end()), organizers.end());
  std::string key = "o=";
  for (const auto& organizer : organizers) key += organizer + ",";
  if (filter.location) key += "&l=" + fold_for_matching(*filter.location);
  if (filter.from) key += "&f=" + boost::gregorian::to_iso_extended_string(*filter.from);
  if (filter.to) key += "&t=" + boost::gregorian::to_iso_extended_string(*filter.to);
  if (filter.text) key += "&q=" + fold_for_matching(*filter.text);
  if (filter.online) key += *filter.online ? "&n=1" : "&n=0";
  return key;
}

/// "VITAKO IT-Kalender – KDO" for organizer filters (the name of the build's organizer feed),
/// "VITAKO IT-Kalender – Auswahl" for any other filter.
std::string filtered_feed_name(const FeedFilter& filter, const FeedSnapshot& snapshot,
                               const Config& config) {
  const bool organizers_only = !filter.organizers.empty() && !filter.location && !filter.from &&
                               !filter.to && !filter.text && !filter.online;
  if (!organizers_only) return config.calendar_name + " \u2013 Auswahl";
  std::vector<std::string> names;
  for (const auto& organizer : filter.organizers) {
    const std::string name = snapshot.organizer_name(organizer).value_or(organizer);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  std::string joined;
  for (const auto& name : names) joined += (joined.empty() ? "" : ", ") + name;
  return config.calendar_name + " \u2013 " + joined;
}

FeedOptions feed_options(const Config& config, std::string name) {
  FeedOptions options;
  options.name = std::move(name);
  options.description = config.calendar_description;
  options.uid_domain = config.uid_domain;
  options.refresh_interval = std::chrono::hours(config.refresh_hours);
  return options;
}

/// Events and undated entries that pass the filter; an event keeps only the occurrences in the
/// date range, as the .ics has only their VEVENTs. Undated entries are tested on everything but
/// the dates (they have none) and stay marked "dated": false.
Aggregation filter_aggregation(const Aggregation& all, const FeedMatcher& matcher) {
  Aggregation selected;
  for (const Event& event : all.events) {
    if (!matcher.matches_event(event)) continue;
    Event kept = event;
    kept.occurrences.clear();
    for (const auto& occurrence : event.occurrences) {
      if (matcher.matches_occurrence(occurrence)) kept.occurrences.push_back(occurrence);
    }
    if (!kept.occurrences.empty()) selected.events.push_back(std::move(kept));
  }
  for (std::size_t i = 0; i < all.undated.size(); ++i) {
    const Entry& entry = all.undated[i];
    Event as_event;
    as_event.title = entry.title;
    as_event.location = entry.location;
    as_event.organizers = entry.organizers;
    as_event.details = entry.details;
    as_event.online = entry.online;
    if (!matcher.matches_event(as_event)) continue;
    selected.undated.push_back(entry);
    selected.undated_sources.push_back(i < all.undated_sources.size() ? all.undated_sources[i]
                                                                      : "");
  }
  return selected;
}

enum class Rendering { ics, json };

/// The whole file, or a filtered render from the cache (rendered and cached on a miss).
Reply filterable_reply(const RouteContext& context, const char* file, Rendering rendering) {
  const FeedSnapshot& snapshot = context.snapshot();
  if (context.request().raw_query.empty()) return feed_reply(context, snapshot.file(file));
  FilterOrReply parsed = read_filter(context);
  if (parsed.reply) {
    parsed.reply->cors = true;
    return *parsed.reply;
  }
  const FeedFilter& filter = parsed.filter;
  const std::string key = std::string(rendering == Rendering::ics ? "ics?" : "json?") +
                          normalized_filter_key(filter, snapshot);
  if (auto cached = snapshot.render_cache().find(key)) return feed_reply(context, cached);
  const std::lock_guard render_lock(context.service().render_mutex());
  if (auto cached = snapshot.render_cache().find(key)) return feed_reply(context, cached);

  const Config& config = context.options().config;
  const FeedMatcher matcher(filter, snapshot.directory());
  std::string body;
  if (rendering == Rendering::ics) {
    body = render_feed(snapshot.rendered_events(), matcher,
                       feed_options(config, filtered_feed_name(filter, snapshot, config)));
  } else {
    body = aggregation_to_json(filter_aggregation(snapshot.aggregation(), matcher));
  }
  auto resource = make_http_resource(
      std::move(body), rendering == Rendering::ics ? kCalendarType : kJsonType,
      rendering == Rendering::ics ? "calendar.ics" : "", snapshot.published(), config.gzip);
  snapshot.render_cache().insert(key, resource);
  return feed_reply(context, std::move(resource));
}

Reply no_query_allowed(const RouteContext& context) {
  return text_reply(HTTPResponse::HTTP_BAD_REQUEST,
                    "'" + context.request().path +
                        "' takes no query; filters apply to /calendar.ics and /events.json");
}

// ---- the routes ----

Reply answer_index(const RouteContext& context) {
  // Queries are ignored here: links to the page get tracking parameters appended.
  const FeedSnapshot& snapshot = context.snapshot();
  const auto today = context.service().today();
  const std::string key = "index?" + boost::gregorian::to_iso_extended_string(today);
  auto page = snapshot.render_cache().find(key);
  std::unique_lock<std::mutex> render_lock;
  if (!page) {
    render_lock = std::unique_lock(context.service().render_mutex());
    page = snapshot.render_cache().find(key);
  }
  if (!page) {
    const Config& config = context.options().config;
    IndexPageOptions page_options;
    page_options.base_url = config.base_url;
    page_options.calendar_name = config.calendar_name;
    page_options.calendar_description = config.calendar_description;
    page = make_http_resource(render_index_page(snapshot, page_options, today), kHtmlType, "",
                              snapshot.published(), config.gzip);
    snapshot.render_cache().insert(key, page);
  }
  Reply reply;
  reply.resource = std::move(page);
  reply.cache_control = "no-cache";
  reply.headers.emplace_back("Content-Security-Policy", kPagePolicy);
  return reply;
}

Reply answer_health(const RouteContext& context) {
  const FeedSnapshot& snapshot = context.snapshot();
  JsonWriter json;
  json.begin_object();
  json.key("status").value("ok");
  json.key("generation").value(snapshot.manifest().generation);
  json.key("last_build")
      .value(Poco::DateTimeFormatter::format(snapshot.built_at(),
                                             Poco::DateTimeFormat::ISO8601_FORMAT));
  json.key("event_count").value(snapshot.manifest().event_count);
  json.key("undated_count").value(snapshot.manifest().undated_count);
  json.key("feed_count").value(snapshot.manifest().feeds.size());
  const std::string problem = context.service().store().last_error();
  if (!problem.empty()) json.key("reload_problem").value(problem);
  json.end_object();
  Reply reply;
  reply.text = json.str();
  reply.content_type = kJsonType;
  return reply;
}

Reply answer_calendar(const RouteContext& context) {
  return filterable_reply(context, "/calendar.ics", Rendering::ics);
}

Reply answer_events(const RouteContext& context) {
  return filterable_reply(context, "/events.json", Rendering::json);
}

Reply answer_organizer_feed(const RouteContext& context) {
  if (!context.request().raw_query.empty()) return no_query_allowed(context);
  if (auto resource = context.snapshot().file(context.request().path)) {
    return feed_reply(context, std::move(resource));
  }
  const std::string& path = context.request().path;
  const std::string slug = path.substr(12, path.size() - 12 - 4);  // "/organizers/" … ".ics"
  Reply reply = text_reply(
      HTTPResponse::HTTP_NOT_FOUND,
      "no feed for organizer '" + slug + "'; the organizers are listed at " + context.list_url());
  reply.cors = true;
  return reply;
}

Reply answer_named_feed(const RouteContext& context) {
  if (!context.request().raw_query.empty()) return no_query_allowed(context);
  if (auto resource = context.snapshot().file(context.request().path)) {
    return feed_reply(context, std::move(resource));
  }
  return text_reply(
      HTTPResponse::HTTP_NOT_FOUND,
      "no feed at '" + context.request().path + "'; the feeds are listed at " + context.list_url());
}

enum class Match {
  exact,      ///< the path is the pattern
  ics_below,  ///< the pattern, then one segment ending in ".ics"
};

struct Route {
  const char* pattern;
  Match match;
  Reply (*answer)(const RouteContext&);
};

// Every URL the server answers. GET and HEAD only; anything else on these paths gets 405,
// any other path 404. Lookups are in memory: no path ever reaches the file system.
constexpr Route kRoutes[] = {
    {"/", Match::exact, answer_index},
    {"/healthz", Match::exact, answer_health},
    {"/calendar.ics", Match::exact, answer_calendar},  // every event, or ?organizer=…&from=…
    {"/events.json", Match::exact, answer_events},     // the same as JSON, undated entries too
    {"/organizers/", Match::ics_below, answer_organizer_feed},  // one per organizer
    {"/", Match::ics_below, answer_named_feed},                 // the configuration's named feeds
};

bool route_matches(const Route& route, const std::string& path) {
  const std::string_view pattern(route.pattern);
  if (route.match == Match::exact) return path == pattern;
  if (path.size() <= pattern.size() + 4 || path.compare(0, pattern.size(), pattern) != 0)
    return false;
  const std::string_view rest = std::string_view(path).substr(pattern.size());
  return rest.find('/') == std::string_view::npos && rest.substr(rest.size() - 4) == ".ics" &&
         rest != "..ics";
}

Reply answer(FeedService& service, const HTTPServerRequest& request, RequestView& view) {
  const auto& options = service.options();
  const std::string& target = request.getURI();
  if (target.size() > options.max_target_length) {
    return text_reply(
        HTTPResponse::HTTP_REQUEST_URI_TOO_LONG,
        "request target longer than " + std::to_string(options.max_target_length) + " bytes");
  }
  try {
    const Poco::URI uri(target);
    view.path = uri.getPath();
    view.raw_query = uri.getRawQuery();
    if (!view.raw_query.empty()) view.parameters = uri.getQueryParameters();
  } catch (const Poco::Exception&) {
    return text_reply(HTTPResponse::HTTP_BAD_REQUEST, "malformed request target");
  }
  if (view.path.empty() || view.path.front() != '/') {
    return text_reply(HTTPResponse::HTTP_BAD_REQUEST, "request target is not an absolute path");
  }
  const Route* route = nullptr;
  for (const Route& candidate : kRoutes) {
    if (route_matches(candidate, view.path)) {
      route = &candidate;
      break;
    }
  }
  if (!route) return text_reply(HTTPResponse::HTTP_NOT_FOUND, "not found: '" + view.path + "'");
  if (view.method != HTTPServerRequest::HTTP_GET && view.method != HTTPServerRequest::HTTP_HEAD) {
    Reply reply =
        text_reply(HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
                   "method " + view.method.substr(0, 32) + " not allowed; use GET or HEAD");
    reply.headers.emplace_back("Allow", "GET, HEAD");
    return reply;
  }
  auto snapshot = service.store().current();
  if (!snapshot) {
    Reply reply = text_reply(HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                             "no build to serve yet: " + service.store().last_error());
    reply.headers.emplace_back("Retry-After",
                               std::to_string(std::max(1, options.config.reload_seconds)));
    return reply;
  }
  return route->answer(RouteContext(service, view, std::move(snapshot)));
}

/// RFC 9110 13.2.2: If-None-Match decides when present; If-Modified-Since only without it.
bool not_modified(const HTTPServerRequest& request, const std::string& etag,
                  const Poco::Timestamp& last_modified) {
  const std::string if_none_match =
      request.get("If-None-Match", "");  // a copy: get() may return its temporary default
  if (request.has("If-None-Match")) return etag_listed(if_none_match, etag);
  if (!request.has("If-Modified-Since")) return false;
  const auto since = parse_http_date(request.get("If-Modified-Since"));
  // A date in the future is not a valid validator (RFC 9110 13.1.3).
  return since && *since <= Poco::Timestamp() && last_modified <= *since;
}

/// Writes a file's bytes with sendfile(2): straight from the page cache, no copy in user space.
/// Throws Poco::IOException when the client stalls past the send timeout or goes away, or when the
/// file is shorter than announced (someone wrote it in place).
void send_file(Poco::Net::StreamSocket& socket, const OpenFile& file) {
  const int out = socket.impl()->sockfd();
  off_t offset = 0;
  std::size_t left = file.size();
  while (left > 0) {
    const ssize_t sent = ::sendfile(out, file.fd(), &offset, std::min<std::size_t>(left, 1u << 30));
    if (sent < 0 && errno == EINTR) continue;
    if (sent == 0) throw Poco::IOException("the file is shorter than when it was read");
    if (sent < 0) throw Poco::IOException("sendfile", std::strerror(errno));
    left -= static_cast<std::size_t>(sent);
  }
}

/// Sends status, headers and body with one or two socket writes. Poco's sendBuffer() pushes the
/// body through a 4 KiB stream buffer, one send() per 4 KiB: a 5 MB feed took 1,400 system
/// calls. Falls back to sendBuffer() when the socket is not reachable.
void send_body(HTTPServerRequest& request, HTTPServerResponse& response,
               const HttpResource& resource, bool gzip, const Poco::Timespan& io_timeout) {
  const bool from_file = !gzip && resource.file;
  auto* direct = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request);
  if (!direct) {
    const std::string bytes = from_file ? resource.file->read() : std::string();
    const std::string& body = from_file ? bytes : gzip ? resource.gzip_body : resource.body;
    response.sendBuffer(body.data(), body.size());
    return;
  }
  const std::string& body = gzip ? resource.gzip_body : resource.body;
  const std::size_t size = from_file ? resource.file->size() : body.size();
  response.setContentLength64(static_cast<Poco::Int64>(size));
  std::ostringstream head;
  response.write(head);
  std::string bytes = std::move(head).str();
  Poco::Net::StreamSocket& socket = direct->socket();
  try {
    if (from_file) {
      // sendfile has no MSG_NOSIGNAL and blocks without a deadline of its own: SIGPIPE is
      // ignored (FeedServer::start) and the send timeout is set here. MSG_MORE lets the
      // headers leave in the first segment of the body instead of a small one of their own.
      socket.setSendTimeout(io_timeout);
      socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()), MSG_MORE);
      send_file(socket, *resource.file);
    } else if (body.size() <= 64 * 1024) {
      // Small bodies go in the same write as the headers: one segment for the whole response.
      bytes += body;
      socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
    } else {
      socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
      socket.sendBytes(body.data(), static_cast<int>(body.size()));
    }
  } catch (const Poco::Exception&) {
    // The client went away or stalled past the timeout in the middle of the response; nothing
    // sensible can follow on this connection. Poco's next read fails and closes it.
    response.setKeepAlive(false);
    try {
      socket.shutdown();
    } catch (const Poco::Exception&) {
    }
  }
}

/// Sends the reply; returns the body bytes written (0 for HEAD and 304).
std::size_t send_reply(const Reply& reply, HTTPServerRequest& request, HTTPServerResponse& response,
                       bool head, const Poco::Timespan& io_timeout) {
  response.set("X-Content-Type-Options", "nosniff");
  if (reply.cors) response.set("Access-Control-Allow-Origin", "*");
  for (const auto& [name, value] : reply.headers) response.set(name, value);
  response.set("Cache-Control", reply.cache_control);
  if (!reply.resource) {
    response.setStatusAndReason(reply.status);
    response.setContentType(reply.content_type);
    response.sendBuffer(reply.text.data(), reply.text.size());
    return head ? 0 : reply.text.size();
  }
  const HttpResource& resource = *reply.resource;
  const bool varies = !resource.gzip_body.empty();
  const bool gzip = varies && accepts_gzip(request.get("Accept-Encoding", ""));
  const std::string& etag = gzip ? resource.gzip_etag : resource.etag;
  if (varies) response.set("Vary", "Accept-Encoding");
  response.set("ETag", etag);
  response.set("Last-Modified", resource.last_modified_text);
  if (not_modified(request, etag, resource.last_modified)) {
    response.setStatusAndReason(HTTPResponse::HTTP_NOT_MODIFIED);
    response.send();
    return 0;
  }
  response.setStatusAndReason(reply.status);
  response.setContentType(resource.content_type);
  if (!resource.file_name.empty()) {
    response.set("Content-Disposition", "inline; filename=\"" + resource.file_name + "\"");
  }
  if (gzip) response.set("Content-Encoding", "gzip");
  const std::size_t size = gzip ? resource.gzip_body.size() : resource.body_size();
  if (head) {
    // Headers only, with the body's length.
    response.setContentLength64(static_cast<Poco::Int64>(size));
    response.send();
    return 0;
  }
  send_body(request, response, resource, gzip, io_timeout);
  return size;
}

/// True for targets that are a plain path: nothing to decode, no query, nothing to normalize.
bool is_plain_path(const std::string& target) {
  if (target.empty() || target.size() > 512 || target.front() != '/') return false;
  return std::all_of(target.begin(), target.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '.' || c == '-' || c == '_';
  });
}

/// The conditional GET of a build's file that every subscribed calendar repeats every few hours
/// is most of a feed server's traffic. It is answered here, before the general path, without
/// parsing the URI, building a Reply or filling Poco's header map and stream: the same headers
/// in one write, assembled in a buffer each thread reuses. Returns false (nothing sent) for
/// anything else, which the general path then answers.
bool answer_not_modified_fast(FeedService& service, HTTPServerRequest& request,
                              HTTPServerResponse& response) {
  const std::string& target = request.getURI();
  const std::string if_none_match =
      request.get("If-None-Match", "");  // a copy: get() may return its temporary default
  if (if_none_match.empty() || !is_plain_path(target)) return false;
  auto* direct = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request);
  if (!direct) return false;
  const Route* route = nullptr;
  for (const Route& candidate : kRoutes) {
    if (route_matches(candidate, target)) {
      route = &candidate;
      break;
    }
  }
  // Only the routes that answer with a build's file as it is.
  if (!route || route->answer == answer_index || route->answer == answer_health) return false;
  const auto snapshot = service.store().current();
  if (!snapshot) return false;
  const auto resource = snapshot->file(target);
  if (!resource) return false;
  const bool varies = !resource->gzip_body.empty();
  const bool gzip = varies && accepts_gzip(request.get("Accept-Encoding", ""));
  const std::string& etag = gzip ? resource->gzip_etag : resource->etag;
  if (!etag_listed(if_none_match, etag)) return false;

  thread_local std::string head;
  head.clear();
  head += request.getVersion();
  head += " 304 Not Modified\r\nDate: ";
  head += response.get("Date", "");
  head += response.getKeepAlive() ? "\r\nConnection: Keep-Alive" : "\r\nConnection: Close";
  if (response.has("Server")) {
    head += "\r\nServer: ";
    head += response.get("Server");
  }
  head +=
      "\r\nX-Content-Type-Options: nosniff\r\nAccess-Control-Allow-Origin: *\r\nCache-Control: ";
  head += service.feed_cache_control();
  if (varies) head += "\r\nVary: Accept-Encoding";
  head += "\r\nETag: ";
  head += etag;
  head += "\r\nLast-Modified: ";
  head += resource->last_modified_text;
  head += "\r\n\r\n";
  response.setStatus(HTTPResponse::HTTP_NOT_MODIFIED);  // for the access log
  Poco::Net::StreamSocket& socket = direct->socket();
  try {
    socket.sendBytes(head.data(), static_cast<int>(head.size()));
  } catch (const Poco::Exception&) {
    response.setKeepAlive(false);
  }
  return true;
}

/// Strips control characters so that a request cannot forge access log lines.
std::string loggable(const std::string& text, std::size_t limit = 512) {
  std::string clean;
  for (const char c : text.substr(0, limit)) {
    clean += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '"') ? '?' : c;
  }
  return clean;
}

class FeedRequestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit FeedRequestHandler(std::shared_ptr<FeedService> service)
      : service_(std::move(service)) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    Poco::Stopwatch clock;
    clock.start();
    RequestView view;
    view.method = request.getMethod();
    // The body of a GET is not read; the connection cannot carry another request after it.
    if ((request.hasContentLength() && request.getContentLength64() > 0) ||
        request.getChunkedTransferEncoding()) {
      response.setKeepAlive(false);
    }
    std::size_t bytes = 0;
    try {
      if ((view.method == HTTPServerRequest::HTTP_GET ||
           view.method == HTTPServerRequest::HTTP_HEAD) &&
          answer_not_modified_fast(*service_, request, response)) {
        log_access(request, response, view, 0, clock);
        return;
      }
      const Reply reply = answer(*service_, request, view);
      bytes = send_reply(reply, request, response, view.method == HTTPServerRequest::HTTP_HEAD,
                         service_->options().io_timeout);
    } catch (const std::exception& error) {
      Poco::Logger::get("itkal.server")
          .error("'" + loggable(request.getURI()) + "': " + error.what());
      if (!response.sent()) {
        const Reply reply = text_reply(HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal error");
        bytes = send_reply(reply, request, response, view.method == HTTPServerRequest::HTTP_HEAD,
                           service_->options().io_timeout);
      }
    }
    log_access(request, response, view, bytes, clock);
  }

 private:
  void log_access(const HTTPServerRequest& request, const HTTPServerResponse& response,
                  const RequestView& view, std::size_t bytes, const Poco::Stopwatch& clock) {
    Poco::Logger& access = service_->access_log();
    if (access.information()) {
      const double milliseconds = static_cast<double>(clock.elapsed()) / 1000.0;
      char timing[32];
      std::snprintf(timing, sizeof timing, "%.2f", milliseconds);
      access.information(request.clientAddress().host().toString() + " \"" +
                         loggable(view.method, 32) + " " + loggable(request.getURI()) + " " +
                         request.getVersion() + "\" " + std::to_string(response.getStatus()) + " " +
                         std::to_string(bytes) + " " + timing + "ms \"" +
                         loggable(request.get("User-Agent", "-"), 200) + "\"");
    }
  }

  std::shared_ptr<FeedService> service_;
};

FeedStoreOptions store_options(const FeedServerOptions& options) {
  FeedStoreOptions store;
  store.output_dir = options.config.output;
  store.organizers_path = options.config.organizers;
  store.uid_domain = options.config.uid_domain;
  store.gzip = options.config.gzip;
  store.render_cache_bytes = options.render_cache_bytes;
  store.reload_interval =
      options.reload_interval.count() > 0
          ? options.reload_interval
          : std::chrono::milliseconds(std::max(1, options.config.reload_seconds) * 1000);
  return store;
}

}  // namespace

FeedService::FeedService(FeedServerOptions options)
    : options_(std::move(options)),
      store_(store_options(options_)),
      access_log_(Poco::Logger::get("itkal.access")),
      // Clients are told in the feed to come back after the refresh interval (REFRESH-INTERVAL);
      // caches on the way may keep it as long.
      feed_cache_control_("public, max-age=" +
                          std::to_string(options_.config.refresh_hours * 3600)) {}

boost::gregorian::date FeedService::today() const {
  return options_.today ? options_.today() : berlin_date(Poco::Timestamp());
}

Poco::Net::HTTPRequestHandler* FeedRouter::createRequestHandler(const HTTPServerRequest&) {
  return new FeedRequestHandler(service_);
}

Poco::Net::HTTPServerParams::Ptr make_server_params(const FeedServerOptions& options) {
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(std::max(1, options.config.max_threads));
  params->setMaxQueued(std::max(1, options.config.max_queued));
  params->setTimeout(options.io_timeout);
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(options.keep_alive_timeout);
  params->setMaxKeepAliveRequests(options.max_keep_alive_requests);
  params->setServerName("itkal");
  params->setSoftwareVersion("itkal/0.1.0");
  return params;
}

Poco::Net::ServerSocket bind_server_socket(const std::string& address, int port, int backlog) {
  Poco::Net::ServerSocket socket;
  // SO_REUSEADDR so that a restart need not wait out TIME_WAIT, but not SO_REUSEPORT (which
  // Poco's two-argument bind also sets): with it a second `itkal serve` on the same port started
  // silently and the kernel split the connections between the two.
  socket.bind(Poco::Net::SocketAddress(address, static_cast<Poco::UInt16>(port)), true, false);
  socket.listen(backlog);
  // Accepted sockets inherit it: headers and body go out in two writes, which Nagle's algorithm
  // would hold back for the client's delayed ACK.
  socket.setNoDelay(true);
  return socket;
}

FeedServer::FeedServer(FeedServerOptions options, const Poco::Net::ServerSocket& socket)
    : service_(std::make_shared<FeedService>(std::move(options))),
      pool_(2, std::max(2, service_->options().config.max_threads)),
      port_(socket.address().port()) {
  service_->store().reload();
  server_ = std::make_unique<Poco::Net::HTTPServer>(new FeedRouter(service_), pool_, socket,
                                                    make_server_params(service_->options()));
}

FeedServer::~FeedServer() {
  if (running_) stop();
}

void FeedServer::start() {
  // A client that closes its connection in the middle of a sendfile() would otherwise kill the
  // process with SIGPIPE; socket writes of Poco's own use MSG_NOSIGNAL, sendfile has no such flag.
  ::signal(SIGPIPE, SIG_IGN);
  service_->store().start_polling();
  server_->start();
  running_ = true;
}

bool FeedServer::stop(Poco::Timespan grace) {
  if (!running_) return true;
  running_ = false;
  // stopAll(false): no new connections; a request in progress is answered, then its connection
  // and every idle keep-alive connection is closed.
  server_->stopAll(false);
  Poco::Stopwatch waited;
  waited.start();
  while (server_->currentConnections() > 0 && waited.elapsed() < grace.totalMicroseconds()) {
    Poco::Thread::sleep(10);
  }
  const bool drained = server_->currentConnections() == 0;
  service_->store().stop_polling();
  if (drained) pool_.joinAll();
  return drained;
}

}  // namespace itkal

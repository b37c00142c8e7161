#include "itkal/serve/feed_responder.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "itkal/formats/events_json.hpp"
#include "itkal/ical/feed_filter.hpp"
#include "itkal/serve/feed_server.hpp"
#include "itkal/serve/http/http_negotiation.hpp"
#include "itkal/serve/index_page.hpp"
#include "itkal/text/json_writer.hpp"
#include "itkal/text/text_folding.hpp"
#include "itkal/version.hpp"

namespace itkal {
namespace {

using Poco::Net::HTTPResponse;

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
  /// Answering needs a render the caller did not allow; nothing else is set.
  bool needs_render = false;
};

Reply render_needed() {
  Reply reply;
  reply.needs_render = true;
  return reply;
}

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
               std::shared_ptr<const FeedSnapshot> snapshot, bool may_render)
      : service_(service),
        request_(request),
        snapshot_(std::move(snapshot)),
        may_render_(may_render) {}
  FeedService& service() const { return service_; }
  const FeedServerOptions& options() const { return service_.options(); }
  const RequestView& request() const { return request_; }
  const FeedSnapshot& snapshot() const { return *snapshot_; }
  std::string list_url() const { return feed_http_url(options().config.base_url, ""); }
  bool may_render() const { return may_render_; }

 private:
  FeedService& service_;
  const RequestView& request_;
  std::shared_ptr<const FeedSnapshot> snapshot_;
  bool may_render_;
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
  if (!context.may_render()) return render_needed();
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
  if (!page && !context.may_render()) return render_needed();
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

Reply answer(FeedService& service, const HttpRequest& request, RequestView& view, bool may_render) {
  const auto& options = service.options();
  const std::string& target = request.target;
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
  if (view.method != "GET" && view.method != "HEAD") {
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
  return route->answer(RouteContext(service, view, std::move(snapshot), may_render));
}

/// RFC 9110 13.2.2: If-None-Match decides when present; If-Modified-Since only without it.
bool not_modified(const HttpRequest& request, const std::string& etag,
                  const Poco::Timestamp& last_modified) {
  if (const std::string* if_none_match = request.find("If-None-Match")) {
    return etag_listed(*if_none_match, etag);
  }
  const std::string* if_modified_since = request.find("If-Modified-Since");
  if (!if_modified_since) return false;
  const auto since = parse_http_date(*if_modified_since);
  // A date in the future is not a valid validator (RFC 9110 13.1.3).
  return since && *since <= Poco::Timestamp() && last_modified <= *since;
}

/// True for targets that are a plain path: nothing to decode, no query, nothing to normalize.
bool is_plain_path(const std::string& target) {
  if (target.empty() || target.size() > 512 || target.front() != '/') return false;
  return std::all_of(target.begin(), target.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '.' || c == '-' || c == '_';
  });
}

/// Strips control characters so that a request cannot forge access log lines.
std::string loggable(const std::string& text, std::size_t limit = 512) {
  std::string clean;
  for (const char c : text.substr(0, limit)) {
    clean += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '"') ? '?' : c;
  }
  return clean;
}

/// The Date field's value, formatted once a second per thread.
const std::string& current_http_date() {
  thread_local std::time_t second = -1;
  thread_local std::string text;
  const std::time_t now = std::time(nullptr);
  if (now != second) {
    second = now;
    text = format_http_date(Poco::Timestamp::fromEpochTime(now));
  }
  return text;
}

void add_field(std::string& head, std::string_view name, std::string_view value) {
  head += "\r\n";
  head += name;
  head += ": ";
  head += value;
}

/// The status line and the fields every response carries.
void begin_head(std::string& head, std::string_view version, int status, bool keep_alive) {
  head.reserve(512);
  head += version;
  head += ' ';
  head += std::to_string(status);
  head += ' ';
  head += HTTPResponse::getReasonForStatus(static_cast<HTTPResponse::HTTPStatus>(status));
  add_field(head, "Date", current_http_date());
  add_field(head, "Connection", keep_alive ? "Keep-Alive" : "Close");
  add_field(head, "Server", std::string("itkal/") + kVersion);
  add_field(head, "X-Content-Type-Options", "nosniff");
}

/// CORS, the reply's own fields and Cache-Control, in the order of every response.
void add_reply_fields(std::string& head, const Reply& reply) {
  if (reply.cors) add_field(head, "Access-Control-Allow-Origin", "*");
  for (const auto& [name, value] : reply.headers) add_field(head, name, value);
  add_field(head, "Cache-Control", reply.cache_control);
}

/// Vary, ETag and Last-Modified: what a cache needs to revalidate the representation.
void add_validator_fields(std::string& head, const HttpResource& resource,
                          const std::string& etag) {
  if (!resource.gzip_body.empty()) add_field(head, "Vary", "Accept-Encoding");
  add_field(head, "ETag", etag);
  add_field(head, "Last-Modified", resource.last_modified_text);
}

HttpResponse text_response(const Reply& reply, std::string_view version, bool keep_alive,
                           bool head_only) {
  HttpResponse response;
  response.status = reply.status;
  response.keep_alive = keep_alive;
  begin_head(response.head, version, reply.status, keep_alive);
  add_reply_fields(response.head, reply);
  add_field(response.head, "Content-Type", reply.content_type);
  add_field(response.head, "Content-Length", std::to_string(reply.text.size()));
  response.head += "\r\n\r\n";
  if (!head_only) {
    response.text = reply.text;
  }
  return response;
}

/// The response for a reply: a resource with its validators (304 when the request's
/// validators match) and gzip when the client takes it, or the reply's text.
HttpResponse reply_response(Reply reply, const HttpRequest& request, bool keep_alive) {
  const bool head_only = request.method == "HEAD";
  if (!reply.resource) return text_response(reply, request.version, keep_alive, head_only);
  const HttpResource& resource = *reply.resource;
  const bool gzip = !resource.gzip_body.empty() && accepts_gzip(request.get("Accept-Encoding", ""));
  const std::string& etag = gzip ? resource.gzip_etag : resource.etag;
  HttpResponse response;
  response.keep_alive = keep_alive;
  std::string& head = response.head;
  if (not_modified(request, etag, resource.last_modified)) {
    response.status = HTTPResponse::HTTP_NOT_MODIFIED;
    begin_head(head, request.version, response.status, keep_alive);
    add_reply_fields(head, reply);
    add_validator_fields(head, resource, etag);
    head += "\r\n\r\n";
    return response;
  }
  response.status = reply.status;
  begin_head(head, request.version, response.status, keep_alive);
  add_reply_fields(head, reply);
  add_validator_fields(head, resource, etag);
  add_field(head, "Content-Type", resource.content_type);
  if (!resource.file_name.empty()) {
    add_field(head, "Content-Disposition", "inline; filename=\"" + resource.file_name + "\"");
  }
  if (gzip) add_field(head, "Content-Encoding", "gzip");
  const std::size_t size = gzip ? resource.gzip_body.size() : resource.body_size();
  add_field(head, "Content-Length", std::to_string(size));
  head += "\r\n\r\n";
  if (!head_only) {
    if (gzip) {
      response.shared_body = resource.gzip_body;
    } else if (resource.file) {
      response.file = resource.file.get();
    } else {
      response.shared_body = resource.body;
    }
    response.owner = std::move(reply.resource);
  }
  return response;
}

/// The conditional GET of a build's file that every subscribed calendar repeats every few hours
/// is most of a feed server's traffic. It is answered here, before the general path, without
/// parsing the URI or building a Reply. Returns nothing for anything else, which the general
/// path then answers.
std::optional<HttpResponse> not_modified_fast(FeedService& service, const HttpRequest& request,
                                              bool keep_alive) {
  const std::string& target = request.target;
  const std::string* if_none_match = request.find("If-None-Match");
  if (!if_none_match || if_none_match->empty() || !is_plain_path(target)) return std::nullopt;
  const Route* route = nullptr;
  for (const Route& candidate : kRoutes) {
    if (route_matches(candidate, target)) {
      route = &candidate;
      break;
    }
  }
  // Only the routes that answer with a build's file as it is.
  if (!route || route->answer == answer_index || route->answer == answer_health) {
    return std::nullopt;
  }
  const auto snapshot = service.store().current();
  if (!snapshot) return std::nullopt;
  const auto resource = snapshot->file(target);
  if (!resource) return std::nullopt;
  const bool gzip =
      !resource->gzip_body.empty() && accepts_gzip(request.get("Accept-Encoding", ""));
  const std::string& etag = gzip ? resource->gzip_etag : resource->etag;
  if (!etag_listed(*if_none_match, etag)) return std::nullopt;
  HttpResponse response;
  response.status = HTTPResponse::HTTP_NOT_MODIFIED;
  response.keep_alive = keep_alive;
  std::string& head = response.head;
  begin_head(head, request.version, response.status, keep_alive);
  add_field(head, "Access-Control-Allow-Origin", "*");
  add_field(head, "Cache-Control", service.feed_cache_control());
  add_validator_fields(head, *resource, etag);
  head += "\r\n\r\n";
  return response;
}

}  // namespace

HttpResponse FeedResponder::respond(const HttpRequest& request, bool keep_alive,
                                    bool may_render) const {
  const bool get_or_head = request.method == "GET" || request.method == "HEAD";
  if (get_or_head) {
    if (auto fast = not_modified_fast(service_, request, keep_alive)) return std::move(*fast);
  }
  RequestView view;
  view.method = request.method;
  Reply reply;
  try {
    reply = answer(service_, request, view, may_render);
  } catch (const std::exception& error) {
    Poco::Logger::get("itkal.server").error("'" + loggable(request.target) + "': " + error.what());
    reply = text_reply(HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal error");
  }
  if (reply.needs_render) {
    HttpResponse deferred;
    deferred.needs_render = true;
    return deferred;
  }
  return reply_response(std::move(reply), request, keep_alive);
}

HttpResponse FeedResponder::refuse(int status, const std::string& reason,
                                   std::string_view version) const {
  const Reply reply = text_reply(static_cast<HTTPResponse::HTTPStatus>(status), reason);
  return text_response(reply, version, false, false);
}

void FeedResponder::log_access(const std::string& client, const HttpRequest& request,
                               const HttpResponse& response, double milliseconds) const {
  Poco::Logger& access = service_.access_log();
  if (!access.information()) return;
  char timing[32];
  std::snprintf(timing, sizeof timing, "%.2f", milliseconds);
  access.information(client + " \"" + loggable(request.method, 32) + " " +
                     loggable(request.target) + " " + request.version + "\" " +
                     std::to_string(response.status) + " " + std::to_string(response.body_size()) +
                     " " + timing + "ms \"" + loggable(request.get("User-Agent", "-"), 200) + "\"");
}

}  // namespace itkal

#include "feed_routes.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <mutex>
#include <optional>

#include "itkal/serve/filtered_feed.hpp"
#include "itkal/serve/index_page.hpp"
#include "itkal/text/json_writer.hpp"
#include "itkal/text/text_folding.hpp"

namespace itkal::feed_reply {
namespace {

using Poco::Net::HTTPResponse;

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

/// The whole file, or a filtered render from the cache (rendered and cached on a miss).
Reply filterable_reply(const RouteContext& context, const char* file, FilteredForm rendering) {
  const FeedSnapshot& snapshot = context.snapshot();
  if (context.request().raw_query.empty()) return feed_reply(context, snapshot.file(file));
  FilterOrReply parsed = read_filter(context);
  if (parsed.reply) {
    parsed.reply->cors = true;
    return *parsed.reply;
  }
  const FeedFilter& filter = parsed.filter;
  const std::string key = std::string(rendering == FilteredForm::ics ? "ics?" : "json?") +
                          normalized_filter_key(filter, snapshot);
  if (auto cached = snapshot.render_cache().find(key)) return feed_reply(context, cached);
  if (!context.may_render()) return render_needed();
  const std::lock_guard render_lock(context.service().render_mutex());
  if (auto cached = snapshot.render_cache().find(key)) return feed_reply(context, cached);

  auto resource = render_filtered(snapshot, filter, context.options().config, rendering);
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
  return filterable_reply(context, "/calendar.ics", FilteredForm::ics);
}

Reply answer_events(const RouteContext& context) {
  return filterable_reply(context, "/events.json", FilteredForm::json);
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

/// The first route whose pattern `path` matches; nullptr when none does.
const Route* find_route(const std::string& path) {
  for (const Route& route : kRoutes) {
    if (route_matches(route, path)) return &route;
  }
  return nullptr;
}

}  // namespace

bool serves_build_file_as_is(const std::string& path) {
  const Route* route = find_route(path);
  return route && route->answer != answer_index && route->answer != answer_health;
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
  const Route* route = find_route(view.path);
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

}  // namespace itkal::feed_reply

#pragma once
// Internal to the feed server: every URL it answers, each a function from the request and the
// current build to a Reply.
#include <string>
#include <utility>
#include <vector>

#include "feed_reply.hpp"
#include "itkal/serve/feed_server.hpp"
#include "itkal/serve/http/http_request.hpp"

namespace itkal::feed_reply {

/// The parts of a request the routes look at.
struct RequestView {
  std::string method;
  std::string path;                                             ///< percent-decoded
  std::string raw_query;                                        ///< as sent
  std::vector<std::pair<std::string, std::string>> parameters;  ///< decoded
};

/// The reply for a request (404, 405, 400, 414, 503 with reasons, or what the route answers);
/// `view` gets the decoded path and query. A reply with needs_render set asks to be called
/// again with `may_render` on a render worker.
Reply answer(FeedService& service, const HttpRequest& request, RequestView& view, bool may_render);

/// True when `path` is a route that answers with a build's file as it is (the feeds and
/// events.json without a query), whose conditional requests the fast path may answer.
bool serves_build_file_as_is(const std::string& path);

}  // namespace itkal::feed_reply

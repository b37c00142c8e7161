#pragma once

#include <Poco/JSON/Object.h>

#include <cstddef>
#include <string>

#include "itkal/config/source_config.hpp"
#include "itkal/fetch/source_store.hpp"

namespace itkal {

/// What a conditional GET brought: nothing new (304), or a body and the validators to remember.
struct ConditionalGet {
  bool not_modified = false;
  std::string body;
  std::string content_type;
  Poco::JSON::Object::Ptr validators;  ///< "etag" and "last_modified" of the response
};

/// HTTP(S) GET of the source's URL with If-None-Match/If-Modified-Since from the state the store
/// remembers, at most 5 redirects, the source's timeouts, 32 MiB at most,
/// `User-Agent: itkal/<version>`. Throws FetchError for any status but 200 and 304.
ConditionalGet conditional_get(const SourceConfig& source, const SourceStore& store);

/// A web page holding an issue: HTTP(S) GET with If-None-Match/If-Modified-Since from the last
/// fetch (a 304 stores nothing), at most 5 redirects, the source's timeouts, 32 MiB at most,
/// `User-Agent: itkal/<version>`. A changed page is stored as a new reading (.html, .txt or .pdf
/// by its Content-Type). Returns the number of new files (0 or 1); throws FetchError for any
/// status but 200 and 304.
std::size_t fetch_url(const SourceConfig& source, SourceStore& store);

}  // namespace itkal

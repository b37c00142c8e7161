#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "itkal/config/config.hpp"
#include "itkal/config/source_config.hpp"
#include "itkal/fetch/source_store.hpp"

namespace itkal {

/// An external iCalendar feed: fetched like a web page (conditional GET, redirects, timeouts,
/// 32 MiB) or read from a local file (`path`), then checked by reading it whole
/// (ics_feed_reader.hpp). Only a good copy replaces the one kept: a copy that is not iCalendar,
/// truncated or has a bad date throws FetchError naming the line, and the build goes on with the
/// previous copy. Returns 1 when the copy changed, else 0.
std::size_t fetch_ics(const SourceConfig& source, SourceStore& store);

/// The last good copy of an ics source; nullopt when none has been fetched yet.
std::optional<std::string> stored_ics(const Config& config, const SourceConfig& source);

}  // namespace itkal

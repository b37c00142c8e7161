#pragma once

#include <Poco/JSON/Object.h>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "itkal/aggregate/aggregator.hpp"

namespace itkal {

/// events.json: every aggregated event (dated) and every undated entry, with provenance. The build
/// writes it; the server and integrators read it. Deterministic: same aggregation, same bytes.
std::string aggregation_to_json(const Aggregation& aggregation);
/// The same bytes, written to `out` in pieces as they are made (never held whole).
void write_aggregation_json(const Aggregation& aggregation, std::ostream& out);

/// The "occurrences" array of a JSON object (events.json, the build's state files); throws
/// std::runtime_error on a missing or malformed date or time.
std::vector<Occurrence> occurrences_from_json(const Poco::JSON::Object::Ptr& object);

/// Reads events.json back; throws std::runtime_error naming `origin` on malformed input.
Aggregation aggregation_from_json(std::string_view json, const std::string& origin);

}  // namespace itkal

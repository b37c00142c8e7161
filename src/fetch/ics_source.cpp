#include "itkal/fetch/ics_source.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "itkal/fetch/source_fetcher.hpp"
#include "itkal/fetch/url_source.hpp"
#include "itkal/read/ics_feed_reader.hpp"
#include "itkal/read/newsletter_reader.hpp"

namespace itkal {
namespace fs = std::filesystem;

namespace {

/// The state key naming the kept copy among the source's fetched files.
constexpr const char* kCurrentCopy = "current";

std::string read_local(const std::string& path) {
  std::error_code error;
  const auto size = fs::file_size(path, error);
  if (error) throw FetchError("cannot read '" + path + "': " + error.message());
  if (size > kMaxSourceBytes)
    throw FetchError("more than the " + std::to_string(kMaxSourceBytes) + " bytes allowed");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  if (!in) throw FetchError("cannot read '" + path + "'");
  return content.str();
}

/// Reads the copy whole, as a build would, with a range that expands no recurrence.
void check_copy(const std::string& body) {
  IcsFeedOptions options;
  options.expand_from = boost::gregorian::date(1970, 1, 2);
  options.expand_to = boost::gregorian::date(1970, 1, 1);
  try {
    (void)read_ics_feed(body, options);
  } catch (const IcsError& error) {
    throw FetchError(std::string("not usable iCalendar: ") + error.what() +
                     "; the last good copy is kept");
  }
}

/// Copies other than the kept one are older good copies: nothing reads them any more.
void remove_other_copies(const SourceStore& store, const std::string& kept) {
  std::error_code error;
  for (const auto& item : fs::directory_iterator(store.folder(), error)) {
    const std::string name = item.path().filename().string();
    if (name != kept && name.ends_with(".ics")) fs::remove(item.path(), error);
  }
}

/// The copy the state names; nullopt when none was kept or it has gone.
std::optional<std::string> kept_copy(const SourceStore& store) {
  const Poco::JSON::Object::Ptr state = store.load_state();
  if (!state->has(kCurrentCopy)) return std::nullopt;
  const fs::path path = fs::path(store.folder()) / state->getValue<std::string>(kCurrentCopy);
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

std::size_t fetch_ics(const SourceConfig& source, SourceStore& store) {
  std::string body;
  Poco::JSON::Object::Ptr state = new Poco::JSON::Object;
  if (!source.path.empty()) {
    body = read_local(source.path);
  } else {
    // Without a kept copy a 304 would leave the source empty for good: ask unconditionally.
    if (!kept_copy(store) && store.load_state()->size() > 0)
      store.save_state(new Poco::JSON::Object);
    ConditionalGet got = conditional_get(source, store);
    if (got.not_modified) return 0;
    body = std::move(got.body);
    state = got.validators;
  }
  check_copy(body);
  const std::string name = SourceStore::file_name(body, "ics");
  const bool added = store.add(body, "ics");
  state->set(kCurrentCopy, name);
  store.save_state(state);
  remove_other_copies(store, name);
  return added ? 1 : 0;
}

std::optional<std::string> stored_ics(const Config& config, const SourceConfig& source) {
  return kept_copy(SourceStore(config.output, source));
}

}  // namespace itkal

#include "itkal/fetch/source_fetcher.hpp"

#include <algorithm>
#include <filesystem>

#include "itkal/fetch/ics_source.hpp"
#include "itkal/fetch/mailbox_source.hpp"
#include "itkal/fetch/source_store.hpp"
#include "itkal/fetch/url_source.hpp"

namespace itkal {
namespace {

std::size_t count_files(const std::string& folder) {
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) throw FetchError("not a folder");
  std::size_t count = 0;
  for (const auto& item : std::filesystem::directory_iterator(folder, error)) {
    if (item.is_regular_file(error) && !item.path().filename().string().starts_with(".")) ++count;
  }
  return count;
}

SourceFetch fetch_one(const Config& config, const SourceConfig& source) {
  SourceFetch fetch;
  fetch.label = source.label();
  if (!source.tls_verify) {
    fetch.warnings.push_back(
        "TLS certificates are not verified for this source (\"tls_verify\": false); anyone on "
        "the way can read and change what it fetches");
  }
  try {
    SourceStore store(config.output, source);
    switch (source.type) {
      case SourceType::folder:
        fetch.read_in_place = true;
        fetch.folder_files = count_files(source.path);
        break;
      case SourceType::imap:
        fetch.new_items = fetch_imap(source, store);
        break;
      case SourceType::pop3:
        fetch.new_items = fetch_pop3(source, store);
        break;
      case SourceType::url:
        fetch.new_items = fetch_url(source, store);
        break;
      case SourceType::ics:
        fetch.new_items = fetch_ics(source, store);
        break;
    }
  } catch (const std::runtime_error& error) {
    // FetchError, and BuildError when the state folder cannot be written.
    fetch.failed = true;
    fetch.reason = error.what();
  }
  return fetch;
}

}  // namespace

std::string SourceFetch::line() const {
  if (failed) return label + ": failed: " + reason;
  if (read_in_place) return label + ": read in place (" + std::to_string(folder_files) + " files)";
  if (new_items == 0) return label + ": unchanged";
  return label + ": " + std::to_string(new_items) + " new";
}

bool FetchReport::any_failed() const {
  return std::any_of(sources.begin(), sources.end(),
                     [](const SourceFetch& fetch) { return fetch.failed; });
}

FetchReport fetch_sources(const Config& config) {
  FetchReport report;
  for (const SourceConfig& source : config.sources)
    report.sources.push_back(fetch_one(config, source));
  return report;
}

}  // namespace itkal

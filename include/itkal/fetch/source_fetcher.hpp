#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "itkal/config/config.hpp"

namespace itkal {

/// A source that could not be fetched (server down, bad password, TLS error, timeout); the
/// message names the reason, never a password.
class FetchError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What fetching one source did.
struct SourceFetch {
  std::string label;             ///< SourceConfig::label()
  std::size_t new_items = 0;     ///< files stored that were not there before
  bool read_in_place = false;    ///< a folder source: nothing to fetch
  std::size_t folder_files = 0;  ///< a folder source: files it holds
  bool failed = false;
  std::string reason;                 ///< why it failed
  std::vector<std::string> warnings;  ///< e.g. TLS verification switched off

  /// "imap imaps://mail.example.org/INBOX (kalender): 2 new", "…: unchanged", "…: failed: …".
  [[nodiscard]] std::string line() const;
};

struct FetchReport {
  std::vector<SourceFetch> sources;
  [[nodiscard]] bool any_failed() const;
};

/// Fetches every source of the configuration into the output's state folder (SourceStore). A
/// failing source is reported, never thrown, and the others are still fetched. The caller holds
/// the build lock.
FetchReport fetch_sources(const Config& config);

}  // namespace itkal

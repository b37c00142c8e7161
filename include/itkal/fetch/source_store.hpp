#pragma once

#include <Poco/JSON/Object.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "itkal/config/config.hpp"

namespace itkal {

/// A configured issue folder that is missing or not a folder; the message names it.
class SourceFolderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The files fetched from sources and what each source remembers, kept under the output's
/// state folder: `.state/fetched/<source key>/<sha1 of the bytes>.<ext>` (content-addressed: a
/// message fetched twice is one file) and `.state/sources/<source key>.json`.
class SourceStore {
 public:
  SourceStore(const std::string& output, const SourceConfig& source);

  /// Stores one fetched item; false when a file with these bytes is already there.
  bool add(std::string_view bytes, const std::string& extension);
  /// The name `add` stores these bytes under: "<sha1 of the bytes>.<extension>".
  static std::string file_name(std::string_view bytes, const std::string& extension);

  /// What the source remembered after its last successful fetch (an empty object at first; a
  /// damaged file counts as empty, which at worst fetches again what is already stored).
  [[nodiscard]] Poco::JSON::Object::Ptr load_state() const;
  /// Replaces the remembered state atomically (durably: it decides what is fetched next).
  void save_state(const Poco::JSON::Object::Ptr& state) const;

  /// The folder of this source's fetched files.
  [[nodiscard]] const std::string& folder() const { return folder_; }

 private:
  std::string folder_;
  std::string state_file_;
};

/// The folders `itkal build` reads issues from: every folder source (or `inbox` when there is
/// none), then each source's folder of fetched files. Throws SourceFolderError when a configured
/// folder is missing (`inbox` only when it is the one source, as before `sources` existed).
std::vector<std::string> issue_folders(const Config& config);

/// `--inbox DIR`: the folder replaces every folder source.
void override_inbox(Config& config, const std::string& folder);

}  // namespace itkal

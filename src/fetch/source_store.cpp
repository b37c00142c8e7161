#include "itkal/fetch/source_store.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/JSON/Parser.h>
#include "itkal/text/sha1_engine.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "itkal/text/file_io.hpp"

namespace itkal {
namespace fs = std::filesystem;

namespace {

fs::path state_root(const std::string& output) { return fs::path(output) / ".state"; }

}  // namespace

SourceStore::SourceStore(const std::string& output, const SourceConfig& source)
    : folder_((state_root(output) / "fetched" / source.key()).string()),
      state_file_((state_root(output) / "sources" / (source.key() + ".json")).string()) {}

std::string SourceStore::file_name(std::string_view bytes, const std::string& extension) {
  Sha1Engine engine;
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest()) + "." + extension;
}

bool SourceStore::add(std::string_view bytes, const std::string& extension) {
  const fs::path path = fs::path(folder_) / file_name(bytes, extension);
  if (fs::exists(path)) return false;
  write_file_atomically(path.string(), std::string(bytes));
  return true;
}

Poco::JSON::Object::Ptr SourceStore::load_state() const {
  const std::string text = read_whole_file(state_file_).value_or("");
  if (!text.empty()) {
    try {
      Poco::JSON::Parser parser;
      return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
      // fall through: a damaged state is no state
    }
  }
  return new Poco::JSON::Object;
}

void SourceStore::save_state(const Poco::JSON::Object::Ptr& state) const {
  std::ostringstream text;
  state->stringify(text);
  write_file_atomically(state_file_, text.str());
}

std::vector<std::string> issue_folders(const Config& config) {
  std::vector<std::string> folders;
  for (const auto& source : config.sources) {
    if (source.type == SourceType::folder) folders.push_back(source.path);
  }
  std::error_code error;
  if (folders.empty() && (config.sources.empty() || fs::is_directory(config.inbox, error)))
    folders.push_back(config.inbox);
  for (const auto& folder : folders) {
    if (!fs::is_directory(folder, error))
      throw SourceFolderError("inbox '" + folder + "' is not a folder");
  }
  for (const auto& source : config.sources) {
    // An external calendar's copy is read as events (ics_source.hpp), not as an issue.
    if (source.type == SourceType::folder || source.type == SourceType::ics) continue;
    const std::string fetched = SourceStore(config.output, source).folder();
    if (fs::is_directory(fetched, error)) folders.push_back(fetched);
  }
  return folders;
}

void override_inbox(Config& config, const std::string& folder) {
  config.inbox = folder;
  if (config.sources.empty()) return;
  std::erase_if(config.sources,
                [](const SourceConfig& source) { return source.type == SourceType::folder; });
  config.sources.insert(config.sources.begin(), folder_source(folder));
}

}  // namespace itkal

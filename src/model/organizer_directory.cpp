#include "itkal/model/organizer_directory.hpp"

#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "itkal/text/file_io.hpp"
#include "itkal/text/text_folding.hpp"

namespace itkal {

OrganizerDirectory::OrganizerDirectory(std::vector<Organizer> organizers,
                                       std::vector<std::string> details)
    : organizers_(std::move(organizers)) {
  // The first organizer to claim a key keeps it, as with a name listed twice.
  const auto claim = [&](const std::string& name, std::size_t index) {
    FoldedKey& key = folded_keys_[fold_for_matching(name)];
    if (key.organizer == static_cast<std::size_t>(-1)) key.organizer = index;
  };
  for (std::size_t i = 0; i < organizers_.size(); ++i) {
    claim(organizers_[i].name, i);
    for (const auto& alias : organizers_[i].aliases) claim(alias, i);
  }
  for (const auto& detail : details) folded_keys_[fold_for_matching(detail)].detail = true;
}

OrganizerDirectory OrganizerDirectory::load(const std::string& path) {
  const auto content = read_whole_file(path);
  if (!content) throw std::runtime_error("cannot read organizer directory '" + path + "'");
  return parse(*content, path);
}

OrganizerDirectory OrganizerDirectory::parse(std::string_view json, const std::string& origin) {
  std::vector<Organizer> organizers;
  std::vector<std::string> details;
  try {
    Poco::JSON::Parser parser;
    auto root = parser.parse(std::string(json)).extract<Poco::JSON::Object::Ptr>();
    if (auto list = root->getArray("organizers")) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        auto object = list->getObject(static_cast<unsigned>(i));
        if (!object || !object->has("name")) {
          throw std::runtime_error("organizer " + std::to_string(i + 1) + " has no name");
        }
        Organizer organizer{object->getValue<std::string>("name"), {}};
        if (auto aliases = object->getArray("aliases")) {
          for (std::size_t k = 0; k < aliases->size(); ++k) {
            organizer.aliases.push_back(aliases->getElement<std::string>(static_cast<unsigned>(k)));
          }
        }
        organizers.push_back(std::move(organizer));
      }
    }
    if (auto list = root->getArray("details")) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        details.push_back(list->getElement<std::string>(static_cast<unsigned>(i)));
      }
    }
  } catch (const Poco::Exception& error) {
    throw std::runtime_error("cannot read organizer directory '" + origin +
                             "': " + error.displayText());
  } catch (const std::runtime_error& error) {
    throw std::runtime_error("cannot read organizer directory '" + origin + "': " + error.what());
  }
  return OrganizerDirectory(std::move(organizers), std::move(details));
}

const std::string* OrganizerDirectory::canonical_name(std::string_view name) const {
  return canonical_name_of_folded(FoldedText(name).view());
}

const std::string* OrganizerDirectory::canonical_name_of_folded(std::string_view folded) const {
  return match_folded(folded).organizer;
}

OrganizerDirectory::FoldedMatch OrganizerDirectory::match_folded(std::string_view folded) const {
  if (folded.empty()) return {};
  const auto it = folded_keys_.find(folded);
  if (it == folded_keys_.end()) return {};
  const FoldedKey& key = it->second;
  const bool names_organizer = key.organizer != static_cast<std::size_t>(-1);
  return {names_organizer ? &organizers_[key.organizer].name : nullptr, key.detail};
}

bool OrganizerDirectory::is_detail(std::string_view text) const {
  return is_detail_folded(FoldedText(text).view());
}

bool OrganizerDirectory::is_detail_folded(std::string_view folded) const {
  return match_folded(folded).detail;
}

}  // namespace itkal

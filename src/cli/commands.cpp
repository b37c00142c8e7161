#include "cli/commands.hpp"

#include <filesystem>

namespace itkal::cli {

Poco::AutoPtr<Poco::Util::Application> make_extract_command();
Poco::AutoPtr<Poco::Util::Application> make_build_command();
Poco::AutoPtr<Poco::Util::Application> make_ics_command();
Poco::AutoPtr<Poco::Util::Application> make_serve_command();

Poco::AutoPtr<Poco::Util::Application> make_command(const std::string& name) {
  if (name == "extract") return make_extract_command();
  if (name == "build") return make_build_command();
  if (name == "ics") return make_ics_command();
  if (name == "serve") return make_serve_command();
  return nullptr;
}

std::string default_organizers_path() {
  for (const std::string& candidate : {std::string("feeds/organizers.json"),
                                       std::string(ITKAL_SOURCE_DIR) + "/feeds/organizers.json"}) {
    if (std::filesystem::exists(candidate)) return candidate;
  }
  return {};
}

}  // namespace itkal::cli

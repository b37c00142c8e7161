#include "itkal/config/config_search.hpp"

#include <cstdlib>
#include <filesystem>

// The install layout's folders come from CMake (GNUInstallDirs), so that a /usr install looks in
// /etc and a /usr/local one in /usr/local/etc. A build that did not set them (a fuzzer, a tool
// outside CMake) gets the packaged layout.
#ifndef ITKAL_SYSCONF_DIR
#define ITKAL_SYSCONF_DIR "/etc/itkal"
#endif
#ifndef ITKAL_DATA_DIR
#define ITKAL_DATA_DIR "/usr/share/itkal"
#endif

namespace itkal {

bool is_absent(const std::string& path) {
  std::error_code error;
  return std::filesystem::status(path, error).type() == std::filesystem::file_type::not_found;
}

std::string installed_config_path() { return ITKAL_SYSCONF_DIR "/itkal.json"; }

std::string installed_organizers_path() { return ITKAL_DATA_DIR "/organizers.json"; }

ConfigSearchPlaces config_search_places(const std::string& option) {
  ConfigSearchPlaces places;
  places.option = option;
  if (const char* variable = std::getenv("ITKAL_CONFIG")) places.environment = variable;
  places.system = installed_config_path();
  return places;
}

std::string find_config_file(const ConfigSearchPlaces& places) {
  // The option and the variable are returned even when missing: load_config's error then names
  // the file, instead of a typo silently running with another configuration.
  if (!places.option.empty()) return places.option;
  // An empty ITKAL_CONFIG= is "unset", as shells and systemd's Environment= write it.
  if (places.environment && !places.environment->empty()) return *places.environment;
  for (const std::string* candidate : {&places.working_copy, &places.system}) {
    if (!candidate->empty() && !is_absent(*candidate)) return *candidate;
  }
  return {};
}

}  // namespace itkal

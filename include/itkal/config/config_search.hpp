#pragma once

#include <optional>
#include <string>

namespace itkal {

/// Where a configuration may come from, first match wins: the --config option, $ITKAL_CONFIG,
/// ./feeds/itkal.json (a checkout), then the installed one (<sysconfdir>/itkal/itkal.json).
/// The last two count only when the file is not absent (see is_absent).
struct ConfigSearchPlaces {
  std::string option;                      ///< --config, empty when not given
  std::optional<std::string> environment;  ///< $ITKAL_CONFIG, nullopt when unset
  std::string working_copy = "feeds/itkal.json";
  std::string system;  ///< e.g. /etc/itkal/itkal.json
};

/// The places as this process sees them: `option`, $ITKAL_CONFIG and the sysconfdir compiled in.
ConfigSearchPlaces config_search_places(const std::string& option);

/// The configuration file to read, or "" for the built-in defaults. The option and the variable
/// win even when their file is missing, so that load_config reports it.
std::string find_config_file(const ConfigSearchPlaces& places);

/// True when `path` certainly does not exist. A file that cannot be looked at (a folder without
/// permission) is not absent: reading it then reports why, instead of quietly using another one.
bool is_absent(const std::string& path);

/// The organizer directory installed with itkal (<datadir>/itkal/organizers.json).
std::string installed_organizers_path();

/// The installed configuration file (<sysconfdir>/itkal/itkal.json).
std::string installed_config_path();

}  // namespace itkal

#pragma once

#include <Poco/Util/Application.h>

#include <Poco/AutoPtr.h>

#include <memory>
#include <string>

namespace itkal::cli {

/// Exit codes (sysexits.h where one fits).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  ///< the job ran and failed (build: nothing written)
inline constexpr int kExitSource = 2;   ///< a source cannot be read or has no calendar
inline constexpr int kExitUsage = 64;   ///< EX_USAGE: wrong options or arguments

/// The application for a sub-command, or nullptr when there is none of that name.
Poco::AutoPtr<Poco::Util::Application> make_command(const std::string& name);

/// The organizer directory file to use: the option, else feeds/organizers.json below the
/// current folder, else the one of the source tree itkal was built from.
std::string default_organizers_path();

}  // namespace itkal::cli

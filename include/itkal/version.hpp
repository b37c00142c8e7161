#pragma once

namespace itkal {

/// The release, as `itkal --version` prints it and as the User-Agent of fetches names it.
inline constexpr const char* kVersion = "0.1.0";

}  // namespace itkal

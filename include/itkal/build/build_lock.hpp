#pragma once

#include <string>

#include "itkal/build/feed_builder.hpp"
#include "itkal/config/config.hpp"

namespace itkal {

/// Holds output/.itkal.lock with flock for its life: one build or fetch at a time per output
/// folder. The kernel releases it when the process dies, so a killed run never blocks the next.
class BuildLock {
 public:
  /// Creates the file if needed; throws BuildLockedError when another process holds it and
  /// BuildError when it cannot be created.
  explicit BuildLock(const std::string& path);
  ~BuildLock();
  BuildLock(const BuildLock&) = delete;
  BuildLock& operator=(const BuildLock&) = delete;

 private:
  int fd_ = -1;
};

/// output/.itkal.lock
std::string build_lock_path(const Config& config);

}  // namespace itkal

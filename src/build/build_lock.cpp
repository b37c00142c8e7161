#include "itkal/build/build_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace itkal {

BuildLock::BuildLock(const std::string& path) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw BuildError("cannot create lock file '" + path + "': " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    throw BuildLockedError("another itkal build is running (lock '" + path +
                           "' is held); try again later");
  }
}

BuildLock::~BuildLock() { ::close(fd_); }

std::string build_lock_path(const Config& config) {
  return (std::filesystem::path(config.output) / ".itkal.lock").string();
}

}  // namespace itkal

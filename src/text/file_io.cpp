#include "itkal/text/file_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace itkal {
namespace fs = std::filesystem;

namespace {

void sync_directory(const fs::path& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

[[noreturn]] void fail(const std::string& what, const std::string& path, int error) {
  throw FileWriteError("cannot " + what + " '" + path + "': " + std::strerror(error));
}

void write_all(int fd, const std::string& temporary, const std::string& bytes) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      ::unlink(temporary.c_str());
      fail("write", temporary, error);
    }
    written += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::optional<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return std::move(content).str();
}

bool write_file_atomically(const std::string& path, const std::string& bytes, bool durable) {
  if (fs::exists(path) && read_whole_file(path) == bytes) return false;
  const fs::path target(path);
  std::error_code ignored;
  fs::create_directories(target.parent_path(), ignored);
  const std::string temporary =
      (target.parent_path() / ("." + target.filename().string() + ".tmp")).string();
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("write", temporary, errno);
  write_all(fd, temporary, bytes);
  if ((durable && ::fsync(fd) != 0) || ::close(fd) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    fail("write", temporary, error);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    fail("replace", path, error);
  }
  if (durable) sync_directory(target.parent_path());
  return true;
}

}  // namespace itkal

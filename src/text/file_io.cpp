#include "itkal/text/file_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
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

void write_all(int fd, const std::string& temporary, std::string_view bytes) {
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

bool file_holds(const std::string& path, std::string_view bytes) {
  std::error_code error;
  const auto size = fs::file_size(path, error);
  if (error || size != bytes.size()) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  // Compared piece by piece: a feed of tens of megabytes is never held twice.
  char piece[64 * 1024];
  std::size_t offset = 0;
  while (offset < bytes.size()) {
    const std::size_t want = std::min(sizeof piece, bytes.size() - offset);
    if (!in.read(piece, static_cast<std::streamsize>(want))) return false;
    if (bytes.compare(offset, want, std::string_view(piece, want)) != 0) return false;
    offset += want;
  }
  return in.peek() == std::char_traits<char>::eof();
}

std::string write_temporary_file(const std::string& path, std::string_view bytes, bool durable) {
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
  return temporary;
}

std::string write_temporary_file(const std::string& path,
                                 const std::function<void(std::ostream&)>& write, bool durable) {
  const fs::path target(path);
  std::error_code ignored;
  fs::create_directories(target.parent_path(), ignored);
  const std::string temporary =
      (target.parent_path() / ("." + target.filename().string() + ".tmp")).string();
  {
    // Written in pieces of a few hundred bytes (VEVENTs, JSON values) to files of tens of
    // megabytes: a buffer far larger than the default 8 KB is far fewer write calls.
    constexpr std::size_t kBufferBytes = 256 * 1024;
    const auto buffer = std::make_unique_for_overwrite<char[]>(kBufferBytes);
    std::ofstream out;
    out.rdbuf()->pubsetbuf(buffer.get(), kBufferBytes);
    out.open(temporary, std::ios::binary | std::ios::trunc);
    if (!out) fail("write", temporary, errno);
    try {
      write(out);
    } catch (...) {
      out.close();
      ::unlink(temporary.c_str());
      throw;
    }
    out.close();
    if (!out) {
      const int error = errno;
      ::unlink(temporary.c_str());
      fail("write", temporary, error);
    }
  }
  if (durable) {
    // fsync through a descriptor of its own: the data of a file is synced whichever descriptor
    // asks.
    const int fd = ::open(temporary.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
      const int error = errno;
      if (fd >= 0) ::close(fd);
      ::unlink(temporary.c_str());
      fail("write", temporary, error);
    }
    ::close(fd);
  }
  return temporary;
}

bool files_equal(const std::string& a, const std::string& b) {
  std::error_code error;
  const auto size = fs::file_size(a, error);
  if (error || fs::file_size(b, error) != size || error) return false;
  std::ifstream in_a(a, std::ios::binary);
  std::ifstream in_b(b, std::ios::binary);
  if (!in_a || !in_b) return false;
  char piece_a[64 * 1024];
  char piece_b[64 * 1024];
  std::uintmax_t left = size;
  while (left > 0) {
    const std::size_t want =
        static_cast<std::size_t>(std::min<std::uintmax_t>(sizeof piece_a, left));
    if (!in_a.read(piece_a, static_cast<std::streamsize>(want)) ||
        !in_b.read(piece_b, static_cast<std::streamsize>(want)) ||
        std::memcmp(piece_a, piece_b, want) != 0) {
      return false;
    }
    left -= want;
  }
  return true;
}

void replace_with_temporary(const std::string& temporary, const std::string& path) {
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    fail("replace", path, error);
  }
}

void sync_folder(const std::string& folder) { sync_directory(fs::path(folder)); }

bool write_file_atomically(const std::string& path, const std::string& bytes, bool durable) {
  if (file_holds(path, bytes)) return false;
  replace_with_temporary(write_temporary_file(path, bytes, durable), path);
  if (durable) sync_folder(fs::path(path).parent_path().string());
  return true;
}

}  // namespace itkal

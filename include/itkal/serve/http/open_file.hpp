#pragma once

#include <cstddef>
#include <string>

namespace itkal {

/// A file kept open after it was read, so that its bytes go to clients with sendfile(2) from the
/// page cache instead of from a copy on the heap (a build's files are most of what the server
/// holds, and page cache is shared and reclaimable). The bytes cannot change underneath as long
/// as whoever writes the file replaces it by rename, never in place: the open descriptor keeps
/// the inode that was read.
class OpenFile {
 public:
  /// Takes ownership of `fd`.
  OpenFile(int fd, std::size_t size) : fd_(fd), size_(size) {}
  ~OpenFile();
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] std::size_t size() const { return size_; }
  /// The bytes, read again (for the rare path that cannot use sendfile); throws on a short read.
  [[nodiscard]] std::string read() const;

 private:
  int fd_;
  std::size_t size_;
};

/// Fills `bytes` (already sized) from the start of `fd`, retrying short and interrupted reads;
/// throws std::runtime_error naming `what` when the file ends early or cannot be read.
void read_fully(int fd, std::string& bytes, const std::string& what);

}  // namespace itkal

#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace itkal {

/// A file that cannot be written; the message names the file and the system's reason.
class FileWriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The whole file, or nothing when it cannot be opened (each caller says in its own words what
/// the file was for).
std::optional<std::string> read_whole_file(const std::string& path);

/// Writes through a temporary file in the same folder and renames it over `path`, so a reader
/// sees the old bytes or the new ones, never half a file. Returns false and leaves the file
/// alone (mtime and all) when it already holds exactly these bytes. `durable` adds the fsyncs
/// that make the new content survive a power cut; without them a reader still never sees a
/// partial file, which is enough for caches. Creates missing folders; throws FileWriteError.
bool write_file_atomically(const std::string& path, const std::string& bytes, bool durable = true);

}  // namespace itkal

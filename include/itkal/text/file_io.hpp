#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

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

/// True when the file at `path` holds exactly `bytes` (compared piece by piece, never read whole).
bool file_holds(const std::string& path, std::string_view bytes);

// The steps of write_file_atomically, for StagedFiles (staged_files.hpp), which writes many
// files first and renames them later.

/// Writes `bytes` to ".<name>.tmp" beside `path` (fsync'd when `durable`; missing folders are
/// made) and returns its path; throws FileWriteError and leaves no temporary file.
std::string write_temporary_file(const std::string& path, std::string_view bytes, bool durable);
/// The same, for bytes that `write` writes to the stream it is given.
std::string write_temporary_file(const std::string& path,
                                 const std::function<void(std::ostream&)>& write, bool durable);
/// True when both files exist and hold the same bytes (compared piece by piece).
bool files_equal(const std::string& a, const std::string& b);
/// Renames `temporary` over `path`; throws FileWriteError and removes `temporary`.
void replace_with_temporary(const std::string& temporary, const std::string& path);
/// fsyncs `folder`, so that a rename in it survives a power cut.
void sync_folder(const std::string& folder);

}  // namespace itkal

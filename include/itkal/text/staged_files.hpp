#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace itkal {

/// Files that replace their targets together: each is written to a temporary file beside its
/// target as soon as its bytes are known, so that a caller holds one file's bytes at a time, and
/// commit() renames them all into place. Until then no target changes, so a failure half-way
/// leaves every old file whole; the temporary files of an uncommitted batch are removed.
/// The temporary file is the one write_file_atomically uses (".<name>.tmp"): one writer at a time.
class StagedFiles {
 public:
  /// `durable` fsyncs each file before the renames and each folder after them.
  explicit StagedFiles(bool durable = true) : durable_(durable) {}
  ~StagedFiles();
  StagedFiles(const StagedFiles&) = delete;
  StagedFiles& operator=(const StagedFiles&) = delete;

  /// Writes `bytes` to the temporary file of `path`. Returns false and stages nothing when
  /// `path` already holds exactly these bytes. Creates missing folders; throws FileWriteError.
  bool stage(const std::string& path, std::string_view bytes);
  /// The same for a file that `write` writes to the stream it is given, in pieces, so that its
  /// bytes are never held whole; compared with `path` once written.
  bool stage(const std::string& path, const std::function<void(std::ostream&)>& write);
  /// Renames every staged file over its target, in the order staged; throws FileWriteError.
  void commit();

 private:
  struct Staged {
    std::string temporary;
    std::string target;
  };
  bool durable_;
  std::vector<Staged> staged_;
};

}  // namespace itkal

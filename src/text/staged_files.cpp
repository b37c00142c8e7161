#include "itkal/text/staged_files.hpp"

#include <unistd.h>

#include <filesystem>
#include <set>

#include "itkal/text/file_io.hpp"

namespace itkal {

StagedFiles::~StagedFiles() {
  for (const Staged& staged : staged_) ::unlink(staged.temporary.c_str());
}

bool StagedFiles::stage(const std::string& path, std::string_view bytes) {
  if (file_holds(path, bytes)) return false;
  staged_.push_back({write_temporary_file(path, bytes, durable_), path});
  return true;
}

bool StagedFiles::stage(const std::string& path, const std::function<void(std::ostream&)>& write) {
  std::string temporary = write_temporary_file(path, write, durable_);
  if (files_equal(temporary, path)) {
    ::unlink(temporary.c_str());
    return false;
  }
  staged_.push_back({std::move(temporary), path});
  return true;
}

void StagedFiles::commit() {
  // Taken out first: on a failure the destructor removes no temporary file twice and the rest
  // of the batch here.
  std::vector<Staged> batch = std::move(staged_);
  staged_.clear();
  std::set<std::string> folders;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    try {
      replace_with_temporary(batch[i].temporary, batch[i].target);
    } catch (...) {
      for (std::size_t rest = i + 1; rest < batch.size(); ++rest)
        ::unlink(batch[rest].temporary.c_str());
      throw;
    }
    folders.insert(std::filesystem::path(batch[i].target).parent_path().string());
  }
  if (!durable_) return;
  // One fsync per folder, not per file: each rename is durable once its folder is synced.
  for (const std::string& folder : folders) sync_folder(folder);
}

}  // namespace itkal

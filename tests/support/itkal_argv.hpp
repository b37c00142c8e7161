#pragma once

// The argument vector that tests hand to execv when they run the real itkal binary in a child.
#include <string>
#include <vector>

namespace itkal::testing {

/// ITKAL_BINARY followed by `args`, as the null-terminated char* array execv takes. Built before
/// fork (nothing may allocate between fork and exec); it owns the strings its pointers point into
/// and is neither copied nor moved, which would leave them dangling.
class ItkalArgv {
 public:
  explicit ItkalArgv(const std::vector<std::string>& args) : strings_{ITKAL_BINARY} {
    strings_.insert(strings_.end(), args.begin(), args.end());
    for (auto& arg : strings_) pointers_.push_back(arg.data());
    pointers_.push_back(nullptr);
  }
  ItkalArgv(const ItkalArgv&) = delete;
  ItkalArgv& operator=(const ItkalArgv&) = delete;

  [[nodiscard]] const char* program() const { return pointers_.front(); }
  [[nodiscard]] char* const* data() const { return pointers_.data(); }

 private:
  std::vector<std::string> strings_;
  std::vector<char*> pointers_;
};

}  // namespace itkal::testing

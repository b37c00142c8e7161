#pragma once

#include <stdexcept>
#include <string>

namespace itkal {

/// A support module (a shared MODULE library) that is missing or cannot be loaded.
class ModuleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A support module (a shared MODULE library): what it supports (for messages), its file name
/// and the C name of the function that returns its table of entry points.
struct SupportModule {
  const char* what;
  const char* file_name;
  const char* entry;
};

/// The entry point of `module`, loaded with dlopen on the first call and kept for the life of
/// the process. Poppler and libcurl live in such modules so that a process that reads no PDF and
/// fetches nothing does not load their dozens of libraries at start-up. Looked for in
/// $ITKAL_MODULE_DIR when set (the tests), else next to the executable (the build tree), else in
/// the installed module folder relative to it (../lib/<arch>/itkal for /usr/bin/itkal). Throws
/// ModuleError naming the module and its path when it is not there or does not load.
void* support_module_entry(const SupportModule& module);

/// The table of entry points `module`'s entry function returns.
template <class Table>
const Table& support_module_table(const SupportModule& module) {
  using Entry = const Table* (*)();
  return *reinterpret_cast<Entry>(support_module_entry(module))();
}

}  // namespace itkal

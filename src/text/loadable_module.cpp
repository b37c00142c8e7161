#include "itkal/text/loadable_module.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <vector>

namespace itkal {
namespace {

std::filesystem::path executable_directory() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path() : self.parent_path();
}

/// Where the module may be, in the order they are tried.
std::vector<std::filesystem::path> module_directories() {
  if (const char* dir = std::getenv("ITKAL_MODULE_DIR"); dir && *dir) return {dir};
  const std::filesystem::path executable = executable_directory();
  if (executable.empty()) return {ITKAL_MODULE_RELATIVE_DIR};
  return {executable, (executable / ITKAL_MODULE_RELATIVE_DIR).lexically_normal()};
}

void* load_entry(const SupportModule& module) {
  const std::string what = module.what;
  const std::string file_name = module.file_name;
  const char* symbol = module.entry;
  const std::vector<std::filesystem::path> directories = module_directories();
  for (const auto& directory : directories) {
    const std::filesystem::path path = directory / file_name;
    if (::access(path.c_str(), F_OK) != 0) continue;
    void* library = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!library) {
      throw ModuleError(what + " module " + path.string() + " cannot be loaded: " + ::dlerror());
    }
    void* entry = ::dlsym(library, symbol);
    if (!entry) {
      throw ModuleError(what + " module " + path.string() + " lacks " + symbol +
                        " (from another itkal version?)");
    }
    return entry;
  }
  std::string also;
  for (std::size_t i = 0; i + 1 < directories.size(); ++i) {
    also += (also.empty() ? " (nor in " : ", ") + directories[i].string();
  }
  if (!also.empty()) also += ")";
  throw ModuleError(what + " module " + (directories.back() / file_name).string() +
                    " not found: no such file" + also +
                    "; install it with itkal or set ITKAL_MODULE_DIR");
}

}  // namespace

void* support_module_entry(const SupportModule& module) {
  // Modules stay loaded: their entry points are used until the process ends.
  static std::mutex mutex;
  static std::map<std::string, void*> entries;
  const std::lock_guard lock(mutex);
  const auto found = entries.find(module.file_name);
  if (found != entries.end()) return found->second;
  void* entry = load_entry(module);
  entries.emplace(module.file_name, entry);
  return entry;
}

}  // namespace itkal

#pragma once

// The real itkal binary run by a test in a folder of its own, its output captured in files (no
// pipe to fill and block on).
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/fixtures.hpp"
#include "support/itkal_argv.hpp"

namespace itkal::testing {

struct ItkalRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs the itkal binary with `args` in `cwd`, standard output and error captured.
inline ItkalRun run_itkal_in(const std::filesystem::path& cwd,
                             const std::vector<std::string>& args) {
  const ItkalArgv argv(args);
  const std::filesystem::path out = cwd / ".stdout";
  const std::filesystem::path err = cwd / ".stderr";
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out_fd < 0 || err_fd < 0 || ::chdir(cwd.c_str()) != 0) ::_exit(126);
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
    ::execv(argv.program(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), read_file(out.string()),
          read_file(err.string())};
}

}  // namespace itkal::testing

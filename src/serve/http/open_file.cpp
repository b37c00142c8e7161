#include "itkal/serve/http/open_file.hpp"

#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace itkal {

OpenFile::~OpenFile() { ::close(fd_); }

std::string OpenFile::read() const {
  std::string bytes(size_, '\0');
  read_fully(fd_, bytes, "an open build file");
  return bytes;
}

void read_fully(int fd, std::string& bytes, const std::string& what) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t got =
        ::pread(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) throw std::runtime_error("cannot read '" + what + "': short read");
    done += static_cast<std::size_t>(got);
  }
}

}  // namespace itkal

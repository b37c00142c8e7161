#pragma once

// A real nginx for source tests, started by the test in a folder of its own on a free loopback
// port and stopped with it; a loopback socket that accepts and never answers (a server that
// times out).
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "support/fixtures.hpp"
#include "support/itkal_run.hpp"

namespace itkal::testing {

inline constexpr const char* kNginx = "/usr/sbin/nginx";

/// A loopback listening socket on a free port (a server that accepts and never answers).
inline int listen_socket(int& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::listen(fd, 8);
  port = ntohs(address.sin_port);
  return fd;
}

inline bool accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

/// nginx serving `root`/www, with `locations` ("location = /alt { return 301 /x; }") added to
/// its server block. Check `started()` (and the log on failure) before using it.
class NginxServer {
 public:
  NginxServer(const std::filesystem::path& root, const std::string& types,
              const std::string& locations)
      : root_(root) {
    const int probe = listen_socket(port_);
    ::close(probe);
    const std::string prefix = root.string();
    std::ofstream(root / "nginx.conf")
        << "daemon off;\nmaster_process off;\npid " << prefix << "/nginx.pid;\nerror_log " << prefix
        << "/error.log warn;\nevents { worker_connections 64; }\nhttp {\n"
        << " types { " << types << " }\n access_log off;\n"
        << " client_body_temp_path " << prefix << "/cb;\n proxy_temp_path " << prefix
        << "/px;\n fastcgi_temp_path " << prefix << "/fc;\n uwsgi_temp_path " << prefix
        << "/uw;\n scgi_temp_path " << prefix << "/sc;\n server {\n  listen 127.0.0.1:" << port_
        << ";\n  root " << prefix << "/www;\n"
        << locations << " }\n}\n";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl(kNginx, kNginx, "-p", prefix.c_str(), "-c", (root / "nginx.conf").c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    for (int i = 0; i < 200 && !accepts(port_); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ~NginxServer() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  NginxServer(const NginxServer&) = delete;
  NginxServer& operator=(const NginxServer&) = delete;

  [[nodiscard]] bool started() const { return accepts(port_); }
  [[nodiscard]] std::string log() const { return read_file((root_ / "error.log").string()); }
  [[nodiscard]] int port() const { return port_; }
  /// "http://127.0.0.1:<port><path>".
  [[nodiscard]] std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  std::filesystem::path root_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace itkal::testing

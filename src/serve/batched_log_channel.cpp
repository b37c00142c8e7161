#include "itkal/serve/batched_log_channel.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <stdexcept>

namespace itkal {
namespace {

/// "2026-05-04T10:00:00+02:00 ", made once a second per thread.
const std::string& local_time_prefix(const Poco::Timestamp& time) {
  thread_local std::time_t second = -1;
  thread_local std::string prefix;
  const std::time_t now = time.epochTime();
  if (now != second) {
    std::tm local{};
    ::localtime_r(&now, &local);
    char text[40];
    const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S%z ", &local);
    prefix.assign(text, length);
    // ISO 8601 wants the offset as +02:00, strftime writes +0200.
    if (length >= 6) prefix.insert(length - 3, ":");
    second = now;
  }
  return prefix;
}

}  // namespace

BatchedLogChannel::BatchedLogChannel(const std::string& path, BatchedLogLimits limits)
    : fd_(path == "-" ? STDOUT_FILENO
                      : ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)),
      owns_fd_(path != "-"),
      limits_(limits) {
  if (fd_ < 0) throw std::runtime_error("cannot open the access log '" + path + "'");
  writer_ = std::thread([this] { run(); });
}

BatchedLogChannel::~BatchedLogChannel() {
  close();
  if (owns_fd_) ::close(fd_);
}

void BatchedLogChannel::log(const Poco::Message& message) {
  std::string line = local_time_prefix(message.getTime());
  line += message.getText();
  line += '\n';
  bool full = false;
  {
    const std::lock_guard lock(mutex_);
    if (stopping_ || pending_.size() + line.size() > limits_.max_pending) {
      ++dropped_;
      return;
    }
    pending_ += line;
    full = pending_.size() >= limits_.write_at;
  }
  if (full) wakeup_.notify_one();
}

void BatchedLogChannel::close() {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wakeup_.notify_one();
  if (writer_.joinable()) writer_.join();
}

void BatchedLogChannel::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wakeup_.wait_for(lock, limits_.flush_interval,
                     [this] { return stopping_ || pending_.size() >= limits_.write_at; });
    std::string batch;
    batch.swap(pending_);
    if (dropped_ > 0) {
      batch += "itkal: " + std::to_string(dropped_) +
               " access log lines dropped: the log could not keep up\n";
      dropped_ = 0;
    }
    const bool last = stopping_;
    lock.unlock();
    write_all(batch);
    lock.lock();
    if (last && pending_.empty()) return;
  }
}

void BatchedLogChannel::write_all(const std::string& bytes) const {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t wrote = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return;  // nowhere to report it: the log is the report
    done += static_cast<std::size_t>(wrote);
  }
}

}  // namespace itkal

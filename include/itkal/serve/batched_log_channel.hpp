#pragma once

#include <Poco/Channel.h>
#include <Poco/Message.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

namespace itkal {

/// When the access log writes, and how much it may hold back.
struct BatchedLogLimits {
  /// Lines wait at most this long before they are written.
  std::chrono::milliseconds flush_interval{100};
  /// A batch this large is written at once, without waiting for the interval.
  std::size_t write_at = 64 * 1024;
  /// Lines beyond this many pending bytes are dropped (and counted in the log) rather than held:
  /// a log that cannot keep up (a full pipe, a stuck disk) must not take the server's memory.
  std::size_t max_pending = 8u << 20;
};

/// The access log's channel. A request thread formats its line ("2026-05-04T10:00:00+02:00 " and
/// the message text) and appends it to a buffer under a mutex; a thread of the channel's own
/// writes the buffer with one write() per flush interval, or as soon as it holds `write_at`
/// bytes. Poco's AsyncChannel allocated a notification and woke its thread for every line, and
/// FileChannel made a write() per line: together a sixth of the server's throughput for 304
/// answers. close() (and the destructor) write what is left; lines are written in the order
/// log() was called.
class BatchedLogChannel : public Poco::Channel {
 public:
  /// Appends to `path`, or writes to standard output for "-". Throws std::runtime_error naming
  /// the path when it cannot be opened.
  explicit BatchedLogChannel(const std::string& path, BatchedLogLimits limits = {});

  void log(const Poco::Message& message) override;
  /// Writes every pending line and stops the writer thread; later lines are dropped.
  void close() override;

 protected:
  ~BatchedLogChannel() override;

 private:
  void run();
  void write_all(const std::string& bytes) const;

  int fd_;
  bool owns_fd_;
  BatchedLogLimits limits_;
  std::mutex mutex_;
  std::condition_variable wakeup_;
  std::string pending_;
  std::size_t dropped_ = 0;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace itkal

#pragma once

#include <Poco/DigestEngine.h>

#include <memory>
#include <string>
#include <string_view>

namespace itkal {

/// SHA-1 as a Poco::DigestEngine (so Poco::DigestOutputStream can feed it), computed by OpenSSL:
/// several times faster than Poco::SHA1Engine, whose digest of every built file was about a
/// quarter of a build's instructions. The same digests.
class Sha1Engine : public Poco::DigestEngine {
 public:
  Sha1Engine();
  ~Sha1Engine() override;
  Sha1Engine(const Sha1Engine&) = delete;
  Sha1Engine& operator=(const Sha1Engine&) = delete;

  std::size_t digestLength() const override;
  void reset() override;
  const Digest& digest() override;

 protected:
  void updateImpl(const void* data, std::size_t length) override;

 private:
  struct Context;
  std::unique_ptr<Context> context_;
  Digest digest_;
};

/// The SHA-1 of `bytes` in lower-case hex, in one OpenSSL call: an engine's set-up and reset
/// cost several times the digest of a short text (the aggregator digests every event's key).
std::string sha1_hex(std::string_view bytes);

}  // namespace itkal

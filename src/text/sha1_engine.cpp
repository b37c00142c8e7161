#include "itkal/text/sha1_engine.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace itkal {
namespace {

/// Fetched once: OpenSSL 3 looks the algorithm up in its providers on every sha1() init.
const EVP_MD* sha1() {
  static EVP_MD* const algorithm = EVP_MD_fetch(nullptr, "SHA1", nullptr);
  if (!algorithm) throw std::runtime_error("OpenSSL has no SHA-1");
  return algorithm;
}

}  // namespace

struct Sha1Engine::Context {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  ~Context() { EVP_MD_CTX_free(context); }
};

Sha1Engine::Sha1Engine() : context_(std::make_unique<Context>()) {
  if (!context_->context) throw std::bad_alloc();
  reset();
}

Sha1Engine::~Sha1Engine() = default;

std::size_t Sha1Engine::digestLength() const { return 20; }

void Sha1Engine::reset() {
  if (EVP_DigestInit_ex(context_->context, sha1(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL cannot start a SHA-1 digest");
  }
}

const Poco::DigestEngine::Digest& Sha1Engine::digest() {
  unsigned char bytes[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(context_->context, bytes, &length) != 1) {
    throw std::runtime_error("OpenSSL cannot finish a SHA-1 digest");
  }
  digest_.assign(bytes, bytes + length);
  reset();  // as Poco's engines do: ready for the next digest
  return digest_;
}

void Sha1Engine::updateImpl(const void* data, std::size_t length) {
  if (length > 0 && EVP_DigestUpdate(context_->context, data, length) != 1) {
    throw std::runtime_error("OpenSSL cannot update a SHA-1 digest");
  }
}

std::string sha1_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, sha1(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL cannot compute a SHA-1 digest");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(2 * length, '0');
  for (unsigned int i = 0; i < length; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0xF];
  }
  return hex;
}

}  // namespace itkal

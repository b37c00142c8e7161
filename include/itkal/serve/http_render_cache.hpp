#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "itkal/serve/http_resource.hpp"

namespace itkal {

/// A byte-bounded LRU cache of rendered responses (filtered feeds, the index page), keyed by a
/// normalized request. Thread-safe.
class HttpRenderCache {
 public:
  explicit HttpRenderCache(std::size_t byte_budget) : byte_budget_(byte_budget) {}
  [[nodiscard]] std::shared_ptr<const HttpResource> find(const std::string& key);
  /// Keeps `resource` unless it alone exceeds the budget; evicts the least recently used.
  void insert(const std::string& key, std::shared_ptr<const HttpResource> resource);
  [[nodiscard]] std::size_t size() const;

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const HttpResource>>;
  mutable std::mutex mutex_;
  std::size_t byte_budget_;
  std::size_t bytes_ = 0;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
};

}  // namespace itkal

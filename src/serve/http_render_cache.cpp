#include "itkal/serve/http_render_cache.hpp"

namespace itkal {

std::shared_ptr<const HttpResource> HttpRenderCache::find(const std::string& key) {
  const std::lock_guard lock(mutex_);
  const auto found = by_key_.find(key);
  if (found == by_key_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, found->second);
  return found->second->second;
}

namespace {

/// Rendered resources are compressed before they are cached, so this does not change later.
std::size_t held_bytes(const HttpResource& resource) {
  return resource.body.size() + (resource.gzip() ? resource.gzip()->body.size() : 0);
}

}  // namespace

void HttpRenderCache::insert(const std::string& key, std::shared_ptr<const HttpResource> resource) {
  const std::size_t bytes = held_bytes(*resource) + key.size();
  if (bytes > byte_budget_) return;
  const std::lock_guard lock(mutex_);
  if (by_key_.count(key) != 0) return;  // another request rendered the same meanwhile
  entries_.emplace_front(key, std::move(resource));
  by_key_.emplace(key, entries_.begin());
  bytes_ += bytes;
  while (bytes_ > byte_budget_ && !entries_.empty()) {
    const Entry& oldest = entries_.back();
    bytes_ -= held_bytes(*oldest.second) + oldest.first.size();
    by_key_.erase(oldest.first);
    entries_.pop_back();
  }
}

std::size_t HttpRenderCache::size() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace itkal

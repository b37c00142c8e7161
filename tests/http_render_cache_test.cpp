// The byte-bounded LRU cache of rendered responses: what it keeps, what it evicts first, and
// that a response larger than the whole budget is never kept.
#include "itkal/serve/http_render_cache.hpp"

#include <gtest/gtest.h>

#include <string>

namespace itkal {
namespace {

std::shared_ptr<const HttpResource> body_of(std::size_t bytes) {
  return make_http_resource(std::string(bytes, 'x'), "text/calendar", "", Poco::Timestamp(0),
                            false);
}

TEST(HttpRenderCache, KeepsWithinTheBudgetAndEvictsTheLeastRecentlyUsed) {
  // Each entry costs its body plus its key (2 bytes): three of 100 fit into 320, four do not.
  HttpRenderCache cache(320);
  const auto a = body_of(100);
  cache.insert("/a", a);
  cache.insert("/b", body_of(100));
  cache.insert("/c", body_of(100));
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(cache.find("/a"), a);  // /a is now the most recently used, /b the least
  cache.insert("/d", body_of(100));
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(cache.find("/b"), nullptr);
  EXPECT_NE(cache.find("/a"), nullptr);
  EXPECT_NE(cache.find("/c"), nullptr);
  EXPECT_NE(cache.find("/d"), nullptr);
}

TEST(HttpRenderCache, TooLargeAloneIsNotKeptAndEvictsNothing) {
  HttpRenderCache cache(320);
  cache.insert("/a", body_of(100));
  cache.insert("/huge", body_of(400));
  EXPECT_EQ(cache.find("/huge"), nullptr);
  EXPECT_NE(cache.find("/a"), nullptr);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(HttpRenderCache, TheFirstRenderOfAKeyStays) {
  // Two requests that rendered the same key meanwhile: the first kept is what both then serve.
  HttpRenderCache cache(1000);
  const auto first = body_of(10);
  cache.insert("/k", first);
  cache.insert("/k", body_of(20));
  EXPECT_EQ(cache.find("/k"), first);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(HttpRenderCache, GzipVariantCountsAgainstTheBudget) {
  // 2,000 repeated bytes compress well: body plus gzip plus key must still fit.
  HttpRenderCache cache(2010);
  auto resource =
      make_http_resource(std::string(2000, 'x'), "text/calendar", "", Poco::Timestamp(0), true);
  ASSERT_NE(resource->gzip(), nullptr);
  cache.insert("/gz", resource);
  EXPECT_EQ(cache.find("/gz"), nullptr) << "2,000 + gzip + key is over 2,010";
}

}  // namespace
}  // namespace itkal

// The request head parser's search for the end of a head, which runs on every read.
#include "itkal/serve/http/http_request.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace itkal {
namespace {

/// find_head_end() on `bytes` handed over `piece` bytes at a time, as reads deliver them.
std::size_t find_piecemeal(std::string_view bytes, std::size_t piece) {
  HeadSearch search;
  for (std::size_t size = piece;; size += piece) {
    const std::size_t end = find_head_end(bytes.substr(0, size), search);
    if (end != 0 || size >= bytes.size()) return end;
  }
}

TEST(HeadSearchTest, PiecemealSearchFindsWhatAWholeSearchFinds) {
  const std::string heads[] = {
      "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /next HTTP/1.1\r\n\r\n",
      "GET / HTTP/1.1\nHost: x\n\nrest",
      "\r\n\r\n\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\n\r\nbody",
      "GET / HTTP/1.1\r\nHost: x\r\n",
      "\r\n\r\n",
  };
  for (const std::string& head : heads) {
    for (std::size_t piece = 1; piece <= head.size(); ++piece) {
      EXPECT_EQ(find_piecemeal(head, piece), find_head_end(head))
          << "pieces of " << piece << " in '" << head << "'";
    }
  }
}

// Bytes an earlier call settled are not looked at again: a head block that arrives a few bytes
// per read would otherwise be scanned from its start on every read, quadratic in its length.
// The settled part is replaced by an empty line here, which a search from the start would find.
TEST(HeadSearchTest, SettledBytesAreNotSearchedAgain) {
  std::string head = "GET / HTTP/1.1\r\nHost: x\r\nX-Long: ";
  HeadSearch search;
  ASSERT_EQ(find_head_end(head, search), 0u);
  ASSERT_GT(search.resume_at, 20u);
  head.replace(search.resume_at - 4, 4, "\r\n\r\n");
  EXPECT_EQ(find_head_end(head + "value", search), 0u);
}

TEST(HeadSearchTest, EachByteOfAHeadReadBytewiseIsSearchedAFewTimesAtMost) {
  const std::string head = "GET / HTTP/1.1\r\nX-Long: " + std::string(32 * 1024, 'v') + "\r\n\r\n";
  HeadSearch search;
  std::size_t examined = 0;
  std::size_t end = 0;
  for (std::size_t size = 1; size <= head.size() && end == 0; ++size) {
    examined += size - search.resume_at;
    end = find_head_end(std::string_view(head).substr(0, size), search);
  }
  EXPECT_EQ(end, head.size());
  EXPECT_LE(examined, 3 * head.size());
}

}  // namespace
}  // namespace itkal

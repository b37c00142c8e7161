#include "itkal/serve/http/http_response.hpp"

namespace itkal {

void HttpResponse::announce_close() {
  keep_alive = false;
  // Every head carries the field once; its value is the only thing that changes.
  constexpr std::string_view kKept = "\r\nConnection: Keep-Alive\r\n";
  const std::size_t at = head.find(kKept);
  if (at != std::string::npos) head.replace(at, kKept.size(), "\r\nConnection: Close\r\n");
}

}  // namespace itkal

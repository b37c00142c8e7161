#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "itkal/serve/http/open_file.hpp"

namespace itkal {

/// A response as it goes on the wire: the head's bytes, then the body from its own text, from
/// memory someone else holds, or from a file. `owner` keeps shared bytes and the file alive
/// while they are sent, so that a new build cannot free them in the middle of a response.
struct HttpResponse {
  int status = 200;
  std::string head;  ///< status line, header fields and the empty line
  /// True when answering needs a render the caller did not allow (see HttpHandler::respond);
  /// nothing else is set then.
  bool needs_render = false;
  bool keep_alive = true;

  std::string text;                ///< a body of its own (errors, /healthz); empty for none
  std::string_view shared_body;    ///< or a body held by `owner`
  const OpenFile* file = nullptr;  ///< or a body sent from this file (held by `owner`)
  std::shared_ptr<const void> owner;

  /// The body that follows the head from memory; empty for HEAD, 304 and bodies sent from `file`.
  [[nodiscard]] std::string_view body() const { return owner ? shared_body : text; }
  /// Body bytes this response sends, for the access log.
  [[nodiscard]] std::size_t body_size() const { return file ? file->size() : body().size(); }
  /// Makes the head say "Connection: Close": the transport decided to close after all, e.g.
  /// because the server began to stop while the response was rendered.
  void announce_close();
};

}  // namespace itkal

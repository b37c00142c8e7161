// The PDF support module: poppler's document, pages and text boxes as word runs (see
// include/itkal/read/pdf_module.hpp). Built as its own MODULE library, not part of itkal_read.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "itkal/read/pdf_module.hpp"

namespace {

// --- poppler's messages ---------------------------------------------------------------------

/// Poppler reports damaged files on stderr through one process-wide callback. It is replaced
/// once by a forwarder; each reading thread forwards to its own sink (or drops them), so the
/// user sees one itkal message naming the file instead of poppler's lines.
thread_local const ItkalPdfSink* message_sink = nullptr;

void forward_poppler_message(const std::string& message, void*) {
  if (message_sink) message_sink->message(message_sink->context, message.data(), message.size());
}

/// Forwards poppler's messages to `sink` for as long as it lives.
class PopplerMessages {
 public:
  explicit PopplerMessages(const ItkalPdfSink* sink) : previous_(message_sink) {
    static std::once_flag installed;
    std::call_once(installed,
                   [] { poppler::set_debug_error_function(forward_poppler_message, nullptr); });
    message_sink = sink;
  }
  ~PopplerMessages() { message_sink = previous_; }
  PopplerMessages(const PopplerMessages&) = delete;
  PopplerMessages& operator=(const PopplerMessages&) = delete;

 private:
  const ItkalPdfSink* previous_;
};

// --- word runs ------------------------------------------------------------------------------

std::string to_utf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

/// Font names carry the weight ("BAAAAA+DejaVuSans-Bold", "Arial,Black", "Lato-Heavy").
bool is_bold_font(std::string name) {
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return name.find("bold") != std::string::npos || name.find("black") != std::string::npos ||
         name.find("heavy") != std::string::npos;
}

/// The byte offsets where the UTF-8 code points of `text` start, and its size at the end
/// (poppler gives font and box per code point).
std::vector<std::size_t> code_point_starts(const std::string& text) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 || i == 0) starts.push_back(i);
  }
  starts.push_back(text.size());
  return starts;
}

/// Poppler's words split where the weight changes: a bold title and the comma after it
/// ("first\",") are one word to poppler but two runs to a reader.
void pass_word_runs(const poppler::text_box& box, const ItkalPdfSink& sink) {
  const std::string text = to_utf8(box.text());
  const std::vector<std::size_t> starts = code_point_starts(text);
  const std::size_t points = starts.size() - 1;
  const auto bold_at = [&](std::size_t i) {
    return box.has_font_info() && is_bold_font(box.get_font_name(static_cast<int>(i)));
  };
  const poppler::rectf bounds = box.bbox();
  std::size_t start = 0;
  while (start < points) {
    const bool bold = bold_at(start);
    std::size_t end = start + 1;
    while (end < points && bold_at(end) == bold) ++end;
    ItkalPdfWord word{};
    word.text = text.data() + starts[start];
    word.text_size = starts[end] - starts[start];
    // A run's own left and right edges; the word's height, so runs of one word stay a line.
    word.left = start == 0 ? bounds.left() : box.char_bbox(start).left();
    word.right = end == points ? bounds.right() : box.char_bbox(end - 1).right();
    word.top = bounds.top();
    word.bottom = bounds.bottom();
    word.size = box.get_font_size();
    word.bold = bold;
    word.space_after = end == points && box.has_space_after();
    sink.word(sink.context, &word);
    start = end;
  }
}

// --- the table ------------------------------------------------------------------------------

void* open_document(const char* bytes, int size, const ItkalPdfSink* sink, int* status) {
  try {
    const PopplerMessages messages(sink);
    std::unique_ptr<poppler::document> document(poppler::document::load_from_raw_data(bytes, size));
    if (!document) {
      *status = itkal_pdf_damaged;
      return nullptr;
    }
    if (document->is_locked()) {
      *status = itkal_pdf_locked;
      return nullptr;
    }
    *status = itkal_pdf_ok;
    return document.release();
  } catch (...) {
    *status = itkal_pdf_failed;
    return nullptr;
  }
}

int page_count(void* document) { return static_cast<poppler::document*>(document)->pages(); }

int read_page(void* document, int index, const ItkalPdfSink* sink, double* height) {
  try {
    const PopplerMessages messages(sink);
    const std::unique_ptr<poppler::page> page(
        static_cast<poppler::document*>(document)->create_page(index));
    if (!page) return 0;
    *height = page->page_rect().height();
    for (const poppler::text_box& box : page->text_list(poppler::page::text_list_include_font))
      pass_word_runs(box, *sink);
    return 1;
  } catch (...) {
    return -1;
  }
}

void close_document(void* document) { delete static_cast<poppler::document*>(document); }

}  // namespace

extern "C" __attribute__((visibility("default"))) const ItkalPdfApi* itkal_pdf_api_v1(void) {
  static const ItkalPdfApi api{open_document, page_count, read_page, close_document};
  return &api;
}

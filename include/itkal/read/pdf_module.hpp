#pragma once

#include <cstddef>

#include "itkal/text/loadable_module.hpp"

/// The entry point of the PDF support module (itkal-pdf.so), which holds all of itkal's use of
/// poppler. read_pdf_newsletter loads it with dlopen on the first PDF, so that a process that
/// reads none does not load poppler and its 40-odd libraries. Plain C types only: the module and
/// the executable share nothing but this table, and no exception crosses it.
extern "C" {

/// A run of one word in one weight, as poppler places it (PDF points, y grows downwards).
struct ItkalPdfWord {
  const char* text;  ///< UTF-8, valid during the call only
  std::size_t text_size;
  double left, top, right, bottom;
  double size;      ///< font size
  int bold;         ///< set in a bold, black or heavy font
  int space_after;  ///< the last run of a word that a space follows
};

/// Where the module passes what it reads, while it reads it.
struct ItkalPdfSink {
  void* context;
  void (*word)(void* context, const ItkalPdfWord* word);
  /// One of poppler's messages about a damaged file (it never reaches stderr).
  void (*message)(void* context, const char* text, std::size_t size);
};

enum ItkalPdfStatus {
  itkal_pdf_ok = 0,
  itkal_pdf_damaged = 1,  ///< not loadable: damaged or truncated beyond repair
  itkal_pdf_locked = 2,   ///< encrypted with a password
  itkal_pdf_failed = 3,   ///< the reader itself failed (out of memory)
};

struct ItkalPdfApi {
  /// Opens the PDF in `bytes`, which must outlive the document; null with `*status` set when it
  /// cannot be read.
  void* (*open)(const char* bytes, int size, const ItkalPdfSink* sink, int* status);
  int (*page_count)(void* document);
  /// Passes page `index`'s word runs in poppler's reading order and sets `*height`: 1, or 0 for a
  /// damaged page object, -1 when the reader failed.
  int (*read_page)(void* document, int index, const ItkalPdfSink* sink, double* height);
  void (*close)(void* document);
};

/// The table, a static the module never frees.
const ItkalPdfApi* itkal_pdf_api_v1(void);
}

namespace itkal {
/// The entry's version changes with any change to ItkalPdfApi: an old module is refused, not
/// misread.
inline constexpr SupportModule kPdfModule{"PDF support", "itkal-pdf.so", "itkal_pdf_api_v1"};
}  // namespace itkal

#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "itkal/read/newsletter_text.hpp"

namespace itkal {

/// Pages read from one PDF; the rest is left out with a warning (bounded time per file).
inline constexpr int kMaxPdfPages = 500;

/// True when `bytes` are a PDF: "%PDF-" within the first 1024 bytes, where PDF readers look
/// for the header (ISO 32000-1 7.5.2 and its implementation note on leading garbage).
bool looks_like_pdf(std::string_view bytes);

/// Reads a PDF newsletter with poppler (Debian's libpoppler-cpp) into text lines as a reader
/// sees them:
/// - words in poppler's reading order (columns are read one after the other), one TextLine per
///   printed line; a line that wraps in the PDF stays two lines, as in a text newsletter, and no
///   hyphen is removed (a line-end "HTML-" is usually a real hyphen in German);
/// - a vertical gap clearly larger than the line spacing (a new paragraph) leaves an empty line;
/// - words set in a bold font become "**…**"; lines set clearly larger than the body text (the
///   most used font size) have `heading` set, like HTML <h1>-<h6>;
/// - a line that repeats at the top or bottom edge of several pages (a running header or footer,
///   "Seite 2 von 3", digits aside) is dropped, so that it cannot split a calendar entry;
/// - no-break spaces become spaces, soft hyphens are dropped, and the ligatures ﬀ ﬁ ﬂ ﬃ ﬄ are
///   spelt out.
/// The PDF's metadata (CreationDate) is not read as the issue date: it is when the file was
/// made, which for a print-to-PDF or a re-export can be days or months after the issue; the
/// masthead, a mail's Date: and the file name decide as for other forms.
/// Throws SourceError naming the file for anything that is not a readable PDF with text: not a
/// PDF, damaged or truncated beyond repair, encrypted with a password, or no text at all (a
/// scanned image). Poppler's own messages never reach stderr.
NewsletterText read_pdf_newsletter(const std::string& source, std::string_view bytes);

}  // namespace itkal

#include "itkal/read/pdf_newsletter_reader.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "itkal/read/pdf_module.hpp"
#include "itkal/text/loadable_module.hpp"
#include "itkal/text/text_folding.hpp"

namespace itkal {
namespace {

/// A vertical gap between two lines larger than this share of a line's height is a new
/// paragraph. Lines of one paragraph touch (gap about 0); paragraphs set 1em apart leave about
/// 0.9; calendar entries set as tight paragraphs (6px apart) about 0.4 and stay together.
constexpr double kParagraphGap = 0.6;
/// A line this much larger than the body text is a heading (HTML's h3 over 14px text is 1.2).
constexpr double kHeadingScale = 1.15;
/// Running headers and footers sit within this share of the page height from its top or bottom.
constexpr double kPageEdge = 0.08;

/// One word as poppler places it on the page (PDF points, y grows downwards).
struct Word {
  std::string text;
  double left = 0, top = 0, right = 0, bottom = 0;
  double size = 0;
  bool bold = false;
  bool space_after = false;
};

/// The words of one printed line, left to right.
struct PrintedLine {
  std::vector<Word> words;
  double top = 0, bottom = 0;
  bool paragraph_before = false;  ///< a clear gap (or a jump to a new column) before it
};

struct PrintedPage {
  std::vector<PrintedLine> lines;
  double height = 0;
};

// --- the PDF support module ---------------------------------------------------------------

/// The module's table, loaded on the first PDF; a missing module is an error about the file.
const ItkalPdfApi& pdf_module(const std::string& source) {
  try {
    return support_module_table<ItkalPdfApi>(kPdfModule);
  } catch (const ModuleError& error) {
    throw SourceError("cannot read '" + source + "': " + error.what());
  }
}

/// What the module passes while it reads: the page's word runs, and poppler's first message.
struct PdfReading {
  std::vector<Word> words;
  std::string first_message;

  /// " (poppler: first message)" or empty.
  [[nodiscard]] std::string poppler_says() const {
    return first_message.empty() ? std::string() : " (poppler: " + first_message + ")";
  }

  [[nodiscard]] ItkalPdfSink sink() {
    return {this,
            [](void* self, const ItkalPdfWord* run) { static_cast<PdfReading*>(self)->add(*run); },
            [](void* self, const char* text, std::size_t size) {
              auto& reading = *static_cast<PdfReading*>(self);
              if (reading.first_message.empty()) reading.first_message.assign(text, size);
            }};
  }

  void add(const ItkalPdfWord& run);
};

/// An open document of the module, closed when it goes.
struct PdfDocument {
  PdfDocument(const ItkalPdfApi& module, void* handle) : module(module), handle(handle) {}
  ~PdfDocument() { module.close(handle); }
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  const ItkalPdfApi& module;
  void* handle;
};

// --- words and lines ------------------------------------------------------------------------

/// No-break spaces as spaces, soft hyphens dropped, Latin ligatures (U+FB00-FB04) spelt out:
/// what a reader sees, and what the extractor's word matching expects.
std::string plain_word(std::string_view text) {
  static const std::pair<std::string_view, std::string_view> kReplacements[] = {
      {"\u00A0", " "},  {"\u00AD", ""},    {"\uFB00", "ff"}, {"\uFB01", "fi"},
      {"\uFB02", "fl"}, {"\uFB03", "ffi"}, {"\uFB04", "ffl"}};
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    bool replaced = false;
    for (const auto& [from, to] : kReplacements) {
      if (text.substr(i).starts_with(from)) {
        out += to;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

void PdfReading::add(const ItkalPdfWord& run) {
  Word word;
  word.text = plain_word(std::string_view(run.text, run.text_size));
  word.left = run.left;
  word.right = run.right;
  word.top = run.top;
  word.bottom = run.bottom;
  word.size = run.size;
  word.bold = run.bold != 0;
  word.space_after = run.space_after != 0;
  if (!word.text.empty()) words.push_back(std::move(word));
}

/// A word continues the line when it lies to the right of the line's last word and overlaps it
/// vertically by at least half the smaller height (a superscript or a larger bold title word
/// still belongs to the line; the next line down does not).
bool continues_line(const PrintedLine& line, const Word& word) {
  const Word& last = line.words.back();
  if (word.left < last.left) return false;
  const double overlap = std::min(last.bottom, word.bottom) - std::max(last.top, word.top);
  const double smaller = std::min(last.bottom - last.top, word.bottom - word.top);
  return overlap >= 0.5 * smaller;
}

std::vector<PrintedLine> group_lines(std::vector<Word> words) {
  std::vector<PrintedLine> lines;
  for (Word& word : words) {
    if (!lines.empty() && continues_line(lines.back(), word)) {
      PrintedLine& line = lines.back();
      line.top = std::min(line.top, word.top);
      line.bottom = std::max(line.bottom, word.bottom);
      line.words.push_back(std::move(word));
      continue;
    }
    PrintedLine line;
    line.top = word.top;
    line.bottom = word.bottom;
    if (!lines.empty()) {
      const PrintedLine& previous = lines.back();
      const double gap = line.top - previous.bottom;
      line.paragraph_before = line.top < previous.top ||  // a new column or text block above
                              gap > kParagraphGap * (previous.bottom - previous.top);
    }
    line.words.push_back(std::move(word));
    lines.push_back(std::move(line));
  }
  return lines;
}

/// The line as text, bold runs written "**…**" as in the text form.
std::string line_text(const PrintedLine& line) {
  std::string text;
  bool bold = false;
  bool pending_space = false;
  for (const Word& word : line.words) {
    if (word.bold != bold) {
      if (word.bold && pending_space) text += ' ';
      text += "**";
      if (!word.bold && pending_space) text += ' ';
      bold = word.bold;
    } else if (pending_space) {
      text += ' ';
    }
    text += word.text;
    pending_space = word.space_after;
  }
  if (bold) text += "**";
  return collapse_spaces(text);
}

double line_size(const PrintedLine& line) {
  double size = 0;
  for (const Word& word : line.words) size = std::max(size, word.size);
  return size;
}

/// The font size most of the text is set in, by characters (sizes rounded to 0.1 pt).
double body_size(const std::vector<PrintedPage>& pages) {
  std::map<long, std::size_t> characters;
  for (const auto& page : pages) {
    for (const auto& line : page.lines) {
      for (const Word& word : line.words)
        characters[std::lround(word.size * 10)] += word.text.size();
    }
  }
  const auto most =
      std::max_element(characters.begin(), characters.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  return most == characters.end() ? 0 : static_cast<double>(most->first) / 10;
}

// --- running headers and footers ------------------------------------------------------------

/// A line's text with every digit as '#', so "Seite 2 von 3" and "Seite 3 von 3" are one line.
std::string digits_masked(std::string text) {
  for (char& c : text) {
    if (c >= '0' && c <= '9') c = '#';
  }
  return text;
}

/// "top:…"/"bottom:…" for a line near the page's top or bottom edge, else empty.
std::string edge_key(const PrintedPage& page, const PrintedLine& line) {
  if (page.height <= 0) return {};
  if (line.bottom <= kPageEdge * page.height) return "top:" + digits_masked(line_text(line));
  if (line.top >= (1 - kPageEdge) * page.height) return "bottom:" + digits_masked(line_text(line));
  return {};
}

/// Drops the lines that repeat at the same edge of at least two pages.
void drop_running_lines(std::vector<PrintedPage>& pages) {
  std::map<std::string, std::size_t> pages_with;
  for (const auto& page : pages) {
    std::set<std::string> keys;
    for (const auto& line : page.lines) {
      if (std::string key = edge_key(page, line); !key.empty()) keys.insert(std::move(key));
    }
    for (const auto& key : keys) ++pages_with[key];
  }
  for (auto& page : pages) {
    std::erase_if(page.lines, [&](const PrintedLine& line) {
      const std::string key = edge_key(page, line);
      return !key.empty() && pages_with[key] >= 2;
    });
  }
}

// --- the document ---------------------------------------------------------------------------

std::unique_ptr<PdfDocument> open_document(const std::string& source, std::string_view bytes) {
  if (!looks_like_pdf(bytes)) {
    throw SourceError("cannot read '" + source + "': not a PDF (no %PDF- header)");
  }
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    throw SourceError("cannot read '" + source + "': too large for the PDF reader");
  }
  const ItkalPdfApi& module = pdf_module(source);
  PdfReading reading;
  const ItkalPdfSink sink = reading.sink();
  int status = itkal_pdf_failed;
  void* handle = module.open(bytes.data(), static_cast<int>(bytes.size()), &sink, &status);
  if (handle) return std::make_unique<PdfDocument>(module, handle);
  if (status == itkal_pdf_locked) {
    throw SourceError("cannot read '" + source +
                      "': the PDF is encrypted with a password; save it without one");
  }
  if (status == itkal_pdf_damaged) {
    throw SourceError("cannot read '" + source + "': a damaged or truncated PDF" +
                      reading.poppler_says());
  }
  throw SourceError("cannot read '" + source + "': the PDF reader failed");
}

NewsletterText to_newsletter_text(const std::string& source, std::vector<PrintedPage>& pages) {
  drop_running_lines(pages);
  const double body = body_size(pages);
  NewsletterText text;
  text.source = source;
  std::vector<OwnedTextLine> lines;
  for (const auto& page : pages) {
    for (const auto& line : page.lines) {
      const bool first_of_page = &line == &page.lines.front();
      if (!lines.empty() && (line.paragraph_before || first_of_page)) {
        lines.push_back({lines.size() + 1, "", false});
      }
      const bool heading = body > 0 && line_size(line) >= kHeadingScale * body;
      lines.push_back({lines.size() + 1, line_text(line), heading});
    }
  }
  text.append_lines(lines);
  return text;
}

}  // namespace

bool looks_like_pdf(std::string_view bytes) {
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

NewsletterText read_pdf_newsletter(const std::string& source, std::string_view bytes) {
  const std::unique_ptr<PdfDocument> document = open_document(source, bytes);
  const ItkalPdfApi& module = document->module;
  PdfReading reading;
  const ItkalPdfSink sink = reading.sink();
  const int page_count = module.page_count(document->handle);
  std::vector<PrintedPage> pages;
  std::vector<Warning> warnings;
  if (page_count > kMaxPdfPages) {
    warnings.push_back({0, "",
                        "'" + source + "' has " + std::to_string(page_count) +
                            " pages; only the first " + std::to_string(kMaxPdfPages) +
                            " are read"});
  }
  for (int index = 0; index < std::min(page_count, kMaxPdfPages); ++index) {
    PrintedPage printed;
    reading.words.clear();
    const int read = module.read_page(document->handle, index, &sink, &printed.height);
    if (read < 0) throw SourceError("cannot read '" + source + "': the PDF reader failed");
    if (read == 0) continue;  // a damaged page object; the others are still read
    printed.lines = group_lines(std::move(reading.words));
    if (!printed.lines.empty()) pages.push_back(std::move(printed));
  }
  if (pages.empty()) {
    throw SourceError("cannot read '" + source + "': no text in its " + std::to_string(page_count) +
                      (page_count == 1 ? " page" : " pages") +
                      " (a scanned image? itkal reads text, not pictures)" +
                      reading.poppler_says());
  }
  NewsletterText text = to_newsletter_text(source, pages);
  text.warnings = std::move(warnings);
  return text;
}

}  // namespace itkal

#include "itkal/read/html_newsletter_reader.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <array>
#include <limits>
#include <memory>
#include <mutex>

#include "itkal/text/text_folding.hpp"
#include "itkal/text/text_scanner.hpp"

namespace itkal {
namespace {

using Name = std::string_view;

/// Elements that start and end a line (HTML "block-level" and list/table structure). Table
/// cells are not among them: cells of one row share a line (see `is_cell`).
constexpr auto kBlockElements = std::to_array<Name>(
    {"address", "article", "aside",  "blockquote", "body", "caption", "center",   "dd",
     "details", "dialog",  "dir",    "div",        "dl",   "dt",      "fieldset", "figcaption",
     "figure",  "footer",  "form",   "h1",         "h2",   "h3",      "h4",       "h5",
     "h6",      "header",  "hgroup", "hr",         "html", "legend",  "li",       "main",
     "menu",    "nav",     "ol",     "p",          "pre",  "section", "summary",  "table",
     "tbody",   "tfoot",   "thead",  "tr",         "ul"});

/// Elements whose content a mail program never shows. (Scripts never run in mail, so the
/// fallback in <noscript> and <object> is shown.)
constexpr auto kDroppedElements =
    std::to_array<Name>({"head", "style", "script", "template", "title", "iframe", "svg", "math"});

Name element_name(const xmlNode* node) {
  return node->name ? Name(reinterpret_cast<const char*>(node->name)) : Name{};
}

template <std::size_t N>
bool one_of(Name name, const std::array<Name, N>& names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_block(Name name) { return one_of(name, kBlockElements); }
bool is_cell(Name name) { return name == "td" || name == "th"; }
bool is_heading(Name name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
}

/// An attribute's value, lower-cased and without white space ("font-weight:bold"), so that
/// style declarations compare however they were spaced; empty when absent.
std::string squeezed_attribute(const xmlNode* node, const char* attribute) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(attribute));
  if (!value) return {};
  std::string out;
  for (const xmlChar* c = value; *c; ++c) {
    const char ch = static_cast<char>(*c);
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f') continue;
    out += ascii_lower(ch);
  }
  xmlFree(value);
  return out;
}

bool is_hidden(const xmlNode* node) {
  if (xmlHasProp(node, reinterpret_cast<const xmlChar*>("hidden"))) return true;
  const std::string style = squeezed_attribute(node, "style");
  return style.find("display:none") != std::string::npos;
}

bool is_bold(const xmlNode* node) {
  const Name name = element_name(node);
  if (name == "b" || name == "strong") return true;
  if (!xmlHasProp(node, reinterpret_cast<const xmlChar*>("style"))) return false;
  const std::string style = squeezed_attribute(node, "style");
  const auto at = style.find("font-weight:");
  if (at == std::string::npos) return false;
  const std::string_view value = std::string_view(style).substr(at + 12);
  // CSS: bold and bolder, or a numeric weight of 600 and more, is what renders bold.
  return value.starts_with("bold") || (value.size() >= 3 && value[0] >= '6' && value[0] <= '9' &&
                                       value[1] == '0' && value[2] == '0');
}

/// The href of a link to a web page (http or https, without white space or parentheses that
/// would end the Markdown form early); empty for anchors, mail and script links.
std::string web_address(const xmlNode* node) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>("href"));
  if (!value) return {};
  std::string address(reinterpret_cast<const char*>(value));
  xmlFree(value);
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!address.empty() && is_space(address.back())) address.pop_back();
  std::size_t start = 0;
  while (start < address.size() && is_space(address[start])) ++start;
  address.erase(0, start);
  const std::string scheme = ascii_lowercase(std::string_view(address).substr(0, 8));
  const bool web = scheme.starts_with("https://") || scheme.starts_with("http://");
  if (!web || address.find_first_of(" \t\n\r()[]") != std::string::npos) return {};
  return address;
}

bool dropped(const xmlNode* node) {
  return one_of(element_name(node), kDroppedElements) || is_hidden(node);
}

/// Decodes one UTF-8 sequence at `pos`; returns the code point and advances `pos`. libxml2
/// hands out valid UTF-8, but a broken byte still yields U+FFFD instead of a stall.
char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (lead >= 0x80 && (lead < 0xC2 || lead > 0xF4 || pos + length > text.size())) {
    ++pos;
    return U'\uFFFD';
  }
  char32_t code = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    code = (code << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3F);
  }
  pos += length;
  return code;
}

/// Builds the text lines while the tree is walked: collapses white space, writes bold markers
/// and breaks lines.
class LineWriter {
 public:
  /// Text of a text node; `preformatted` inside <pre>, where spaces and newlines stay.
  void text(std::string_view utf8, bool preformatted) {
    std::size_t pos = 0;
    while (pos < utf8.size()) {
      char32_t code = next_code_point(utf8, pos);
      if (code == U'\n' && preformatted) {
        hard_break();
        continue;
      }
      if (code == U' ' || code == U'\t' || code == U'\n' || code == U'\r' || code == U'\f' ||
          code == U'\u00A0') {
        if (preformatted && code != U'\u00A0') {
          put(U' ');
        } else {
          pending_space_ = true;
        }
        continue;
      }
      // Invisible: soft hyphen, zero-width space/joiners, word joiner, byte-order mark.
      if (code == U'\u00AD' || (code >= U'\u200B' && code <= U'\u200D') || code == U'\u2060' ||
          code == U'\uFEFF') {
        continue;
      }
      // C1 controls come from a Latin-1 label on Windows-1252 text; browsers read such text as
      // Windows-1252 (WHATWG Encoding Standard), and so do we.
      if (code >= 0x80 && code <= 0x9F) {
        const char byte = static_cast<char>(code);
        const std::string mapped = windows1252_to_utf8(std::string_view(&byte, 1));
        std::size_t at = 0;
        code = mapped.empty() ? U'\uFFFD' : next_code_point(mapped, at);
      }
      if (code < 0x20 || code == 0x7F) continue;  // other controls show nothing
      put(code);
    }
  }

  void bold_begin() { ++bold_depth_; }
  void bold_end() {
    if (bold_depth_ > 0) --bold_depth_;
    // A span whose text all went to earlier lines ends there, not at the next word.
    if (bold_depth_ == 0 && !bold_in_line_) close_bold();
  }
  /// A link to a web page: its text is written "[text](address)", the Markdown form the entry
  /// parser reads as a title with its URL. Links without text, spanning lines or nested are
  /// written as their text alone.
  void link_begin(std::string address) {
    if (link_open_) return;
    link_open_ = true;
    link_address_ = std::move(address);
    link_at_ = npos;
    link_bold_depth_ = bold_depth_;
  }
  void link_end() {
    if (!link_open_) return;
    link_open_ = false;
    if (link_at_ == npos) return;
    if (bold_depth_ == 0) close_bold();  // "<a><b>x</b></a>": the span ended inside the link
    line_ += "](" + link_address_ + ")";
  }

  void heading_begin() { ++heading_depth_; }
  void heading_end() {
    if (heading_depth_ > 0) --heading_depth_;
  }

  /// A cell boundary: cells of one row with text are written "a | b", the table-row form the
  /// entry parser reads (date | time | title | place).
  void separate() {
    if (has_text_) pending_cell_ = true;
  }

  /// A block boundary: ends the line when it has text; never makes an empty line.
  void soft_break() {
    if (has_text_) end_line();
    pending_space_ = false;
  }

  /// <br>: ends the line, even an empty one, as a browser shows two <br> as an empty line.
  void hard_break() { end_line(); }

  std::vector<OwnedTextLine> finish() {
    soft_break();
    close_bold();
    return std::move(lines_);
  }

 private:
  void put(char32_t code) {
    if (pending_cell_ && has_text_) {
      close_bold();
      line_ += " | ";
      pending_space_ = false;
    }
    pending_cell_ = false;
    // "[" goes inside a bold span that began before the link and outside one that begins in it:
    // "**[x](a)**" and "[**x**](a)".
    const bool link_starts = link_open_ && link_at_ == npos;
    if (link_starts && bold_depth_ > link_bold_depth_) {
      close_bold();  // a span from before the link ends before it
      if (pending_space_ && has_text_) line_ += ' ';
      pending_space_ = false;
      link_at_ = line_.size();
      line_ += '[';
    }
    if (bold_depth_ > 0) {
      // A span that closed and opens again before any plain text continues as one span:
      // "<b>a</b> <b>b</b>" is "**a b**", not "**a** **b**".
      if (pending_space_ && has_text_) line_ += ' ';
      if (!bold_open_) line_ += "**";
      bold_open_ = true;
      bold_in_line_ = true;
    } else {
      close_bold();
      if (pending_space_ && has_text_) line_ += ' ';
    }
    pending_space_ = false;
    if (link_starts && link_at_ == npos) {
      link_at_ = line_.size();
      line_ += '[';
    }
    append_utf8(line_, code);
    has_text_ = true;
    if (heading_depth_ > 0) heading_ = true;
  }

  /// Writes the closing "**" after the span's last character, on this line or an earlier one.
  void close_bold() {
    if (!bold_open_) return;
    if (bold_in_line_ || lines_.empty()) {
      line_ += "**";
    } else {
      lines_[bold_line_].text += "**";
    }
    bold_open_ = false;
  }

  void end_line() {
    // A link whose text runs onto the next line keeps its text without the brackets.
    if (link_open_ && link_at_ != npos) {
      line_.erase(link_at_, 1);
      link_open_ = false;
    }
    // A span still open here continues on the next line (the marker is written once, as in a
    // wrapped text newsletter); one that has ended is closed before the break.
    if (bold_depth_ == 0) close_bold();
    if (bold_open_ && bold_in_line_) {
      bold_line_ = lines_.size();
      bold_in_line_ = false;
    }
    lines_.push_back({lines_.size() + 1, std::move(line_), heading_});
    line_.clear();
    has_text_ = false;
    heading_ = false;
    pending_space_ = false;
    pending_cell_ = false;
  }

  std::vector<OwnedTextLine> lines_;
  std::string line_;
  bool pending_cell_ = false;
  bool has_text_ = false;
  bool heading_ = false;
  bool pending_space_ = false;
  bool bold_open_ = false;     ///< "**" written on this or an earlier line, not yet closed
  bool bold_in_line_ = false;  ///< the open span has text on the current line
  std::size_t bold_line_ = 0;  ///< else the index in lines_ of its last text
  int bold_depth_ = 0;
  int heading_depth_ = 0;
  static constexpr std::size_t npos = std::string::npos;
  bool link_open_ = false;
  std::string link_address_;
  int link_bold_depth_ = 0;     ///< bold depth where the link began
  std::size_t link_at_ = npos;  ///< where its "[" is in line_, npos before its first character
};

/// What an element does when the walk enters and leaves it.
class Renderer {
 public:
  void enter(const xmlNode* node) {
    const Name name = element_name(node);
    if (name == "br") {
      writer_.hard_break();
      return;
    }
    if (is_block(name)) writer_.soft_break();
    if (is_cell(name)) writer_.separate();
    if (is_heading(name)) writer_.heading_begin();
    if (name == "pre") ++preformatted_;
    if (is_bold(node)) writer_.bold_begin();
    if (name == "a") {
      if (std::string address = web_address(node); !address.empty()) {
        writer_.link_begin(std::move(address));
      }
    }
  }

  void leave(const xmlNode* node) {
    const Name name = element_name(node);
    if (name == "a") writer_.link_end();
    if (is_bold(node)) writer_.bold_end();
    if (name == "pre" && preformatted_ > 0) --preformatted_;
    if (is_heading(name)) writer_.heading_end();
    if (is_cell(name)) writer_.separate();
    if (is_block(name)) writer_.soft_break();
  }

  void text(const xmlNode* node) {
    if (node->content) {
      writer_.text(reinterpret_cast<const char*>(node->content), preformatted_ > 0);
    }
  }

  std::vector<OwnedTextLine> finish() { return writer_.finish(); }

 private:
  LineWriter writer_;
  int preformatted_ = 0;
};

/// Walks the tree without recursion (parent pointers), so that 10,000 nested <div> cost no
/// stack.
std::vector<OwnedTextLine> render(xmlDoc* doc) {
  Renderer renderer;
  const xmlNode* node = doc->children;
  while (node) {
    bool descend = false;
    if (node->type == XML_ELEMENT_NODE) {
      if (!dropped(node)) {
        renderer.enter(node);
        descend = node->children != nullptr;
        if (!descend) renderer.leave(node);
      }
    } else if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      renderer.text(node);
    }
    if (descend) {
      node = node->children;
      continue;
    }
    // Next sibling, or up until an ancestor has one, leaving every element passed.
    while (node && !node->next) {
      node = node->parent;
      if (!node || node->type == XML_DOCUMENT_NODE || node->type == XML_HTML_DOCUMENT_NODE) {
        node = nullptr;
        break;
      }
      if (node->type == XML_ELEMENT_NODE) renderer.leave(node);
    }
    if (node) node = node->next;
  }
  return renderer.finish();
}

/// libxml2 wants xmlInitParser() once, before any thread parses.
void init_libxml2() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

/// What the parser reported, instead of printing it: HTML_PARSE_NOERROR covers the parser's own
/// messages but not every encoding error, which would otherwise reach stderr.
struct ParseErrors {
  bool halted = false;  ///< libxml2 stopped early (nesting deeper than xmlParserMaxDepth)
};

void record_error(void* context, xmlErrorPtr error) {
  // The HTML parser raises an internal error only when it halts: "Excessive depth in document".
  if (error && error->code == XML_ERR_INTERNAL_ERROR)
    static_cast<ParseErrors*>(context)->halted = true;
}

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

struct ParserContextDeleter {
  void operator()(htmlParserCtxt* context) const { htmlFreeParserCtxt(context); }
};

using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

bool known_encoding(const std::string& name) {
  xmlCharEncodingHandler* handler = xmlFindCharEncodingHandler(name.c_str());
  if (!handler) return false;
  xmlCharEncCloseFunc(handler);  // frees a handler made for iconv; leaves built-in ones alone
  return true;
}

DocPtr parse(const std::string& source, std::string_view bytes, const char* encoding,
             ParseErrors& errors) {
  std::unique_ptr<htmlParserCtxt, ParserContextDeleter> context(htmlNewParserCtxt());
  if (!context)
    throw SourceError("cannot read '" + source + "': out of memory for the HTML parser");
  // The handler is per thread in libxml2; the caller's one is put back after parsing.
  const xmlStructuredErrorFunc previous_handler = xmlStructuredError;
  void* const previous_context = xmlStructuredErrorContext;
  xmlSetStructuredErrorFunc(&errors, record_error);
  DocPtr doc(htmlCtxtReadMemory(
      context.get(), bytes.data(), static_cast<int>(bytes.size()), nullptr, encoding,
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
  xmlSetStructuredErrorFunc(previous_context, previous_handler);
  return doc;
}

}  // namespace

NewsletterText read_html_newsletter(const std::string& source, std::string_view bytes,
                                    std::string_view encoding) {
  init_libxml2();
  NewsletterText text;
  text.source = source;
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw SourceError("cannot read '" + source + "': too large for the HTML parser");
  }

  std::string encoding_name(encoding);
  if (!encoding_name.empty() && !known_encoding(encoding_name)) {
    text.warnings.push_back({0, "",
                             "'" + source + "' names the unknown charset '" + encoding_name +
                                 "'; its own declaration or UTF-8 is used"});
    encoding_name.clear();
  }
  const bool declared = !encoding_name.empty();

  ParseErrors errors;
  auto doc = parse(source, bytes, declared ? encoding_name.c_str() : nullptr, errors);
  // libxml2 reads a document that declares no charset as ISO-8859-1; one that is valid UTF-8
  // (and not plain ASCII) is read again as UTF-8, the charset of nearly every newsletter.
  if (doc && !declared && !doc->encoding && is_valid_utf8(bytes) &&
      std::any_of(bytes.begin(), bytes.end(), [](char c) { return (c & 0x80) != 0; })) {
    errors = {};
    doc = parse(source, bytes, "UTF-8", errors);
  }
  if (!doc) {
    // libxml2 gives no document for input without any markup or text (empty, blanks only).
    if (collapse_spaces(bytes).empty()) return text;
    throw SourceError("cannot read '" + source + "': the HTML parser found no document");
  }

  // Without a charset from outside or in the document, libxml2 falls back to ISO-8859-1 for
  // bytes that are not UTF-8; the C1 mapping in LineWriter makes that Windows-1252.
  if (!declared && !is_valid_utf8(bytes)) {
    if (!doc->encoding) {
      text.warnings.push_back(
          {0, "",
           "'" + source + "' is not valid UTF-8 and declares no charset; read as Windows-1252"});
    } else if (const std::string said =
                   ascii_lowercase(reinterpret_cast<const char*>(doc->encoding));
               said == "utf-8" || said == "utf8") {
      // libxml2 goes on in ISO-8859-1 from the first bad byte.
      text.warnings.push_back(
          {0, "",
           "'" + source + "' says UTF-8 but is not; read as Windows-1252 from the first bad byte"});
    }
  }
  if (errors.halted) {
    // The limit guards libxml2's recursive code; no real newsletter comes near it.
    text.warnings.push_back({0, "",
                             "'" + source + "' nests elements deeper than " +
                                 std::to_string(xmlParserMaxDepth) +
                                 " levels; the text from there on is lost"});
  }
  text.append_lines(render(doc.get()));
  return text;
}

}  // namespace itkal

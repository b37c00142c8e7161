#pragma once
// Writes small PDF files for the tests, so that no PDF fixture needs a tool or a binary file in
// the repository: one page per group of lines, Helvetica and Helvetica-Bold (two of the 14
// standard fonts every PDF reader has), WinAnsiEncoding, a classic cross-reference table.

#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace itkal::testing {

/// One page of text: lines as in a text newsletter ("**…**" is set in bold, "" leaves a gap of
/// one line, as a blank line in the text does).
using PdfPage = std::vector<std::string>;

/// The characters the example issues use, UTF-8 to WinAnsiEncoding (PDF 32000-1 D.2).
inline std::string to_win_ansi(std::string_view utf8) {
  static const std::pair<std::string_view, char> kSpecial[] = {
      {"ä", '\xE4'}, {"ö", '\xF6'}, {"ü", '\xFC'}, {"Ä", '\xC4'}, {"Ö", '\xD6'}, {"Ü", '\xDC'},
      {"ß", '\xDF'}, {"–", '\x96'}, {"„", '\x84'}, {"“", '\x93'}, {"é", '\xE9'}, {"€", '\x80'}};
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    bool found = false;
    for (const auto& [from, to] : kSpecial) {
      if (utf8.substr(i).starts_with(from)) {
        out += to;
        i += from.size();
        found = true;
        break;
      }
    }
    if (!found)
      throw std::runtime_error("minimal_pdf: no WinAnsi code for '" +
                               std::string(utf8.substr(i, 3)) + "'");
  }
  return out;
}

/// A PDF string literal: ( ) and \ escaped (PDF 32000-1 7.3.4.2).
inline std::string pdf_string(std::string_view text) {
  std::string out = "(";
  for (const char c : text) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out + ")";
}

/// The content stream of one page: each line at the left margin, `leading` points below the
/// last; bold runs switch to /F2.
inline std::string page_content(const PdfPage& lines, double font_size, double page_height) {
  const double leading = font_size * 1.4;
  std::string content = "BT\n";
  double y = page_height - 60;
  for (const std::string& line : lines) {
    if (!line.empty()) {
      content +=
          "/F1 " + std::to_string(font_size) + " Tf\n1 0 0 1 56 " + std::to_string(y) + " Tm\n";
      bool bold = false;
      std::size_t pos = 0;
      while (pos <= line.size()) {
        const std::size_t marker = std::min(line.find("**", pos), line.size());
        if (marker > pos) {
          content += std::string(bold ? "/F2 " : "/F1 ") + std::to_string(font_size) + " Tf " +
                     pdf_string(to_win_ansi(line.substr(pos, marker - pos))) + " Tj\n";
        }
        if (marker == line.size()) break;
        bold = !bold;
        pos = marker + 2;
      }
    }
    y -= leading;
  }
  return content + "ET\n";
}

/// A whole PDF file of `pages` on A4, with `footer` at the bottom of each page ("{page}" is its
/// number, "" for none) and an Info dictionary whose CreationDate is `creation_date` (a PDF date
/// string, "" for none).
inline std::string minimal_pdf(const std::vector<PdfPage>& pages, std::string_view footer = "",
                               std::string_view creation_date = "", double font_size = 9) {
  const double width = 595, height = 842;
  std::vector<std::string> objects;  // objects[i] is object number i + 1
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("");  // the page tree, written when the page numbers are known
  objects.push_back(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
      "/Encoding /WinAnsiEncoding >>");
  objects.push_back(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
      "/Encoding /WinAnsiEncoding >>");
  std::string kids;
  std::size_t page_number = 0;
  for (const PdfPage& page : pages) {
    ++page_number;
    std::string content = page_content(page, font_size, height);
    if (!footer.empty()) {
      std::string text(footer);
      if (const auto at = text.find("{page}"); at != std::string::npos)
        text.replace(at, 6, std::to_string(page_number));
      content += "BT\n/F1 8 Tf\n1 0 0 1 56 30 Tm\n" + pdf_string(to_win_ansi(text)) + " Tj\nET\n";
    }
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
                      "endstream");
    const std::size_t content_number = objects.size();
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + std::to_string(width) + " " +
                      std::to_string(height) +
                      "] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents " +
                      std::to_string(content_number) + " 0 R >>");
    kids += std::to_string(objects.size()) + " 0 R ";
  }
  objects[1] =
      "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";
  std::string info_ref;
  if (!creation_date.empty()) {
    objects.push_back("<< /Producer (itkal tests) /CreationDate " + pdf_string(creation_date) +
                      " >>");
    info_ref = " /Info " + std::to_string(objects.size()) + " 0 R";
  }

  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (const std::size_t offset : offsets) {
    char entry[21];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R" + info_ref +
         " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

/// The lines of a text newsletter as one page each `lines_per_page` lines (0: one page).
inline std::vector<PdfPage> paged(const std::string& text, std::size_t lines_per_page = 0) {
  std::vector<PdfPage> pages(1);
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    if (lines_per_page > 0 && pages.back().size() == lines_per_page) pages.emplace_back();
    pages.back().push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return pages;
}

}  // namespace itkal::testing

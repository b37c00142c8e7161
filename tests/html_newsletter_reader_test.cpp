// The HTML reader: rendering to text lines (bold, breaks, headings, entities, tables),
// charsets, and malformed or hostile input.
#include "itkal/read/html_newsletter_reader.hpp"

#include <gtest/gtest.h>

#include <string>

#include "itkal/read/newsletter_reader.hpp"

namespace itkal {
namespace {

/// The rendered lines joined by "\n"; a heading line is written "# text".
std::string rendered(const NewsletterText& text) {
  std::string out;
  for (const auto& line : text.lines) {
    if (!out.empty() || &line != &text.lines.front()) out += '\n';
    if (line.heading) out += "# ";
    out += line.text;
  }
  return out;
}

std::string rendered(std::string_view html, std::string_view encoding = {}) {
  return rendered(read_html_newsletter("t.html", html, encoding));
}

struct RenderCase {
  const char* what;
  const char* html;
  const char* lines;
};

const RenderCase kRenderCases[] = {
    // Bold spans.
    {"strong", "<p>12.5.: <strong>Titel</strong>, KDO</p>", "12.5.: **Titel**, KDO"},
    {"b", "<p><b>Titel</b></p>", "**Titel**"},
    {"nested bold is one span", "<b>a <strong>b</strong> c</b>", "**a b c**"},
    {"blanks move outside the markers", "<p>x<b> Titel </b>y</p>", "x **Titel** y"},
    {"neighbouring spans merge", "<p><b>a</b> <b>b</b>, c</p>", "**a b**, c"},
    {"empty span leaves no markers", "<p>a<b> </b>b<strong></strong></p>", "a b"},
    {"inline style bold", "<p><span style=\"font-weight: bold\">a</span> b</p>", "**a** b"},
    {"numeric weight", "<p><span style=\"FONT-WEIGHT:700;color:red\">a</span></p>", "**a**"},
    {"normal weight is not bold", "<p><span style=\"font-weight:normal\">a</span></p>", "a"},
    {"bold continues over <br>", "<p><b>langer<br>Titel</b>, KDO</p>", "**langer\nTitel**, KDO"},
    {"bold ends before a block break", "<p><b>a</b></p><p>b</p>", "**a**\nb"},
    {"bold ends on the line of its last word", "<p><b>a<br></b>c</p>", "**a**\nc"},
    {"bold ends at a paragraph's end", "<p><b>a<br></b></p><p>c</p>", "**a**\nc"},
    {"bold over an empty line", "<p><b>a<br><br>b</b></p>", "**a\n\nb**"},
    {"bold at the very end", "<b>a<br>", "**a**"},
    // Line breaks.
    {"br", "<p>a<br>b<br/>c</p>", "a\nb\nc"},
    {"two br make an empty line", "<p>a<br><br>b</p>", "a\n\nb"},
    {"br before a block end adds nothing", "<p>a<br></p><p>b</p>", "a\nb"},
    {"paragraphs", "<p>a</p><p>b</p>", "a\nb"},
    {"divs and lists", "<div>a<div>b</div>c</div><ul><li>d</li><li>e</li></ul>", "a\nb\nc\nd\ne"},
    {"empty blocks make no lines", "<div><p></p><div> </div></div><p>a</p>", "a"},
    {"hr", "a<hr>b", "a\nb"},
    // Headings.
    {"heading flag", "<h2>VITAKO IT-Kalender</h2><p>x</p>", "# VITAKO IT-Kalender\nx"},
    {"every heading level", "<h1>a</h1><h6>b</h6>", "# a\n# b"},
    {"heading with br", "<h3>a<br>b</h3>", "# a\n# b"},
    {"bold heading", "<h2><b>Termine</b></h2>", "# **Termine**"},
    // Entities, white space, invisible characters.
    {"named entities", "<p>L&auml;nder &ndash; &quot;API&quot; &amp; B&uuml;ro</p>",
     "L\xC3\xA4nder \xE2\x80\x93 \"API\" & B\xC3\xBCro"},
    {"numeric entities", "<p>&#8364; &#x20AC; &euro;</p>",
     "\xE2\x82\xAC \xE2\x82\xAC \xE2\x82\xAC"},
    {"nbsp is a plain space", "<p>27.5.,&nbsp;10.00&nbsp;&nbsp; Uhr</p>", "27.5., 10.00 Uhr"},
    {"white space collapses", "<p>\n   a\n\t  b   </p>", "a b"},
    {"soft hyphen and zero-width dropped", "<p>Ver&shy;an&#8203;stal&zwnj;tung&#xFEFF;</p>",
     "Veranstaltung"},
    {"inline elements join", "<p>a<span>b</span><a href=\"x\">c</a><i>d</i></p>", "abcd"},
    // Links to web pages in the Markdown form the entry parser reads (issue 16).
    {"web link", "<p>12.5.: <a href=\"https://example.org/f\">Fachtag</a>, KDO</p>",
     "12.5.: [Fachtag](https://example.org/f), KDO"},
    {"bold inside a link", "<p><a href=\"http://e.org/x\"><b>Fachtag</b></a> x</p>",
     "[**Fachtag**](http://e.org/x) x"},
    {"link inside bold", "<p><b><a href=\"https://e.org/x\">Fachtag</a></b> x</p>",
     "**[Fachtag](https://e.org/x)** x"},
    {"bold before a link", "<p><b>a</b> <a href=\"https://e.org/x\"><b>b</b></a></p>",
     "**a** [**b**](https://e.org/x)"},
    {"space before a link", "<p>a <a href=\" https://e.org/x \"> b </a> c</p>",
     "a [b](https://e.org/x) c"},
    {"mail, anchor and script links are text",
     "<p><a href=\"mailto:a@b.de\">a</a> <a href=\"#top\">b</a> <a "
     "href=\"javascript:x()\">c</a></p>",
     "a b c"},
    {"address with a parenthesis is text", "<p><a href=\"https://e.org/a(b)\">a</a></p>", "a"},
    {"link without text", "<p><a href=\"https://e.org/x\"><img src=\"y.png\"></a>a</p>", "a"},
    {"link over a line break is text", "<p><a href=\"https://e.org/x\">a<br>b</a></p>", "a\nb"},
    {"images are not text", "<p><img src=\"logo.png\" alt=\"VITAKO\">a</p>", "a"},
    // Dropped content.
    {"head, style, script, comments",
     "<html><head><title>T</title><style>p{color:red}</style></head><body>"
     "<script>var x = '<p>no</p>';</script><!-- a comment --><p>a</p><noscript>n</noscript>"
     "</body></html>",
     "a\nn"},
    {"display none and hidden",
     "<div style=\"display: none; max-height:0\">Vorschau</div><p hidden>h</p><p>a</p>", "a"},
    // Tables.
    {"layout table", "<table><tr><td>a</td></tr><tr><td>b</td></tr></table>", "a\nb"},
    {"cells of a row share a line",
     "<table><tr><td>12.5.</td><td><b>Titel</b></td><td>KDO</td></tr></table>",
     "12.5. | **Titel** | KDO"},
    {"paragraphs in a cell are not glued",
     "<table><tr><td><p>a</p><p>b</p></td><td><p>c</p></td></tr></table>", "a\nb\nc"},
    {"cell then block", "<table><tr><td>x</td><td><p>a</p></td></tr></table>", "x\na"},
    {"spacer cells", "<table><tr><td>&nbsp;</td></tr><tr><td>a</td><td>&nbsp;</td></tr></table>",
     "a"},
    {"nested tables",
     "<table><tr><td><table><tr><td>a</td></tr></table></td></tr><tr><td>b</td></tr></table>",
     "a\nb"},
    // Preformatted text.
    {"pre keeps spaces and lines", "<pre>a  b\nc</pre><p>d</p>", "a  b\nc\nd"},
};

TEST(HtmlNewsletterReader, RendersLikeABrowser) {
  for (const auto& test : kRenderCases) {
    EXPECT_EQ(rendered(test.html), test.lines) << test.what << ": " << test.html;
  }
}

TEST(HtmlNewsletterReader, NumbersRenderedLinesFromOne) {
  const NewsletterText text =
      read_html_newsletter("t.html", "<h2>Termine</h2><p>a<br><br>b</p><p>c</p>");
  ASSERT_EQ(text.lines.size(), 5u);
  for (std::size_t i = 0; i < text.lines.size(); ++i) EXPECT_EQ(text.lines[i].number, i + 1);
  EXPECT_TRUE(text.lines[0].heading);
  EXPECT_EQ(text.lines[2].text, "");
  EXPECT_EQ(text.source, "t.html");
  EXPECT_TRUE(text.warnings.empty());
}

struct CharsetCase {
  const char* what;
  std::string html;
  const char* encoding;
  const char* lines;
  bool warns;
};

const CharsetCase kCharsetCases[] = {
    {"UTF-8 without declaration", "<p>f\xC3\xBCr 10 \xE2\x82\xAC</p>", "",
     "f\xC3\xBCr 10 \xE2\x82\xAC", false},
    {"meta charset",
     "<html><head><meta charset=\"iso-8859-1\"></head><body><p>f\xFCr</p></body></html>", "",
     "f\xC3\xBCr", false},
    {"http-equiv charset",
     "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
     "</head><body><p>\x80 \x84Zitat\x93</p></body></html>",
     "", "\xE2\x82\xAC \xE2\x80\x9EZitat\xE2\x80\x9C", false},
    {"Latin-1 label on Windows-1252 bytes", "<meta charset=\"iso-8859-1\"><p>10 \x80 f\xFCr</p>",
     "", "10 \xE2\x82\xAC f\xC3\xBCr", false},
    {"encoding from outside wins over meta", "<meta charset=\"utf-8\"><p>f\xFCr \x80</p>", "latin1",
     "f\xC3\xBCr \xE2\x82\xAC", false},
    {"encoding from outside, Windows-1252", "<p>\x80</p>", "Windows-1252", "\xE2\x82\xAC", false},
    {"declared UTF-8 but not", "<meta charset=\"utf-8\"><p>f\xFCr</p><p>danach</p>", "",
     "f\xC3\xBCr\ndanach", true},
    {"undeclared and not UTF-8", "<p>f\xFCr \x80</p>", "", "f\xC3\xBCr \xE2\x82\xAC", true},
    {"unknown encoding from outside", "<p>f\xC3\xBCr</p>", "x-no-such-charset", "f\xC3\xBCr", true},
};

TEST(HtmlNewsletterReader, Charsets) {
  for (const auto& test : kCharsetCases) {
    const NewsletterText text = read_html_newsletter("t.html", test.html, test.encoding);
    EXPECT_EQ(rendered(text), test.lines) << test.what;
    EXPECT_EQ(!text.warnings.empty(), test.warns) << test.what;
    for (const auto& warning : text.warnings) {
      EXPECT_NE(warning.message.find("'t.html'"), std::string::npos) << warning.message;
    }
  }
}

TEST(HtmlNewsletterReader, EmptyInputHasNoLines) {
  EXPECT_TRUE(read_html_newsletter("t.html", "").lines.empty());
  EXPECT_TRUE(read_html_newsletter("t.html", "  \n ").lines.empty());
  EXPECT_TRUE(read_html_newsletter("t.html", "<html><body></body></html>").lines.empty());
}

TEST(HtmlNewsletterReader, MalformedInputIsReadAsFarAsItGoes) {
  const char* const inputs[] = {
      "<",
      "<<<>>>",
      "</b></p></div>",
      "<p><b>a</p>b",
      "<!-- open comment",
      "<p>&auml",
      "<p>&#xFFFFFFFF; &#0; &#55296;",
      "<table><td>a<tr>b",
      "<b><i>a</b></i>",
      "<p a=\"b>c",
      "<script>never closed",
      "<style>p{",
      "<![CDATA[x]]>",
      "<?xml?><p>a</p>",
      "<p>\xFF\xFE\x00\x01</p>",
  };
  for (const char* input : inputs) {
    EXPECT_NO_THROW(read_html_newsletter("t.html", input)) << input;
  }
  EXPECT_EQ(rendered("<p><b>a</p>b"), "**a**\nb");
  const std::string with_nul("<p>a\0b</p><p>c</p>", 18);
  EXPECT_NO_THROW(read_html_newsletter("t.html", with_nul));
}

TEST(HtmlNewsletterReader, DeepNestingDoesNotCrash) {
  for (const char* tag : {"div", "b", "table", "span"}) {
    std::string html = "<p>vorher</p>";
    for (int i = 0; i < 10000; ++i) html += std::string("<") + tag + ">";
    html += "tief";
    for (int i = 0; i < 10000; ++i) html += std::string("</") + tag + ">";
    html += "<p>danach</p>";
    NewsletterText text;
    ASSERT_NO_THROW(text = read_html_newsletter("t.html", html)) << tag;
    // libxml2 stops at its depth limit: what came before is kept, the loss is reported.
    ASSERT_FALSE(text.lines.empty()) << tag;
    EXPECT_EQ(text.lines.front().text, "vorher") << tag;
    ASSERT_EQ(text.warnings.size(), 1u) << tag;
    EXPECT_NE(text.warnings.front().message.find("deeper than"), std::string::npos) << tag;
  }
  // Nesting a real newsletter has (a few dozen levels) is read whole and without warning.
  std::string html;
  for (int i = 0; i < 40; ++i) html += "<div><table><tr><td>";
  html += "tief";
  const NewsletterText text = read_html_newsletter("t.html", html);
  EXPECT_EQ(rendered(text), "tief");
  EXPECT_TRUE(text.warnings.empty());
}

TEST(HtmlNewsletterReader, ManyElementsAreReadWhole) {
  std::string html = "<h2>Termine</h2>";
  for (int i = 0; i < 20000; ++i) html += "<p>" + std::to_string(i) + ". <b>x</b></p>";
  const NewsletterText text = read_html_newsletter("t.html", html);
  ASSERT_EQ(text.lines.size(), 20001u);
  EXPECT_EQ(text.lines.back().text, "19999. **x**");
}

TEST(HtmlNewsletterReader, DispatchByContentAndName) {
  const std::string html = "<html><body><p><strong>a</strong></p></body></html>";
  EXPECT_EQ(detect_form(html, "issue.txt"), SourceForm::html);
  EXPECT_EQ(rendered(read_newsletter("issue.txt", html)), "**a**");
  EXPECT_EQ(detect_form("<div>a</div>", "issue.htm"), SourceForm::html);
  EXPECT_EQ(rendered(read_newsletter("issue.htm", "<div>a</div><div>b</div>")), "a\nb");
}

}  // namespace
}  // namespace itkal

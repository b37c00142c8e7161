// The mail reader: MIME structure, transfer encodings, charsets, the Date: header, and
// malformed or truncated mails.
#include "itkal/read/mail_newsletter_reader.hpp"

#include <gtest/gtest.h>

#include <string>

#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/read/newsletter_reader.hpp"

namespace itkal {
namespace {

namespace greg = boost::gregorian;

std::string rendered(const NewsletterText& text) {
  std::string out;
  for (std::size_t i = 0; i < text.lines.size(); ++i) {
    if (i > 0) out += '\n';
    if (text.lines[i].heading) out += "# ";
    out += text.lines[i].text;
  }
  return out;
}

std::string rendered_mail(const std::string& mail) {
  return rendered(read_mail_newsletter("t.eml", mail));
}

bool has_warning(const NewsletterText& text, std::string_view part) {
  for (const auto& warning : text.warnings) {
    if (warning.message.find(part) != std::string::npos) return true;
  }
  return false;
}

/// A one-part mail with the given Content-Type and transfer encoding.
std::string single_part(const std::string& content_type, const std::string& encoding,
                        const std::string& body) {
  return "From: a@example.org\nDate: Wed, 10 Jun 2026 09:15:00 +0200\nMIME-Version: 1.0\n"
         "Content-Type: " +
         content_type + "\n" +
         (encoding.empty() ? "" : "Content-Transfer-Encoding: " + encoding + "\n") + "\n" + body;
}

struct BodyCase {
  const char* what;
  std::string mail;
  const char* lines;
};

const BodyCase kBodyCases[] = {
    {"ISO-8859-1, 8bit", single_part("text/plain; charset=ISO-8859-1", "8bit", "f\xFCr 10 \x80\n"),
     "f\xC3\xBCr 10 \xE2\x82\xAC\n"},
    {"latin1 label, any case, quoted-printable",
     single_part("text/plain; charset=\"LATIN1\"", "quoted-printable", "f=FCr 10 =80\n"),
     "f\xC3\xBCr 10 \xE2\x82\xAC\n"},
    {"Windows-1252", single_part("text/plain; charset=windows-1252", "8bit", "\x84Zitat\x93 \x80"),
     "\xE2\x80\x9EZitat\xE2\x80\x9C \xE2\x82\xAC"},
    {"cp1252 in HTML",
     single_part("text/html; charset=cp1252", "8bit", "<p><b>f\xFCr</b> \x80</p>"),
     "**f\xC3\xBCr** \xE2\x82\xAC"},
    {"ISO-8859-15 through Poco", single_part("text/plain; charset=iso-8859-15", "8bit", "\xA4"),
     "\xE2\x82\xAC"},
    {"UTF-8, quoted-printable",
     single_part("text/plain; charset=utf-8", "quoted-printable", "f=C3=BCr"), "f\xC3\xBCr"},
    {"QP soft line breaks",
     single_part("text/plain; charset=utf-8", "quoted-printable",
                 "Sicher=\nheit und N=C3=\n=BCrnberg=\r\n, KDO=  \nx"),
     "Sicherheit und N\xC3\xBCrnberg, KDO"
     "x"},
    {"QP stray equals sign stays", single_part("text/plain", "quoted-printable", "a = b =XY c=3"),
     "a = b =XY c=3"},
    {"QP drops transport blanks, keeps encoded ones",
     single_part("text/plain", "quoted-printable", "a   \nb=20\nc"), "a\nb \nc"},
    {"base64", single_part("text/plain; charset=utf-8", "base64", "ZsO8ciAxMC4g\r\n4oKs\r\n"),
     "f\xC3\xBCr 10. \xE2\x82\xAC"},
    {"base64 HTML",
     single_part("text/html; charset=utf-8", "BASE64",
                 "PGgyPlRlcm1pbmU8L2gyPjxwPjxiPlRpdGVsPC9iPjwvcD4="),
     "# Termine\n**Titel**"},
    {"no MIME headers at all", "From: a@example.org\nSubject: x\n\n# Termine\n12.5.: Titel\n",
     "# Termine\n12.5.: Titel\n"},
    {"CRLF line ends", "From: a@example.org\r\nContent-Type: text/plain\r\n\r\na\r\nb\r\n",
     "a\nb\n"},
    {"folded Content-Type header",
     "From: a@example.org\nContent-Type: text/html;\n charset=\"iso-8859-1\"\n\n<p>f\xFCr</p>",
     "f\xC3\xBCr"},
    {"mbox separator line", "From a@example.org Wed Jun 10 09:15:00 2026\nFrom: a@example.org\n\nx",
     "x"},
};

TEST(MailNewsletterReader, DecodesBodies) {
  for (const auto& test : kBodyCases) {
    NewsletterText text;
    ASSERT_NO_THROW(text = read_mail_newsletter("t.eml", test.mail)) << test.what;
    EXPECT_EQ(rendered(text), test.lines) << test.what << "\n" << test.mail;
    EXPECT_TRUE(text.warnings.empty()) << test.what << ": " << text.warnings.front().message;
  }
}

const std::string kAlternative =
    "From: VITAKO <newsletter@vitako.example>\n"
    "Date: Wed, 10 Jun 2026 09:15:00 +0200\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/alternative; boundary=\"alt\"\n"
    "\n"
    "This is a multi-part message in MIME format.\n"
    "--alt\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "\n"
    "Termine\n"
    "12.5.: Titel, KDO\n"
    "--alt\n"
    "Content-Type: text/html; charset=utf-8\n"
    "\n"
    "<h2>Termine</h2><p>12.5.: <b>Titel</b>, KDO</p>\n"
    "--alt--\n"
    "epilogue\n";

TEST(MailNewsletterReader, AlternativePrefersHtml) {
  const NewsletterText text = read_mail_newsletter("t.eml", kAlternative);
  EXPECT_EQ(rendered(text), "# Termine\n12.5.: **Titel**, KDO");
  EXPECT_TRUE(text.warnings.empty());
  EXPECT_EQ(text.source, "t.eml");

  // The HTML part first (against RFC 2046's order) is still the one read.
  std::string html_first = kAlternative;
  const auto plain = html_first.find("--alt\nContent-Type: text/plain");
  const auto html = html_first.find("--alt\nContent-Type: text/html");
  const auto end = html_first.find("--alt--");
  const std::string plain_part = html_first.substr(plain, html - plain);
  const std::string html_part = html_first.substr(html, end - html);
  html_first.replace(plain, end - plain, html_part + plain_part);
  EXPECT_EQ(rendered_mail(html_first), "# Termine\n12.5.: **Titel**, KDO");
}

TEST(MailNewsletterReader, AlternativeFallsBackToText) {
  const std::string mail =
      "From: a@example.org\nContent-Type: multipart/alternative; boundary=b\n\n"
      "--b\nContent-Type: text/plain; charset=utf-8\n\nTermine\n12.5.: Titel\n"
      "--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0=\n--b--\n";
  EXPECT_EQ(rendered_mail(mail), "Termine\n12.5.: Titel");
}

TEST(MailNewsletterReader, NestedMultipart) {
  const std::string mail =
      "From: a@example.org\nDate: Wed, 10 Jun 2026 09:15:00 +0200\n"
      "Content-Type: multipart/mixed; boundary=\"outer\"\n\n"
      "--outer\n"
      "Content-Type: multipart/related; boundary=\"related\"\n\n"
      "--related\n"
      "Content-Type: multipart/alternative; boundary=\"inner\"\n\n"
      "--inner\nContent-Type: text/plain\n\nplain\n"
      "--inner\nContent-Type: text/html; charset=iso-8859-1\nContent-Transfer-Encoding: "
      "quoted-printable\n\n<p><strong>f=FCr</strong></p>\n"
      "--inner--\n"
      "--related\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"
      "--related--\n"
      "--outer\nContent-Type: text/plain; name=\"agb.txt\"\nContent-Disposition: attachment\n\n"
      "Anhang\n"
      "--outer--\n";
  const NewsletterText text = read_mail_newsletter("t.eml", mail);
  EXPECT_EQ(rendered(text), "**f\xC3\xBCr**");
  EXPECT_TRUE(text.warnings.empty());
}

TEST(MailNewsletterReader, InlinePartsFollowEachOther) {
  const std::string mail =
      "From: forwarder@example.org\nDate: Fri, 12 Jun 2026 08:00:00 +0200\n"
      "Content-Type: multipart/mixed; boundary=m\n\n"
      "--m\nContent-Type: text/plain\n\nzur Info\n"
      "--m\nContent-Type: message/rfc822\nContent-Disposition: attachment\n\n"
      "From: VITAKO <newsletter@vitako.example>\nDate: Wed, 10 Jun 2026 09:15:00 +0200\n"
      "Content-Type: text/html\n\n<h2>Termine</h2>\n"
      "--m--\n";
  const NewsletterText text = read_mail_newsletter("t.eml", mail);
  EXPECT_EQ(rendered(text), "zur Info\n\n# Termine");
  for (std::size_t i = 0; i < text.lines.size(); ++i) EXPECT_EQ(text.lines[i].number, i + 1);
  // The forwarded newsletter's own date, not the day it was forwarded.
  EXPECT_EQ(text.envelope_date, greg::date(2026, 6, 10));
}

TEST(MailNewsletterReader, AttachmentOnlyWhenNothingElse) {
  const std::string mail =
      "From: a@example.org\nContent-Type: multipart/mixed; boundary=m\n\n"
      "--m\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"
      "--m\nContent-Type: text/html; charset=utf-8; name=\"newsletter.html\"\n"
      "Content-Disposition: attachment; filename=\"newsletter.html\"\n\n<p>a</p>\n"
      "--m--\n";
  EXPECT_EQ(rendered_mail(mail), "a");
}

TEST(MailNewsletterReader, NoTextPartIsAnError) {
  const std::string mail =
      "From: a@example.org\nContent-Type: multipart/mixed; boundary=m\n\n"
      "--m\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"
      "--m\nContent-Type: application/zip\n\nPK\n--m--\n";
  try {
    read_mail_newsletter("x.eml", mail);
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_STREQ(error.what(), "cannot read 'x.eml': no text or PDF part");
  }
  EXPECT_THROW(read_mail_newsletter("x.eml", single_part("image/gif", "base64", "R0lGOD==")),
               SourceError);
  EXPECT_THROW(read_newsletter("x.eml", mail), SourceError);
}

TEST(MailNewsletterReader, DateHeaderIsTheEnvelopeDate) {
  const std::string mail =
      "From: a@example.org\nDate: Wed, 10 Jun 2026 23:30:00 -0700\nContent-Type: text/plain\n\n"
      "VITAKO aktuell\n\nTermine\n\n16./17.6., Berlin: **Public-IT-Security (PITS)**\n";
  const NewsletterText text = read_mail_newsletter("t.eml", mail);
  // The day as the sender wrote it, not the UTC day (11 June).
  EXPECT_EQ(text.envelope_date, greg::date(2026, 6, 10));
  EXPECT_EQ(find_issue_date(text), std::nullopt);

  EXPECT_EQ(read_mail_newsletter("t.eml", "From: a@example.org\n\nx").envelope_date, std::nullopt);
  EXPECT_EQ(read_mail_newsletter("t.eml", "Date: whenever\n\nx").envelope_date, std::nullopt);
}

struct DateCase {
  const char* header;
  std::optional<greg::date> date;
};

const DateCase kDateCases[] = {
    {"Wed, 10 Jun 2026 09:15:00 +0200", greg::date(2026, 6, 10)},
    {"  10 Jun 2026 09:15 +0200", greg::date(2026, 6, 10)},
    {"Thu, 1 jan 2026 00:00:00 GMT", greg::date(2026, 1, 1)},
    {"Sat, 28 Feb 26 10:00:00 +0100", greg::date(2026, 2, 28)},
    {"Fri, 31 Dec 99 23:59:59 -0000", greg::date(1999, 12, 31)},
    {"Mon, 31 Feb 2026 10:00:00 +0100", std::nullopt},
    {"Mon, 0 Feb 2026", std::nullopt},
    {"Wed, 10 Juni 2026 09:15:00 +0200", std::nullopt},
    {"2026-06-10T09:15:00+02:00", std::nullopt},
    {"Wed, 10 Jun", std::nullopt},
    {"Wed, 10 Jun 20261", std::nullopt},
    {"", std::nullopt},
};

TEST(MailNewsletterReader, ParsesDateHeaders) {
  for (const auto& test : kDateCases) {
    EXPECT_EQ(parse_mail_date(test.header), test.date) << test.header;
  }
}

TEST(MailNewsletterReader, BrokenPartsWarn) {
  const NewsletterText cut_base64 = read_mail_newsletter(
      "t.eml", single_part("text/plain; charset=utf-8", "base64", "ZsO8ciAx!!"));
  EXPECT_TRUE(has_warning(cut_base64, "base64"));
  EXPECT_NE(rendered(cut_base64).find("f\xC3\xBCr"), std::string::npos);

  const std::string unclosed =
      "From: a@example.org\nContent-Type: multipart/alternative; boundary=b\n\n"
      "--b\nContent-Type: text/plain\n\nTermine\n";
  const NewsletterText text = read_mail_newsletter("t.eml", unclosed);
  EXPECT_EQ(rendered(text), "Termine\n");
  EXPECT_TRUE(has_warning(text, "no closing boundary"));

  const NewsletterText bad_utf8 =
      read_mail_newsletter("t.eml", single_part("text/plain; charset=utf-8", "8bit", "f\xFCr"));
  EXPECT_EQ(rendered(bad_utf8), "f\xC3\xBCr");
  EXPECT_TRUE(has_warning(bad_utf8, "not"));

  const NewsletterText unknown =
      read_mail_newsletter("t.eml", single_part("text/plain; charset=x-klingon", "8bit", "a"));
  EXPECT_EQ(rendered(unknown), "a");
  EXPECT_TRUE(has_warning(unknown, "x-klingon"));

  for (const auto& warning : unknown.warnings) {
    EXPECT_NE(warning.message.find("'t.eml'"), std::string::npos) << warning.message;
  }
}

TEST(MailNewsletterReader, TruncatedMailsDoNotCrash) {
  std::string mail = kAlternative;
  mail.insert(mail.find("--alt\nContent-Type: text/html"),
              "--alt\nContent-Type: text/html; charset=iso-8859-1\n"
              "Content-Transfer-Encoding: base64\n\nPGI+Zvxy\nPC9iPg==\n"
              "--alt\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n"
              "a=3D=\nb=C3=BC\n");
  for (std::size_t size = 0; size <= mail.size(); ++size) {
    const std::string cut = mail.substr(0, size);
    try {
      const NewsletterText text = read_mail_newsletter("t.eml", cut);
      for (std::size_t i = 0; i < text.lines.size(); ++i) ASSERT_EQ(text.lines[i].number, i + 1);
    } catch (const SourceError& error) {
      EXPECT_NE(std::string(error.what()).find("'t.eml'"), std::string::npos) << size;
    }
  }
}

TEST(MailNewsletterReader, MalformedMailsDoNotCrash) {
  const std::string inputs[] = {
      "",
      "From: a\n",
      "Content-Type: multipart/mixed\n\n--\n--\n",
      "Content-Type: multipart/mixed; boundary=\n\n--\n",
      "Content-Type: multipart/mixed; boundary=b\n\nno delimiter at all\n",
      "Content-Type: multipart/mixed; boundary=b\n\n--b--\n",
      "Content-Type: multipart/mixed; boundary=b\n\n--b\n--b\n--b\n--b--\n",
      "Content-Type: ;;;\n\nx",
      "Content-Type: /\n\nx",
      "Content-Type: message/rfc822\n\n",
      "Content-Type: message/rfc822\n\nContent-Type: message/rfc822\n\n",
      "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n====",
      "Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n=",
      "Content-Type: text/plain\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644 x\n",
      ": no name\n\nx",
      std::string("Content-Type: text/plain\n\na\0b", 29),
  };
  for (const auto& input : inputs) {
    try {
      read_mail_newsletter("t.eml", input);
    } catch (const SourceError& error) {
      EXPECT_NE(std::string(error.what()).find("'t.eml'"), std::string::npos) << input;
    }
  }
}

TEST(MailNewsletterReader, DeepNestingIsCutOff) {
  std::string mail = "From: a@example.org\n";
  for (int i = 0; i < 200; ++i) {
    mail += "Content-Type: multipart/mixed; boundary=\"b" + std::to_string(i) + "\"\n\n--b" +
            std::to_string(i) + "\n";
  }
  mail += "Content-Type: text/plain\n\ntief\n";
  NewsletterText text;
  EXPECT_THROW(text = read_mail_newsletter("t.eml", mail), SourceError);

  std::string messages = "From: a@example.org\n";
  for (int i = 0; i < 5000; ++i) messages += "Content-Type: message/rfc822\n\n";
  EXPECT_THROW(read_mail_newsletter("t.eml", messages), SourceError);
}

TEST(MailNewsletterReader, DispatchByContentAndName) {
  EXPECT_EQ(detect_form(kAlternative, "issue.txt"), SourceForm::mail);
  EXPECT_EQ(rendered(read_newsletter("issue.txt", kAlternative)),
            "# Termine\n12.5.: **Titel**, KDO");
  const std::string mbox = "From a@example.org Wed Jun 10 09:15:00 2026\n" + kAlternative;
  EXPECT_EQ(detect_form(mbox, "issue"), SourceForm::mail);
  // Readable HTML in a mail is still a mail.
  const std::string html_mail = single_part("text/html", "", "<html><body><p>a</p></body></html>");
  EXPECT_EQ(detect_form(html_mail, "issue.eml"), SourceForm::mail);
  EXPECT_EQ(rendered(read_newsletter("issue.eml", html_mail)), "a");
}

}  // namespace
}  // namespace itkal

#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "itkal/read/newsletter_text.hpp"

namespace itkal {

/// Nesting of multiparts and attached messages followed; deeper parts are ignored with a
/// warning (a mail is read in bounded time and stack whatever its structure).
inline constexpr int kMaxMimeDepth = 16;

/// Reads an RFC 5322 mail (.eml) holding a newsletter:
/// - MIME structure: the body parts a mail program shows, in order. multipart/alternative
///   shows its richest part (text/html before text/plain); multipart/mixed, /related and others
///   show each inline part; an attached message (message/rfc822) shows its own body. Text parts
///   marked as attachments are read only when the mail has no other text; PDF parts
///   (application/pdf, or a file named .pdf) are always read, by read_pdf_newsletter, since
///   publishers attach the newsletter as PDF to a short cover note.
/// - transfer encodings quoted-printable (leniently: a stray "=" stays as it is) and base64;
/// - charsets: UTF-8, ISO-8859-1/latin1 and US-ASCII read as Windows-1252 (as mail programs and
///   browsers do), Windows-1252 and what else Poco knows; text that is not valid in its charset
///   is read as Windows-1252 with a warning;
/// - HTML parts are rendered by read_html_newsletter, text parts read as text newsletters; the
///   lines of several parts follow each other, numbered on, with an empty line between.
/// The Date: header (of the attached newsletter when the mail forwards one) becomes
/// `envelope_date`, the date as written there (the sender's calendar day).
/// Throws SourceError ("cannot read 'x.eml': no text or PDF part") when no part is readable; a
/// broken PDF part is a warning naming the mail and the attachment when other parts are read.
/// Truncated or malformed MIME is read as far as it goes, with warnings.
NewsletterText read_mail_newsletter(const std::string& source, std::string_view bytes);

/// The calendar day of an RFC 5322 date ("Wed, 10 Jun 2026 09:15:00 +0200" → 2026-06-10);
/// nullopt for anything else. Two-digit years are read as RFC 5322 4.3 says.
std::optional<boost::gregorian::date> parse_mail_date(std::string_view value);

}  // namespace itkal

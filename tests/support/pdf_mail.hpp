#pragma once
// A newsletter as publishers send a PDF issue: a short cover note with the PDF attached.
#include <string>

namespace itkal::testing {

/// A mail with a cover note and `pdf` attached as base64, as publishers send PDF issues.
inline std::string mail_with_pdf(const std::string& pdf,
                                 const std::string& content_type = "application/pdf",
                                 const std::string& from = "Rundbrief <rundbrief@example.org>",
                                 const std::string& subject = "Kommunal-IT Rundbrief April") {
  std::string base64;
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i < pdf.size(); i += 3) {
    unsigned value = static_cast<unsigned char>(pdf[i]) << 16;
    if (i + 1 < pdf.size()) value |= static_cast<unsigned char>(pdf[i + 1]) << 8;
    if (i + 2 < pdf.size()) value |= static_cast<unsigned char>(pdf[i + 2]);
    base64 += kDigits[(value >> 18) & 63];
    base64 += kDigits[(value >> 12) & 63];
    base64 += i + 1 < pdf.size() ? kDigits[(value >> 6) & 63] : '=';
    base64 += i + 2 < pdf.size() ? kDigits[value & 63] : '=';
    if (base64.size() % 77 == 76) base64 += "\r\n";
  }
  return "From: " + from + "\r\nSubject: " + subject + "\r\nMessage-ID: <" +
         std::to_string(pdf.size()) +
         "@example.org>\r\n"
         "Date: Wed, 15 Apr 2026 08:00:00 +0200\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
         "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
         "Guten Tag,\r\nanbei der neue Rundbrief.\r\n"
         "--b\r\nContent-Type: " +
         content_type +
         "\r\nContent-Disposition: attachment; filename=\"rundbrief-april.pdf\"\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" +
         base64 + "\r\n--b--\r\n";
}

}  // namespace itkal::testing

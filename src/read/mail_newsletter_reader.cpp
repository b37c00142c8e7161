#include "itkal/read/mail_newsletter_reader.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Exception.h>
#include <Poco/MemoryStream.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/TextConverter.h>
#include <Poco/TextEncoding.h>
#include <Poco/UTF8Encoding.h>
#include <Poco/Windows1252Encoding.h>

#include <algorithm>
#include <array>

#include "itkal/read/html_newsletter_reader.hpp"
#include "itkal/read/newsletter_reader.hpp"
#include "itkal/read/pdf_newsletter_reader.hpp"
#include "itkal/text/text_folding.hpp"
#include "itkal/text/text_scanner.hpp"

namespace itkal {
namespace {

/// Body parts looked at in one mail; a mail with more is read up to here (bounded time).
constexpr std::size_t kMaxParts = 1000;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

/// One line of `text` from `pos` without its line break; `pos` moves past the break.
std::string_view next_line(std::string_view text, std::size_t& pos) {
  const std::size_t end = std::min(text.find('\n', pos), text.size());
  std::string_view line = text.substr(pos, end - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  pos = end < text.size() ? end + 1 : text.size();
  return line;
}

/// A MIME entity (the mail itself, a body part, an attached message): headers and raw body.
struct Entity {
  std::vector<std::pair<std::string, std::string>> headers;  ///< lower-case name, unfolded value
  std::string_view body;

  /// The first header of that (lower-case) name, trimmed; empty when absent.
  [[nodiscard]] std::string_view get(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) return trim(value);
    }
    return {};
  }
};

/// Splits headers from body. Lenient where mails in the wild are: a line that is no header ends
/// the headers (the body then starts there), and a missing blank line means an empty body.
Entity parse_entity(std::string_view raw) {
  Entity entity;
  std::size_t pos = 0;
  // An mbox "From " separator line, as mail programs save single messages.
  if (raw.starts_with("From ")) next_line(raw, pos);
  while (pos < raw.size()) {
    const std::size_t start = pos;
    const std::string_view line = next_line(raw, pos);
    if (line.empty()) break;
    if ((line.front() == ' ' || line.front() == '\t') && !entity.headers.empty()) {
      entity.headers.back().second += line;  // RFC 5322 2.2.3: unfolding drops only the break
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 ||
        line.substr(0, colon).find_first_of(" \t") != std::string_view::npos) {
      pos = start;
      break;
    }
    entity.headers.emplace_back(ascii_lowercase(line.substr(0, colon)),
                                std::string(line.substr(colon + 1)));
  }
  entity.body = raw.substr(pos);
  return entity;
}

/// RFC 2046 5.1.1: the parts between "--boundary" lines; the line break before a delimiter
/// belongs to it. `closed` is false when the closing "--boundary--" never comes (truncated).
std::vector<std::string_view> split_multipart(std::string_view body, std::string_view boundary,
                                              bool& closed) {
  std::vector<std::string_view> parts;
  const std::string delimiter = "--" + std::string(boundary);
  closed = false;
  std::size_t part_start = std::string_view::npos;
  std::size_t pos = 0;
  while (pos < body.size()) {
    const std::size_t line_start = pos;
    const std::string_view line = next_line(body, pos);
    if (!line.starts_with(delimiter)) continue;
    std::string_view rest = line.substr(delimiter.size());
    const bool closing = rest.starts_with("--");
    if (closing) rest.remove_prefix(2);
    if (!trim(rest).empty()) continue;  // a longer boundary that merely starts alike
    if (part_start != std::string_view::npos) {
      std::size_t part_end = line_start;
      if (part_end > part_start && body[part_end - 1] == '\n') --part_end;
      if (part_end > part_start && body[part_end - 1] == '\r') --part_end;
      parts.push_back(body.substr(part_start, part_end - part_start));
    }
    if (closing) {
      closed = true;
      return parts;
    }
    part_start = pos;
  }
  if (part_start != std::string_view::npos && part_start < body.size()) {
    parts.push_back(body.substr(part_start));
  }
  return parts;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/// RFC 2045 6.7, decoded as its note on robust decoders advises: an "=" that starts neither a
/// hex pair nor a soft line break stays as it is, and white space a transport added at line
/// ends is dropped. Poco's QuotedPrintableDecoder throws on such mails instead.
std::string decode_quoted_printable(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t literal_blanks = 0;  // trailing blanks written as they were, not as =20
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '=') {
      std::size_t j = i + 1;
      while (j < in.size() && (in[j] == ' ' || in[j] == '\t')) ++j;
      if (j == in.size() || in[j] == '\n' ||
          (in[j] == '\r' && j + 1 < in.size() && in[j + 1] == '\n')) {
        i = j < in.size() && in[j] == '\r' ? j + 1 : j;  // soft line break
        literal_blanks = 0;
        continue;
      }
      if (i + 2 < in.size() && hex_value(in[i + 1]) >= 0 && hex_value(in[i + 2]) >= 0) {
        out += static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2]));
        i += 2;
        literal_blanks = 0;
        continue;
      }
      out += '=';
      literal_blanks = 0;
      continue;
    }
    if (c == '\r' || c == '\n') {
      out.resize(out.size() - literal_blanks);
      literal_blanks = 0;
      if (c == '\r' && i + 1 < in.size() && in[i + 1] == '\n') ++i;
      out += '\n';
      continue;
    }
    literal_blanks = (c == ' ' || c == '\t') ? literal_blanks + 1 : 0;
    out += c;
  }
  return out;
}

/// Base64 through Poco's decoder; what decodes before a broken or cut-off end is kept.
std::string decode_base64(std::string_view in, bool& complete) {
  Poco::MemoryInputStream stream(in.data(), in.size());
  Poco::Base64Decoder decoder(stream);
  std::string out;
  out.reserve(in.size() / 4 * 3);
  complete = true;
  try {
    std::streambuf* buffer = decoder.rdbuf();
    for (int c = buffer->sbumpc(); c != std::char_traits<char>::eof(); c = buffer->sbumpc()) {
      out += static_cast<char>(c);
    }
  } catch (const Poco::Exception&) {
    complete = false;
  }
  return out;
}

/// A part ready to be read: text in UTF-8 when `charset_known`, else as it came; a PDF as
/// its decoded bytes, with the attachment's file name for messages.
struct Body {
  bool html = false;
  bool pdf = false;
  std::string file_name;
  bool attachment = false;
  bool charset_known = false;
  std::string bytes;
};

/// Walks the MIME tree and collects the parts a mail program shows.
class MailWalker {
 public:
  explicit MailWalker(const std::string& source) : source_(source) {}

  /// The bodies of `entity`; `depth` counts the multiparts and messages around it.
  std::vector<Body> walk(const Entity& entity, int depth, bool attached) {
    std::vector<Body> bodies;
    if (++parts_ > kMaxParts) {
      if (parts_ == kMaxParts + 1) {
        warn("has more than " + std::to_string(kMaxParts) + " MIME parts; the rest is ignored");
      }
      return bodies;
    }
    const std::string_view content_type = entity.get("content-type");
    // RFC 2045 5.2: no Content-Type means text/plain; charset=us-ascii.
    const Poco::Net::MediaType type(content_type.empty() ? std::string("text/plain")
                                                         : std::string(content_type));
    const std::string main_type = ascii_lowercase(type.getType());
    const std::string sub_type = ascii_lowercase(type.getSubType());
    const bool attachment =
        attached || ascii_lowercase(entity.get("content-disposition")).starts_with("attachment");

    if (main_type == "multipart" || (main_type == "message" && sub_type == "rfc822")) {
      if (depth >= kMaxMimeDepth) {
        warn("nests MIME parts deeper than " + std::to_string(kMaxMimeDepth) +
             " levels; the deeper ones are ignored");
        return bodies;
      }
    }
    if (main_type == "multipart") {
      const std::string boundary =
          type.hasParameter("boundary") ? type.getParameter("boundary") : "";
      if (boundary.empty()) {
        warn("has a multipart without a boundary; it is ignored");
        return bodies;
      }
      bool closed = false;
      const auto parts = split_multipart(entity.body, boundary, closed);
      if (!closed) warn("ends inside a multipart (no closing boundary); read as far as it goes");
      if (sub_type == "alternative") return choose_alternative(parts, depth, attachment);
      for (const auto part : parts) {
        auto more = walk(parse_entity(part), depth + 1, attachment);
        std::move(more.begin(), more.end(), std::back_inserter(bodies));
      }
      return bodies;
    }
    if (main_type == "message" && sub_type == "rfc822") {
      const Entity message = parse_entity(entity.body);
      if (!inner_date_) inner_date_ = parse_mail_date(message.get("date"));
      return walk(message, depth + 1, false);  // a forwarded mail is shown, not a file
    }
    if (is_pdf_part(main_type, sub_type, entity)) {
      Body body;
      body.pdf = true;
      body.attachment = attachment;
      body.file_name = part_file_name(entity, type);
      body.bytes = decode_transfer(entity);
      bodies.push_back(std::move(body));
      return bodies;
    }
    if (main_type == "text" && (sub_type == "html" || sub_type == "plain")) {
      Body body;
      body.html = sub_type == "html";
      body.attachment = attachment;
      const std::string charset =
          type.hasParameter("charset") ? ascii_lowercase(trim(type.getParameter("charset"))) : "";
      std::string decoded = decode_transfer(entity);
      body.charset_known = !charset.empty();
      body.bytes = body.charset_known ? to_utf8(decoded, charset) : std::move(decoded);
      bodies.push_back(std::move(body));
    }
    return bodies;  // images, calendars and the like are no newsletter text
  }

  [[nodiscard]] std::optional<boost::gregorian::date> inner_date() const { return inner_date_; }
  std::vector<Warning>& warnings() { return warnings_; }

 private:
  /// RFC 2046 5.1.4 orders alternatives from plainest to richest; the richest part that holds
  /// HTML wins (bold marks the titles), else the richest one with text, else a PDF: the text
  /// forms are the publisher's own words, a PDF's text is what poppler could lay out.
  std::vector<Body> choose_alternative(const std::vector<std::string_view>& parts, int depth,
                                       bool attachment) {
    std::vector<std::vector<Body>> choices;
    for (const auto part : parts)
      choices.push_back(walk(parse_entity(part), depth + 1, attachment));
    const auto richest_with = [&choices](auto wanted) -> std::vector<Body>* {
      for (auto it = choices.rbegin(); it != choices.rend(); ++it) {
        if (std::any_of(it->begin(), it->end(), wanted)) return &*it;
      }
      return nullptr;
    };
    for (auto* choice : {richest_with([](const Body& body) { return body.html; }),
                         richest_with([](const Body& body) { return !body.pdf; }),
                         richest_with([](const Body&) { return true; })}) {
      if (choice) return std::move(*choice);
    }
    return {};
  }

  /// application/pdf, or a generic type (application/octet-stream, as many mail programs send
  /// any file) whose file name ends in .pdf.
  static bool is_pdf_part(const std::string& main_type, const std::string& sub_type,
                          const Entity& entity) {
    if (main_type != "application") return false;
    if (sub_type == "pdf" || sub_type == "x-pdf") return true;
    if (sub_type != "octet-stream") return false;
    const Poco::Net::MediaType type{std::string(entity.get("content-type"))};
    return ascii_lowercase(part_file_name(entity, type)).ends_with(".pdf");
  }

  /// The part's file name: Content-Disposition's filename, else Content-Type's name (RFC 2183,
  /// and what older mail programs write); "attachment" when it has none.
  static std::string part_file_name(const Entity& entity, const Poco::Net::MediaType& type) {
    std::string disposition;
    Poco::Net::NameValueCollection parameters;
    Poco::Net::MessageHeader::splitParameters(std::string(entity.get("content-disposition")),
                                              disposition, parameters);
    std::string name = parameters.get("filename", "");
    if (name.empty() && type.hasParameter("name")) name = type.getParameter("name");
    return name.empty() ? std::string("attachment") : name;
  }

  std::string decode_transfer(const Entity& entity) {
    const std::string encoding = ascii_lowercase(entity.get("content-transfer-encoding"));
    if (encoding == "quoted-printable") return decode_quoted_printable(entity.body);
    if (encoding == "base64") {
      bool complete = true;
      std::string decoded = decode_base64(entity.body, complete);
      if (!complete) warn("has a base64 part that is cut off or broken; read as far as it goes");
      return decoded;
    }
    if (!encoding.empty() && encoding != "7bit" && encoding != "8bit" && encoding != "binary") {
      warn("uses the unknown transfer encoding '" + encoding + "'; the part is read as it is");
    }
    return std::string(entity.body);
  }

  std::string from_windows1252(std::string_view bytes) {
    Poco::Windows1252Encoding windows1252;
    Poco::UTF8Encoding utf8;
    Poco::TextConverter converter(windows1252, utf8);
    std::string out;
    converter.convert(bytes.data(), static_cast<int>(bytes.size()), out);
    return out;
  }

  /// Converts a part to UTF-8 from the charset its Content-Type names.
  std::string to_utf8(std::string_view bytes, const std::string& charset) {
    static constexpr std::array<std::string_view, 4> kUtf8{"utf-8", "utf8", "unicode-1-1-utf-8",
                                                           "x-unicode20utf8"};
    // WHATWG Encoding Standard: these labels mean Windows-1252 in browsers and mail programs,
    // and newsletters written in Windows tools that say ISO-8859-1 do use its € and quotes.
    static constexpr std::array<std::string_view, 9> kWindows1252{
        "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",      "l1",
        "cp819",      "ibm819",    "us-ascii",   "windows-1252"};
    if (std::find(kUtf8.begin(), kUtf8.end(), charset) != kUtf8.end()) {
      if (is_valid_utf8(bytes)) return std::string(bytes);
      warn("has a part that says UTF-8 but is not; read as Windows-1252");
      return from_windows1252(bytes);
    }
    if (std::find(kWindows1252.begin(), kWindows1252.end(), charset) != kWindows1252.end() ||
        charset == "cp1252" || charset == "ascii") {
      // 8-bit bytes under a US-ASCII label are almost always UTF-8 sent by a careless tool.
      if ((charset == "us-ascii" || charset == "ascii") && is_valid_utf8(bytes)) {
        return std::string(bytes);
      }
      return from_windows1252(bytes);
    }
    const Poco::TextEncoding::Ptr encoding = Poco::TextEncoding::find(charset);
    if (!encoding) {
      warn("has a part in the unknown charset '" + charset + "'; read as " +
           (is_valid_utf8(bytes) ? "UTF-8" : "Windows-1252"));
      return is_valid_utf8(bytes) ? std::string(bytes) : from_windows1252(bytes);
    }
    Poco::UTF8Encoding utf8;
    Poco::TextConverter converter(*encoding, utf8);
    std::string out;
    if (converter.convert(bytes.data(), static_cast<int>(bytes.size()), out) > 0) {
      warn("has characters that are not valid in its charset '" + charset + "'; shown as '?'");
    }
    return out;
  }

  void warn(const std::string& message) {
    const std::string text = "'" + source_ + "' " + message;
    for (const auto& warning : warnings_) {
      if (warning.message == text) return;  // one warning per kind of problem is enough
    }
    warnings_.push_back({0, "", text});
  }

  const std::string& source_;
  std::vector<Warning> warnings_;
  std::optional<boost::gregorian::date> inner_date_;
  std::size_t parts_ = 0;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<boost::gregorian::date> parse_mail_date(std::string_view value) {
  std::string_view rest = trim(value);
  // RFC 5322 3.3: [day-of-week ","] day month year time zone; the day name is optional.
  if (const auto comma = rest.find(','); comma != std::string_view::npos && comma <= 9) {
    rest = trim(rest.substr(comma + 1));
  }
  std::size_t pos = 0;
  int day = 0;
  while (pos < rest.size() && pos < 2 && is_digit(rest[pos])) day = day * 10 + (rest[pos++] - '0');
  if (pos == 0 || pos >= rest.size() || (rest[pos] != ' ' && rest[pos] != '\t'))
    return std::nullopt;
  rest = trim(rest.substr(pos));
  static constexpr std::array<std::string_view, 12> kMonths{
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (rest.size() < 4 || (rest[3] != ' ' && rest[3] != '\t')) return std::nullopt;
  const auto month_at =
      std::find(kMonths.begin(), kMonths.end(), ascii_lowercase(rest.substr(0, 3)));
  if (month_at == kMonths.end()) return std::nullopt;
  const int month = static_cast<int>(month_at - kMonths.begin()) + 1;
  rest = trim(rest.substr(3));
  pos = 0;
  int year = 0;
  while (pos < rest.size() && pos < 4 && is_digit(rest[pos]))
    year = year * 10 + (rest[pos++] - '0');
  if (pos < 2 || (pos < rest.size() && rest[pos] != ' ' && rest[pos] != '\t')) return std::nullopt;
  // RFC 5322 4.3: two-digit years below 50 are 20xx, others 19xx; three digits add 1900.
  if (pos == 2) year += year < 50 ? 2000 : 1900;
  if (pos == 3) year += 1900;
  if (year < 1900 || month < 1 || month > 12 || day < 1) return std::nullopt;
  if (day > boost::gregorian::gregorian_calendar::end_of_month_day(
                static_cast<unsigned short>(year), static_cast<unsigned short>(month))) {
    return std::nullopt;
  }
  return boost::gregorian::date(static_cast<unsigned short>(year),
                                static_cast<unsigned short>(month),
                                static_cast<unsigned short>(day));
}

namespace {

NewsletterText read_body(const std::string& source, const Body& body) {
  // A PDF's messages name the attachment too: "'x.eml' (Rundbrief.pdf)".
  if (body.pdf) return read_pdf_newsletter(source + " (" + body.file_name + ")", body.bytes);
  if (body.html) return read_html_newsletter(source, body.bytes, body.charset_known ? "UTF-8" : "");
  return read_text_newsletter(source, body.bytes);
}

}  // namespace

NewsletterText read_mail_newsletter(const std::string& source, std::string_view bytes) {
  const Entity mail = parse_entity(bytes);
  MailWalker walker(source);
  std::vector<Body> bodies = walker.walk(mail, 0, false);
  // Text parts marked as attachments count only when nothing else is text: a newsletter saved
  // as a file and mailed on. A PDF is read wherever it is: publishers that send the newsletter
  // as PDF attach it to a short cover note.
  if (std::any_of(bodies.begin(), bodies.end(),
                  [](const Body& body) { return !body.attachment && !body.pdf; })) {
    std::erase_if(bodies, [](const Body& body) { return body.attachment && !body.pdf; });
  }
  if (bodies.empty()) throw SourceError("cannot read '" + source + "': no text or PDF part");

  NewsletterText text;
  text.source = source;
  text.warnings = std::move(walker.warnings());
  text.envelope_date = walker.inner_date();
  if (!text.envelope_date) text.envelope_date = parse_mail_date(mail.get("date"));
  std::optional<std::string> first_error;
  bool read_any = false;
  for (const Body& body : bodies) {
    NewsletterText part;
    try {
      part = read_body(source, body);
    } catch (const SourceError& error) {
      // One broken part (NUL bytes in a text part) does not hide the others.
      if (!first_error) first_error = error.what();
      text.warnings.push_back({0, "", error.what()});
      continue;
    }
    read_any = true;
    text.keep_all_of(part);
    if (!text.lines.empty()) text.lines.push_back({text.lines.size() + 1, "", false});
    for (auto& line : part.lines) {
      line.number = text.lines.size() + 1;
      text.lines.push_back(std::move(line));
    }
    std::move(part.warnings.begin(), part.warnings.end(), std::back_inserter(text.warnings));
  }
  if (!read_any) throw SourceError(*first_error);
  return text;
}

}  // namespace itkal

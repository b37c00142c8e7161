#include "itkal/serve/http/http_negotiation.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/DeflatingStream.h>
#include <Poco/DigestEngine.h>
#include "itkal/text/sha1_engine.hpp"

#include <array>
#include <sstream>

#include "itkal/text/text_folding.hpp"

namespace itkal {

std::string_view trim_optional_whitespace(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

namespace {

/// The q-value of one Accept-Encoding element ("gzip;q=0.5" → 0.5); 1 when none is given,
/// 0 when it cannot be read (an unreadable preference is not consent).
double quality_of(std::string_view parameters) {
  while (!parameters.empty()) {
    const std::size_t end = parameters.find(';');
    std::string_view parameter = trim_optional_whitespace(parameters.substr(0, end));
    parameters = end == std::string_view::npos ? std::string_view() : parameters.substr(end + 1);
    if (parameter.size() < 2 || (parameter[0] != 'q' && parameter[0] != 'Q') ||
        parameter[1] != '=') {
      continue;
    }
    parameter.remove_prefix(2);
    // RFC 9110 12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ).
    if (parameter.empty() || parameter.size() > 5 || (parameter[0] != '0' && parameter[0] != '1')) {
      return 0;
    }
    double value = parameter[0] - '0';
    double scale = 0.1;
    for (std::size_t i = 1; i < parameter.size(); ++i) {
      if (i == 1) {
        if (parameter[i] != '.') return 0;
        continue;
      }
      if (parameter[i] < '0' || parameter[i] > '9') return 0;
      value += (parameter[i] - '0') * scale;
      scale /= 10;
    }
    return value > 1 ? 0 : value;
  }
  return 1;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  std::optional<double> gzip_quality;
  std::optional<double> any_quality;
  while (!accept_encoding.empty()) {
    const std::size_t end = accept_encoding.find(',');
    const std::string_view element = trim_optional_whitespace(accept_encoding.substr(0, end));
    accept_encoding =
        end == std::string_view::npos ? std::string_view() : accept_encoding.substr(end + 1);
    const std::size_t semicolon = element.find(';');
    const std::string_view coding = trim_optional_whitespace(element.substr(0, semicolon));
    const double quality =
        semicolon == std::string_view::npos ? 1.0 : quality_of(element.substr(semicolon + 1));
    if (equals_ignoring_ascii_case(coding, "gzip") ||
        equals_ignoring_ascii_case(coding, "x-gzip")) {
      gzip_quality = quality;
    } else if (coding == "*") {
      any_quality = quality;
    }
  }
  if (gzip_quality) return *gzip_quality > 0;
  return any_quality && *any_quality > 0;
}

bool etag_listed(std::string_view if_none_match, std::string_view etag) {
  if (trim_optional_whitespace(if_none_match) == "*") return true;
  // Entity tags cannot contain '"' inside, so splitting on commas outside quotes is exact.
  std::size_t position = 0;
  while (position < if_none_match.size()) {
    const std::size_t open = if_none_match.find('"', position);
    if (open == std::string_view::npos) break;
    const std::size_t close = if_none_match.find('"', open + 1);
    if (close == std::string_view::npos) break;
    if (if_none_match.substr(open, close - open + 1) == etag) return true;
    position = close + 1;
  }
  return false;
}

std::optional<Poco::Timestamp> parse_http_date(const std::string& text) {
  // Poco's parser accepts nonsense; a date that does not format back to the same text is not
  // one. Formatting uses the RFC's exact forms: two-digit days and the literal "GMT".
  struct Form {
    const std::string& parse;
    const char* print;
  };
  static const std::array<Form, 3> kForms = {{
      {Poco::DateTimeFormat::HTTP_FORMAT, "%w, %d %b %Y %H:%M:%S GMT"},
      {Poco::DateTimeFormat::RFC850_FORMAT, "%W, %d-%b-%y %H:%M:%S GMT"},
      {Poco::DateTimeFormat::ASCTIME_FORMAT, "%w %b %f %H:%M:%S %Y"},
  }};
  for (const Form& form : kForms) {
    Poco::DateTime parsed;
    int zone_offset = 0;
    if (!Poco::DateTimeParser::tryParse(form.parse, text, parsed, zone_offset) ||
        zone_offset != 0) {
      continue;
    }
    if (equals_ignoring_ascii_case(Poco::DateTimeFormatter::format(parsed, form.print), text)) {
      return parsed.timestamp();
    }
  }
  return std::nullopt;
}

std::string format_http_date(const Poco::Timestamp& time) {
  return Poco::DateTimeFormatter::format(time, Poco::DateTimeFormat::HTTP_FORMAT);
}

std::string strong_etag(std::string_view bytes) {
  Sha1Engine sha1;
  sha1.update(bytes.data(), bytes.size());
  return "\"" + Poco::DigestEngine::digestToHex(sha1.digest()) + "\"";
}

std::string gzip_compress(std::string_view bytes) {
  bool given = false;
  auto whole = [&] {
    const std::string_view chunk = given ? std::string_view() : bytes;
    given = true;
    return chunk;
  };
  return *gzip_compress_chunks(whole, std::stop_token());
}

std::optional<std::string> gzip_compress_chunks(const std::function<std::string_view()>& next_chunk,
                                                const std::stop_token& stop) {
  std::ostringstream compressed;
  {
    // Deflate's output does not depend on how its input is split into writes.
    Poco::DeflatingOutputStream deflate(compressed, Poco::DeflatingStreamBuf::STREAM_GZIP, 9);
    for (std::string_view chunk = next_chunk(); !chunk.empty(); chunk = next_chunk()) {
      if (stop.stop_requested()) return std::nullopt;
      deflate.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    }
    deflate.close();
  }
  return std::move(compressed).str();
}

}  // namespace itkal

// Every field an EntryParser gives for a line, as one string. Compiled twice by
// scripts/parser-diff.sh: once against the old sources (namespace renamed to itkal_old, function
// old_describe), once against the working tree (new_describe).
#include <boost/date_time/gregorian/gregorian.hpp>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <tuple>

#include "itkal/extract/entry_parser.hpp"
#include "itkal/model/organizer_directory.hpp"

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)

namespace {
std::string time_text(const std::optional<itkal::TimeOfDay>& time) {
  if (!time) return "-";
  return std::to_string(time->hour) + ":" + std::to_string(time->minute);
}
}  // namespace

std::string CAT(SIDE, _describe)(const std::string& line, int y, int m, int d) {
  static const auto directory = itkal::OrganizerDirectory::load(ORGANIZERS_JSON);
  static std::map<std::tuple<int, int, int>, std::unique_ptr<itkal::EntryParser>> parsers;
  auto& parser = parsers[{y, m, d}];
  if (!parser) {
    parser = std::make_unique<itkal::EntryParser>(
        directory,
        boost::gregorian::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                               static_cast<unsigned short>(d)));
  }
  std::ostringstream out;
  out << "starts=" << parser->starts_entry(line) << " holds=" << parser->holds_entry(line);
  const itkal::EntryParse parse = parser->parse(line, 7);
  out << " kind=" << static_cast<int>(parse.kind);
  for (const auto& w : parse.warnings)
    out << " W[" << w.line << "|" << w.text << "|" << w.message << "]";
  const itkal::Entry& e = parse.entry;
  out << " line=" << e.line << " dated=" << e.dated << " occ=";
  for (const auto& o : e.occurrences) {
    out << "(" << boost::gregorian::to_iso_string(o.start_date) << ","
        << boost::gregorian::to_iso_string(o.end_date) << "," << time_text(o.start_time) << ","
        << time_text(o.end_time) << "," << o.daily_times << ")";
  }
  out << " loc=" << (e.location ? *e.location : "<none>") << " title=[" << e.title << "] org=";
  for (const auto& s : e.organizers) out << "{" << s << "}";
  out << " det=";
  for (const auto& s : e.details) out << "{" << s << "}";
  out << " online=" << e.online << " status=" << static_cast<int>(e.status) << " text=[" << e.text
      << "] notes=";
  for (const auto& s : e.notes) out << "{" << s << "}";
  out << " url=" << (e.url ? *e.url : "<none>");
  return out.str();
}

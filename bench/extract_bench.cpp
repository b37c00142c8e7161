// Entries parsed per second on one core over a large generated calendar, against a peer measured
// in the same run: a std::regex matcher that only finds the leading date (what a regex-based
// extractor would do first). Prints medians of several runs.
//   usage: extract_bench [ENTRIES] [RUNS]   (every generated line is one entry)
#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <string>
#include <vector>

#include "itkal/extract/entry_parser.hpp"
#include "itkal/model/organizer_directory.hpp"

namespace {

/// Calendar lines of eight shapes seen in real newsletters, every one a valid entry: the
/// benchmark refuses to run when one is not (so that warnings, which end early, never inflate
/// the figure).
std::vector<std::string> generate(std::size_t count) {
  std::vector<std::string> lines;
  lines.reserve(count);
  char buffer[256];
  for (std::size_t i = 0; i < count; ++i) {
    const int day = static_cast<int>(i % 9) + 1;
    const int month = static_cast<int>(i % 12) + 1;
    const int number = static_cast<int>(i % 97);
    switch (i % 8) {
      case 0:
        std::snprintf(buffer, sizeof buffer,
                      "%d.%d., 15.30-17.30: **%d. Workshop \"API first\"**, Freie Hansestadt "
                      "Bremen, DATABUND, VITAKO",
                      day, month, number);
        break;
      case 1:
        std::snprintf(buffer, sizeof buffer, "%d.%d., 9.30-16.00, Radebeul: **KISA-Digitaltag %d**",
                      day, month, number);
        break;
      case 2:
        std::snprintf(buffer, sizeof buffer, "%d.-%d.%d., Berlin: **DMEA %d**", day, day + 12,
                      month, number);
        break;
      case 3:
        std::snprintf(buffer, sizeof buffer,
                      "%d./%d.%d., 10.00-11.00, online: **Sprechstunde KI-Verordnung %d**, VITAKO",
                      day, day + 1, month, number);
        break;
      case 4:
        std::snprintf(buffer, sizeof buffer, "%d.%d.2026, 18:00 Uhr | Rathaus | Ratssitzung %d",
                      day, month, number);
        break;
      case 5:
        std::snprintf(buffer, sizeof buffer,
                      "%d. Mai 2026, 19 Uhr, Stadthalle: Konzert des Musikvereins %d", day, number);
        break;
      case 6:
        std::snprintf(buffer, sizeof buffer, "Zwischenzeugnis %d.%d.2026 Klasse %d", day, month,
                      number);
        break;
      default:
        std::snprintf(buffer, sizeof buffer, "%d.%d.: **Management Kommunen %d**, KDO – abgesagt",
                      day, month, number);
        break;
    }
    lines.emplace_back(buffer);
  }
  return lines;
}

template <typename Work>
double median_seconds(int runs, Work work) {
  std::vector<double> times;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    work();
    times.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t count = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 200000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 7;
  const auto lines = generate(count);
  const itkal::OrganizerDirectory directory =
      itkal::OrganizerDirectory::load(std::string(ITKAL_SOURCE_DIR) + "/feeds/organizers.json");
  const itkal::EntryParser parser(directory, boost::gregorian::date(2026, 4, 15));

  for (std::size_t i = 0; i < lines.size(); ++i) {
    const itkal::EntryParse parse = parser.parse(lines[i], i + 1);
    if (parse.kind != itkal::EntryParse::Kind::entry || !parse.warnings.empty()) {
      std::fprintf(stderr, "extract_bench: generated line is not a clean entry: %s\n",
                   lines[i].c_str());
      return 1;
    }
  }

  std::size_t entries = 0;
  const double itkal_seconds = median_seconds(runs, [&] {
    entries = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      entries += parser.parse(lines[i], i + 1).kind == itkal::EntryParse::Kind::entry ? 1 : 0;
    }
  });
  const std::regex leading_date(
      R"(^\s*(?:[A-Z][a-z]+\.?,?\s*)?(\d{1,2})\.\s*(\d{1,2})\.(\d{2,4})?)");
  std::size_t matched = 0;
  const double regex_seconds = median_seconds(runs, [&] {
    matched = 0;
    std::smatch match;
    for (const auto& line : lines) matched += std::regex_search(line, match, leading_date) ? 1 : 0;
  });
  std::printf("lines: %zu, runs: %d (medians)\n", lines.size(), runs);
  std::printf("itkal EntryParser (full entry):   %.3f s  %10.0f entries/s  (%zu entries)\n",
              itkal_seconds, static_cast<double>(lines.size()) / itkal_seconds, entries);
  std::printf("peer std::regex (leading date only): %.3f s  %10.0f lines/s  (%zu matched)\n",
              regex_seconds, static_cast<double>(lines.size()) / regex_seconds, matched);
  std::printf("ratio itkal/peer throughput: %.2f\n", regex_seconds / itkal_seconds);
  return 0;
}

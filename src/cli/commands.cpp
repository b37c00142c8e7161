#include "cli/commands.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <filesystem>
#include <iostream>

#include "itkal/config/config_search.hpp"
#include "itkal/model/organizer_directory.hpp"
#include "itkal/read/newsletter_reader.hpp"

namespace itkal::cli {

Poco::AutoPtr<Poco::Util::Application> make_extract_command();
Poco::AutoPtr<Poco::Util::Application> make_build_command();
Poco::AutoPtr<Poco::Util::Application> make_ics_command();
Poco::AutoPtr<Poco::Util::Application> make_serve_command();
Poco::AutoPtr<Poco::Util::Application> make_fetch_command();

Poco::AutoPtr<Poco::Util::Application> make_command(const std::string& name) {
  if (name == "extract") return make_extract_command();
  if (name == "build") return make_build_command();
  if (name == "ics") return make_ics_command();
  if (name == "serve") return make_serve_command();
  if (name == "fetch") return make_fetch_command();
  return nullptr;
}

std::string default_organizers_path() {
  for (const std::string& candidate :
       {std::string("feeds/organizers.json"), installed_organizers_path(),
        std::string(ITKAL_SOURCE_DIR) + "/feeds/organizers.json"}) {
    if (std::filesystem::exists(candidate)) return candidate;
  }
  return {};
}

std::optional<boost::gregorian::date> parse_issue_date_option(const std::string& command,
                                                              const std::string& text) {
  try {
    if (text.size() != 10) throw std::out_of_range("length");
    return boost::gregorian::from_simple_string(text);
  } catch (const std::exception&) {
    std::cerr << "itkal " << command << ": --issue-date '" << text
              << "' is not a date like 2026-04-15\n";
    return std::nullopt;
  }
}

namespace {

OrganizerDirectory load_directory(const std::string& organizers_option) {
  const std::string path =
      organizers_option.empty() ? default_organizers_path() : organizers_option;
  return path.empty() ? OrganizerDirectory() : OrganizerDirectory::load(path);
}

}  // namespace

Extraction extract_issue_file(const std::string& file, const std::string& organizers_option,
                              const ExtractOptions& options) {
  const OrganizerDirectory directory = load_directory(organizers_option);
  return extract_calendar(read_newsletter_file(file), directory, options);
}

Extraction stream_issue_file(const std::string& file, const std::string& organizers_option,
                             const ExtractOptions& options, ExtractionSink& sink) {
  const OrganizerDirectory directory = load_directory(organizers_option);
  return stream_calendar(read_newsletter_file(file), directory, options, sink);
}

}  // namespace itkal::cli

#pragma once

#include <Poco/Util/Application.h>

#include <Poco/AutoPtr.h>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <optional>

#include <memory>
#include <string>

#include "itkal/build/build_lock.hpp"
#include "itkal/config/config.hpp"
#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/fetch/source_fetcher.hpp"

namespace itkal::cli {

/// Exit codes (sysexits.h where one fits).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;       ///< the job ran and failed (build: nothing written)
inline constexpr int kExitSource = 2;        ///< a source cannot be read or has no calendar
inline constexpr int kExitUsage = 64;        ///< EX_USAGE: wrong options or arguments
inline constexpr int kExitSourceFailed = 4;  ///< built (or fetched), but a source failed
inline constexpr int kExitLocked = 75;       ///< EX_TEMPFAIL: another build runs; cron retries

/// The application for a sub-command, or nullptr when there is none of that name.
Poco::AutoPtr<Poco::Util::Application> make_command(const std::string& name);

/// The organizer directory file to use: feeds/organizers.json below the current folder, else the
/// installed one, else the one of the source tree itkal was built from.
std::string default_organizers_path();

/// Parses an --issue-date value; nullopt (after a message on stderr naming `command`) when it
/// is not a date like 2026-04-15.
std::optional<boost::gregorian::date> parse_issue_date_option(const std::string& command,
                                                              const std::string& text);

/// Reads one newsletter file and extracts its calendar with the organizer directory named by
/// `organizers_option` (or the default one). Throws std::runtime_error with a message.
Extraction extract_issue_file(const std::string& file, const std::string& organizers_option,
                              const ExtractOptions& options);

/// The same with the entries handed to `sink` as they are read (stream_calendar): the result
/// holds the head and the warnings, no entries.
Extraction stream_issue_file(const std::string& file, const std::string& organizers_option,
                             const ExtractOptions& options, ExtractionSink& sink);

/// Creates the output folder and takes its build lock (one build or fetch at a time); throws
/// BuildLockedError or BuildError.
std::unique_ptr<BuildLock> lock_output(const Config& config);

/// Prints one line per source on stdout (not when `quiet`), warnings and failures on stderr
/// ("warning: source imap …: failed: …"); true when a source failed.
bool print_fetch_report(const FetchReport& report, bool quiet);

}  // namespace itkal::cli

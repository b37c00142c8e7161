#include "itkal/build/feed_builder.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>
#include "itkal/text/sha1_engine.hpp"

#include <atomic>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <exception>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <streambuf>
#include <system_error>
#include <thread>

#include "itkal/aggregate/aggregator.hpp"
#include "itkal/aggregate/external_merge.hpp"
#include "itkal/build/build_lock.hpp"
#include "itkal/build/feed_plan.hpp"
#include "itkal/build/feed_window.hpp"
#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/fetch/ics_source.hpp"
#include "itkal/fetch/source_store.hpp"
#include "itkal/formats/build_manifest.hpp"
#include "itkal/formats/corrections.hpp"
#include "itkal/formats/events_json.hpp"
#include "itkal/formats/extraction_json.hpp"
#include "itkal/formats/extraction_state.hpp"
#include "itkal/formats/review_report.hpp"
#include "itkal/ical/ical_writer.hpp"
#include "itkal/model/organizer_directory.hpp"
#include "itkal/read/ics_feed_reader.hpp"
#include "itkal/read/newsletter_reader.hpp"
#include "itkal/text/iso_date.hpp"
#include "itkal/text/json_writer.hpp"
#include "itkal/text/staged_files.hpp"
#include "itkal/text/usable_cpus.hpp"

namespace itkal {
namespace fs = std::filesystem;

namespace {

/// Google drops feeds beyond about 1 MB or 1,000 events (DESIGN.md): warn before that.
constexpr std::size_t kLargeFeedBytes = 900 * 1024;
constexpr std::size_t kLargeFeedEvents = 900;

// --- last good reading of each source, for --keep-going ------------------------------------

std::string state_path(const Config& config, const std::string& source) {
  return (fs::path(config.output) / ".state" / (source + ".json")).string();
}

// --- reading the inbox ---------------------------------------------------------------------

std::vector<std::string> inbox_files(const Config& config) {
  std::vector<std::string> files;
  std::vector<std::string> folders;
  try {
    folders = issue_folders(config);
  } catch (const SourceFolderError& error) {
    throw BuildError(error.what());
  }
  for (const std::string& folder : folders) {
    std::error_code error;
    const std::size_t first = files.size();
    for (const auto& item : fs::directory_iterator(folder, error)) {
      const std::string name = item.path().filename().string();
      if (name.starts_with(".") || name.ends_with("~")) continue;  // editor and mail-rule leftovers
      if (item.is_regular_file(error)) files.push_back(item.path().string());
    }
    if (error) throw BuildError("cannot list inbox '" + folder + "': " + error.message());
    std::sort(files.begin() + static_cast<std::ptrdiff_t>(first), files.end());
  }
  return files;
}

/// Output file of a planned feed: the all-feed, an organizer's, or a named one.
std::string feed_file(const FeedSpec& spec, const FeedPlanOptions& plan_options) {
  if (spec.slug == plan_options.all_slug) return "calendar.ics";
  for (const auto& named : plan_options.named) {
    if (named.slug == spec.slug) return spec.slug + ".ics";
  }
  return "organizers/" + spec.slug + ".ics";
}

FeedFilter filter_from_query(const std::string& query, const std::string& feed) {
  std::vector<std::pair<std::string, std::string>> params;
  std::stringstream stream(query);
  std::string pair;
  while (std::getline(stream, pair, '&')) {
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    std::string name;
    std::string value;
    Poco::URI::decode(pair.substr(0, equals), name);
    if (equals != std::string::npos) Poco::URI::decode(pair.substr(equals + 1), value);
    params.emplace_back(name, value);
  }
  FeedFilterParse parse = parse_feed_filter(params);
  if (!parse.ok()) throw BuildError("named feed '" + feed + "': " + parse.error);
  return parse.filter;
}

/// How far ahead a recurring external event is expanded: the year the newsletters' calendars
/// look ahead, and what a subscriber expects to see of a series.
constexpr int kExternalHorizonDays = 366;

/// The events of every ics source's last good copy. Recurrences are expanded from the feed
/// window's start (a year back when the window keeps everything) to kExternalHorizonDays ahead.
std::vector<Event> read_external_calendars(const Config& config, boost::gregorian::date today,
                                           const FeedWindow& window, BuildReport& report) {
  std::vector<Event> events;
  for (const SourceConfig& source : config.sources) {
    if (source.type != SourceType::ics) continue;
    const std::string name = source.name.empty() ? source.label() : source.name;
    const std::optional<std::string> copy = stored_ics(config, source);
    if (!copy) {
      report.warnings.push_back(
          {name, {0, "", "no good copy has been fetched yet; its events are missing"}});
      continue;
    }
    IcsFeedOptions options;
    options.id_namespace = source.key();
    options.organizer = source.organizer;
    options.name = name;
    options.expand_from = window.start.value_or(today - boost::gregorian::days(366));
    options.expand_to = today + boost::gregorian::days(kExternalHorizonDays);
    try {
      IcsFeedReading reading = read_ics_feed(*copy, options);
      for (auto& warning : reading.warnings) report.warnings.push_back({name, std::move(warning)});
      std::move(reading.events.begin(), reading.events.end(), std::back_inserter(events));
      ++report.sources_read;
    } catch (const IcsError& error) {
      report.warnings.push_back({name, {error.line(), "", error.what()}});
    }
  }
  return events;
}

/// An issue read and extracted, or why it could not be.
struct IssueReading {
  Extraction extraction;
  std::exception_ptr failure;
};

IssueReading read_issue(const std::string& file, const Config& config,
                        const OrganizerDirectory& directory) {
  IssueReading reading;
  try {
    ExtractOptions options;
    options.section = config.section;
    const auto given = config.issue_dates.find(fs::path(file).filename().string());
    if (given != config.issue_dates.end()) options.issue_date = given->second;
    reading.extraction = extract_calendar(read_newsletter_file(file), directory, options);
  } catch (...) {
    reading.failure = std::current_exception();
  }
  return reading;
}

/// Every file read and extracted, on one thread per core (an issue is read on its own); each
/// reading in its file's place, so that what follows does not depend on the threads.
std::vector<IssueReading> read_issues(const std::vector<std::string>& files, const Config& config,
                                      const OrganizerDirectory& directory) {
  std::vector<IssueReading> readings(files.size());
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      readings[i] = read_issue(files[i], config, directory);
    }
  };
  constexpr std::size_t kIssuesPerThread = 64;
  const std::size_t threads =
      std::min<std::size_t>({usable_cpus(), 4, files.size() / kIssuesPerThread + 1});
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < threads; ++t) {
    try {
      helpers.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no thread to be had: fewer threads
    }
  }
  work();
  for (auto& helper : helpers) helper.join();
  return readings;
}

/// The last good reading of each source read now (.state/), a cache for --keep-going: made and
/// written to temporary files on a thread of their own while the feeds are made (12,000 issues
/// are 12,000 files to create), renamed into place by commit(). No fsync for each of them
/// (1,200 issues would cost seconds); a reading lost in a power cut is only read again.
class StateFiles {
 public:
  StateFiles(const Config& config, const std::vector<Extraction>& extractions,
             const std::map<std::string, std::size_t>& fresh)
      : config_(config), extractions_(extractions), fresh_(fresh) {
    try {
      thread_ = std::thread([this] { stage_all(); });
    } catch (const std::system_error&) {
      // no thread to be had: staged by commit()
    }
  }
  ~StateFiles() { join(); }  // the uncommitted temporary files go with staged_
  StateFiles(const StateFiles&) = delete;
  StateFiles& operator=(const StateFiles&) = delete;

  /// Renames the files staged, in the order of their sources; then throws what stopped the
  /// staging, if anything did.
  void commit() {
    if (thread_.joinable()) {
      join();
    } else {
      stage_all();
    }
    staged_.commit();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  void stage_all() {
    try {
      for (const auto& [source, index] : fresh_) {
        staged_.stage(state_path(config_, source), extraction_to_state(extractions_[index]));
      }
    } catch (...) {
      failure_ = std::current_exception();
    }
  }
  void join() {
    if (thread_.joinable()) thread_.join();
  }

  const Config& config_;
  const std::vector<Extraction>& extractions_;
  const std::map<std::string, std::size_t>& fresh_;
  StagedFiles staged_{false};
  std::exception_ptr failure_;
  std::thread thread_;
};

/// A stream whose bytes are digested and written to another in chunks of 64 KB: SHA-1 and the
/// file stream both take a piece of a few hundred bytes (a VEVENT, Poco's 256-byte digest
/// buffer) at a much higher cost per byte than a large one.
class DigestingStreamBuf : public std::streambuf {
 public:
  DigestingStreamBuf(Poco::DigestEngine& digest, std::ostream& out)
      : digest_(digest), out_(out), buffer_(kChunkBytes) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }

 protected:
  int_type overflow(int_type c) override {
    if (sync() != 0) return traits_type::eof();
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
    return c;
  }
  int sync() override {
    const std::size_t size = static_cast<std::size_t>(pptr() - pbase());
    digest_.update(pbase(), size);
    out_.write(pbase(), static_cast<std::streamsize>(size));
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return out_ ? 0 : -1;
  }

 private:
  static constexpr std::size_t kChunkBytes = 64 * 1024;
  Poco::DigestEngine& digest_;
  std::ostream& out_;
  std::vector<char> buffer_;
};

}  // namespace

namespace {

/// review.json and review.html beside the feeds: what a person should look at, new items marked.
void write_review(const Config& config, const std::vector<Extraction>& extractions,
                  const Aggregation& aggregation, BuildReport& report) {
  ReviewInput input;
  for (const auto& extraction : extractions) input.extractions.push_back(&extraction);
  input.aggregation = &aggregation;
  for (const auto& [source, warning] : report.warnings)
    input.warnings.emplace_back(source, warning);
  input.skipped = report.skipped;
  input.corrections_applied = report.corrections_applied;
  input.oversized_feeds = report.oversized_feeds;
  std::vector<ReviewItem> items = collect_review_items(input);
  const fs::path json_path = fs::path(config.output) / "review.json";
  report.new_review_items =
      mark_new_review_items(items, read_whole_file(json_path.string()).value_or(""));
  report.review_items = items.size();
  for (const auto& item : items) {
    if (!item.is_new) continue;
    std::string note = item.source;
    if (item.line) note += ":" + std::to_string(item.line);
    note += ": " + item.why;
    if (!item.text.empty()) note += ": " + item.text;
    report.new_review_notes.push_back(std::move(note));
  }
  write_file_atomically(json_path.string(), review_to_json(items));
  write_file_atomically((fs::path(config.output) / "review.html").string(),
                        review_to_html(items, config.calendar_name));
}

}  // namespace

std::string BuildReport::summary() const {
  std::ostringstream out;
  out << "itkal build: " << sources_read << " sources read";
  if (!skipped.empty()) out << " (" << skipped.size() << " skipped)";
  out << ", " << events << " events (" << undated << " undated entries), " << new_events << " new, "
      << changed_events << " changed, " << cancelled_events << " cancelled, " << warnings.size()
      << " warnings; " << feeds_written << " files written, " << feeds_unchanged << " unchanged";
  out << "; " << review_items << " review items (" << new_review_items << " new)";
  if (!corrections_applied.empty())
    out << "; " << corrections_applied.size() << " corrections applied";
  if (events_before_window > 0) {
    out << "; " << events_before_window << " past events left out of the feeds (feed_past_days)";
  }
  for (const auto& feed : oversized_feeds) {
    out << "; " << feed << " is over Google Calendar's limit (~1 MB or 1,000 events)";
  }
  return out.str();
}

BuildReport build_feeds(const Config& config, const BuildOptions& options) {
  std::error_code error;
  fs::create_directories(config.output, error);
  if (error)
    throw BuildError("cannot create output folder '" + config.output + "': " + error.message());
  std::optional<BuildLock> lock;
  if (!options.caller_holds_lock) lock.emplace(build_lock_path(config));

  OrganizerDirectory directory;
  try {
    directory = OrganizerDirectory::load(config.organizers);
  } catch (const std::runtime_error& failure) {
    throw BuildError(failure.what());
  }
  // Read before anything else: a broken corrections file stops the build with the old feeds.
  const std::vector<Correction> corrections = load_corrections(config.corrections);

  BuildReport report;
  std::vector<Extraction> extractions;
  // Sources read now (not from a last good reading): the index of each name's last extraction.
  // Their state is written after the build, made then instead of held meanwhile.
  std::map<std::string, std::size_t> fresh;
  const std::vector<std::string> files = inbox_files(config);
  std::vector<IssueReading> readings = read_issues(files, config, directory);
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string source = fs::path(files[i]).filename().string();
    try {
      if (readings[i].failure) std::rethrow_exception(readings[i].failure);
      Extraction& extraction = readings[i].extraction;
      for (const auto& warning : extraction.warnings) report.warnings.push_back({source, warning});
      fresh[source] = extractions.size();
      extractions.push_back(std::move(extraction));
      ++report.sources_read;
    } catch (const std::runtime_error& failure) {
      if (!options.keep_going) throw BuildError(failure.what());
      std::string note = source + ": " + failure.what();
      if (auto previous =
              extraction_from_state(read_whole_file(state_path(config, source)).value_or(""))) {
        note += "; its last good reading is used";
        extractions.push_back(std::move(*previous));
      }
      report.skipped.push_back(note);
    }
  }
  readings = {};
  // Written while the feeds are made, put in place after them (as one file each was before).
  StateFiles state_files(config, extractions, fresh);

  Aggregation aggregation = aggregate(extractions);
  const std::string events_path = (fs::path(config.output) / "events.json").string();
  std::map<std::string, const Event*> previous_by_id;
  Aggregation previous;
  if (fs::exists(events_path)) {
    try {
      previous = aggregation_from_json(read_whole_file(events_path).value_or(""), events_path);
      for (const auto& event : previous.events) previous_by_id[event.id] = &event;
    } catch (const std::runtime_error&) {
      // An unreadable previous events.json only affects the new/changed counts and the versions
      // of external events.
    }
  }
  const boost::gregorian::date today =
      options.today.value_or(boost::gregorian::day_clock::local_day());
  const FeedWindow window = FeedWindow::of(today, config.feed_past_days);
  const ExternalMergeState merge_state{today, previous_by_id};
  const std::set<std::string> external_ids = merge_external_events(
      aggregation, read_external_calendars(config, today, window, report), merge_state);
  CorrectionOutcome corrected = apply_corrections(aggregation, corrections);
  version_external_events(aggregation.events, external_ids, merge_state);
  for (const auto& unmatched : corrected.unmatched) {
    report.warnings.push_back(
        {fs::path(config.corrections).filename().string(), {0, "", "correction for " + unmatched}});
  }
  report.corrections_applied = std::move(corrected.applied);
  report.corrections_unmatched = std::move(corrected.unmatched);
  report.events = aggregation.events.size();
  report.undated = aggregation.undated.size();

  for (const Event& event : aggregation.events) {
    const auto before = previous_by_id.find(event.id);
    const bool is_new = before == previous_by_id.end();
    if (is_new) ++report.new_events;
    if (!is_new && before->second->sequence != event.sequence) ++report.changed_events;
    if (event.status == EntryStatus::cancelled &&
        (is_new || before->second->status != EntryStatus::cancelled)) {
      ++report.cancelled_events;
    }
  }

  FeedPlanOptions plan_options;
  plan_options.name = config.calendar_name;
  for (const auto& named : config.named_feeds) {
    plan_options.named.push_back(
        {named.name.empty() ? config.calendar_name + " – " + named.slug : named.name, named.slug,
         filter_from_query(named.filter, named.slug)});
  }
  const FeedPlan plan = plan_feeds(aggregation.events, directory, plan_options);
  for (const auto& warning : plan.warnings)
    report.warnings.push_back({"itkal.json", {0, "", warning}});

  FeedOptions feed_options;
  feed_options.uid_domain = config.uid_domain;
  feed_options.description = config.calendar_description;
  feed_options.refresh_interval = std::chrono::minutes(config.refresh_hours * 60);
  // A copy only when the window leaves events out: 65,000 events are tens of megabytes.
  std::vector<Event> windowed;
  const bool window_drops = !std::all_of(aggregation.events.begin(), aggregation.events.end(),
                                         [&](const Event& event) { return window.keeps(event); });
  if (window_drops) windowed = window.apply(aggregation.events);
  const std::vector<Event>& feed_events = window_drops ? windowed : aggregation.events;
  report.events_before_window = aggregation.events.size() - feed_events.size();

  // Everything is rendered before any file is replaced: a failure leaves the old feeds whole.
  // Each feed goes to its temporary file in pieces as it is assembled, never held whole; the
  // generation is the digest of all files in order, taken of the same pieces as they are written.
  StagedFiles staged;
  Sha1Engine generation;
  BuildManifest manifest;
  {
    const RenderedEvents rendered(feed_events, config.uid_domain);
    for (const FeedSpec& spec : plan.feeds) {
      FeedOptions options_for_feed = feed_options;
      options_for_feed.name = spec.name;
      const FeedMatcher matcher(spec.filter, directory);
      const std::string file = feed_file(spec, plan_options);
      std::size_t size = 0;
      const bool written =
          staged.stage((fs::path(config.output) / file).string(), [&](std::ostream& out) {
            DigestingStreamBuf digesting_buffer(generation, out);
            std::ostream digesting(&digesting_buffer);
            size = write_feed(rendered, matcher, options_for_feed, [&](std::string_view bytes) {
              digesting.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
            });
            digesting.flush();
          });
      ++(written ? report.feeds_written : report.feeds_unchanged);
      std::size_t count = 0;
      for (const auto& event : feed_events) count += matcher.matches(event) ? 1 : 0;
      if (size > kLargeFeedBytes || count > kLargeFeedEvents) {
        report.warnings.push_back(
            {file,
             {0, "",
              "feed has " + std::to_string(count) + " events and " + std::to_string(size) +
                  " bytes; Google Calendar drops feeds near 1 MB or "
                  "1,000 events"}});
        report.oversized_feeds.push_back(file + " (" + std::to_string(count) + " events, " +
                                         std::to_string(size) + " bytes)");
      }
      std::optional<std::string> organizer;
      if (file.starts_with("organizers/") && !spec.filter.organizers.empty()) {
        organizer = spec.filter.organizers.front();
      }
      manifest.feeds.push_back({file, spec.name, organizer, count});
    }
  }  // the rendered VEVENTs are no longer needed
  windowed = {};
  const bool events_written = staged.stage(events_path, [&](std::ostream& out) {
    DigestingStreamBuf digesting_buffer(generation, out);
    std::ostream digesting(&digesting_buffer);
    write_aggregation_json(aggregation, digesting);
    digesting.flush();
  });
  ++(events_written ? report.feeds_written : report.feeds_unchanged);

  for (const auto& extraction : extractions) {
    if (manifest.last_issue_date.empty() ||
        iso_date(extraction.issue_date) > manifest.last_issue_date)
      manifest.last_issue_date = iso_date(extraction.issue_date);
    manifest.sources.push_back(extraction.source);
  }
  std::sort(manifest.sources.begin(), manifest.sources.end());
  manifest.generation = Poco::DigestEngine::digestToHex(generation.digest());
  manifest.calendar_name = config.calendar_name;
  manifest.event_count = aggregation.events.size();
  manifest.undated_count = aggregation.undated.size();
  manifest.refresh_hours = config.refresh_hours;
  // The server leaves the same past events out of the feeds it filters on demand.
  manifest.feed_window_start = window.start;

  staged.commit();
  // The manifest goes last: a server that sees a new manifest finds every file it names.
  if (write_file_atomically((fs::path(config.output) / "manifest.json").string(),
                            build_manifest_to_json(manifest))) {
    ++report.feeds_written;
  } else {
    ++report.feeds_unchanged;
  }
  write_review(config, extractions, aggregation, report);
  state_files.commit();
  return report;
}

}  // namespace itkal

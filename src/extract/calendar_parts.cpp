#include "calendar_parts.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "itkal/extract/entry_parser.hpp"
#include "itkal/text/iso_date.hpp"

namespace itkal::extract_detail {
namespace {

/// What makes two announcements the same event: title, place and every occurrence.
std::string event_key(const Entry& entry) {
  std::string key = entry.title + '\x1f' + entry.location.value_or("");
  for (const Occurrence& occurrence : entry.occurrences) {
    key += '\x1f' + iso_date(occurrence.start_date) + iso_date(occurrence.end_date);
    if (occurrence.start_time) key += occurrence.start_time->to_string();
    key += '-';
    if (occurrence.end_time) key += occurrence.end_time->to_string();
  }
  return key;
}

void append(std::vector<Warning>& to, std::vector<Warning>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

/// One part of the calendar, read on its own.
struct Part {
  std::unique_ptr<ExtractionSink> sink;
  EntryYield yield;
  EntryRun run;
  bool done = false;
};

/// Parts read ahead of the one joined next, per thread: bounds what waits in memory.
constexpr std::size_t kPartsAheadPerThread = 2;

/// Reads the parts on several threads; whichever thread finishes the part joined next joins it
/// and the finished ones after it, so the sink sees them in order.
class PartReader {
 public:
  PartReader(const CalendarContext& context, std::span<const std::size_t> starts, unsigned threads,
             ExtractionSink& sink, EntryYield& yield)
      : context_(context),
        starts_(starts),
        parts_(starts.size()),
        ahead_(kPartsAheadPerThread * threads),
        sink_(sink),
        yield_(yield) {}

  /// Reads every part; returns where the reading of the whole calendar stopped.
  EntryRun run(unsigned threads) {
    std::vector<std::jthread> helpers;
    for (unsigned i = 1; i < threads; ++i) helpers.emplace_back([this] { work(); });
    work();
    for (auto& helper : helpers) helper.join();
    if (error_) std::rethrow_exception(error_);
    return last_run_;
  }

 private:
  void work() {
    std::unique_lock lock(mutex_);
    for (;;) {
      changed_.wait(lock, [&] {
        return finished_ || next_start_ < std::min(parts_.size(), next_join_ + ahead_);
      });
      if (finished_) return;
      const std::size_t index = next_start_++;
      Part& part = parts_[index];
      part.sink = fresh_sink();
      lock.unlock();
      try {
        std::set<std::string> announced;
        part.run = read(index, announced, *part.sink, part.yield);
        lock.lock();
        part.done = true;
        if (index < next_join_) part = Part{};  // a part before it read on past its start
        join_finished();
      } catch (...) {
        if (!lock.owns_lock()) lock.lock();
        error_ = std::current_exception();
        finished_ = true;
      }
      changed_.notify_all();
    }
  }

  EntryRun read(std::size_t index, std::set<std::string>& announced, ExtractionSink& sink,
                EntryYield& yield) const {
    return read_entries(context_, starts_[index], starts_.subspan(index + 1), announced, sink,
                        yield);
  }

  /// Joins the finished parts from the next one on; the lock is held.
  void join_finished() {
    while (!finished_ && parts_[next_join_].done) {
      Part& part = parts_[next_join_];
      if (std::any_of(part.yield.labelled.begin(), part.yield.labelled.end(),
                      [&](const std::string& key) { return announced_.contains(key); })) {
        // It kept an event announced in a part before: read again, knowing those.
        part.yield = {};
        part.sink = fresh_sink();
        part.run = read(next_join_, announced_, *part.sink, part.yield);
      } else {
        announced_.insert(part.yield.labelled.begin(), part.yield.labelled.end());
      }
      sink_.join(*part.sink);
      append(yield_.warnings, part.yield.warnings);
      append(yield_.implausible, part.yield.implausible);
      last_run_ = part.run;
      next_join_ = next_part(part.run);
      spare_sinks_.push_back(std::move(part.sink));
      part = Part{};
      next_start_ = std::max(next_start_, next_join_);
      finished_ = next_join_ == parts_.size();
    }
  }

  /// A sink for a part: one a part joined before left empty (its memory is warm), or a new one.
  /// The lock is held.
  std::unique_ptr<ExtractionSink> fresh_sink() {
    if (spare_sinks_.empty()) return sink_.part();
    std::unique_ptr<ExtractionSink> sink = std::move(spare_sinks_.back());
    spare_sinks_.pop_back();
    return sink;
  }

  /// The part a reading that ended with `run` goes on with: the one that starts where it
  /// stopped (a later one than the next when it read past that one's start), or none.
  [[nodiscard]] std::size_t next_part(const EntryRun& run) const {
    if (run.calendar_ended || run.end >= context_.text.lines.size()) return parts_.size();
    return static_cast<std::size_t>(std::lower_bound(starts_.begin(), starts_.end(), run.end) -
                                    starts_.begin());
  }

  const CalendarContext& context_;
  std::span<const std::size_t> starts_;
  std::vector<Part> parts_;
  const std::size_t ahead_;
  ExtractionSink& sink_;
  EntryYield& yield_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t next_start_ = 0;
  std::size_t next_join_ = 0;
  bool finished_ = false;
  std::exception_ptr error_;
  std::set<std::string> announced_;  ///< by the parts joined
  EntryRun last_run_;                ///< of the part joined last
  std::vector<std::unique_ptr<ExtractionSink>> spare_sinks_;
};

}  // namespace

EntryRun read_entries(const CalendarContext& context, std::size_t first,
                      std::span<const std::size_t> stops, std::set<std::string>& announced,
                      ExtractionSink& sink, EntryYield& yield, bool banner) {
  const EntryParser& parser = context.parser;
  return read_calendar_run(
      context.text, first, stops, context.options, parser,
      [&](EntryBlock&& block) {
        // Read where it lies: an entry is not moved once more on its way to the sink.
        if (!block.parsed) block.parsed = parser.parse(block.text, block.line);
        EntryParse& parsed = *block.parsed;
        switch (parsed.kind) {
          case EntryParse::Kind::entry:
            if (block.labelled) {
              std::string key = event_key(parsed.entry);
              if (announced.contains(key)) break;
              announced.insert(key);
              yield.labelled.push_back(std::move(key));
            }
            append(yield.warnings, parsed.warnings);
            if (auto warning = issue_date_plausibility_warning(parsed.entry, context.issue_date)) {
              yield.implausible.push_back(std::move(*warning));
            }
            sink.entry(std::move(parsed.entry));
            break;
          case EntryParse::Kind::warning:
            yield.warnings.push_back(std::move(parsed.warning));
            break;
          case EntryParse::Kind::not_an_entry:
            break;  // a month sub-heading such as "Mai 2026"
        }
      },
      banner);
}

EntryRun read_entries_in_parts(const CalendarContext& context, std::span<const std::size_t> starts,
                               unsigned threads, ExtractionSink& sink, EntryYield& yield) {
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, starts.size()));
  return PartReader(context, starts, std::max(threads, 1u), sink, yield).run(std::max(threads, 1u));
}

}  // namespace itkal::extract_detail
